/*
 * hdrlist - the header fields of one message as a chain of filters sees
 * them: the corpus fields first, then what each filter added, inserted
 * or changed at end of message, so that the next filter is shown the
 * message as Postfix would show it. Used by milterload.
 */
#ifndef AUTHMILTER_BENCH_HDRLIST_H
#define AUTHMILTER_BENCH_HDRLIST_H

#include <stddef.h>
#include <stdint.h>

#include "corpus.h"

struct hdrlist_field {
	const char *name;
	const char *value;	/* as stored: leading white space kept */
	char *own;		/* our allocation of name and value, or NULL */
};

struct hdrlist {
	struct hdrlist_field *f;
	size_t n, cap;
};

/* hdrlist_load - the corpus message's fields (not copied) */
int hdrlist_load(struct hdrlist *l, const struct corpus_msg *m);
void hdrlist_reset(struct hdrlist *l);		/* empty, memory kept */
void hdrlist_free(struct hdrlist *l);

/* hdrlist_insert - a filter's NAME: VALUE before position AT (0 is the
 * top, AT >= n appends); LEADSPC: the filter gives the leading space
 * itself (SMFIP_HDR_LEADSPC), else one is put in as Postfix does */
int hdrlist_insert(struct hdrlist *l, size_t at, const char *name,
		   const char *value, int leadspc);

/* hdrlist_change - replace the INDEX-th (1-based; 0 means 1) field NAME,
 * or delete it when VALUE is empty; a missing field is no error */
int hdrlist_change(struct hdrlist *l, uint32_t index, const char *name,
		   const char *value, int leadspc);

/* hdrlist_squash - "NAME: VALUE" on one line (white space runs made one
 * space) into DST, cut to SIZE - 1 bytes */
void hdrlist_squash(char *dst, size_t size, const char *name,
		    const char *value);

#endif
