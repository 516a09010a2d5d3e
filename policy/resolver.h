/*
 * resolver - the process's one DNS resolver, on libunbound.
 *
 * One ub_ctx per process, shared by every thread (so the cache is shared).
 * Forwarders come from Nameservers ("IP[@PORT] ...") or, when NULL, from
 * /etc/resolv.conf. Every query is bounded by the configured timeout and
 * classified (see enum dns_status); DNSSEC state travels with the answer.
 * The libunbound traps this module handles are in doc/DESIGN.md,
 * "Library traps": loopback forwarders, built-in local zones, and a TXT answer holding a
 * record with no string, which comes back as SERVFAIL though its packet is
 * whole, so the records are read from the packet then (dns_packet.h).
 */
#ifndef AUTHMILTER_RESOLVER_H
#define AUTHMILTER_RESOLVER_H

#include "dns.h"

struct resolver;

/* resolver_new - NAMESERVERS is NULL for the system resolver, or a list of
 * "IP" / "IP@PORT" separated by spaces or commas. TIMEOUT_MS bounds each
 * query. On failure returns NULL with a reason in ERR. */
struct resolver *resolver_new(const char *nameservers, unsigned timeout_ms,
			      char *err, size_t errlen);

/* resolver_query - one lookup; same contract as dns_query_fn. Thread-safe. */
int resolver_query(struct resolver *r, const char *name, enum dns_type type,
		   struct dns_answer *out);

/* What resolver_query_raw hands back besides the packet. */
struct resolver_raw {
	enum dns_status status;
	enum dns_security security;
	size_t len;                 /* octets of the answer packet in BUF */
	int too_big;                /* the packet did not fit: LEN is 0 and
	                             * STATUS is DNS_SERVFAIL */
};

/* resolver_query_raw - one lookup of any record type (RRTYPE is the wire
 * number, e.g. 16 for TXT), handing back the answer packet in DNS wire
 * format as libunbound received it, for users that parse answers
 * themselves (libopendkim's query hooks). The packet is copied into BUF
 * (BUFLEN octets) whatever the status, unless there was none (timeout,
 * internal failure); OUT says what it holds. Returns 0, or -1 on an
 * internal failure (memory), with OUT->status DNS_SERVFAIL. Thread-safe. */
int resolver_query_raw(struct resolver *r, const char *name, int rrtype,
		       unsigned char *buf, size_t buflen,
		       struct resolver_raw *out);

/* resolver_client - a dns_client bound to R, for the policy evaluators. */
struct dns_client resolver_client(struct resolver *r);

void resolver_free(struct resolver *r);

#endif
