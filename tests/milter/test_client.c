/* test_client - the one binding of the SMTP client onto a message, as
 * the daemon and `authmilter -t` both use it: TrustedNetworks (an
 * IPv4-mapped address included), SMTP AUTH under
 * IgnoreAuthenticatedClients (an empty name is no login), TrustedForwarders,
 * no client address, the HELO, and a second message on one connection.
 * DNS is an in-process zone where spoof.example fails SPF and publishes
 * p=reject, so an evaluated message is refused and a skipped one is not. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tests/lib/tap.h"
#include "conf/conf.h"
#include "milter/client.h"

static const struct { const char *name; const char *txt; } zone[] = {
	{ "spoof.example", "v=spf1 -all" },
	{ "_dmarc.spoof.example", "v=DMARC1; p=reject" },
	{ "helo.example", "v=spf1 -all" },
};

/* fake_query - TXT from the zone above; anything else does not exist */
static int fake_query(void *ctx, const char *name, enum dns_type type,
		      struct dns_answer *out)
{
	size_t i;

	(void) ctx;
	memset(out, 0, sizeof(*out));
	out->status = DNS_NXDOMAIN;
	for (i = 0; i < sizeof(zone) / sizeof(zone[0]); i++) {
		if (strcasecmp(zone[i].name, name) != 0)
			continue;
		out->status = DNS_NODATA;
		if (type != DNS_T_TXT || (out->rr = calloc(1, sizeof(*out->rr))) == NULL)
			return 0;
		out->rr[0].type = DNS_T_TXT;
		out->rr[0].text = strdup(zone[i].txt);
		out->rr[0].textlen = strlen(zone[i].txt);
		out->count = 1;
		out->status = DNS_OK;
	}
	return 0;
}

static const struct dns_client dns = { fake_query, NULL };
static struct msgauth_options opt;

/* parse - TEXT as the configuration */
static struct conf *parse(const char *text)
{
	struct conf_errors e = { NULL, 0 };
	struct conf *c = conf_parse("t.conf", text, strlen(text), &e);

	if (c == NULL)
		diag("config refused: %s", e.count ? e.msg[0] : "?");
	conf_errors_clear(&e);
	return c;
}

/* A connection: what the MTA said of the client, and its msgauth. */
struct conn {
	struct client_facts f;
	struct netaddr addr;
	struct msgauth *m;
};

/* conn_open - a client at IP (NULL: none known) that greeted with HELO */
static struct conn *conn_open(struct conn *k, const char *ip, const char *helo,
			      const char *auth)
{
	memset(k, 0, sizeof(*k));
	if (ip != NULL && netaddr_parse(ip, &k->addr) == 0)
		k->f.addr = &k->addr;
	k->f.helo = helo;
	k->f.auth_user = auth;
	k->m = msgauth_new(&opt);
	return k;
}

/* one_message - a message from a@spoof.example on K; V gets the verdict */
static int one_message(struct conn *k, const struct conf *c,
		       struct msgauth_verdict *v)
{
	static const unsigned char body[] = "hello\r\n";

	if (k->m == NULL || client_start(k->m, c, &k->f, "a@spoof.example") != 0
	    || msgauth_header(k->m, "From", " a@spoof.example") != 0
	    || msgauth_body(k->m, body, sizeof(body) - 1) != 0)
		return -1;
	return msgauth_eom(k->m, v);
}

/* judge - one message on a connection of its own: "reject", "accept",
 * or the reason it was not evaluated */
static const char *judge(const struct conf *c, const char *ip,
			 const char *helo, const char *auth)
{
	static char out[64];
	struct msgauth_verdict v;
	struct conn k;

	if (one_message(conn_open(&k, ip, helo, auth), c, &v) != 0)
		snprintf(out, sizeof(out), "error");
	else if (v.skipped != MSGAUTH_EVALUATE)
		snprintf(out, sizeof(out), "%s", msgauth_skip_name(v.skipped));
	else
		snprintf(out, sizeof(out), "%s", verdict_action_name(v.verdict.action));
	msgauth_free(k.m);
	return out;
}

static void test_skips(const struct conf *c, const struct conf *count_auth)
{
	is_str(judge(c, "203.0.113.5", "helo.example", NULL), "reject",
	       "an unknown client is evaluated (DMARC p=reject fails)");
	is_str(judge(c, "192.0.2.9", "helo.example", NULL), "trusted",
	       "TrustedNetworks: not evaluated");
	is_str(judge(c, "::ffff:192.0.2.9", "helo.example", NULL), "trusted",
	       "TrustedNetworks: the IPv4-mapped form of a trusted address too");
	is_str(judge(c, "203.0.113.5", "helo.example", "alice"), "authenticated",
	       "SMTP AUTH: not evaluated");
	is_str(judge(c, "192.0.2.9", "helo.example", "alice"), "authenticated",
	       "SMTP AUTH from a trusted network: reported as authenticated");
	/* -t took any --auth-user, the empty one too, as a login; the daemon
	 * never took an empty {auth_authen} as one. Both now bind here. */
	is_str(judge(c, "203.0.113.5", "helo.example", ""), "reject",
	       "an empty AUTH name is no login (the daemon's reading)");
	is_str(judge(count_auth, "203.0.113.5", "helo.example", "alice"), "reject",
	       "IgnoreAuthenticatedClients no: SMTP AUTH mail is evaluated");
	is_str(judge(c, NULL, "helo.example", NULL), "no-client-address",
	       "no client address: not evaluated");
}

static void test_forwarder_and_helo(const struct conf *c)
{
	struct msgauth_verdict v;
	struct conn k;

	ok(one_message(conn_open(&k, "198.51.100.7", "helo.example", NULL), c, &v) == 0,
	   "forwarder: a verdict");
	is_str(verdict_action_name(v.verdict.action), "accept",
	       "TrustedForwarders: the DMARC reject is not enforced");
	is_str(v.verdict.note, "allowed: trusted forwarder (From spoof.example)",
	       "TrustedForwarders: and the note says why");
	ok(strstr(v.ar_value, "smtp.helo=helo.example") != NULL,
	   "the HELO name is bound for SPF (%s)", v.ar_value);
	msgauth_free(k.m);

	ok(one_message(conn_open(&k, "203.0.113.5", NULL, NULL), c, &v) == 0,
	   "no HELO: a verdict");
	ok(strstr(v.ar_value, "smtp.helo") == NULL && v.results.spf_helo == NULL,
	   "no HELO: no HELO identity checked");
	msgauth_free(k.m);
}

/* test_connection - the binding is made at every MAIL FROM: a client
 * that logs in between two messages has its second one skipped */
static void test_connection(const struct conf *c)
{
	struct msgauth_verdict v;
	struct conn k;

	ok(one_message(conn_open(&k, "203.0.113.5", "helo.example", NULL), c, &v) == 0
	   && v.skipped == MSGAUTH_EVALUATE, "first message: evaluated");
	k.f.auth_user = "alice";
	ok(one_message(&k, c, &v) == 0 && v.skipped == MSGAUTH_SKIP_AUTHENTICATED,
	   "after AUTH, the next message: not evaluated");
	ok(one_message(&k, c, &v) == 0 && v.skipped == MSGAUTH_SKIP_AUTHENTICATED,
	   "and the one after");
	msgauth_free(k.m);
}

int main(void)
{
	struct conf *c = parse("TrustedNetworks 192.0.2.0/24\n"
			       "TrustedForwarders 198.51.100.7\n");
	struct conf *count_auth = parse("IgnoreAuthenticatedClients no\n");
	struct dkimv_options dk;
	char err[256];

	memset(&dk, 0, sizeof(dk));
	dk.key_file = "/dev/null";      /* no message here is signed */
	opt.authserv_id = "mx.example.org";
	opt.dns = &dns;
	opt.spf_helo_check = 1;
	opt.dkim = dkimv_engine_new(&dk, err, sizeof(err));
	opt.verdict.reject_failures = 1;
	opt.verdict.tempfail_on_dns_error = 1;
	if (!ok(c != NULL && count_auth != NULL && opt.dkim != NULL,
		"configurations and DKIM engine made"))
		return tap_done();
	opt.verdict.quarantine = c->quarantine_action;
	opt.verdict.multiple_from = c->multiple_from;
	test_skips(c, count_auth);
	test_forwarder_and_helo(c);
	test_connection(c);
	dkimv_engine_free(opt.dkim);
	conf_free(c);
	conf_free(count_auth);
	return tap_done();
}
