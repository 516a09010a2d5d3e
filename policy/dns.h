/*
 * dns - the DNS answers policy modules work with, and the lookup interface
 * they call.
 *
 * Evaluators (SPF now, DMARC and selfcheck later) never talk to a resolver
 * directly: they call dns_lookup() through a struct dns_client, which the
 * daemon binds to policy/resolver (libunbound) and tests bind to an
 * in-process zone. Answers are decoded records, not wire data.
 */
#ifndef AUTHMILTER_DNS_H
#define AUTHMILTER_DNS_H

#include <stddef.h>

enum dns_type {
	DNS_T_A = 1,
	DNS_T_CNAME = 5,
	DNS_T_PTR = 12,
	DNS_T_MX = 15,
	DNS_T_TXT = 16,
	DNS_T_AAAA = 28,
	DNS_T_CAA = 257,            /* RFC 8659; text is "FLAGS TAG VALUE" */
};

enum dns_status {
	DNS_OK,          /* answer with at least one record of the type */
	DNS_NXDOMAIN,    /* the name does not exist */
	DNS_NODATA,      /* the name exists, no record of the type */
	DNS_SERVFAIL,    /* the server failed or refused (includes bogus DNSSEC) */
	DNS_TIMEOUT,     /* no answer within the configured timeout */
	DNS_BADNAME,     /* the query name is not a valid DNS name; nothing sent */
};

enum dns_security {
	DNS_SEC_INSECURE,
	DNS_SEC_SECURE,
	DNS_SEC_BOGUS,
};

/* Hard bounds on what one answer may carry: a hostile zone cannot make
 * us allocate without limit. Extra records are dropped. */
#define DNS_MAX_RR      64
#define DNS_MAX_TXT     8192   /* bytes of one TXT record, strings joined */
#define DNS_MAX_NAME    255

struct dns_rr {
	enum dns_type type;
	unsigned short pref;        /* MX preference */
	char *name;                 /* MX exchange, PTR or CNAME target:
	                             * lowercase, no trailing dot */
	unsigned char addr[16];     /* A (4 bytes) or AAAA (16 bytes) */
	char *text;                 /* TXT: character-strings joined without
	                             * separator, NUL-terminated; CAA:
	                             * "FLAGS TAG VALUE", flags in decimal,
	                             * the value as the octets it holds */
	size_t textlen;             /* TXT, CAA: length (text may hold a NUL) */
};

struct dns_answer {
	enum dns_status status;
	enum dns_security security;
	size_t count;               /* records of the asked type (0 unless OK) */
	struct dns_rr *rr;
};

/* A lookup function fills *out and returns 0; it returns -1 only on an
 * internal failure (memory), never for a DNS error, which goes in status. */
typedef int (*dns_query_fn)(void *ctx, const char *name, enum dns_type type,
			    struct dns_answer *out);

struct dns_client {
	dns_query_fn query;
	void *ctx;
};

/* dns_lookup - call through a client; on internal failure out->status is
 * DNS_SERVFAIL so callers that only look at status still fail safe. */
int dns_lookup(const struct dns_client *c, const char *name,
	       enum dns_type type, struct dns_answer *out);

void dns_answer_free(struct dns_answer *a);
const char *dns_status_name(enum dns_status s);
const char *dns_type_name(enum dns_type t);

/* dns_name_valid - 1 if NAME (no trailing dot needed) has labels of 1..63
 * octets and 253 octets at most in all without the root dot (255 on the
 * wire); any octet may be in a label (dnsname.h, mode 0). */
int dns_name_valid(const char *name);

#endif
