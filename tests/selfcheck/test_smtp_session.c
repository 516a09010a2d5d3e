/* test_smtp_session - the whole smtp group (smtp_check_run) against
 * scripted servers: transports that answer each command line from a
 * table, without a socket. A misconfigured and a hardened server, a
 * STARTTLS refused or broken, relaying seen from a trusted address with
 * and without XCLIENT, a catch-all domain, greylisting, servers that
 * hang up or send garbage. Besides the findings, every run is held to
 * the safety promises: no DATA, RSET after every RCPT, QUIT at the end,
 * at most 8 probes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/lib/tap.h"
#include "tests/lib/zone.h"
#include "selfcheck/smtp/smtp.h"
#include "selfcheck/smtp/smtp_relay.h"

/* How a scripted server behaves. */
struct behaviour {
	const char *greeting;		/* NULL: the connection is refused */
	const char *ehlo;		/* NULL: EHLO refused, HELO taken */
	const char *vrfy, *expn;
	const char *starttls;		/* reply to STARTTLS */
	int tls_fails;			/* the handshake fails */
	const char *xclient;		/* reply to XCLIENT */
	/* rcpt - the reply to RCPT TO:<PATH> from an OUTSIDER or not */
	const char *(*rcpt)(const char *path, int outsider);
	int hangup_after;		/* close after this many RCPTs (0: never) */
	int silent_after;		/* no reply after this many commands */
	int no_quit;			/* the client cannot end with QUIT */
};

/* One scripted connection. */
struct server {
	const struct behaviour *b;
	char out[70000];
	size_t outlen, outpos;
	int outsider, rcpts, commands, closed;
};

/* The run's state: the connections made and every command they got. */
struct run {
	const struct behaviour *b;
	struct netaddr peer, local;
	struct server srv[4];
	int nsrv;
	char log[65536];		/* "N> command" lines */
	size_t loglen;
};

static void say(struct server *s, const char *text)
{
	size_t n = strlen(text);

	if (s->outlen + n <= sizeof(s->out)) {
		memcpy(s->out + s->outlen, text, n);
		s->outlen += n;
	}
}

/* answer - the scripted server's reply to LINE */
static const char *answer(struct server *s, const char *line)
{
	const struct behaviour *b = s->b;

	if (strncmp(line, "EHLO ", 5) == 0)
		return b->ehlo ? b->ehlo : "502 5.5.2 Error: command not recognized\r\n";
	if (strncmp(line, "HELO ", 5) == 0)
		return "250 mx.example.org\r\n";
	if (strcmp(line, "VRFY postmaster") == 0)
		return b->vrfy;
	if (strcmp(line, "EXPN postmaster") == 0)
		return b->expn;
	if (strcmp(line, "STARTTLS") == 0)
		return b->starttls;
	if (strncmp(line, "XCLIENT ", 8) == 0) {
		s->outsider |= strncmp(b->xclient, "220", 3) == 0;
		return b->xclient;
	}
	if (strncmp(line, "MAIL FROM:", 10) == 0)
		return "250 2.1.0 Ok\r\n";
	if (strncmp(line, "RCPT TO:<", 9) == 0) {
		static char path[400];

		snprintf(path, sizeof(path), "%.*s", (int) strlen(line) - 10, line + 9);
		s->rcpts++;
		return b->rcpt(path, s->outsider);
	}
	if (strcmp(line, "RSET") == 0)
		return "250 2.0.0 Ok\r\n";
	if (strcmp(line, "QUIT") == 0) {
		s->closed = 1;
		return "221 2.0.0 Bye\r\n";
	}
	return "502 5.5.2 Error: command not recognized\r\n";
}

static struct run *the_run;

static long script_read(void *ctx, char *buf, size_t len, long long deadline,
			char *err, size_t errlen)
{
	struct server *s = ctx;
	size_t n = s->outlen - s->outpos;

	(void) deadline;
	if (n == 0) {
		if (s->closed)
			return 0;
		snprintf(err, errlen, "no reply within the timeout (script)");
		return -1;
	}
	if (n > len)
		n = len;
	memcpy(buf, s->out + s->outpos, n);
	s->outpos += n;
	return (long) n;
}

static int script_write(void *ctx, const char *buf, size_t len,
			long long deadline, char *err, size_t errlen)
{
	struct server *s = ctx;
	struct run *r = the_run;
	char line[600];
	int k;

	(void) deadline;
	if (s->closed) {
		snprintf(err, errlen, "write: Broken pipe");
		return -1;
	}
	snprintf(line, sizeof(line), "%.*s", (int) (len - 2), buf);
	k = snprintf(r->log + r->loglen, sizeof(r->log) - r->loglen, "%d> %s\n",
		     (int) (s - r->srv), line);
	if (k > 0 && (size_t) k < sizeof(r->log) - r->loglen)
		r->loglen += (size_t) k;
	s->commands++;
	if (s->b->silent_after && s->commands > s->b->silent_after)
		return 0;
	say(s, answer(s, line));
	if (s->b->hangup_after && s->rcpts >= s->b->hangup_after)
		s->closed = 1;
	return 0;
}

static int script_tls(void *ctx, char *err, size_t errlen)
{
	struct server *s = ctx;

	if (!s->b->tls_fails)
		return 0;
	snprintf(err, errlen, "sslv3 alert handshake failure (script)");
	return -1;
}

static const struct smtp_io script_io = {
	script_read, script_write, NULL, script_tls
};

static int script_open(void *arg, struct smtp_conn *c, char *why, size_t len,
		       int *temp)
{
	struct run *r = arg;
	struct server *s;

	*temp = 0;
	if (r->b->greeting == NULL || r->nsrv == 4) {
		snprintf(why, len, "Connection refused");
		return -1;
	}
	s = &r->srv[r->nsrv++];
	memset(s, 0, sizeof(*s));
	s->b = r->b;
	say(s, r->b->greeting);
	smtp_conn_attach(c, &script_io, s, 1000, &r->peer, &r->local);
	return 0;
}

/* The zone every run resolves the server's PTR in. */
static struct zone *zone;

/* check - run the smtp group on B seen from LOCAL; fills REP and RUN */
static void check(const struct behaviour *b, const char *local,
		  struct sc_report *rep, struct run *r, struct sc_ctx *ctx)
{
	static struct sc_options o;
	struct smtp_dialer d;

	memset(&o, 0, sizeof(o));
	snprintf(o.smtp_host, sizeof(o.smtp_host), "192.0.2.25");
	o.smtp_port = 25;
	o.smtp_host_is_addr = 1;
	o.domain = "example.org";
	o.relay_probe_domain = "example.com";
	o.timeout_ms = 1000;
	memset(ctx, 0, sizeof(*ctx));
	ctx->opt = &o;
	zone_client(zone, &ctx->dns);
	sc_report_init(rep);
	ctx->report = rep;
	memset(r, 0, sizeof(*r));
	r->b = b;
	netaddr_parse("192.0.2.25", &r->peer);
	netaddr_parse(local, &r->local);
	the_run = r;
	d.open = script_open;
	d.arg = r;
	smtp_check_run(ctx, &d, "client.example.net");
}

/* ids - the finding ids of REP, sorted by the report order, space
 * separated; "-" for none */
static const char *ids(const struct sc_report *rep)
{
	static char buf[1024];
	size_t i, o = 0;

	buf[0] = '\0';
	for (i = 0; i < rep->n; i++)
		o += (size_t) snprintf(buf + o, sizeof(buf) - o, "%s%s", i ? " " : "",
				       rep->f[i].name);
	return rep->n ? buf : "-";
}

/* unrun - the WHY of unrun CHECK, or NULL */
static const char *unrun(const struct sc_report *rep, const char *check)
{
	size_t i;

	for (i = 0; i < rep->nu; i++)
		if (strcmp(rep->u[i].check, check) == 0)
			return rep->u[i].why;
	return NULL;
}

/* evidence - the evidence of finding ID, or "" */
static const char *evidence(const struct sc_report *rep, enum sc_id id)
{
	size_t i;

	for (i = 0; i < rep->n; i++)
		if (rep->f[i].id == id)
			return rep->f[i].evidence;
	return "";
}

/* safe - the promises of the relay battery, over all connections of a
 * run that got as far as the battery */
static void safe(const char *name, const struct run *r)
{
	const char *p = r->log, *nl;
	char prev[600] = "";
	int mails = 0, rset_missing = 0, data = 0, unquit = 0, i;

	while ((nl = strchr(p, '\n')) != NULL) {
		if (strncmp(prev + 3, "RCPT TO:", 8) == 0 && strncmp(p + 3, "RSET", 4) != 0)
			rset_missing = 1;
		mails += strncmp(p + 3, "MAIL FROM:", 10) == 0;
		data += strncmp(p + 3, "DATA", 4) == 0 || strncmp(p + 3, "BDAT", 4) == 0;
		snprintf(prev, sizeof(prev), "%.*s", (int) (nl - p), p);
		p = nl + 1;
	}
	if (mails == 0)
		return;
	ok(!data, "%s: never DATA", name);
	ok(!rset_missing, "%s: RSET after every RCPT", name);
	ok(mails <= SMTP_RELAY_MAX_PROBES, "%s: %d MAIL commands, at most %d", name,
	   mails, SMTP_RELAY_MAX_PROBES);
	if (r->b->no_quit)
		return;
	for (i = 0; i < r->nsrv; i++)
		unquit += !r->srv[i].closed;
	is_int(unquit, 0, "%s: every connection ends with QUIT", name);
}

/* Relay policies. */
static const char *open_to_all(const char *path, int outsider)
{
	(void) path;
	(void) outsider;
	return "250 2.1.5 Ok\r\n";
}

static const char *closed(const char *path, int outsider)
{
	(void) outsider;
	if (strcmp(path, "selfcheck-no-such-user@example.org") == 0)
		return "550 5.1.1 <selfcheck-no-such-user@example.org>: Recipient "
			"address rejected: User unknown in virtual mailbox table\r\n";
	return "554 5.7.1 Relay access denied\r\n";
}

static const char *trusts_insiders(const char *path, int outsider)
{
	return outsider ? closed(path, 1) : "250 2.1.5 Ok\r\n";
}

static const char *catch_all(const char *path, int outsider)
{
	size_t n = strlen(path);

	(void) outsider;
	if (n > 12 && strcmp(path + n - 12, "@example.org") == 0)
		return "250 2.1.5 Ok\r\n";
	return "554 5.7.1 Relay access denied\r\n";
}

static const char *catch_all_percent(const char *path, int outsider)
{
	if (strstr(path, "@[192.0.2.25]") != NULL)
		return "250 2.1.5 Ok\r\n";
	return catch_all(path, outsider);
}

static const char *greylist(const char *path, int outsider)
{
	(void) path;
	(void) outsider;
	return "450 4.7.1 Greylisted, come back later\r\n";
}

#define EHLO_TLS "250-mx.example.org\r\n250-PIPELINING\r\n250-STARTTLS\r\n" \
	"250 8BITMIME\r\n"
#define EHLO_PLAIN "250-mx.example.org\r\n250-PIPELINING\r\n250 8BITMIME\r\n"
#define EHLO_XCLIENT "250-mx.example.org\r\n250-STARTTLS\r\n" \
	"250-XCLIENT NAME ADDR PROTO HELO\r\n250 8BITMIME\r\n"

static const struct behaviour misconfigured = {
	"220 mx.example.org ESMTP Postfix (Debian/GNU)\r\n", EHLO_PLAIN,
	"252 2.0.0 postmaster\r\n", "502 5.5.2 Error: command not recognized\r\n",
	"454 4.7.0 TLS not available\r\n", 0, "550 5.7.0 no\r\n", open_to_all, 0, 0, 0,
};
static const struct behaviour hardened = {
	"220 mx.example.org ESMTP\r\n", EHLO_TLS,
	"502 5.5.1 VRFY command is disabled\r\n",
	"502 5.5.2 Error: command not recognized\r\n",
	"220 2.0.0 Ready to start TLS\r\n", 0, "550 5.7.0 no\r\n", closed, 0, 0, 0,
};

static void scenario_misconfigured(void)
{
	struct sc_report rep;
	struct sc_ctx ctx;
	static struct run r;

	check(&misconfigured, "198.51.100.7", &rep, &r, &ctx);
	is_str(ids(&rep), "smtp.banner_software smtp.banner_version "
	       "smtp.vrfy_enabled smtp.no_starttls smtp.open_relay",
	       "misconfigured: the findings");
	is_int((long) rep.nu, 0, "misconfigured: everything could run");
	is_str(ctx.greeting_name, "mx.example.org", "greeting name recorded");
	is_str(ctx.ehlo_name, "mx.example.org", "EHLO name recorded");
	ok(strstr(evidence(&rep, SC_ID_SMTP_BANNER_SOFTWARE),
		  "S: 220 mx.example.org ESMTP Postfix (Debian/GNU)") != NULL,
	   "banner evidence quotes the greeting");
	ok(strstr(evidence(&rep, SC_ID_SMTP_BANNER_VERSION), "the system Debian") != NULL,
	   "banner evidence names the OS");
	is_str(evidence(&rep, SC_ID_SMTP_VRFY_ENABLED),
	       "C: VRFY postmaster\nS: 252 2.0.0 postmaster", "VRFY evidence");
	ok(strstr(evidence(&rep, SC_ID_SMTP_NO_STARTTLS), "not announced") != NULL,
	   "no STARTTLS: not announced");
	ok(strstr(evidence(&rep, SC_ID_SMTP_OPEN_RELAY), "probes from 198.51.100.7") != NULL,
	   "relay evidence: who asked");
	ok(strstr(evidence(&rep, SC_ID_SMTP_OPEN_RELAY),
		  "C: RCPT TO:<relaytest@example.com>\nS: 250 2.1.5 Ok") != NULL,
	   "relay evidence: the accepted RCPT");
	ok(strstr(evidence(&rep, SC_ID_SMTP_OPEN_RELAY), "no-such-user") == NULL,
	   "relay evidence: the control is no relay");
	ok(strstr(evidence(&rep, SC_ID_SMTP_OPEN_RELAY), "[own domain as sender]") != NULL,
	   "relay evidence: own domain as sender");
	is_int(r.nsrv, 2, "misconfigured: two connections (checks, battery)");
	safe("misconfigured", &r);
	sc_report_free(&rep);
}

static void scenario_hardened(void)
{
	struct sc_report rep;
	struct sc_ctx ctx;
	static struct run r;

	check(&hardened, "198.51.100.7", &rep, &r, &ctx);
	is_str(ids(&rep), "-", "hardened: no finding");
	is_int((long) rep.nu, 0, "hardened: everything could run");
	ok(strstr(r.log, "0> STARTTLS\n0> QUIT\n") != NULL,
	   "hardened: STARTTLS, then QUIT over TLS");
	ok(strstr(r.log, "1> XCLIENT") == NULL, "an outsider sends no XCLIENT");
	safe("hardened", &r);
	sc_report_free(&rep);
}

/* one - run B from LOCAL and compare the ids, and an unrun entry */
static void one(const char *name, const struct behaviour *b, const char *local,
		const char *want_ids, const char *check_name, const char *why_part)
{
	struct sc_report rep;
	struct sc_ctx ctx;
	static struct run r;
	const char *why;

	check(b, local, &rep, &r, &ctx);
	is_str(ids(&rep), want_ids, "%s: findings", name);
	if (check_name != NULL) {
		why = unrun(&rep, check_name);
		ok(why != NULL && strstr(why, why_part) != NULL,
		   "%s: %s could not run, \"%s\" said", name, check_name, why_part);
		if (why == NULL || strstr(why, why_part) == NULL)
			diag("said: %s", why ? why : "nothing");
	} else {
		is_int((long) rep.nu, 0, "%s: everything could run", name);
	}
	safe(name, &r);
	sc_report_free(&rep);
}

static void scenarios(void)
{
	struct behaviour b;

	b = hardened;
	b.starttls = "454 4.7.0 TLS not available due to local problem\r\n";
	one("STARTTLS refused", &b, "198.51.100.7", "smtp.no_starttls", NULL, NULL);
	b = hardened;
	b.tls_fails = 1;
	b.no_quit = 1;		/* a failed handshake leaves no way to QUIT */
	one("handshake fails", &b, "198.51.100.7", "smtp.no_starttls", NULL, NULL);
	b = hardened;
	b.rcpt = open_to_all;
	one("trusted address, no XCLIENT: relaying is no finding", &b, "127.0.0.1",
	    "-", "smtp.open_relay", "may trust (mynetworks)");
	one("same address as the server: trusted too", &b, "192.0.2.25",
	    "-", "smtp.open_relay", "may trust");
	b = hardened;
	b.ehlo = EHLO_XCLIENT;
	b.xclient = "220 mx.example.org ESMTP\r\n";
	b.rcpt = trusts_insiders;
	one("trusted address, XCLIENT: an outsider's answers", &b, "127.0.0.1",
	    "-", NULL, NULL);
	b.rcpt = open_to_all;
	one("trusted address, XCLIENT, open to all", &b, "127.0.0.1",
	    "smtp.open_relay", NULL, NULL);
	b.xclient = "550 5.7.0 Error: insufficient authorization\r\n";
	b.rcpt = trusts_insiders;
	one("XCLIENT refused", &b, "127.0.0.1", "-", "smtp.open_relay",
	    "XCLIENT refused: 550");
	b = hardened;
	b.rcpt = catch_all;
	one("catch-all domain", &b, "198.51.100.7", "-", NULL, NULL);
	b.rcpt = catch_all_percent;
	one("catch-all, percent hack via the address", &b, "198.51.100.7",
	    "smtp.open_relay", NULL, NULL);
	b = hardened;
	b.rcpt = greylist;
	one("4xx to everything", &b, "198.51.100.7", "-", "smtp.open_relay",
	    "4xx answers only");
	b = hardened;
	b.rcpt = open_to_all;
	b.hangup_after = 3;
	b.no_quit = 1;
	one("hangs up during the battery", &b, "198.51.100.7", "smtp.open_relay",
	    NULL, NULL);
	b.rcpt = closed;
	one("hangs up, nothing accepted", &b, "198.51.100.7", "-", "smtp.open_relay",
	    "connection lost after");
	b = hardened;
	b.ehlo = NULL;
	one("EHLO refused, HELO taken", &b, "198.51.100.7", "smtp.no_starttls",
	    NULL, NULL);
	b = hardened;
	b.greeting = "554 5.7.1 No SMTP service here\r\n";
	one("no 220", &b, "198.51.100.7", "-", "smtp", "greeting: 554 5.7.1");
	b.greeting = NULL;
	one("unreachable", &b, "198.51.100.7", "-", "smtp",
	    "connect to 192.0.2.25:25: Connection refused");
	b.greeting = "SSH-2.0-OpenSSH_9.2\r\n";
	b.no_quit = 1;
	one("not an SMTP server", &b, "198.51.100.7", "-", "smtp",
	    "not an SMTP reply");
	b = hardened;
	b.silent_after = 2;
	b.no_quit = 1;
	one("silent after VRFY", &b, "198.51.100.7", "-", "smtp", "connection lost");
}

static void long_ehlo(void)
{
	struct behaviour b = hardened;
	static char ehlo[101 * 12 + 1];
	size_t i;

	for (i = 0; i < 101; i++)
		memcpy(ehlo + i * 12, i < 100 ? "250-KEYWOR\r\n" : "250 KEYWOR\r\n", 12);
	ehlo[101 * 12] = '\0';
	b.ehlo = ehlo;
	b.no_quit = 1;
	one("EHLO reply of 101 lines", &b, "198.51.100.7", "-", "smtp",
	    "more than 100 lines");
}

static void ptr(void)
{
	struct sc_report rep;
	struct sc_ctx ctx;
	static struct run r;
	struct zone *good = zone;

	zone = zone_new();
	zone_add_addr(zone, "mx.example.org", "192.0.2.25");
	check(&hardened, "198.51.100.7", &rep, &r, &ctx);
	is_str(ids(&rep), "smtp.ptr_missing", "no PTR record: ptr_missing");
	sc_report_free(&rep);
	zone_add_ptr(zone, "25.2.0.192.in-addr.arpa", "host25.isp.example");
	check(&hardened, "198.51.100.7", &rep, &r, &ctx);
	is_str(ids(&rep), "smtp.ptr_mismatch", "PTR of another name: ptr_mismatch");
	sc_report_free(&rep);
	zone_free(zone);
	zone = zone_new();
	zone_add_timeout(zone, "25.2.0.192.in-addr.arpa");
	check(&hardened, "198.51.100.7", &rep, &r, &ctx);
	ok(unrun(&rep, "smtp.ptr") != NULL, "PTR timeout: could not run");
	sc_report_free(&rep);
	zone_free(zone);
	zone = good;
}

static void helo(void)
{
	char out[300], big[300];

	smtp_session_helo_choose("mail.example.org", out, sizeof(out));
	is_str(out, "mail.example.org", "EHLO name: a qualified host name");
	smtp_session_helo_choose("mail", out, sizeof(out));
	is_str(out, SMTP_HELO_FALLBACK, "EHLO name: a bare name is not used");
	smtp_session_helo_choose("", out, sizeof(out));
	is_str(out, SMTP_HELO_FALLBACK, "EHLO name: empty");
	smtp_session_helo_choose(NULL, out, sizeof(out));
	is_str(out, SMTP_HELO_FALLBACK, "EHLO name: none");
	smtp_session_helo_choose("bad_name.example", out, sizeof(out));
	is_str(out, SMTP_HELO_FALLBACK, "EHLO name: underscore");
	smtp_session_helo_choose("a..example", out, sizeof(out));
	is_str(out, SMTP_HELO_FALLBACK, "EHLO name: empty label");
	smtp_session_helo_choose("mail.example.org.", out, sizeof(out));
	is_str(out, SMTP_HELO_FALLBACK, "EHLO name: trailing dot");
	memset(big, 'a', 254);
	big[254] = '\0';
	big[100] = '.';
	smtp_session_helo_choose(big, out, sizeof(out));
	is_str(out, SMTP_HELO_FALLBACK, "EHLO name: over 253 octets");
}

int main(void)
{
	zone = zone_new();
	zone_add_ptr(zone, "25.2.0.192.in-addr.arpa", "mx.example.org");
	zone_add_addr(zone, "mx.example.org", "192.0.2.25");
	scenario_misconfigured();
	scenario_hardened();
	scenarios();
	long_ehlo();
	ptr();
	helo();
	zone_free(zone);
	return tap_done();
}
