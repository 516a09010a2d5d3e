/*
 * dkim_dns - libopendkim's DNS hooks on policy/resolver; see dkim_dns.h.
 *
 * What libopendkim does with our answer (dkim-keys.c, 2.11.0~beta2): it
 * parses the packet itself, takes rcode NXDOMAIN or an empty answer as
 * "no key", and takes a failed or expired wait as a key lookup failure.
 * A SERVFAIL packet would parse as an empty answer, so a DNS failure must
 * never be handed over as a packet: it is reported as a failed wait
 * (timeout: expired), which the library records as a key fetch error
 * and we report as temperror.
 */
#include <stdlib.h>
#include <string.h>

#include "dkim_dns.h"
#include "resolver.h"

#define DKIM_DNS_HDRLEN 12
#define DKIM_DNS_RCODE_NXDOMAIN 3

/* The outcome of one query, from start to wait to cancel. */
struct dkim_query {
	int status;                 /* DKIM_DNS_SUCCESS, _ERROR, _EXPIRED */
	size_t len;                 /* octets of the packet in the buffer */
	int dnssec;                 /* DKIM_DNSSEC_* */
};

/* synthesize - an answer with no records and RCODE, for outcomes that
 * came without a packet; the question is the root, since libopendkim
 * reads only its type and class */
static size_t synthesize(unsigned char *buf, size_t buflen, int type,
			 int rcode)
{
	static const size_t len = DKIM_DNS_HDRLEN + 5;

	if (buflen < len)
		return 0;
	memset(buf, 0, len);
	buf[2] = 0x81;              /* QR, RD */
	buf[3] = (unsigned char) (0x80 | rcode);    /* RA, RCODE */
	buf[5] = 1;                 /* QDCOUNT */
	buf[DKIM_DNS_HDRLEN + 1] = (unsigned char) (type >> 8);
	buf[DKIM_DNS_HDRLEN + 2] = (unsigned char) type;
	buf[DKIM_DNS_HDRLEN + 4] = 1;   /* class IN */
	return len;
}

/* dnssec_state - our DNSSEC verdict in libopendkim's terms */
static int dnssec_state(enum dns_security sec)
{
	switch (sec) {
	case DNS_SEC_SECURE:
		return DKIM_DNSSEC_SECURE;
	case DNS_SEC_BOGUS:
		return DKIM_DNSSEC_BOGUS;
	case DNS_SEC_INSECURE:
		break;
	}
	return DKIM_DNSSEC_INSECURE;
}

/* classify - what the library should be told about one raw answer */
static void classify(const struct resolver_raw *raw, unsigned char *buf,
		     size_t buflen, int type, struct dkim_query *q)
{
	q->status = DKIM_DNS_SUCCESS;
	q->len = raw->len;
	q->dnssec = dnssec_state(raw->security);
	switch (raw->status) {
	case DNS_OK:
	case DNS_NODATA:
		if (q->len == 0)
			q->len = synthesize(buf, buflen, type, 0);
		break;
	case DNS_NXDOMAIN:
		if (q->len == 0)
			q->len = synthesize(buf, buflen, type,
					    DKIM_DNS_RCODE_NXDOMAIN);
		break;
	case DNS_BADNAME:
		/* no such name can exist, so it has no key */
		q->len = synthesize(buf, buflen, type, DKIM_DNS_RCODE_NXDOMAIN);
		break;
	case DNS_TIMEOUT:
		q->status = DKIM_DNS_EXPIRED;
		break;
	case DNS_SERVFAIL:
		q->status = DKIM_DNS_ERROR;
		break;
	}
	if (q->status == DKIM_DNS_SUCCESS && q->len == 0)
		q->status = DKIM_DNS_ERROR;
}

/* query_start - run the query now; the handle carries its outcome */
static int query_start(void *srv, int type, unsigned char *name,
		       unsigned char *buf, size_t buflen, void **qh)
{
	struct resolver_raw raw;
	struct dkim_query *q;

	if (srv == NULL || (q = calloc(1, sizeof(*q))) == NULL)
		return DKIM_DNS_ERROR;
	if (resolver_query_raw(srv, (const char *) name, type, buf, buflen,
			       &raw) < 0)
		raw.status = DNS_SERVFAIL;
	classify(&raw, buf, buflen, type, q);
	*qh = q;
	return DKIM_DNS_SUCCESS;
}

/* query_wait - the outcome was settled in query_start */
static int query_wait(void *srv, void *qh, struct timeval *timeout,
		      size_t *bytes, int *error, int *dnssec)
{
	struct dkim_query *q = qh;

	(void) srv;
	(void) timeout;
	if (bytes != NULL)
		*bytes = q->len;
	if (error != NULL)
		*error = 0;
	if (dnssec != NULL)
		*dnssec = q->dnssec;
	return q->status;
}

/* query_cancel - the library calls this once per started query, after
 * the wait whatever its outcome: the one place a handle is freed */
static int query_cancel(void *srv, void *qh)
{
	(void) srv;
	free(qh);
	return 0;
}

/* dkim_dns_install - our hooks, and none of the library's */
void dkim_dns_install(DKIM_LIB *lib, struct resolver *r)
{
	dkim_dns_set_init(lib, NULL);
	dkim_dns_set_close(lib, NULL);
	(void) dkim_dns_set_query_service(lib, r);
	dkim_dns_set_query_start(lib, query_start);
	dkim_dns_set_query_waitreply(lib, query_wait);
	dkim_dns_set_query_cancel(lib, query_cancel);
}
