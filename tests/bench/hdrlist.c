/*
 * hdrlist - a message's header fields through a chain of filters
 * (interface: hdrlist.h).
 *
 * Fields from the corpus are pointed to, not copied; only what a filter
 * adds or changes is allocated, so a message that no filter edits costs
 * one array fill. Values are kept in the stored form (the text after the
 * colon), and the leading space rule is applied when a field is sent.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "hdrlist.h"

/* hdrlist_room - room for one more field */
static int hdrlist_room(struct hdrlist *l)
{
	struct hdrlist_field *f;
	size_t cap;

	if (l->n < l->cap)
		return 0;
	cap = l->cap ? l->cap * 2 : 64;
	if ((f = realloc(l->f, cap * sizeof(*f))) == NULL)
		return -1;
	l->f = f;
	l->cap = cap;
	return 0;
}

/* hdrlist_make - an allocated field in the stored form */
static int hdrlist_make(struct hdrlist_field *f, const char *name,
			const char *value, int leadspc)
{
	size_t nl = strlen(name) + 1, vl = strlen(value) + 1;
	size_t sl = leadspc ? 0 : 1;
	char *p;

	if ((p = malloc(nl + sl + vl)) == NULL)
		return -1;
	memcpy(p, name, nl);
	memcpy(p + nl, " ", sl);
	memcpy(p + nl + sl, value, vl);
	f->own = p;
	f->name = p;
	f->value = p + nl;
	return 0;
}

/* hdrlist_load - point at the corpus fields */
int hdrlist_load(struct hdrlist *l, const struct corpus_msg *m)
{
	size_t i;

	hdrlist_reset(l);
	for (i = 0; i < m->nhdr; i++) {
		if (hdrlist_room(l) < 0)
			return -1;
		l->f[l->n].name = m->hdr[i].name;
		l->f[l->n].value = m->hdr[i].value;
		l->f[l->n++].own = NULL;
	}
	return 0;
}

/* hdrlist_reset - drop every field, keep the array */
void hdrlist_reset(struct hdrlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->f[i].own);
	l->n = 0;
}

/* hdrlist_free - release everything */
void hdrlist_free(struct hdrlist *l)
{
	hdrlist_reset(l);
	free(l->f);
	l->f = NULL;
	l->cap = 0;
}

/* hdrlist_insert - a new field at AT */
int hdrlist_insert(struct hdrlist *l, size_t at, const char *name,
		   const char *value, int leadspc)
{
	struct hdrlist_field f;

	if (hdrlist_room(l) < 0 || hdrlist_make(&f, name, value, leadspc) < 0)
		return -1;
	if (at > l->n)
		at = l->n;
	memmove(&l->f[at + 1], &l->f[at], (l->n - at) * sizeof(*l->f));
	l->f[at] = f;
	l->n++;
	return 0;
}

/* hdrlist_change - replace or delete the INDEX-th field NAME */
int hdrlist_change(struct hdrlist *l, uint32_t index, const char *name,
		   const char *value, int leadspc)
{
	struct hdrlist_field f;
	uint32_t seen = 0;
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcasecmp(l->f[i].name, name) == 0
		    && ++seen >= (index ? index : 1))
			break;
	if (i == l->n)
		return 0;
	if (*value == 0) {
		free(l->f[i].own);
		memmove(&l->f[i], &l->f[i + 1], (l->n - i - 1) * sizeof(*l->f));
		l->n--;
		return 0;
	}
	if (hdrlist_make(&f, name, value, leadspc) < 0)
		return -1;
	free(l->f[i].own);
	l->f[i] = f;
	return 0;
}

/* hdrlist_squash - one line, for a report */
void hdrlist_squash(char *dst, size_t size, const char *name,
		    const char *value)
{
	size_t n = 0;
	char *p;

	if (size == 0)
		return;
	snprintf(dst, size, "%s: %s", name, value);
	for (p = dst; *p; p++) {
		char ch = (*p == '\r' || *p == '\n' || *p == '\t') ? ' ' : *p;

		if (ch == ' ' && n > 0 && dst[n - 1] == ' ')
			continue;
		dst[n++] = ch;
	}
	dst[n] = 0;
}
