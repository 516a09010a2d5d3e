/*
 * zone - in-process test zone; see zone.h.
 *
 * A flat array searched linearly: test zones hold a few hundred records,
 * and a simple store is easier to trust than a fast one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <jansson.h>

#include "policy/netaddr.h"
#include "tests/lib/zone.h"

#define CNAME_HOPS 8

enum zkind {
	Z_DATA,                     /* a record of TYPE */
	Z_STATUS,                   /* queries for TYPE get STATUS */
	Z_TIMEOUT,                  /* types without records time out */
	Z_NAME,                     /* the name exists */
};

struct zrec {
	char *name;
	enum zkind kind;
	enum dns_type type;
	enum dns_status status;
	unsigned short pref;
	unsigned char addr[16];
	char *target;               /* MX, PTR, CNAME */
	char *text;                 /* TXT */
	size_t textlen;
};

struct zone {
	struct zrec *r;
	size_t n, cap;
	unsigned long queries;
};

/* zone_new - an empty zone */
struct zone *zone_new(void)
{
	return calloc(1, sizeof(struct zone));
}

/* zone_free - every record, then the zone */
void zone_free(struct zone *z)
{
	size_t i;

	if (z == NULL)
		return;
	for (i = 0; i < z->n; i++) {
		free(z->r[i].name);
		free(z->r[i].target);
		free(z->r[i].text);
	}
	free(z->r);
	free(z);
}

/* zone_client - bind a dns_client to the zone */
void zone_client(struct zone *z, struct dns_client *c)
{
	c->query = zone_query;
	c->ctx = z;
}

/* zone_queries - queries answered so far */
unsigned long zone_queries(const struct zone *z)
{
	return z->queries;
}

/* canon - lower case, no trailing dot; NULL if out of memory */
static char *canon(const char *name)
{
	size_t n = strlen(name), i;
	char *s;

	if (n > 0 && name[n - 1] == '.')
		n--;
	if ((s = malloc(n + 1)) == NULL)
		return NULL;
	for (i = 0; i < n; i++)
		s[i] = (char) (name[i] >= 'A' && name[i] <= 'Z'
			       ? name[i] + ('a' - 'A') : name[i]);
	s[n] = '\0';
	return s;
}

/* add - append a record for NAME; the caller fills in the rest */
static struct zrec *add(struct zone *z, const char *name, enum zkind kind,
			enum dns_type type)
{
	struct zrec *r;
	size_t cap;

	if (z->n == z->cap) {
		cap = z->cap ? z->cap * 2 : 64;
		if ((r = realloc(z->r, cap * sizeof(*r))) == NULL)
			return NULL;
		z->r = r;
		z->cap = cap;
	}
	r = &z->r[z->n];
	memset(r, 0, sizeof(*r));
	if ((r->name = canon(name)) == NULL)
		return NULL;
	r->kind = kind;
	r->type = type;
	z->n++;
	return r;
}

/* zone_add_addr - A or AAAA, by the form of IP */
int zone_add_addr(struct zone *z, const char *name, const char *ip)
{
	struct netaddr a;
	struct zrec *r;

	if (netaddr_parse(ip, &a) != 0)
		return -1;
	r = add(z, name, Z_DATA, a.family == AF_INET ? DNS_T_A : DNS_T_AAAA);
	if (r == NULL)
		return -1;
	memcpy(r->addr, a.bytes, sizeof(r->addr));
	return 0;
}

/* add_target - MX, PTR and CNAME: a record holding a name */
static int add_target(struct zone *z, const char *name, enum dns_type type,
		      int pref, const char *target)
{
	struct zrec *r = add(z, name, Z_DATA, type);

	if (r == NULL || (r->target = canon(target)) == NULL)
		return -1;
	r->pref = (unsigned short) pref;
	return 0;
}

/* zone_add_mx - an MX record ("" is a null MX) */
int zone_add_mx(struct zone *z, const char *name, int pref, const char *host)
{
	return add_target(z, name, DNS_T_MX, pref, host);
}

/* zone_add_ptr - a PTR record */
int zone_add_ptr(struct zone *z, const char *name, const char *target)
{
	return add_target(z, name, DNS_T_PTR, 0, target);
}

/* zone_add_cname - a CNAME, chased by zone_query */
int zone_add_cname(struct zone *z, const char *name, const char *target)
{
	return add_target(z, name, DNS_T_CNAME, 0, target);
}

/* zone_add_txt - a TXT record of LEN octets (NULs allowed) */
int zone_add_txt(struct zone *z, const char *name, const char *text,
		 size_t len)
{
	struct zrec *r = add(z, name, Z_DATA, DNS_T_TXT);

	if (r == NULL || (r->text = malloc(len + 1)) == NULL)
		return -1;
	memcpy(r->text, text, len);
	r->text[len] = '\0';
	r->textlen = len;
	return 0;
}

/* zone_add_caa - a CAA record, held as policy/dns_rdata decodes one */
int zone_add_caa(struct zone *z, const char *name, int flags,
		 const char *tag, const char *value)
{
	struct zrec *r = add(z, name, Z_DATA, DNS_T_CAA);
	size_t len;

	if (r == NULL || flags < 0 || flags > 255)
		return -1;
	len = (size_t) snprintf(NULL, 0, "%d %s %s", flags, tag, value);
	if ((r->text = malloc(len + 1)) == NULL)
		return -1;
	snprintf(r->text, len + 1, "%d %s %s", flags, tag, value);
	r->textlen = len;
	return 0;
}

/* zone_add_status - a forced answer status for one type */
int zone_add_status(struct zone *z, const char *name, enum dns_type type,
		    enum dns_status st)
{
	struct zrec *r = add(z, name, Z_STATUS, type);

	if (r == NULL)
		return -1;
	r->status = st;
	return 0;
}

/* zone_add_timeout - types without records time out */
int zone_add_timeout(struct zone *z, const char *name)
{
	return add(z, name, Z_TIMEOUT, DNS_T_A) ? 0 : -1;
}

/* zone_add_name - the name exists (NODATA rather than NXDOMAIN) */
int zone_add_name(struct zone *z, const char *name)
{
	return add(z, name, Z_NAME, DNS_T_A) ? 0 : -1;
}

/* find - the first record of NAME with KIND (and TYPE for data and
 * status records) */
static const struct zrec *find(const struct zone *z, const char *name,
			       enum zkind kind, enum dns_type type)
{
	size_t i;

	for (i = 0; i < z->n; i++)
		if (z->r[i].kind == kind && strcmp(z->r[i].name, name) == 0
		    && (kind == Z_TIMEOUT || kind == Z_NAME
			|| z->r[i].type == type))
			return &z->r[i];
	return NULL;
}

/* exists - any record at all under NAME */
static int exists(const struct zone *z, const char *name)
{
	size_t i;

	for (i = 0; i < z->n; i++)
		if (strcmp(z->r[i].name, name) == 0)
			return 1;
	return 0;
}

/* copy_rr - one answer record, as policy/resolver would decode it */
static int copy_rr(const struct zrec *r, struct dns_rr *rr)
{
	memset(rr, 0, sizeof(*rr));
	rr->type = r->type;
	rr->pref = r->pref;
	memcpy(rr->addr, r->addr, sizeof(rr->addr));
	if (r->target && (rr->name = strdup(r->target)) == NULL)
		return -1;
	if (r->text) {
		if ((rr->text = malloc(r->textlen + 1)) == NULL)
			return -1;
		memcpy(rr->text, r->text, r->textlen + 1);
		rr->textlen = r->textlen;
	}
	return 0;
}

/* answer - the records of NAME and TYPE, at most DNS_MAX_RR */
static int answer(const struct zone *z, const char *name, enum dns_type type,
		  struct dns_answer *out)
{
	size_t i, n = 0;

	for (i = 0; i < z->n; i++)
		if (z->r[i].kind == Z_DATA && z->r[i].type == type
		    && strcmp(z->r[i].name, name) == 0 && n < DNS_MAX_RR
		    && z->r[i].textlen <= DNS_MAX_TXT)
			n++;
	if (n == 0)
		return 0;
	if ((out->rr = calloc(n, sizeof(*out->rr))) == NULL)
		return -1;
	for (i = 0; i < z->n && out->count < n; i++) {
		if (z->r[i].kind != Z_DATA || z->r[i].type != type
		    || strcmp(z->r[i].name, name) != 0
		    || z->r[i].textlen > DNS_MAX_TXT)
			continue;
		if (copy_rr(&z->r[i], &out->rr[out->count++]) < 0)
			return -1;
	}
	out->status = DNS_OK;
	return 0;
}

/* zone_query - chase CNAMEs, then answer like a resolver */
int zone_query(void *ctx, const char *qname, enum dns_type type,
	       struct dns_answer *out)
{
	struct zone *z = ctx;
	const struct zrec *r;
	char *name, *next;
	int hops, rc = 0;

	z->queries++;
	memset(out, 0, sizeof(*out));
	if ((name = canon(qname)) == NULL)
		return -1;
	for (hops = 0; type != DNS_T_CNAME
	     && (r = find(z, name, Z_DATA, DNS_T_CNAME)) != NULL; hops++) {
		if (hops == CNAME_HOPS) {
			out->status = DNS_SERVFAIL;
			free(name);
			return 0;
		}
		if ((next = strdup(r->target)) == NULL) {
			free(name);
			return -1;
		}
		free(name);
		name = next;
	}
	if ((r = find(z, name, Z_STATUS, type)) != NULL)
		out->status = r->status;
	else if ((rc = answer(z, name, type, out)) < 0 || out->count > 0)
		;
	else if (find(z, name, Z_TIMEOUT, type))
		out->status = DNS_TIMEOUT;
	else
		out->status = exists(z, name) ? DNS_NODATA : DNS_NXDOMAIN;
	free(name);
	return rc;
}

/* json_text - a TXT/SPF value: one string, or strings to be joined */
static char *json_text(const json_t *v, size_t *len)
{
	size_t i, n = 0;
	char *s;

	if (json_is_string(v)) {
		n = json_string_length(v);
		if ((s = malloc(n + 1)) != NULL) {
			memcpy(s, json_string_value(v), n);
			s[n] = '\0';
		}
		*len = n;
		return s;
	}
	if (!json_is_array(v))
		return NULL;
	for (i = 0; i < json_array_size(v); i++) {
		if (!json_is_string(json_array_get(v, i)))
			return NULL;
		n += json_string_length(json_array_get(v, i));
	}
	if ((s = malloc(n + 1)) == NULL)
		return NULL;
	for (n = 0, i = 0; i < json_array_size(v); i++) {
		memcpy(s + n, json_string_value(json_array_get(v, i)),
		       json_string_length(json_array_get(v, i)));
		n += json_string_length(json_array_get(v, i));
	}
	s[n] = '\0';
	*len = n;
	return s;
}

/* type_of - a zonedata key as a DNS type; 0 for SPF and unknown keys */
static enum dns_type type_of(const char *key)
{
	static const struct {
		const char *key;
		enum dns_type type;
	} types[] = {
		{"A", DNS_T_A}, {"AAAA", DNS_T_AAAA}, {"MX", DNS_T_MX},
		{"PTR", DNS_T_PTR}, {"CNAME", DNS_T_CNAME}, {"TXT", DNS_T_TXT},
	};
	size_t i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(key, types[i].key) == 0)
			return types[i].type;
	return 0;
}

/* load_entry - one {TYPE: value} of NAME; *HAS_TXT notes any TXT entry */
static int load_entry(struct zone *z, const char *name, const char *key,
		      const json_t *v, int *has_txt)
{
	enum dns_type type = type_of(key);
	size_t len;
	char *text;
	int rc;

	if (type == DNS_T_TXT)
		*has_txt = 1;
	if (json_is_string(v) && strcmp(json_string_value(v), "NONE") == 0)
		return zone_add_name(z, name);
	if (json_is_string(v) && strcmp(json_string_value(v), "TIMEOUT") == 0
	    && type != 0)
		return zone_add_status(z, name, type, DNS_TIMEOUT);
	switch (type) {
	case DNS_T_A:
	case DNS_T_AAAA:
		return json_is_string(v)
		    ? zone_add_addr(z, name, json_string_value(v)) : -1;
	case DNS_T_PTR:
	case DNS_T_CNAME:
		if (!json_is_string(v))
			return -1;
		return add_target(z, name, type, 0, json_string_value(v));
	case DNS_T_MX:
		if (json_array_size(v) != 2
		    || !json_is_integer(json_array_get(v, 0))
		    || !json_is_string(json_array_get(v, 1)))
			return -1;
		return zone_add_mx(z, name,
				   (int) json_integer_value(json_array_get(v, 0)),
				   json_string_value(json_array_get(v, 1)));
	case DNS_T_TXT:
		if ((text = json_text(v, &len)) == NULL)
			return -1;
		rc = zone_add_txt(z, name, text, len);
		free(text);
		return rc;
	case DNS_T_CAA:
		return -1;              /* not a suite key (type_of) */
	}
	/* SPF (type 99): served as TXT by load_name when there is no TXT */
	return strcmp(key, "SPF") == 0 ? zone_add_name(z, name) : -1;
}

/* load_spf_as_txt - the "auto-magic duplication" of SPF into TXT */
static int load_spf_as_txt(struct zone *z, const char *name,
			   const json_t *list)
{
	const json_t *item, *v;
	size_t i, len;
	char *text;
	int rc;

	json_array_foreach(list, i, item) {
		if (!json_is_object(item)
		    || (v = json_object_get(item, "SPF")) == NULL
		    || (json_is_string(v)
			&& strcmp(json_string_value(v), "NONE") == 0))
			continue;
		if ((text = json_text(v, &len)) == NULL)
			return -1;
		rc = zone_add_txt(z, name, text, len);
		free(text);
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* load_name - every entry listed for one name */
static int load_name(struct zone *z, const char *name, const json_t *list,
		     char *err, size_t errlen)
{
	const json_t *item, *v;
	const char *key;
	size_t i;
	int has_txt = 0;

	if (!json_is_array(list)) {
		snprintf(err, errlen, "%s: not a list", name);
		return -1;
	}
	json_array_foreach(list, i, item) {
		if (json_is_string(item)
		    && strcmp(json_string_value(item), "TIMEOUT") == 0) {
			if (zone_add_timeout(z, name) < 0)
				goto bad;
			continue;
		}
		if (!json_is_object(item) || json_object_size(item) != 1)
			goto bad;
		json_object_foreach((json_t *) item, key, v)
			if (load_entry(z, name, key, v, &has_txt) < 0)
				goto bad;
	}
	if (!has_txt && load_spf_as_txt(z, name, list) < 0)
		goto bad;
	return 0;
bad:
	snprintf(err, errlen, "%s: entry %zu not understood", name, i);
	return -1;
}

/* zone_load_json - every name of a zonedata object */
int zone_load_json(struct zone *z, const struct json_t *zonedata, char *err,
		   size_t errlen)
{
	const char *name;
	json_t *list;

	if (!json_is_object(zonedata)) {
		snprintf(err, errlen, "zonedata is not an object");
		return -1;
	}
	json_object_foreach((json_t *) zonedata, name, list)
		if (load_name(z, name, list, err, errlen) < 0)
			return -1;
	return 0;
}
