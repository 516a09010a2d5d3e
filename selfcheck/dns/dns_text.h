/*
 * dns_text - bounded evidence text for the dns group's findings.
 *
 * The analyses quote records that whoever runs the zone wrote: a record
 * may be 8 KB, hold NULs or escape sequences, and there may be 64 of
 * them. Text is built here in a fixed buffer (one finding's evidence at
 * most), record text is quoted with every octet outside printable ASCII
 * as \xNN, and whatever does not fit is cut with "...". No allocation.
 */
#ifndef AUTHMILTER_SC_DNS_TEXT_H
#define AUTHMILTER_SC_DNS_TEXT_H

#include <stddef.h>

#include "selfcheck/core/finding.h"
#include "util/textbuf.h"

/* TB writes into S: a struct sc_dns_text is not to be copied. TB.LEN is
 * nonzero once anything was appended. */
struct sc_dns_text {
	char s[SC_EVIDENCE_MAX];
	struct textbuf tb;          /* over S */
};

/* sc_dns_text_init - empty text. */
void sc_dns_text_init(struct sc_dns_text *t);

/* sc_dns_text_add - append FMT (printf-style); a cut text ends "...". */
void sc_dns_text_add(struct sc_dns_text *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* sc_dns_text_quote - append S (LEN octets, may hold NULs) in double
 * quotes, non-printables and '"' and '\' escaped, at most MAX octets of
 * S shown (then "..."). */
void sc_dns_text_quote(struct sc_dns_text *t, const char *s, size_t len,
		       size_t max);

#endif
