/*
 * dkim_fields - what a message's header section asks of DKIM, counted as
 * the fields arrive, for dkim_verify only: the work bounds and the rule
 * for unsigned duplicates of singleton fields.
 *
 * Work: selecting the fields a signature signed costs its h= entries
 * times the header fields (each entry is looked up from the bottom), per
 * signature. So a message may hold at most DKIM_MAX_FIELDS header fields
 * for DKIM (past that no signature is verified: permerror), a signature
 * at most DKIM_MAX_H h= entries (past that: permerror), and the
 * signatures verified for one message together at most DKIM_MAX_ENTRIES
 * (a signature that would take them past it: permerror).
 * Selection then costs at most DKIM_MAX_ENTRIES x DKIM_MAX_FIELDS
 * comparisons a message. The bounds are decided as each field arrives,
 * before a verifier holds it, so they hold whatever verifies, and are far
 * above real mail (a large signature lists 30 fields; a long Received
 * chain is 50).
 *
 * Duplicates (RFC 6376 8.15, "Composition Kills"): a reader shows one
 * instance of a field that RFC 5322 3.6 allows once, while a signature
 * may have signed the other. A signature that signs some but not all
 * instances of such a field present in the message has not vouched for
 * what is shown; dkim_verify then reports it as policy, not pass.
 * Pure; any thread may call with its own structures.
 */
#ifndef AUTHMILTER_DKIM_FIELDS_H
#define AUTHMILTER_DKIM_FIELDS_H

#include <stddef.h>

#define DKIM_MAX_FIELDS    1000      /* header fields of one message */
#define DKIM_MAX_H         100       /* h= entries of one signature */
#define DKIM_MAX_ENTRIES   200       /* h= entries of one message's
                                      * verified signatures */
#define DKIM_NSINGLE       11        /* RFC 5322 3.6 fields allowed once */

#define DKIM_STR_(x) #x
#define DKIM_STR(x) DKIM_STR_(x)      /* a bound in a reason's text */

/* The singleton fields of one header section, or the ones an h= names. */
struct dkim_fields {
	size_t total;                   /* fields (or h= entries) */
	unsigned char single[DKIM_NSINGLE];  /* instances of each, to 255 */
};

/* dkim_fields_add - count one header field NAME */
void dkim_fields_add(struct dkim_fields *f, const char *name);

/* dkim_fields_hlist - the h= entries of a DKIM-Signature VALUE (read as
 * libopendkim reads tags; the first h= counts) into H */
void dkim_fields_hlist(const char *value, struct dkim_fields *h);

/* dkim_fields_unsigned_dup - the name of a singleton field the message
 * holds more often than signature H signs it, while H signs it at all;
 * NULL when there is none */
const char *dkim_fields_unsigned_dup(const struct dkim_fields *msg,
				     const struct dkim_fields *h);

#endif
