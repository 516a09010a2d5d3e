/*
 * postconf - postconf output into a table; see postconf.h.
 */
#include <stdlib.h>
#include <string.h>

#include "util/ascii.h"
#include "postconf.h"

/* name_octet - what a parameter name is made of */
static inline int name_octet(int c)
{
	return ascii_is_alnum(c) || c == '_';
}

/* blank - white space inside a line; '\r' too, for a CRLF that reached us */
static inline int blank(int c)
{
	return ascii_is_wsp(c) || c == '\r';
}

/* parse_line - cut one line [LINE, LINE+LEN) of the copy into a name and
 * a value; 1 if it has the "name = value" shape, 0 if not, -1 if blank */
static int parse_line(char *line, size_t len, struct sc_postconf_param *out)
{
	char *end = line + len, *p = line, *name_end, *v;

	while (p < end && blank((unsigned char) *p))
		p++;
	if (p == end)
		return -1;
	if (memchr(line, '\0', len) != NULL)
		return 0;
	p = line;
	while (p < end && name_octet((unsigned char) *p))
		p++;
	if (p == line || p - line > SC_POSTCONF_MAX_NAME)
		return 0;
	name_end = p;
	while (p < end && blank((unsigned char) *p))
		p++;
	if (p == end || *p != '=')
		return 0;
	p++;
	while (p < end && blank((unsigned char) *p))
		p++;
	v = p;
	while (end > v && blank((unsigned char) end[-1]))
		end--;
	*name_end = '\0';
	*end = '\0';
	out->name = line;
	out->value = v;
	return 1;
}

/* by_name - names in order; of equal names the earlier line first (the
 * strings lie in one buffer in line order) */
static int by_name(const void *a, const void *b)
{
	const struct sc_postconf_param *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c != 0)
		return c;
	return x->name < y->name ? -1 : x->name > y->name;
}

/* skip - count a line that is not a parameter */
static void skip(struct sc_postconf *pc, size_t lineno)
{
	if (pc->skipped++ == 0)
		pc->first_skipped = lineno;
}

/* dedupe - keep the first of equal names; the others count as skipped */
static void dedupe(struct sc_postconf *pc)
{
	size_t i, k = 0;

	for (i = 0; i < pc->n; i++) {
		if (k > 0 && strcmp(pc->param[k - 1].name, pc->param[i].name) == 0) {
			pc->skipped++;
			continue;
		}
		pc->param[k++] = pc->param[i];
	}
	pc->n = k;
}

/* split - every line of the copy into PC */
static void split(struct sc_postconf *pc, size_t len)
{
	char *line = pc->buf, *end = pc->buf + len, *nl;
	size_t lineno = 0;
	int r;

	while (line < end) {
		nl = memchr(line, '\n', (size_t) (end - line));
		if (nl == NULL)
			nl = end;
		lineno++;
		if (pc->n == SC_POSTCONF_MAX_PARAMS)
			r = 0;
		else
			r = parse_line(line, (size_t) (nl - line), &pc->param[pc->n]);
		if (r == 1)
			pc->n++;
		else if (r == 0)
			skip(pc, lineno);
		line = nl + 1;
	}
}

enum sc_postconf_status sc_postconf_parse(const char *text, size_t len,
					  struct sc_postconf *pc)
{
	memset(pc, 0, sizeof(*pc));
	if (len > SC_POSTCONF_MAX_TEXT)
		return SC_POSTCONF_TOOBIG;
	if ((pc->buf = malloc(len + 1)) == NULL)
		return SC_POSTCONF_NOMEM;
	pc->param = calloc(SC_POSTCONF_MAX_PARAMS, sizeof(*pc->param));
	if (pc->param == NULL) {
		sc_postconf_free(pc);
		return SC_POSTCONF_NOMEM;
	}
	if (len > 0)
		memcpy(pc->buf, text, len);
	pc->buf[len] = '\0';
	split(pc, len);
	qsort(pc->param, pc->n, sizeof(*pc->param), by_name);
	dedupe(pc);
	return SC_POSTCONF_OK;
}

/* key_cmp - bsearch's comparison of a name with a parameter */
static int key_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct sc_postconf_param *) elem)->name);
}

const char *sc_postconf_get(const struct sc_postconf *pc, const char *name)
{
	const struct sc_postconf_param *p;

	if (pc->n == 0)
		return NULL;
	p = bsearch(name, pc->param, pc->n, sizeof(*pc->param), key_cmp);
	return p ? p->value : NULL;
}

void sc_postconf_free(struct sc_postconf *pc)
{
	free(pc->buf);
	free(pc->param);
	memset(pc, 0, sizeof(*pc));
}
