/*
 * spf_record - parse one SPF record text into terms (RFC 7208 4.6, 5, 6).
 *
 * The evaluator hands it the one TXT record it selected; the parser checks
 * the whole record before any term is evaluated (4.6: a syntax error
 * anywhere is a permerror), including every macro string, CIDR length
 * and address. Records longer than SPF_MAX_RECORD are refused unread.
 * Attacker data: every input is bounded, nothing is trusted to be
 * NUL-terminated or ASCII. Any thread may call; state is the caller's.
 */
#ifndef AUTHMILTER_SPF_RECORD_H
#define AUTHMILTER_SPF_RECORD_H

#include <stddef.h>

#include "spf.h"

enum spf_mech {
	SPF_MECH_ALL,
	SPF_MECH_INCLUDE,
	SPF_MECH_A,
	SPF_MECH_MX,
	SPF_MECH_PTR,
	SPF_MECH_IP4,
	SPF_MECH_IP6,
	SPF_MECH_EXISTS,
};

struct spf_term {
	enum spf_mech mech;
	enum spf_result qualifier;  /* SPF_PASS, _FAIL, _SOFTFAIL, _NEUTRAL */
	const char *spec;           /* domain-spec (not NUL-terminated), */
	size_t speclen;             /* or NULL when the term has none */
	struct netaddr net;         /* ip4/ip6 network */
	int cidr4;                  /* ip4, a, mx: IPv4 prefix length */
	int cidr6;                  /* ip6, a, mx: IPv6 prefix length */
	const char *text;           /* the term as written, for reasons */
	size_t textlen;
};

struct spf_record {
	char *buf;                  /* private copy of the record text */
	struct spf_term *terms;     /* mechanisms, in record order */
	size_t nterms;
	const char *redirect;       /* redirect= domain-spec, or NULL */
	size_t redirectlen;
	const char *exp;            /* exp= domain-spec, or NULL */
	size_t explen;
	size_t errpos;              /* syntax error: offset of the bad
				     * octet, or of the bad term */
};

enum spf_record_status {
	SPF_RECORD_OK,
	SPF_RECORD_NOT_SPF,         /* does not start with "v=spf1" */
	SPF_RECORD_TOOLONG,         /* over SPF_MAX_RECORD octets */
	SPF_RECORD_SYNTAX,          /* see the error text */
	SPF_RECORD_NOMEM,
};

/* spf_record_is_spf - 1 if TEXT (LEN octets) is an SPF version 1 record:
 * "v=spf1" in any case, then a space or the end (4.5). */
int spf_record_is_spf(const char *text, size_t len);

/* spf_record_parse - parse TEXT (LEN octets, may hold NULs). On success
 * REC owns its memory (free with spf_record_free). On a syntax error
 * ERR gets "syntax error near 'TERM'" or similar, printable ASCII. */
enum spf_record_status spf_record_parse(const char *text, size_t len,
					struct spf_record *rec,
					char *err, size_t errlen);

void spf_record_free(struct spf_record *rec);

/* spf_domain_spec_check - 0 if S (LEN octets) is a valid domain-spec
 * (7.1: macro-string ending in a macro or in "." toplabel), else -1. */
int spf_domain_spec_check(const char *s, size_t len);

/* spf_term_quote - TEXT (LEN octets) as printable ASCII, non-printables
 * as \xNN, cut with "..." to fit BUF; returns BUF. */
const char *spf_term_quote(const char *text, size_t len, char *buf,
			   size_t buflen);

#endif
