/*
 * dns - answer helpers and the lookup call; see dns.h.
 */
#include <stdlib.h>
#include <string.h>

#include "util/dnsname.h"
#include "dns.h"

/* dns_lookup - call through the client, failing safe */
int dns_lookup(const struct dns_client *c, const char *name,
	       enum dns_type type, struct dns_answer *out)
{
	memset(out, 0, sizeof(*out));
	if (!dns_name_valid(name)) {
		out->status = DNS_BADNAME;
		return 0;
	}
	if (c == NULL || c->query == NULL || c->query(c->ctx, name, type, out) != 0) {
		dns_answer_free(out);
		out->status = DNS_SERVFAIL;
		return -1;
	}
	return 0;
}

void dns_answer_free(struct dns_answer *a)
{
	size_t i;

	if (a == NULL)
		return;
	for (i = 0; i < a->count; i++) {
		free(a->rr[i].name);
		free(a->rr[i].text);
	}
	free(a->rr);
	a->rr = NULL;
	a->count = 0;
}

const char *dns_status_name(enum dns_status s)
{
	switch (s) {
	case DNS_OK: return "ok";
	case DNS_NXDOMAIN: return "nxdomain";
	case DNS_NODATA: return "nodata";
	case DNS_SERVFAIL: return "servfail";
	case DNS_TIMEOUT: return "timeout";
	case DNS_BADNAME: return "badname";
	}
	return "unknown";
}

const char *dns_type_name(enum dns_type t)
{
	switch (t) {
	case DNS_T_A: return "A";
	case DNS_T_CNAME: return "CNAME";
	case DNS_T_PTR: return "PTR";
	case DNS_T_MX: return "MX";
	case DNS_T_TXT: return "TXT";
	case DNS_T_AAAA: return "AAAA";
	case DNS_T_CAA: return "CAA";
	}
	return "?";
}

/* dns_name_valid - label and total length limits (RFC 1035 2.3.4), any
 * octet in a label: the DNS carries them, and a caller that wants a host
 * name checks that itself */
int dns_name_valid(const char *name)
{
	return dnsname_valid(name, 0);
}
