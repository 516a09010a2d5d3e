/*
 * test_spf_counts - the self-check's SPF walk counts lookups and void
 * lookups as the milter's evaluator (policy/spf) counts them. Each record
 * set of the table below, hostile ones among them, is walked by
 * sc_dns_spfwalk and evaluated by spf_check_host for a client no record
 * names (every term up to the first "all" is then evaluated: the walk's
 * worst case). Where the evaluator ends normally, both counts must be
 * equal; where it gives permerror for the RFC 7208 4.6.4 limits, the
 * walk must find the limit broken too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "selfcheck/dns/dns_spfwalk.h"
#include "policy/spf.h"
#include "tests/selfcheck/test_dns_util.h"
#include "tests/lib/tap.h"

#define D "example.com"
#define CLIENT "203.0.113.250"  /* named by no record below */
#define MAX_RR 40

/* One record set: "NAME TXT text" or "NAME A addr" lines. CLIENT_VOIDS:
 * the set has void lookups that depend on the client (a ptr lookup, a
 * target written with macros); the walk cannot know them and counts the
 * rest, so its void count is a lower bound there, not the same number. */
struct set {
	const char *what;
	int client_voids;
	const char *rr[MAX_RR];
};

static const struct set sets[] = {
	{ "a, mx and one include", 0, {
		D " TXT v=spf1 a mx include:inc.example.com -all",
		D " A 192.0.2.1", "mx.example.com A 192.0.2.2",
		"inc.example.com TXT v=spf1 ip4:192.0.2.0/28 -all" } },
	{ "exactly ten lookups", 0, {
		D " TXT v=spf1 a a a a a a a a a a -all", D " A 192.0.2.1" } },
	{ "eleven lookups", 0, {
		D " TXT v=spf1 a a a a a a a a a a a -all", D " A 192.0.2.1" } },
	{ "ten lookups over three records", 0, {
		D " TXT v=spf1 include:i1.example.com include:i2.example.com a -all",
		D " A 192.0.2.1",
		"i1.example.com TXT v=spf1 a:" D " a:" D " a:" D " ?all",
		"i2.example.com TXT v=spf1 mx:" D " a:" D " a:" D " a:" D " ~all",
		"mx.example.com A 192.0.2.2" } },
	{ "include chain of twelve", 0, {
		D " TXT v=spf1 include:c1.example.com -all",
		"c1.example.com TXT v=spf1 include:c2.example.com -all",
		"c2.example.com TXT v=spf1 include:c3.example.com -all",
		"c3.example.com TXT v=spf1 include:c4.example.com -all",
		"c4.example.com TXT v=spf1 include:c5.example.com -all",
		"c5.example.com TXT v=spf1 include:c6.example.com -all",
		"c6.example.com TXT v=spf1 include:c7.example.com -all",
		"c7.example.com TXT v=spf1 include:c8.example.com -all",
		"c8.example.com TXT v=spf1 include:c9.example.com -all",
		"c9.example.com TXT v=spf1 include:c10.example.com -all",
		"c10.example.com TXT v=spf1 include:c11.example.com -all",
		"c11.example.com TXT v=spf1 include:c12.example.com -all",
		"c12.example.com TXT v=spf1 -all" } },
	{ "include loop", 0, {
		D " TXT v=spf1 include:loop.example.com -all",
		"loop.example.com TXT v=spf1 include:" D " -all" } },
	{ "two void lookups", 0, {
		D " TXT v=spf1 a:nx1.example.com a:nx2.example.com -all" } },
	{ "three void lookups", 0, {
		D " TXT v=spf1 a:nx1.example.com mx:nx2.example.com exists:nx3.example.com -all" } },
	{ "void lookup below an include", 0, {
		D " TXT v=spf1 include:v.example.com a:nx2.example.com -all",
		"v.example.com TXT v=spf1 a:nx1.example.com ?all" } },
	{ "redirect chain", 0, {
		D " TXT v=spf1 a redirect=r1.example.com", D " A 192.0.2.1",
		"r1.example.com TXT v=spf1 mx:" D " redirect=r2.example.com",
		"r2.example.com TXT v=spf1 exists:" D " -all" } },
	{ "terms after all", 0, {
		D " TXT v=spf1 a -all a a a a a a a a a a a", D " A 192.0.2.1" } },
	{ "redirect ignored beside all", 0, {
		D " TXT v=spf1 a ~all redirect=r.example.com", D " A 192.0.2.1",
		"r.example.com TXT v=spf1 a a a a a a a a a a a -all" } },
	{ "ptr and exists with macros", 1, {
		D " TXT v=spf1 ptr exists:%{i}.x.example.com a -all", D " A 192.0.2.1" } },
	{ "mx without addresses", 0, {
		D " TXT v=spf1 mx -all", "mx.example.com A 192.0.2.2" } },
};

/* load - the set's records into a fresh zone (and MX for D when it has
 * an mx.example.com) */
static void load(const struct set *s)
{
	char name[128], type[8], data[512];
	size_t i;

	tdu_begin();
	for (i = 0; i < MAX_RR && s->rr[i] != NULL; i++) {
		if (sscanf(s->rr[i], "%127s %7s %511[^\n]", name, type, data) != 3)
			abort();
		if (strcmp(type, "TXT") == 0)
			tdu_txt(name, data);
		else
			tdu_addr(name, data);
		if (strcmp(name, "mx.example.com") == 0)
			tdu_mx(D, 10, "mx.example.com");
	}
}

/* limit_error - the evaluator stopped at a 4.6.4 limit */
static int limit_error(const struct spf_outcome *o)
{
	return o->result == SPF_PERMERROR
	    && (strstr(o->reason, "lookup") != NULL
		|| strstr(o->reason, "loop") != NULL);
}

/* compare - walk and evaluate one set */
static void compare(const struct set *s)
{
	struct sc_spf_fetched f;
	struct sc_spf_walk w;
	struct spf_request req;
	struct spf_outcome o;

	load(s);
	sc_dns_spfwalk_fetch(&T.dns, D, &f);
	if (!ok(f.found == SC_SPF_FOUND, "%s: the record parses", s->what)) {
		sc_dns_spfwalk_fetched_free(&f);
		tdu_end();
		return;
	}
	sc_dns_spfwalk(&T.dns, D, &f.rec, &T.r, &w);
	memset(&req, 0, sizeof(req));
	req.sender = "someone@" D;
	req.helo = "client.example.net";
	if (netaddr_parse(CLIENT, &req.ip) != 0)
		abort();
	spf_check_host(&T.dns, &req, D, req.sender, &o);
	if (limit_error(&o))
		ok(w.over || w.lookups > SPF_MAX_DNS_TERMS || w.voids > SPF_MAX_VOID,
		   "%s: evaluator says %s (%s); the walk finds the limit broken "
		   "(lookups %d, voids %d, over %d)", s->what,
		   spf_result_name(o.result), o.reason, w.lookups, w.voids, w.over);
	else {
		is_int(w.lookups, o.dns_terms, "%s: lookups counted alike (%s)",
		       s->what, spf_result_name(o.result));
		if (s->client_voids)
			ok(w.voids <= o.void_lookups, "%s: void lookups: the walk's %d "
			   "is the client-independent part of the evaluator's %d",
			   s->what, w.voids, o.void_lookups);
		else
			is_int(w.voids, o.void_lookups,
			       "%s: void lookups counted alike", s->what);
		ok(!w.over, "%s: the walk does not call it over the limit", s->what);
	}
	sc_dns_spfwalk_fetched_free(&f);
	tdu_end();
}

int main(void)
{
	size_t i;

	for (i = 0; i < sizeof(sets) / sizeof(sets[0]); i++)
		compare(&sets[i]);
	return tap_done();
}
