/*
 * dns_cache - answers kept in the process; see dns_cache.h.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dns_cache.h"

#define LOCKS 64                        /* buckets share locks in stripes */
#define NAME_MAX_LEN 255

struct slot {
	char *name;                     /* lower case, no trailing dot */
	int rrtype;
	time_t expires;
	struct dns_cache_answer *a;
};

struct dns_cache {
	pthread_mutex_t lock[LOCKS];
	size_t bytes;                   /* __atomic: octets held */
	struct slot slot[DNS_CACHE_BUCKETS][DNS_CACHE_WAYS];
};

/* header_size - the fixed part of a block, rounded so the lengths that
 * follow it are aligned */
static size_t header_size(void)
{
	size_t h = sizeof(struct dns_cache_answer);

	return (h + sizeof(size_t) - 1) / sizeof(size_t) * sizeof(size_t);
}

static size_t *lengths(const struct dns_cache_answer *a)
{
	return (size_t *) ((char *) a + header_size());
}

static unsigned char *data_start(const struct dns_cache_answer *a)
{
	return (unsigned char *) (lengths(a) + a->nrr);
}

struct dns_cache_answer *dns_cache_answer_new(int rcode, int havedata, int secure,
					      size_t nrr, char *const *rr,
					      const int *rrlen,
					      const void *packet,
					      size_t packet_len)
{
	struct dns_cache_answer *a;
	size_t i, size = header_size() + nrr * sizeof(size_t) + packet_len;
	unsigned char *p;

	for (i = 0; i < nrr; i++) {
		if (rrlen[i] < 0)
			return NULL;
		size += (size_t) rrlen[i];
	}
	if ((a = malloc(size)) == NULL)
		return NULL;
	memset(a, 0, header_size());
	a->size = size;
	a->rcode = rcode;
	a->havedata = havedata;
	a->secure = secure;
	a->nrr = nrr;
	a->packet_len = packet_len;
	p = data_start(a);
	for (i = 0; i < nrr; i++) {
		lengths(a)[i] = (size_t) rrlen[i];
		memcpy(p, rr[i], (size_t) rrlen[i]);
		p += rrlen[i];
	}
	if (packet_len > 0)
		memcpy(p, packet, packet_len);
	return a;
}

const unsigned char *dns_cache_answer_rr(const struct dns_cache_answer *a,
					 size_t i, size_t *len)
{
	const unsigned char *p = data_start(a);
	size_t k;

	for (k = 0; k < i; k++)
		p += lengths(a)[k];
	*len = lengths(a)[i];
	return p;
}

const unsigned char *dns_cache_answer_packet(const struct dns_cache_answer *a,
					     size_t *len)
{
	*len = a->packet_len;           /* the packet ends the block */
	return (const unsigned char *) a + a->size - a->packet_len;
}

struct dns_cache *dns_cache_new(void)
{
	struct dns_cache *c = calloc(1, sizeof(*c));
	int i;

	if (c == NULL)
		return NULL;
	for (i = 0; i < LOCKS; i++)
		pthread_mutex_init(&c->lock[i], NULL);
	return c;
}

static void slot_clear(struct dns_cache *c, struct slot *s)
{
	if (s->a != NULL)
		__atomic_sub_fetch(&c->bytes, s->a->size + strlen(s->name) + 1,
				   __ATOMIC_RELAXED);
	free(s->name);
	free(s->a);
	memset(s, 0, sizeof(*s));
}

void dns_cache_free(struct dns_cache *c)
{
	size_t b, w;
	int i;

	if (c == NULL)
		return;
	for (b = 0; b < DNS_CACHE_BUCKETS; b++)
		for (w = 0; w < DNS_CACHE_WAYS; w++)
			slot_clear(c, &c->slot[b][w]);
	for (i = 0; i < LOCKS; i++)
		pthread_mutex_destroy(&c->lock[i]);
	free(c);
}

/* key - NAME lower-cased without its trailing dot into BUF; its hash */
static int key(const char *name, char *buf, uint32_t *hash)
{
	size_t n = strlen(name), i;
	uint32_t h = 2166136261u;       /* FNV-1a */

	if (n > 0 && name[n - 1] == '.')
		n--;
	if (n == 0 || n > NAME_MAX_LEN)
		return -1;
	for (i = 0; i < n; i++) {
		buf[i] = (char) tolower((unsigned char) name[i]);
		h = (h ^ (unsigned char) buf[i]) * 16777619u;
	}
	buf[n] = '\0';
	*hash = h;
	return 0;
}

/* find - the slot of NAME/RRTYPE in bucket B, or NULL (lock held) */
static struct slot *find(struct dns_cache *c, size_t b, const char *name, int rrtype)
{
	size_t w;

	for (w = 0; w < DNS_CACHE_WAYS; w++) {
		struct slot *s = &c->slot[b][w];

		if (s->a != NULL && s->rrtype == rrtype && strcmp(s->name, name) == 0)
			return s;
	}
	return NULL;
}

struct dns_cache_answer *dns_cache_get(struct dns_cache *c, const char *name,
				       int rrtype, time_t now)
{
	char k[NAME_MAX_LEN + 1];
	struct dns_cache_answer *copy = NULL;
	struct slot *s;
	uint32_t h;
	size_t b;

	if (key(name, k, &h) != 0)
		return NULL;
	b = h % DNS_CACHE_BUCKETS;
	pthread_mutex_lock(&c->lock[b % LOCKS]);
	if ((s = find(c, b, k, rrtype)) != NULL) {
		if (s->expires <= now)
			slot_clear(c, s);
		else if ((copy = malloc(s->a->size)) != NULL)
			memcpy(copy, s->a, s->a->size);
	}
	pthread_mutex_unlock(&c->lock[b % LOCKS]);
	return copy;
}

/* victim - the slot to fill in bucket B: a free or stale one, else the
 * one that would expire first (lock held) */
static struct slot *victim(struct dns_cache *c, size_t b, time_t now)
{
	struct slot *v = &c->slot[b][0];
	size_t w;

	for (w = 0; w < DNS_CACHE_WAYS; w++) {
		struct slot *s = &c->slot[b][w];

		if (s->a == NULL || s->expires <= now)
			return s;
		if (s->expires < v->expires)
			v = s;
	}
	return v;
}

void dns_cache_put(struct dns_cache *c, const char *name, int rrtype,
		   const struct dns_cache_answer *a, unsigned ttl, time_t now)
{
	char k[NAME_MAX_LEN + 1];
	struct slot *s;
	size_t b, need;
	uint32_t h;
	char *n;
	struct dns_cache_answer *copy;

	if (ttl == 0 || a->bogus || a->size > DNS_CACHE_MAX_ENTRY
	    || (a->rcode != 0 && a->rcode != 3)
	    || key(name, k, &h) != 0)
		return;
	if (ttl > DNS_CACHE_MAX_TTL)
		ttl = DNS_CACHE_MAX_TTL;
	need = a->size + strlen(k) + 1;
	if ((n = strdup(k)) == NULL || (copy = malloc(a->size)) == NULL) {
		free(n);
		return;
	}
	memcpy(copy, a, a->size);
	b = h % DNS_CACHE_BUCKETS;
	pthread_mutex_lock(&c->lock[b % LOCKS]);
	if ((s = find(c, b, k, rrtype)) == NULL)
		s = victim(c, b, now);
	slot_clear(c, s);
	if (__atomic_load_n(&c->bytes, __ATOMIC_RELAXED) + need <= DNS_CACHE_MAX_BYTES) {
		s->name = n;
		s->rrtype = rrtype;
		s->expires = now + (time_t) ttl;
		s->a = copy;
		n = NULL;
		copy = NULL;
		__atomic_add_fetch(&c->bytes, need, __ATOMIC_RELAXED);
	}
	pthread_mutex_unlock(&c->lock[b % LOCKS]);
	free(n);
	free(copy);
}

size_t dns_cache_bytes(struct dns_cache *c)
{
	return __atomic_load_n(&c->bytes, __ATOMIC_RELAXED);
}
