/*
 * zone_data - suite zonedata as dns-server.sh DATA lines; see zone_data.h.
 */
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "tests/lib/zone_data.h"

#define TTL 300

/* safe - an octet written as itself inside a quoted string */
static int safe(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
	    || (c >= '0' && c <= '9') || (c != '\0' && strchr(" :=.-_/+%{}!,~?*@^&|<>[]", c));
}

/* put_string - one character-string of at most 255 octets, quoted */
static void put_string(FILE *out, const unsigned char *s, size_t len)
{
	size_t i;

	fputs(" \"", out);
	for (i = 0; i < len; i++)
		if (safe(s[i]))
			fputc(s[i], out);
		else
			fprintf(out, "\\%03u", s[i]);
	fputc('"', out);
}

/* put_value - a JSON string cut into strings of at most 255 octets */
static void put_value(FILE *out, const json_t *v)
{
	const unsigned char *s = (const unsigned char *) json_string_value(v);
	size_t len = json_string_length(v), cut;

	if (len == 0) {
		put_string(out, s, 0);
		return;
	}
	for (; len > 0; s += cut, len -= cut) {
		cut = len > 255 ? 255 : len;
		put_string(out, s, cut);
	}
}

/* name_char - an octet written as itself in a name */
static int name_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
	    || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'
	    || c == '*';
}

/* put_dname - NAME in presentation form, absolute (one trailing dot),
 * other octets as \DDD; LEAD is written before it */
static void put_dname(FILE *out, const char *lead, const char *name)
{
	const unsigned char *p = (const unsigned char *) name;
	size_t len = strlen(name);

	fputs(lead, out);
	if (len > 0 && name[len - 1] == '.')
		len--;
	for (; len > 0; p++, len--)
		if (name_char(*p))
			fputc(*p, out);
		else
			fprintf(out, "\\%03u", *p);
	fputc('.', out);
}

/* put_owner - "NAME TTL IN TYPE", the start of a record line */
static void put_owner(FILE *out, const char *name, const char *type)
{
	put_dname(out, "", name);
	fprintf(out, " %d IN %s", TTL, type);
}

/* put_txt - a TXT record from a string or a list of strings */
static int put_txt(FILE *out, const char *name, const json_t *v)
{
	const json_t *s;
	size_t i;

	if (json_is_array(v) && json_array_size(v) == 0) {
		put_owner(out, name, "TYPE16 \\# 0\n");
		return 0;
	}
	if (json_is_string(v))
		v = json_pack("[O]", v);
	else if (json_is_array(v))
		json_incref((json_t *) v);
	else
		return -1;
	put_owner(out, name, "TXT");
	json_array_foreach(v, i, s)
		if (json_is_string(s))
			put_value(out, s);
	fputc('\n', out);
	json_decref((json_t *) v);
	return 0;
}

/* is_none - "NONE", the suites' "no record of this type" */
static int is_none(const json_t *v)
{
	return json_is_string(v) && strcmp(json_string_value(v), "NONE") == 0;
}

/* put_entry - one {TYPE: value}; *DATA counts records written. SPF
 * entries are written only when AS_TXT (the name has no TXT entry). */
static int put_entry(FILE *out, const char *name, const char *key,
		     const json_t *v, int as_txt, int *data)
{
	if (is_none(v))
		return 0;
	if (json_is_string(v) && strcmp(json_string_value(v), "TIMEOUT") == 0)
		return -1;              /* a per-type timeout: not servable */
	if (strcmp(key, "TXT") == 0 || (strcmp(key, "SPF") == 0 && as_txt)) {
		(*data)++;
		return put_txt(out, name, v);
	}
	if (strcmp(key, "SPF") == 0)
		return 0;
	if ((strcmp(key, "A") == 0 || strcmp(key, "AAAA") == 0) && json_is_string(v)) {
		put_owner(out, name, key);
		fprintf(out, " %s", json_string_value(v));
	} else if ((strcmp(key, "PTR") == 0 || strcmp(key, "CNAME") == 0)
		   && json_is_string(v)) {
		put_owner(out, name, key);
		put_dname(out, " ", json_string_value(v));
	} else if (strcmp(key, "MX") == 0 && json_array_size(v) == 2
		   && json_is_integer(json_array_get(v, 0))
		   && json_is_string(json_array_get(v, 1))) {
		put_owner(out, name, "MX");
		fprintf(out, " %d", (int) json_integer_value(json_array_get(v, 0)));
		put_dname(out, " ", json_string_value(json_array_get(v, 1)));
	} else
		return -1;
	fputc('\n', out);
	(*data)++;
	return 0;
}

/* has_key - some entry of LIST is {KEY: ...} (TIMEOUT: the bare word) */
static int has_key(const json_t *list, const char *key)
{
	const json_t *item;
	size_t i;

	json_array_foreach(list, i, item)
		if (json_is_string(item) ? strcmp(json_string_value(item), key) == 0
		    : json_object_get(item, key) != NULL)
			return 1;
	return 0;
}

/* below - NAME lies strictly under PARENT (both without trailing dots) */
static int below(const char *name, const char *parent)
{
	size_t n = strlen(name), p = strlen(parent);

	return n > p + 1 && name[n - p - 1] == '.'
	    && strcasecmp(name + n - p, parent) == 0;
}

/* below_timeout - NAME is under some TIMEOUT name of ZONEDATA */
static int below_timeout(const json_t *zonedata, const char *name)
{
	const char *other;
	json_t *list;

	json_object_foreach((json_t *) zonedata, other, list)
		if (has_key(list, "TIMEOUT") && below(name, other))
			return 1;
	return 0;
}

/* put_name - the records of one name, then its zone line if it needs one */
static int put_name(FILE *out, const json_t *zonedata, const char *name,
		    const json_t *list, char *err, size_t errlen)
{
	int as_txt = !has_key(list, "TXT"), data = 0;
	const json_t *item, *v;
	const char *key;
	size_t i;

	json_array_foreach(list, i, item) {
		if (json_is_string(item)
		    && strcmp(json_string_value(item), "TIMEOUT") == 0)
			continue;
		if (!json_is_object(item) || json_object_size(item) != 1)
			goto bad;
		json_object_foreach((json_t *) item, key, v)
			if (put_entry(out, name, key, v, as_txt, &data) < 0)
				goto bad;
	}
	if (has_key(list, "TIMEOUT"))
		put_dname(out, "timeout ", name);
	else if (data == 0 || below_timeout(zonedata, name))
		put_dname(out, "zone ", name);      /* exists; NODATA */
	else
		return 0;
	fputc('\n', out);
	return 0;
bad:
	snprintf(err, errlen, "%s: entry %zu cannot be served by dns-server.sh",
		 name, i);
	return -1;
}

/* zone_data_write - the records, then the root as a static zone */
int zone_data_write(const json_t *zonedata, FILE *out, char *err,
		    size_t errlen)
{
	const char *name;
	json_t *list;

	if (!json_is_object(zonedata)) {
		snprintf(err, errlen, "zonedata is not an object");
		return -1;
	}
	json_object_foreach((json_t *) zonedata, name, list) {
		if (!json_is_array(list)) {
			snprintf(err, errlen, "%s: not a list", name);
			return -1;
		}
		if (put_name(out, zonedata, name, list, err, errlen) < 0)
			return -1;
	}
	fputs("zone .\n", out);
	return 0;
}
