/*
 * dns_cache - answers kept in the process, in front of libunbound.
 *
 * libunbound has a cache of its own, but reaching it costs a trip to its
 * worker thread and back (a pipe each way, four context switches): on a
 * loaded milter that was most of the time spent per message. This cache
 * answers a repeated question in the caller's thread, under a striped
 * lock, for as long as the answer's TTL allows.
 *
 * Only clean answers are kept (NOERROR with or without data, NXDOMAIN;
 * never a timeout, SERVFAIL or bogus answer), so DNS trouble is always
 * asked again. Memory is bounded: at most DNS_CACHE_WAYS entries per
 * bucket, DNS_CACHE_MAX_ENTRY octets per entry and DNS_CACHE_MAX_BYTES
 * in all. Thread-safe; resolver.c is its only user.
 */
#ifndef AUTHMILTER_DNS_CACHE_H
#define AUTHMILTER_DNS_CACHE_H

#include <stddef.h>
#include <time.h>

#define DNS_CACHE_BUCKETS 2048
#define DNS_CACHE_WAYS 4
#define DNS_CACHE_MAX_ENTRY 4096        /* octets, record data and packet */
#define DNS_CACHE_MAX_BYTES (4u << 20)
#define DNS_CACHE_MAX_TTL 86400

/*
 * One answer, as one flat block (copied whole in and out of the cache):
 * the fields below, then NRR record lengths (size_t), the records' data
 * one after the other, then the answer packet.
 */
struct dns_cache_answer {
	size_t size;                    /* of the whole block */
	int rcode;                      /* 0 NOERROR, 3 NXDOMAIN, ... */
	int havedata;
	int secure;                     /* DNSSEC validated */
	int bogus;                      /* DNSSEC failed (never kept) */
	size_t nrr;
	size_t packet_len;
};

struct dns_cache;

/* dns_cache_answer_new - a block holding the given answer (BOGUS is set
 * on it afterwards when needed); NULL on ENOMEM */
struct dns_cache_answer *dns_cache_answer_new(int rcode, int havedata, int secure,
					      size_t nrr, char *const *rr,
					      const int *rrlen,
					      const void *packet,
					      size_t packet_len);

/* dns_cache_answer_rr - the Ith record's data and length */
const unsigned char *dns_cache_answer_rr(const struct dns_cache_answer *a,
					 size_t i, size_t *len);

/* dns_cache_answer_packet - the answer packet (LEN 0 if there was none) */
const unsigned char *dns_cache_answer_packet(const struct dns_cache_answer *a,
					     size_t *len);

struct dns_cache *dns_cache_new(void);
void dns_cache_free(struct dns_cache *c);

/* dns_cache_get - a copy (caller frees) of the answer for NAME (any
 * case, trailing dot or not) and RRTYPE if one is fresh at NOW (seconds
 * on a monotonic clock); NULL otherwise. */
struct dns_cache_answer *dns_cache_get(struct dns_cache *c, const char *name,
				       int rrtype, time_t now);

/* dns_cache_put - keep a copy of A for TTL seconds from NOW, if it is a
 * clean answer that fits; otherwise nothing happens. */
void dns_cache_put(struct dns_cache *c, const char *name, int rrtype,
		   const struct dns_cache_answer *a, unsigned ttl, time_t now);

/* dns_cache_bytes - octets held now (for tests and figures) */
size_t dns_cache_bytes(struct dns_cache *c);

#endif
