/*
 * spf_macro - RFC 7208 section 7 macro strings: syntax check and expansion.
 *
 * The record parser calls spf_macro_check() on every domain-spec and
 * modifier value; the evaluator calls spf_macro_expand() on a target name
 * or an explanation. Every output is bounded: a domain is truncated from
 * the left to 253 octets as 7.3 says, an explanation is cut at the
 * caller's buffer. Pure functions of their inputs; any thread may call.
 */
#ifndef AUTHMILTER_SPF_MACRO_H
#define AUTHMILTER_SPF_MACRO_H

#include <stddef.h>
#include <time.h>

/* What a macro string is used as; it decides which characters and macro
 * letters are legal and how the output is bounded. */
enum spf_macro_mode {
	SPF_MACRO_DOMAIN,           /* domain-spec: no c, r, t; no space */
	SPF_MACRO_STRING,           /* unknown modifier value: any letter */
	SPF_MACRO_EXPLAIN,          /* explanation text: any letter, spaces */
};

enum spf_macro_status {
	SPF_MACRO_OK,
	SPF_MACRO_SYNTAX,           /* bad character, bad %, unknown letter */
	SPF_MACRO_TOOLONG,          /* a domain that cannot be cut to 253 */
};

/* A domain expansion needs this much room (253 octets and a NUL). */
#define SPF_MACRO_DOMAIN_SIZE 254

/* The values macros stand for. Strings must not be NULL ("" is fine),
 * except receiver (NULL: "unknown") and ptr_name (NULL: "unknown"). */
struct spf_macro_env {
	const char *sender;         /* s: <sender> */
	const char *local;          /* l: local part of <sender> */
	const char *sender_domain;  /* o: domain of <sender> */
	const char *domain;         /* d: <domain> */
	const char *ip_macro;       /* i: dotted quad, or dotted nibbles */
	const char *ip_text;        /* c: the address as people write it */
	const char *ip_version;     /* v: "in-addr" or "ip6" */
	const char *helo;           /* h: HELO/EHLO argument */
	const char *receiver;       /* r: our host name */
	time_t now;                 /* t */
	/* p: looked up only when a string uses it (it costs DNS queries) */
	const char *(*ptr_name)(void *arg);
	void *ptr_arg;
};

/* spf_macro_check - check S (LEN octets) for MODE. On error *ERRPOS is
 * the offset of the offending octet. *MACRO_END (may be NULL) gets the
 * offset just past the last macro-expand, or 0 if there is none; the
 * parser uses it for the domain-end rule. */
enum spf_macro_status spf_macro_check(const char *s, size_t len,
				      enum spf_macro_mode mode,
				      size_t *errpos, size_t *macro_end);

/* spf_macro_expand - expand S (LEN octets) into OUT (OUTSIZE octets,
 * NUL-terminated). SPF_MACRO_DOMAIN needs OUTSIZE >= SPF_MACRO_DOMAIN_SIZE
 * and drops one trailing dot; other modes cut the text at OUTSIZE - 1. */
enum spf_macro_status spf_macro_expand(const struct spf_macro_env *env,
				       const char *s, size_t len,
				       enum spf_macro_mode mode,
				       char *out, size_t outsize);

#endif
