/*
 * am_field - read Authentication-Results fields back; see am_field.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tests/conformance/am_field.h"
#include "tests/conformance/am_table.h"

/* ar_cfws - past white space and comments (nested, quoted-pairs) */
static const char *ar_cfws(const char *p)
{
	int depth = 0;

	for (; *p != '\0'; p++) {
		if (depth > 0 && *p == '\\' && p[1] != '\0')
			p++;
		else if (*p == '(')
			depth++;
		else if (*p == ')' && depth > 0)
			depth--;
		else if (depth == 0 && !strchr(" \t\r\n", *p))
			break;
	}
	return p;
}

/* ar_word - a quoted string or a token (which '=' ends when STOP_EQ),
 * lower case: every name and value compared here is case-insensitive */
static const char *ar_word(const char *p, char *buf, size_t len, int stop_eq)
{
	size_t n = 0;
	int quoted = *p == '"';

	for (p += quoted; *p != '\0'; p++) {
		if (quoted ? *p == '"' : (strchr(" \t\r\n;()", *p) != NULL
					  || (stop_eq && *p == '=')))
			break;
		if (quoted && *p == '\\' && p[1] != '\0')
			p++;
		if (n + 1 < len)
			buf[n++] = *p >= 'A' && *p <= 'Z' ? *p + 32 : *p;
	}
	buf[n] = '\0';
	return quoted && *p == '"' ? p + 1 : p;
}

/* ar_props - ptype.property=value pairs up to the next ';' */
static const char *ar_props(const char *p, struct am_res *r)
{
	struct am_prop scratch, *pr;

	for (;;) {
		if (*(p = ar_cfws(p)) == '\0' || *p == ';')
			return p;
		pr = r->nprop < AR_MAX_PROPS ? &r->prop[r->nprop] : &scratch;
		p = ar_cfws(ar_word(p, pr->key, sizeof(pr->key), 1));
		if (*p != '=') {
			p += *p != '\0' && *p != ';' && pr->key[0] == '\0';
			continue;
		}
		p = ar_word(ar_cfws(p + 1), pr->value, sizeof(pr->value), 0);
		r->nprop += pr != &scratch;
	}
}

/* am_field_parse - authserv-id and resinfos; -1 without an id */
int am_field_parse(const char *value, struct am_field *f)
{
	const char *p;
	struct am_res *r;

	memset(f, 0, sizeof(*f));
	p = ar_word(ar_cfws(value), f->id, sizeof(f->id), 0);
	while (*(p = ar_cfws(p)) != '\0' && *p != ';')
		p++;                    /* a version */
	while (*p == ';' && f->nres < AR_MAX_RES) {
		r = &f->res[f->nres];
		p = ar_cfws(ar_word(ar_cfws(p + 1), r->method, sizeof(r->method), 1));
		if (*p != '=') {        /* "none", or not a resinfo */
			while (*p != '\0' && *p != ';')
				p++;
			continue;
		}
		p = ar_word(ar_cfws(p + 1), r->result, sizeof(r->result), 0);
		f->nres++;
		p = ar_props(p, r);
	}
	return f->id[0] != '\0' ? 0 : -1;
}

/* am_prop - the value of KEY in R, or NULL */
const char *am_prop(const struct am_res *r, const char *key)
{
	size_t i;

	for (i = 0; i < r->nprop; i++)
		if (strcmp(r->prop[i].key, key) == 0)
			return r->prop[i].value;
	return NULL;
}

/* by_str - qsort order of strings */
static int by_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/* am_summary - METHOD's results in F as one comparable string: spf the
 * MAIL FROM result; dkim "d:result" and dmarc "result header.from=d",
 * sorted; AM_ABSENT when F reports none */
void am_summary(const struct am_field *f, const char *method,
		       char *buf, size_t len)
{
	char items[AR_MAX_RES][320], *sorted[AR_MAX_RES];
	const char *v;
	size_t i, n = 0, used = 0;

	snprintf(buf, len, "%s", AM_ABSENT);
	for (i = 0; f != NULL && i < f->nres; i++) {
		if (strcmp(f->res[i].method, method) != 0)
			continue;
		if (strcmp(method, "spf") == 0) {
			if (am_prop(&f->res[i], "smtp.mailfrom") == NULL)
				continue;
			snprintf(buf, len, "%s", f->res[i].result);
			return;
		}
		v = am_prop(&f->res[i], strcmp(method, "dkim") == 0
			    ? "header.d" : "header.from");
		if (strcmp(method, "dkim") == 0 && v != NULL)
			snprintf(items[n], sizeof(items[n]), "%s:%s", v, f->res[i].result);
		else
			snprintf(items[n], sizeof(items[n]), "%s%s%s", f->res[i].result,
				 v ? " header.from=" : "", v ? v : "");
		sorted[n] = items[n];
		n++;
	}
	if (n == 0 || strcmp(method, "spf") == 0)
		return;
	qsort(sorted, n, sizeof(sorted[0]), by_str);
	for (i = 0; i < n && used < len; i++)
		used += (size_t) snprintf(buf + used, len - used, "%s%s",
					  i ? ", " : "", sorted[i]);
}

/* am_disposition - the strongest of KEY over F's dmarc results */
void am_disposition(const struct am_field *f, const char *key,
			   char *buf, size_t len)
{
	static const char *const order[] = { "none", "quarantine", "reject" };
	const char *v;
	size_t i, k, best = 0;

	for (i = 0; f != NULL && i < f->nres; i++) {
		if (strcmp(f->res[i].method, "dmarc") != 0
		    || (v = am_prop(&f->res[i], key)) == NULL)
			continue;
		for (k = 0; k < 3; k++)
			if (strcmp(v, order[k]) == 0 && k > best)
				best = k;
	}
	snprintf(buf, len, "%s", order[best]);
}

