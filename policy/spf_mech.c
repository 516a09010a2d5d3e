/*
 * spf_mech - match one SPF mechanism against the client (RFC 7208 5).
 *
 * Each DNS-querying mechanism is counted before its first query and each
 * empty answer (NXDOMAIN, NODATA, or a name DNS cannot carry) counts as
 * a void lookup, so a hostile record runs out of budget quickly. MX and
 * PTR answers are looked at for 10 names at most (4.6.4). A transient
 * DNS failure is temperror, except in ptr, where 5.5 says skip.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "util/dnsname.h"
#include "spf_eval.h"

/* addr_type - A for an IPv4 client, AAAA for IPv6 (5) */
static enum dns_type addr_type(const struct spf_eval *ev)
{
	return ev->ip.family == AF_INET ? DNS_T_A : DNS_T_AAAA;
}

/* addr_match - any address of ANS in the client's network of PREFIX */
static int addr_match(const struct spf_eval *ev, const struct dns_answer *ans,
		      int prefix)
{
	struct netaddr a;
	size_t i;

	for (i = 0; i < ans->count; i++) {
		if (ans->rr[i].type != addr_type(ev))
			continue;
		memset(&a, 0, sizeof(a));
		a.family = ev->ip.family;
		memcpy(a.bytes, ans->rr[i].addr, a.family == AF_INET ? 4 : 16);
		if (netaddr_in_prefix(&ev->ip, &a, prefix))
			return 1;
	}
	return 0;
}

/* dns_failed - temperror for a lookup that got no usable answer */
static enum spf_match dns_failed(struct spf_eval *ev, const char *name,
				 enum dns_status st, enum spf_result *err)
{
	char q[96];

	spf_eval_reason(ev, "DNS %s for %s",
			st == DNS_TIMEOUT ? "timeout" : "error",
			spf_eval_name(name, q, sizeof(q)));
	*err = SPF_TEMPERROR;
	return SPF_MATCH_ERROR;
}

/* no_answer - a term's main query came back without records */
static enum spf_match no_answer(struct spf_eval *ev, const char *name,
				enum dns_status st, enum spf_result *err)
{
	if (st == DNS_TIMEOUT || st == DNS_SERVFAIL)
		return dns_failed(ev, name, st, err);
	if (spf_eval_count_void(ev) < 0) {
		*err = SPF_PERMERROR;
		return SPF_MATCH_ERROR;
	}
	return SPF_NOMATCH;
}

/* target - the term's domain-spec expanded, or <domain>; "" if it
 * cannot be expanded, which DNS then refuses as a bad name */
static void target(struct spf_frame *f, const struct spf_term *t,
		   char *out)
{
	size_t n;

	if (t->spec == NULL) {
		n = strlen(f->domain);
		n = n < SPF_MACRO_DOMAIN_SIZE - 1 ? n : SPF_MACRO_DOMAIN_SIZE - 1;
		memcpy(out, f->domain, n);
		out[n] = '\0';
		return;
	}
	if (spf_macro_expand(&f->env, t->spec, t->speclen, SPF_MACRO_DOMAIN,
			     out, SPF_MACRO_DOMAIN_SIZE) != SPF_MACRO_OK)
		out[0] = '\0';
}

/* begin_term - what every DNS-querying mechanism does first: count the
 * term against the limit of 10 (RFC 7208 4.6.4: permerror past it), then
 * expand its target into NAME. -1 with *ERR set when over the limit. */
static int begin_term(struct spf_frame *f, const struct spf_term *t,
		      char *name, enum spf_result *err)
{
	if (spf_eval_count_term(f->ev) < 0) {
		*err = SPF_PERMERROR;
		return -1;
	}
	target(f, t, name);
	return 0;
}

/* in_domain - NAME is DOMAIN or below it, ignoring case (5.5) */
static int in_domain(const char *name, const char *domain)
{
	return dnsname_under(name, domain, strlen(domain));
}

/* validated - NAME has an address equal to the client's (5.5);
 * a DNS error for it just means "not validated" */
static int validated(struct spf_eval *ev, const char *name)
{
	struct dns_answer ans;
	int ok;

	spf_eval_lookup(ev, name, addr_type(ev), &ans);
	ok = ans.status == DNS_OK
	    && addr_match(ev, &ans, ev->ip.family == AF_INET ? 32 : 128);
	dns_answer_free(&ans);
	return ok;
}

/* match_a - a: the target's addresses in the client's network (5.3) */
static enum spf_match match_a(struct spf_frame *f, const struct spf_term *t,
			      enum spf_result *err)
{
	struct spf_eval *ev = f->ev;
	char name[SPF_MACRO_DOMAIN_SIZE];
	struct dns_answer ans;
	enum spf_match m;

	if (begin_term(f, t, name, err) < 0)
		return SPF_MATCH_ERROR;
	spf_eval_lookup(ev, name, addr_type(ev), &ans);
	if (ans.status == DNS_OK)
		m = addr_match(ev, &ans, ev->ip.family == AF_INET ? t->cidr4
			       : t->cidr6) ? SPF_MATCH : SPF_NOMATCH;
	else
		m = no_answer(ev, name, ans.status, err);
	dns_answer_free(&ans);
	return m;
}

/* mx_hosts - the address step of mx: for at most 10 exchanges */
static enum spf_match mx_hosts(struct spf_eval *ev, const struct spf_term *t,
			       const struct dns_answer *mx,
			       enum spf_result *err)
{
	struct dns_answer ans;
	enum spf_match m = SPF_NOMATCH;
	size_t i;

	for (i = 0; i < mx->count && m == SPF_NOMATCH; i++) {
		if (mx->rr[i].name == NULL || mx->rr[i].name[0] == '\0')
			continue;               /* null MX (RFC 7505) */
		spf_eval_lookup(ev, mx->rr[i].name, addr_type(ev), &ans);
		if (ans.status == DNS_OK) {
			if (addr_match(ev, &ans, ev->ip.family == AF_INET
				       ? t->cidr4 : t->cidr6))
				m = SPF_MATCH;
		} else if (ans.status == DNS_TIMEOUT
			   || ans.status == DNS_SERVFAIL) {
			m = dns_failed(ev, mx->rr[i].name, ans.status, err);
		}
		dns_answer_free(&ans);
	}
	return m;
}

/* match_mx - mx: the MX names, then their addresses (5.4) */
static enum spf_match match_mx(struct spf_frame *f, const struct spf_term *t,
			       enum spf_result *err)
{
	struct spf_eval *ev = f->ev;
	char name[SPF_MACRO_DOMAIN_SIZE], q[96];
	struct dns_answer mx;
	enum spf_match m;

	if (begin_term(f, t, name, err) < 0)
		return SPF_MATCH_ERROR;
	spf_eval_lookup(ev, name, DNS_T_MX, &mx);
	if (mx.status != DNS_OK) {
		m = no_answer(ev, name, mx.status, err);
	} else if (mx.count > SPF_MAX_NAMES) {
		spf_eval_reason(ev, "more than %d MX records for %s",
				SPF_MAX_NAMES, spf_eval_name(name, q, sizeof(q)));
		*err = SPF_PERMERROR;
		m = SPF_MATCH_ERROR;
	} else {
		m = mx_hosts(ev, t, &mx, err);
	}
	dns_answer_free(&mx);
	return m;
}

/* match_ptr - ptr: a validated name of the client in the target (5.5) */
static enum spf_match match_ptr(struct spf_frame *f, const struct spf_term *t,
				enum spf_result *err)
{
	struct spf_eval *ev = f->ev;
	char name[SPF_MACRO_DOMAIN_SIZE];
	struct dns_answer ptr;
	enum spf_match m = SPF_NOMATCH;
	size_t i;

	if (begin_term(f, t, name, err) < 0)
		return SPF_MATCH_ERROR;
	spf_eval_lookup(ev, ev->reverse, DNS_T_PTR, &ptr);
	if (ptr.status == DNS_NXDOMAIN || ptr.status == DNS_NODATA) {
		m = no_answer(ev, ev->reverse, ptr.status, err);
	} else if (ptr.status == DNS_OK) {
		/* the names outside the target cost no query */
		for (i = 0; i < ptr.count && i < SPF_MAX_NAMES; i++)
			if (ptr.rr[i].name && in_domain(ptr.rr[i].name, name)
			    && validated(ev, ptr.rr[i].name)) {
				m = SPF_MATCH;
				break;
			}
	}
	dns_answer_free(&ptr);
	return m;
}

/* match_exists - exists: any A record at all, whatever the client (5.7) */
static enum spf_match match_exists(struct spf_frame *f,
				   const struct spf_term *t,
				   enum spf_result *err)
{
	struct spf_eval *ev = f->ev;
	char name[SPF_MACRO_DOMAIN_SIZE];
	struct dns_answer ans;
	enum spf_match m;

	if (begin_term(f, t, name, err) < 0)
		return SPF_MATCH_ERROR;
	spf_eval_lookup(ev, name, DNS_T_A, &ans);
	m = ans.status == DNS_OK ? SPF_MATCH
	    : no_answer(ev, name, ans.status, err);
	dns_answer_free(&ans);
	return m;
}

/* match_include - the included domain's pass is a match (5.2) */
static enum spf_match match_include(struct spf_frame *f,
				    const struct spf_term *t,
				    enum spf_result *err)
{
	struct spf_eval *ev = f->ev;
	char name[SPF_MACRO_DOMAIN_SIZE], q[96];
	enum spf_result r;

	if (begin_term(f, t, name, err) < 0)
		return SPF_MATCH_ERROR;
	switch (r = spf_eval_domain(ev, name, 0)) {
	case SPF_PASS:
		return SPF_MATCH;
	case SPF_FAIL:
	case SPF_SOFTFAIL:
	case SPF_NEUTRAL:
		return SPF_NOMATCH;
	case SPF_NONE:
		spf_eval_reason(ev, "include:%s has no SPF record",
				spf_eval_name(name, q, sizeof(q)));
		*err = SPF_PERMERROR;
		return SPF_MATCH_ERROR;
	default:
		*err = r;
		return SPF_MATCH_ERROR;
	}
}

/* spf_mech_match - dispatch on the mechanism */
enum spf_match spf_mech_match(struct spf_frame *f, const struct spf_term *t,
			      enum spf_result *err)
{
	const struct spf_eval *ev = f->ev;

	switch (t->mech) {
	case SPF_MECH_ALL:
		return SPF_MATCH;
	case SPF_MECH_IP4:
		return netaddr_in_prefix(&ev->ip, &t->net, t->cidr4)
		    ? SPF_MATCH : SPF_NOMATCH;
	case SPF_MECH_IP6:
		return netaddr_in_prefix(&ev->ip, &t->net, t->cidr6)
		    ? SPF_MATCH : SPF_NOMATCH;
	case SPF_MECH_A:
		return match_a(f, t, err);
	case SPF_MECH_MX:
		return match_mx(f, t, err);
	case SPF_MECH_PTR:
		return match_ptr(f, t, err);
	case SPF_MECH_EXISTS:
		return match_exists(f, t, err);
	case SPF_MECH_INCLUDE:
		return match_include(f, t, err);
	}
	*err = SPF_PERMERROR;
	return SPF_MATCH_ERROR;
}

/* ptr_rank - 0: the domain itself, 1: below it, 2: elsewhere (7.3) */
static int ptr_rank(const char *name, const char *domain)
{
	if (strcasecmp(name, domain) == 0)
		return 0;
	return in_domain(name, domain) ? 1 : 2;
}

/* spf_frame_ptr_name - %{p}: a validated name of the client, preferring
 * the domain and its subdomains; "unknown" if none. Looked up once per
 * frame, for 10 names at most; not a term, so not counted. */
const char *spf_frame_ptr_name(void *arg)
{
	struct spf_frame *f = arg;
	struct spf_eval *ev = f->ev;
	struct dns_answer ptr;
	size_t i;
	int best = 3, rank;

	if (f->ptr_done)
		return f->ptr_name;
	f->ptr_done = 1;
	snprintf(f->ptr_name, sizeof(f->ptr_name), "unknown");
	spf_eval_lookup(ev, ev->reverse, DNS_T_PTR, &ptr);
	for (i = 0; ptr.status == DNS_OK && i < ptr.count
	     && i < SPF_MAX_NAMES && best > 0; i++) {
		if (ptr.rr[i].name == NULL || ptr.rr[i].name[0] == '\0')
			continue;
		rank = ptr_rank(ptr.rr[i].name, f->domain);
		if (rank < best && validated(ev, ptr.rr[i].name)) {
			best = rank;
			snprintf(f->ptr_name, sizeof(f->ptr_name), "%s",
				 ptr.rr[i].name);
		}
	}
	dns_answer_free(&ptr);
	return f->ptr_name;
}
