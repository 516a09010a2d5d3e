/*
 * dns_mx - the MX analysis; see dns.h.
 *
 * The MX set is read once; each exchange (at most SC_MX_MAX_HOSTS, by
 * preference) is asked for a CNAME, then for A and AAAA. The CNAME chain
 * is followed here with CNAME queries, so a loop is seen as a loop
 * whether the resolver chases aliases or not. Then SPF is evaluated, as
 * a receiver would, for every address found (at most SC_MX_MAX_SPF), with
 * the MX host as the sender of a bounce (postmaster@DOMAIN).
 */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "policy/netaddr.h"
#include "policy/spf.h"
#include "dns.h"
#include "dns_name.h"
#include "dns_text.h"

#define SC_MX_MAX_HOSTS 16      /* exchanges examined */
#define SC_MX_MAX_ADDRS 4       /* addresses kept per exchange */
#define SC_MX_MAX_SPF 16        /* SPF evaluations in all */
#define SC_MX_CNAME_HOPS 8      /* as far as a resolver follows */
#define SC_MX_SPF_MS 10000      /* bound on one SPF evaluation */

enum mx_state {
	MX_RESOLVED,
	MX_UNRESOLVABLE,
	MX_UNKNOWN,                 /* a lookup failed: sc_unrun said so */
	MX_LITERAL,
};

struct mx_host {
	char name[SC_DNS_NAME_SIZE * 4];  /* escaped, as decoded */
	unsigned pref;
	enum mx_state state;
	char why[48];               /* MX_UNRESOLVABLE: "NXDOMAIN" ... */
	char alias[SC_DNS_NAME_SIZE * 4]; /* first CNAME target, or "" */
	struct netaddr addr[SC_MX_MAX_ADDRS];
	size_t naddr;
};

struct mx_set {
	struct mx_host host[SC_MX_MAX_HOSTS];
	size_t n;
	size_t total;               /* non-null MX records in the answer */
	size_t null;                /* null MX records (RFC 7505) */
};

/* unrun - an undecided MX lookup */
static void unrun(struct sc_report *r, const char *name, enum dns_type type,
		  enum dns_status st)
{
	sc_unrun(r, "dns.mx", "%s %s: %s", name, dns_type_name(type),
		 dns_status_name(st));
}

/* collect - the answer's exchanges by preference, null MX counted apart */
static void collect(const struct dns_answer *a, struct mx_set *s)
{
	struct mx_host tmp;
	size_t i, k;

	memset(s, 0, sizeof(*s));
	for (i = 0; i < a->count; i++) {
		const struct dns_rr *rr = &a->rr[i];

		if (rr->name == NULL || rr->name[0] == '\0') {
			s->null++;
			continue;
		}
		s->total++;
		if (s->n == SC_MX_MAX_HOSTS
		    && rr->pref >= s->host[s->n - 1].pref)
			continue;
		if (s->n < SC_MX_MAX_HOSTS)
			s->n++;
		/* insertion: keep the lowest preferences, stable order */
		k = s->n - 1;
		memset(&tmp, 0, sizeof(tmp));
		snprintf(tmp.name, sizeof(tmp.name), "%s", rr->name);
		tmp.pref = rr->pref;
		while (k > 0 && s->host[k - 1].pref > tmp.pref) {
			s->host[k] = s->host[k - 1];
			k--;
		}
		s->host[k] = tmp;
	}
}

/* seen - NAME is one of the first N of CHAIN */
static int seen(char chain[][SC_DNS_NAME_SIZE * 4], int n, const char *name)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(chain[i], name) == 0)
			return 1;
	return 0;
}

/* chase_cname - follow H's CNAMEs; 1 for a loop or an endless chain,
 * 0 otherwise, -1 if a lookup failed */
static int chase_cname(const struct dns_client *dns, struct mx_host *h,
		       struct sc_report *r)
{
	char chain[SC_MX_CNAME_HOPS + 1][SC_DNS_NAME_SIZE * 4];
	struct dns_answer a;
	int hops = 0;

	snprintf(chain[0], sizeof(chain[0]), "%s", h->name);
	for (;;) {
		dns_lookup(dns, chain[hops], DNS_T_CNAME, &a);
		if (sc_dns_failed(a.status)) {
			unrun(r, chain[hops], DNS_T_CNAME, a.status);
			dns_answer_free(&a);
			return -1;
		}
		if (a.status != DNS_OK || a.rr[0].name == NULL) {
			dns_answer_free(&a);
			return 0;
		}
		if (hops == 0)
			snprintf(h->alias, sizeof(h->alias), "%s",
				 a.rr[0].name);
		if (seen(chain, hops + 1, a.rr[0].name)
		    || hops == SC_MX_CNAME_HOPS) {
			snprintf(h->why, sizeof(h->why), "%s",
				 hops == SC_MX_CNAME_HOPS
				 ? "CNAME chain too long" : "CNAME loop");
			dns_answer_free(&a);
			return 1;
		}
		hops++;
		snprintf(chain[hops], sizeof(chain[hops]), "%s", a.rr[0].name);
		dns_answer_free(&a);
	}
}

/* keep_addrs - the addresses of one answer, while there is room */
static void keep_addrs(struct mx_host *h, const struct dns_answer *a)
{
	size_t i;

	for (i = 0; i < a->count && h->naddr < SC_MX_MAX_ADDRS; i++) {
		struct netaddr *n = &h->addr[h->naddr++];

		memset(n, 0, sizeof(*n));
		n->family = a->rr[i].type == DNS_T_A ? AF_INET : AF_INET6;
		memcpy(n->bytes, a->rr[i].addr, n->family == AF_INET ? 4 : 16);
	}
}

/* resolve - A and AAAA of H; a host with neither is unresolvable, unless
 * a lookup failed (then undecided, said in R unless R is NULL) */
static void resolve(const struct dns_client *dns, struct mx_host *h,
		    struct sc_report *r)
{
	static const enum dns_type types[] = { DNS_T_A, DNS_T_AAAA };
	enum dns_status st[2];
	struct dns_answer a;
	size_t i;

	for (i = 0; i < 2; i++) {
		dns_lookup(dns, h->name, types[i], &a);
		st[i] = a.status;
		if (a.status == DNS_OK)
			keep_addrs(h, &a);
		dns_answer_free(&a);
	}
	if (h->naddr > 0) {
		h->state = MX_RESOLVED;
	} else if (sc_dns_failed(st[0]) || sc_dns_failed(st[1])) {
		h->state = MX_UNKNOWN;
		if (r != NULL && sc_dns_failed(st[0]))
			unrun(r, h->name, DNS_T_A, st[0]);
		else if (r != NULL)
			unrun(r, h->name, DNS_T_AAAA, st[1]);
	} else {
		h->state = MX_UNRESOLVABLE;
		snprintf(h->why, sizeof(h->why), "%s", st[0] == DNS_NXDOMAIN
			 ? "NXDOMAIN" : "no A/AAAA record");
	}
}

/* examine - one exchange: literal, alias, addresses */
static void examine(const struct dns_client *dns, struct mx_host *h,
		    struct sc_report *r)
{
	int rc;

	if (sc_dns_name_is_address(h->name)) {
		h->state = MX_LITERAL;
		return;
	}
	if ((rc = chase_cname(dns, h, r)) < 0) {
		h->state = MX_UNKNOWN;
		return;
	}
	if (rc > 0) {
		h->state = MX_UNRESOLVABLE;
		return;
	}
	resolve(dns, h, r);
}

/* report_missing - no MX: say where mail goes instead (RFC 5321 5.1) */
static void report_missing(const struct dns_client *dns, const char *domain,
			   struct sc_report *r)
{
	struct mx_host h;
	struct sc_dns_text t;
	char ip[NETADDR_STRLEN];
	size_t i;

	memset(&h, 0, sizeof(h));
	snprintf(h.name, sizeof(h.name), "%s", domain);
	sc_dns_text_init(&t);
	sc_dns_text_add(&t, "%s has no MX record", domain);
	/* the finding stands whatever the address lookups say */
	resolve(dns, &h, NULL);
	if (h.state == MX_RESOLVED) {
		sc_dns_text_add(&t, "; mail falls back to its address:");
		for (i = 0; i < h.naddr; i++)
			sc_dns_text_add(&t, " %s", netaddr_format(&h.addr[i],
					ip, sizeof(ip)));
	} else if (h.state == MX_UNRESOLVABLE) {
		sc_dns_text_add(&t, " and no A/AAAA record: it cannot "
				"receive mail");
	} else {
		sc_dns_text_add(&t, " (its address lookups failed)");
	}
	sc_found(r, SC_ID_MX_MISSING, "%s", t.s);
}

/* report_list - one finding for the hosts in state STATE (or with an
 * alias, for mx.cname_target) */
static void report_list(const struct mx_set *s, enum sc_id id,
			enum mx_state state, int aliases, struct sc_report *r)
{
	struct sc_dns_text t;
	size_t i, n = 0;

	sc_dns_text_init(&t);
	for (i = 0; i < s->n; i++) {
		const struct mx_host *h = &s->host[i];

		if (aliases ? h->alias[0] == '\0' : h->state != state)
			continue;
		sc_dns_text_add(&t, "%sMX %u %s", n++ ? "\n" : "", h->pref,
				h->name);
		if (aliases)
			sc_dns_text_add(&t, " is a CNAME for %s", h->alias);
		else if (state == MX_UNRESOLVABLE)
			sc_dns_text_add(&t, ": %s", h->why);
		else if (state == MX_LITERAL)
			sc_dns_text_add(&t, ": an address, not a host name");
	}
	if (n > 0)
		sc_found(r, id, "%s", t.s);
}

/* report_shape - one host; several sharing the lowest preference */
static void report_shape(const struct mx_set *s, struct sc_report *r)
{
	struct sc_dns_text t;
	size_t i;

	if (s->total == 1)
		sc_found(r, SC_ID_MX_SINGLE, "the only MX host is %s (MX %u)",
			 s->host[0].name, s->host[0].pref);
	if (s->n < 2 || s->host[1].pref != s->host[0].pref)
		return;
	sc_dns_text_init(&t);
	sc_dns_text_add(&t, "preference %u:", s->host[0].pref);
	for (i = 0; i < s->n && s->host[i].pref == s->host[0].pref; i++)
		sc_dns_text_add(&t, " %s", s->host[i].name);
	sc_found(r, SC_ID_MX_EQUAL_PRIORITY, "%s", t.s);
}

/* spf_one - SPF for one MX address: 1 pass, 0 not, -1 undecided */
static int spf_one(const struct dns_client *dns, const char *domain,
		   const struct mx_host *h, const struct netaddr *ip,
		   struct sc_dns_text *t, struct sc_report *r)
{
	char sender[SC_DNS_NAME_SIZE + 16], text[NETADDR_STRLEN];
	struct spf_request req;
	struct spf_outcome out;

	memset(&req, 0, sizeof(req));
	req.ip = *ip;
	req.helo = h->name;
	req.max_ms = SC_MX_SPF_MS;
	snprintf(sender, sizeof(sender), "postmaster@%s", domain);
	req.sender = sender;
	netaddr_format(ip, text, sizeof(text));
	switch (spf_check_host(dns, &req, domain, sender, &out)) {
	case SPF_PASS:
		return 1;
	case SPF_TEMPERROR:
		sc_unrun(r, "dns.mx", "SPF of %s for MX %s (%s): temperror, %s",
			 domain, h->name, text, out.reason);
		return -1;
	default:
		sc_dns_text_add(t, "\nMX %s (%s): %s (%s)", h->name, text,
				spf_result_name(out.result), out.reason);
		return 0;
	}
}

/* report_spf - every address of every resolved exchange must pass */
static void report_spf(const struct dns_client *dns, const char *domain,
		       const struct mx_set *s, struct sc_report *r)
{
	struct sc_dns_text t;
	size_t i, k, runs = 0, bad = 0;
	int rc = 0;

	sc_dns_text_init(&t);
	sc_dns_text_add(&t, "SPF of %s for its own MX hosts:", domain);
	for (i = 0; i < s->n && rc >= 0; i++) {
		const struct mx_host *h = &s->host[i];

		if (h->state != MX_RESOLVED)
			continue;
		for (k = 0; k < h->naddr && runs < SC_MX_MAX_SPF && rc >= 0;
		     k++, runs++)
			if ((rc = spf_one(dns, domain, h, &h->addr[k], &t,
					  r)) == 0)
				bad++;
	}
	if (bad > 0)
		sc_found(r, SC_ID_MX_NOT_IN_SPF, "%s", t.s);
}

/* sc_dns_mx - the MX analysis */
void sc_dns_mx(const struct dns_client *dns, const char *domain,
	       struct sc_report *r)
{
	struct mx_set s;
	struct dns_answer a;
	size_t i;

	dns_lookup(dns, domain, DNS_T_MX, &a);
	if (sc_dns_failed(a.status)) {
		unrun(r, domain, DNS_T_MX, a.status);
	} else if (a.status == DNS_NXDOMAIN) {
		sc_found(r, SC_ID_MX_MISSING, "%s does not exist (NXDOMAIN)",
			 domain);
	} else if (a.status != DNS_OK) {
		report_missing(dns, domain, r);
	} else {
		collect(&a, &s);
		if (s.null > 0)
			sc_found(r, SC_ID_MX_NULL, "%s has a null MX (MX 0 .)%s",
				 domain, s.total ? ", and other MX records "
				 "beside it (RFC 7505 3: it must stand alone)"
				 : "");
		dns_answer_free(&a);
		if (s.n == 0)
			return;
		report_shape(&s, r);
		for (i = 0; i < s.n; i++)
			examine(dns, &s.host[i], r);
		report_list(&s, SC_ID_MX_IP_LITERAL, MX_LITERAL, 0, r);
		report_list(&s, SC_ID_MX_CNAME_TARGET, MX_RESOLVED, 1, r);
		report_list(&s, SC_ID_MX_UNRESOLVABLE, MX_UNRESOLVABLE, 0, r);
		report_spf(dns, domain, &s, r);
		return;
	}
	dns_answer_free(&a);
}
