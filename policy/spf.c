/*
 * spf - RFC 7208 check_host(): identities, record selection, the term
 * loop, redirect, explanations and the processing limits; see spf.h.
 *
 * The recursion (include, redirect) shares one struct spf_eval, so the
 * 10 DNS-term and 2 void-lookup limits hold for the whole evaluation,
 * not per record. Mechanism matching lives in spf_mech.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "domain.h"
#include "spf_eval.h"

/* spf_result_name - RFC 8601 / RFC 7208 result names */
const char *spf_result_name(enum spf_result r)
{
	switch (r) {
	case SPF_NONE: return "none";
	case SPF_NEUTRAL: return "neutral";
	case SPF_PASS: return "pass";
	case SPF_FAIL: return "fail";
	case SPF_SOFTFAIL: return "softfail";
	case SPF_TEMPERROR: return "temperror";
	case SPF_PERMERROR: return "permerror";
	}
	return "permerror";
}

/* spf_eval_reason - the human reason, replaced by each deciding step */
void spf_eval_reason(struct spf_eval *ev, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ev->out->reason, sizeof(ev->out->reason), fmt, ap);
	va_end(ap);
}

/* spf_eval_name - a DNS name from the record or DNS, safe to print */
const char *spf_eval_name(const char *name, char *buf, size_t buflen)
{
	return spf_term_quote(name, strlen(name), buf, buflen);
}

/* spf_eval_count_term - 4.6.4: at most 10 terms that query DNS */
int spf_eval_count_term(struct spf_eval *ev)
{
	if (++ev->out->dns_terms > SPF_MAX_DNS_TERMS) {
		spf_eval_reason(ev, "too many DNS lookups");
		return -1;
	}
	return 0;
}

/* spf_eval_count_void - 4.6.4: at most 2 lookups with empty answers */
int spf_eval_count_void(struct spf_eval *ev)
{
	if (++ev->out->void_lookups > SPF_MAX_VOID) {
		spf_eval_reason(ev, "void lookup limit");
		return -1;
	}
	return 0;
}

/* domain_ok - 4.3: a multi-label name that DNS can carry; no literal */
static int domain_ok(const char *d)
{
	return d[0] != '[' && strchr(d, '.') != NULL && dns_name_valid(d);
}

/* normalize - copy DOMAIN without one trailing dot; -1 if malformed */
static int normalize(const char *domain, char *out, size_t outlen)
{
	size_t n = domain ? strlen(domain) : 0;

	if (n > 0 && domain[n - 1] == '.')
		n--;
	if (n == 0 || n >= outlen)
		return -1;
	memcpy(out, domain, n);
	out[n] = '\0';
	return domain_ok(out) ? 0 : -1;
}

/* pick_record - 4.5: exactly one TXT record that starts "v=spf1" */
static int pick_record(struct spf_eval *ev, const char *domain,
		       const struct dns_answer *ans, size_t *which,
		       enum spf_result *res)
{
	size_t i, found = 0;
	char q[96];

	for (i = 0; i < ans->count; i++) {
		if (ans->rr[i].text
		    && spf_record_is_spf(ans->rr[i].text, ans->rr[i].textlen)) {
			found++;
			*which = i;
		}
	}
	if (found == 1)
		return 0;
	if (found == 0) {
		spf_eval_reason(ev, "no SPF record");
		*res = SPF_NONE;
	} else {
		spf_eval_reason(ev, "multiple SPF records for %s",
				spf_eval_name(domain, q, sizeof(q)));
		*res = SPF_PERMERROR;
	}
	return -1;
}

/* fetch_record - look up, select and parse DOMAIN's record; on -1 *RES
 * is the result check_host() returns (none, temperror, permerror) */
static int fetch_record(struct spf_eval *ev, const char *domain,
			struct spf_record *rec, enum spf_result *res)
{
	struct dns_answer ans;
	enum spf_record_status st;
	size_t which = 0;
	char err[96], q[96];

	spf_eval_lookup(ev, domain, DNS_T_TXT, &ans);
	if (ans.status == DNS_TIMEOUT || ans.status == DNS_SERVFAIL) {
		spf_eval_reason(ev, "DNS %s for %s", ans.status == DNS_TIMEOUT
				? "timeout" : "error",
				spf_eval_name(domain, q, sizeof(q)));
		*res = SPF_TEMPERROR;
		dns_answer_free(&ans);
		return -1;
	}
	if (ans.status != DNS_OK) {
		spf_eval_reason(ev, "no SPF record");
		*res = SPF_NONE;
		dns_answer_free(&ans);
		return -1;
	}
	if (pick_record(ev, domain, &ans, &which, res) < 0) {
		dns_answer_free(&ans);
		return -1;
	}
	st = spf_record_parse(ans.rr[which].text, ans.rr[which].textlen, rec,
			      err, sizeof(err));
	dns_answer_free(&ans);
	if (st == SPF_RECORD_OK)
		return 0;
	if (st == SPF_RECORD_NOMEM) {
		spf_eval_reason(ev, "out of memory");
		*res = SPF_TEMPERROR;
	} else {
		spf_eval_reason(ev, "%s in %s", err,
				spf_eval_name(domain, q, sizeof(q)));
		*res = SPF_PERMERROR;
	}
	return -1;
}

/* explain - 6.2: the exp= text of a failing record, else the default;
 * any trouble with exp= (DNS, count, syntax) means "no exp=". Neither
 * the lookup nor its emptiness counts against the limits. */
static void explain(struct spf_frame *f, const struct spf_record *rec)
{
	struct spf_eval *ev = f->ev;
	char *out = ev->out->explanation;
	const char *dflt = ev->req->default_explanation;
	char name[SPF_MACRO_DOMAIN_SIZE];
	struct dns_answer ans;

	memset(&ans, 0, sizeof(ans));
	ans.status = DNS_NXDOMAIN;
	if (rec->exp && spf_macro_expand(&f->env, rec->exp, rec->explen,
					 SPF_MACRO_DOMAIN, name, sizeof(name))
	    == SPF_MACRO_OK)
		spf_eval_lookup(ev, name, DNS_T_TXT, &ans);
	if (ans.status == DNS_OK && ans.count == 1 && ans.rr[0].text
	    && spf_macro_expand(&f->env, ans.rr[0].text, ans.rr[0].textlen,
				SPF_MACRO_EXPLAIN, out, SPF_EXPLAIN_MAX)
	    == SPF_MACRO_OK) {
		dns_answer_free(&ans);
		return;
	}
	dns_answer_free(&ans);
	out[0] = '\0';
	if (dflt && spf_macro_expand(&f->env, dflt, strlen(dflt),
				     SPF_MACRO_EXPLAIN, out, SPF_EXPLAIN_MAX)
	    != SPF_MACRO_OK)
		snprintf(out, SPF_EXPLAIN_MAX, "%s", dflt);
}

/* follow_redirect - 6.1: the target's result is this record's result */
static enum spf_result follow_redirect(struct spf_frame *f,
				       const struct spf_record *rec,
				       int want_exp)
{
	struct spf_eval *ev = f->ev;
	char name[SPF_MACRO_DOMAIN_SIZE], q[96];
	enum spf_result r;

	if (spf_eval_count_term(ev) < 0)
		return SPF_PERMERROR;
	if (spf_macro_expand(&f->env, rec->redirect, rec->redirectlen,
			     SPF_MACRO_DOMAIN, name, sizeof(name))
	    != SPF_MACRO_OK)
		name[0] = '\0';
	r = spf_eval_domain(ev, name, want_exp);
	if (r == SPF_NONE) {
		spf_eval_reason(ev, "redirect=%s has no SPF record",
				spf_eval_name(name, q, sizeof(q)));
		r = SPF_PERMERROR;
	}
	return r;
}

/* eval_terms - 4.6.2: first matching mechanism, else redirect, else
 * neutral */
static enum spf_result eval_terms(struct spf_frame *f,
				  const struct spf_record *rec, int want_exp)
{
	const struct spf_term *t;
	enum spf_result err = SPF_PERMERROR;
	char q[96];
	size_t i;

	for (i = 0; i < rec->nterms; i++) {
		t = &rec->terms[i];
		switch (spf_mech_match(f, t, &err)) {
		case SPF_NOMATCH:
			continue;
		case SPF_MATCH_ERROR:
			return err;
		case SPF_MATCH:
			spf_eval_reason(f->ev, "matched %s",
					spf_term_quote(t->text, t->textlen, q,
						       sizeof(q)));
			if (t->qualifier == SPF_FAIL && want_exp)
				explain(f, rec);
			return t->qualifier;
		}
	}
	if (rec->redirect)
		return follow_redirect(f, rec, want_exp);
	spf_eval_reason(f->ev, "default (no mechanism matched)");
	return SPF_NEUTRAL;
}

/* frame_init - the macro values of one check_host() level */
static void frame_init(struct spf_frame *f, struct spf_eval *ev,
		       const char *domain)
{
	struct spf_macro_env *env = &f->env;

	memset(f, 0, sizeof(*f));
	f->ev = ev;
	f->domain = domain;
	env->sender = ev->sender;
	env->local = ev->local;
	env->sender_domain = ev->sender_domain;
	env->domain = domain;
	env->ip_macro = ev->ip_macro;
	env->ip_text = ev->ip_text;
	env->ip_version = ev->ip.family == AF_INET ? "in-addr" : "ip6";
	env->helo = ev->req->helo ? ev->req->helo : "";
	env->receiver = ev->req->receiver;
	env->now = ev->now;
	env->ptr_name = spf_frame_ptr_name;
	env->ptr_arg = f;
}

/* spf_eval_domain - one check_host() level */
enum spf_result spf_eval_domain(struct spf_eval *ev, const char *domain,
				int want_exp)
{
	struct spf_frame f;
	struct spf_record rec;
	enum spf_result r;
	char dom[SPF_MACRO_DOMAIN_SIZE];

	if (ev->depth >= SPF_MAX_DEPTH) {
		spf_eval_reason(ev, "too many DNS lookups");
		return SPF_PERMERROR;
	}
	if (normalize(domain, dom, sizeof(dom)) < 0) {
		spf_eval_reason(ev, "no SPF record (not a domain name)");
		return SPF_NONE;
	}
	if (fetch_record(ev, dom, &rec, &r) < 0)
		return r;
	frame_init(&f, ev, dom);
	ev->depth++;
	r = eval_terms(&f, &rec, want_exp);
	ev->depth--;
	spf_record_free(&rec);
	return r;
}

/* ip_forms - %{i}, %{c} and the reverse name; IPv6 nibbles are upper
 * case in %{i} (what the OpenSPF suite expects in explanations; DNS
 * ignores case) and lower case in the query name */
static void ip_forms(struct spf_eval *ev)
{
	static const char up[] = "0123456789ABCDEF", lo[] = "0123456789abcdef";
	const unsigned char *b = ev->ip.bytes;
	size_t i, o = 0, r = 0;

	netaddr_format(&ev->ip, ev->ip_text, sizeof(ev->ip_text));
	if (ev->ip.family == AF_INET) {
		snprintf(ev->ip_macro, sizeof(ev->ip_macro), "%s", ev->ip_text);
		snprintf(ev->reverse, sizeof(ev->reverse),
			 "%u.%u.%u.%u.in-addr.arpa", b[3], b[2], b[1], b[0]);
		return;
	}
	for (i = 0; i < 16; i++) {
		ev->ip_macro[o++] = up[b[i] >> 4];
		ev->ip_macro[o++] = '.';
		ev->ip_macro[o++] = up[b[i] & 15];
		ev->ip_macro[o++] = '.';
	}
	ev->ip_macro[o - 1] = '\0';
	for (i = 16; i > 0; i--) {
		ev->reverse[r++] = lo[b[i - 1] & 15];
		ev->reverse[r++] = '.';
		ev->reverse[r++] = lo[b[i - 1] >> 4];
		ev->reverse[r++] = '.';
	}
	memcpy(ev->reverse + r, "ip6.arpa", sizeof("ip6.arpa"));
}

/* sender_parts - 4.3: <sender> split at its last "@"; a missing local
 * part is "postmaster", a missing domain is DOMAIN */
static int sender_parts(struct spf_eval *ev, const char *sender,
			const char *domain)
{
	const char *at = sender ? strrchr(sender, '@') : NULL;
	const char *dom = at ? at + 1 : domain;
	size_t llen = at ? (size_t) (at - sender) : 0, dlen = strlen(dom);

	if (llen == 0) {
		sender = "postmaster";
		llen = strlen(sender);
	}
	ev->local = malloc(llen + 1);
	ev->sender = malloc(llen + dlen + 2);
	if (ev->local == NULL || ev->sender == NULL)
		return -1;
	memcpy(ev->local, sender, llen);
	ev->local[llen] = '\0';
	memcpy(ev->sender, sender, llen);
	ev->sender[llen] = '@';
	memcpy(ev->sender + llen + 1, dom, dlen + 1);
	ev->sender_domain = ev->sender + llen + 1;
	return 0;
}

/* spf_eval_lookup - one query, unless the evaluation is out of time */
void spf_eval_lookup(struct spf_eval *ev, const char *name,
		     enum dns_type type, struct dns_answer *ans)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (now.tv_sec > ev->deadline.tv_sec
	    || (now.tv_sec == ev->deadline.tv_sec && now.tv_nsec >= ev->deadline.tv_nsec)) {
		ev->overtime = 1;
		memset(ans, 0, sizeof(*ans));
		ans->status = DNS_TIMEOUT;
		return;
	}
	dns_lookup(ev->dns, name, type, ans);
}

/* set_deadline - now + the request's bound */
static void set_deadline(struct spf_eval *ev)
{
	unsigned ms = ev->req->max_ms ? ev->req->max_ms : SPF_MAX_MS;

	clock_gettime(CLOCK_MONOTONIC, &ev->deadline);
	ev->deadline.tv_sec += ms / 1000;
	ev->deadline.tv_nsec += (long) (ms % 1000) * 1000000L;
	if (ev->deadline.tv_nsec >= 1000000000L) {
		ev->deadline.tv_sec++;
		ev->deadline.tv_nsec -= 1000000000L;
	}
}

/* spf_check_host - set up one evaluation and run it */
enum spf_result spf_check_host(const struct dns_client *dns,
			       const struct spf_request *req,
			       const char *domain, const char *sender,
			       struct spf_outcome *out)
{
	struct spf_eval ev;

	memset(out, 0, sizeof(*out));
	memset(&ev, 0, sizeof(ev));
	snprintf(out->domain, sizeof(out->domain), "%s", domain ? domain : "");
	ev.dns = dns;
	ev.req = req;
	ev.out = out;
	ev.ip = req->ip;
	ev.now = time(NULL);
	set_deadline(&ev);
	netaddr_unmap(&ev.ip);
	if (ev.ip.family != AF_INET && ev.ip.family != AF_INET6) {
		spf_eval_reason(&ev, "client address is not IPv4 or IPv6");
		return out->result = SPF_PERMERROR;
	}
	ip_forms(&ev);
	if (sender_parts(&ev, sender, domain ? domain : "") < 0) {
		spf_eval_reason(&ev, "out of memory");
		out->result = SPF_TEMPERROR;
	} else {
		out->result = spf_eval_domain(&ev, domain, 1);
	}
	if (ev.overtime) {
		spf_eval_reason(&ev, "evaluation took longer than %u ms",
				req->max_ms ? req->max_ms : SPF_MAX_MS);
		out->result = SPF_TEMPERROR;
	}
	free(ev.local);
	free(ev.sender);
	return out->result;
}

/* check_identity - check_host() for an identity as received. An
 * internationalized domain is checked as its A-label (RFC 8616 section
 * 4), so alignment compares A-labels; one without an A-label form is not
 * a domain name (4.3: none) and is never sent to DNS as raw octets. */
static enum spf_result check_identity(const struct dns_client *dns,
				      const struct spf_request *req,
				      const char *domain, const char *sender,
				      struct spf_outcome *out)
{
	char name[DOMAIN_MAX + 1], *rebuilt;
	const char *why, *at = strrchr(sender, '@');
	size_t llen = at ? (size_t) (at - sender) : 0;
	enum spf_result r;

	if (domain_is_ascii(domain))
		return spf_check_host(dns, req, domain, sender, out);
	if (domain_alabel(domain, strlen(domain), name, &why) < 0) {
		memset(out, 0, sizeof(*out));
		snprintf(out->domain, sizeof(out->domain), "%s", domain);
		snprintf(out->reason, sizeof(out->reason),
			 "not a domain name (%s)", why);
		return out->result = SPF_NONE;
	}
	if (at == NULL)
		return spf_check_host(dns, req, name, *sender ? name : "", out);
	if ((rebuilt = malloc(llen + strlen(name) + 2)) == NULL) {
		memset(out, 0, sizeof(*out));
		snprintf(out->reason, sizeof(out->reason), "out of memory");
		return out->result = SPF_TEMPERROR;
	}
	memcpy(rebuilt, sender, llen + 1);
	strcpy(rebuilt + llen + 1, name);
	r = spf_check_host(dns, req, name, rebuilt, out);
	free(rebuilt);
	return r;
}

/* spf_check_mailfrom - 2.4: the sender's domain, or the HELO name */
enum spf_result spf_check_mailfrom(const struct dns_client *dns,
				   const struct spf_request *req,
				   struct spf_outcome *out)
{
	const char *sender = req->sender ? req->sender : "";
	const char *at = strrchr(sender, '@');

	if (*sender == '\0')
		return check_identity(dns, req, req->helo ? req->helo : "",
				      "", out);
	return check_identity(dns, req, at ? at + 1 : sender, sender, out);
}

/* spf_check_helo - 2.3: the HELO name, unless it is an address */
enum spf_result spf_check_helo(const struct dns_client *dns,
			       const struct spf_request *req,
			       struct spf_outcome *out)
{
	const char *helo = req->helo ? req->helo : "";
	struct netaddr a;

	if (*helo == '\0' || *helo == '[' || netaddr_parse(helo, &a) == 0) {
		memset(out, 0, sizeof(*out));
		snprintf(out->domain, sizeof(out->domain), "%s", helo);
		snprintf(out->reason, sizeof(out->reason),
			 "HELO is not a domain name");
		return out->result = SPF_NONE;
	}
	return check_identity(dns, req, helo, "", out);
}
