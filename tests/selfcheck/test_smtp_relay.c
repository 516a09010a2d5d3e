/* test_smtp_relay - the open-relay battery without a server: the exact
 * MAIL/RCPT paths sent (and that names which cannot go into a path make
 * none), where each path finally leads (percent hack, bang path, quoted
 * local part, source route), and which answers count as an accepted
 * relay, including the catch-all control. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/lib/tap.h"
#include "selfcheck/smtp/smtp_relay.h"

static void battery(void)
{
	static const char *const want[][2] = {
		{ "selfcheck@example.com", "selfcheck-no-such-user@example.org" },
		{ "selfcheck@example.com", "relaytest@example.com" },
		{ "selfcheck@example.com", "relaytest%example.com@example.org" },
		{ "selfcheck@example.com", "relaytest%example.com@[192.0.2.1]" },
		{ "selfcheck@example.com", "\"relaytest@example.com\"" },
		{ "selfcheck@example.com", "\"relaytest@example.com\"@example.org" },
		{ "selfcheck@example.com", "@example.org:relaytest@example.com" },
		{ "postmaster@example.org", "relaytest@example.com" },
	};
	struct smtp_relay_probe p[SMTP_RELAY_MAX_PROBES + 2];
	size_t n, i;

	n = smtp_relay_probes("example.com", "example.org", "[192.0.2.1]", p,
			      SMTP_RELAY_MAX_PROBES + 2);
	is_int((long) n, 8, "the whole battery: 8 probes, the bound");
	for (i = 0; i < n && i < 8; i++) {
		is_str(p[i].mail, want[i][0], "probe %zu (%s): MAIL", i, p[i].name);
		is_str(p[i].rcpt, want[i][1], "probe %zu (%s): RCPT", i, p[i].name);
	}
	ok(p[0].flags & SMTP_PROBE_CONTROL, "the control comes first");
	ok((p[2].flags & SMTP_PROBE_VIA_DOMAIN) && (p[5].flags & SMTP_PROBE_VIA_DOMAIN)
	   && !(p[6].flags & SMTP_PROBE_VIA_DOMAIN),
	   "percent hack and quoted part via the domain are marked, the source route not");
	n = smtp_relay_probes("example.com", NULL, "[IPv6:2001:db8::1]", p, 8);
	is_int((long) n, 3, "no mail domain: no control and no probe via it");
	is_str(p[1].rcpt, "relaytest%example.com@[IPv6:2001:db8::1]",
	       "IPv6 address literal");
	is_int((long) smtp_relay_probes("example.com", NULL, NULL, p, 8), 2,
	       "no domain, no address: external and quoted");
	is_int((long) smtp_relay_probes("example.com", "example.org", NULL, p, 3), 3,
	       "MAX is kept");
}

static void refused(void)
{
	static const struct {
		const char *name, *probe, *domain, *server;
	} rows[] = {
		{ "probe domain is the mail domain", "example.org", "example.org", NULL },
		{ "probe domain below the mail domain", "relay.Example.ORG", "example.org", NULL },
		{ "no probe domain", NULL, "example.org", NULL },
		{ "empty probe domain", "", "example.org", NULL },
		{ "space", "exa mple.com", "example.org", NULL },
		{ "angle bracket", "example.com>", "example.org", NULL },
		{ "CRLF injection", "example.com>\r\nDATA", "example.org", NULL },
		{ "@ in the domain", "example.com", "x@example.org", NULL },
		{ "quote in the domain", "example.com", "example\".org", NULL },
		{ "leading dot", ".example.com", "example.org", NULL },
		{ "unclosed literal", "example.com", NULL, "[192.0.2.1" },
		{ "literal with letters", "example.com", NULL, "[evil.example]" },
		{ "literal with CRLF", "example.com", NULL, "[1\r\n]" },
	};
	struct smtp_relay_probe p[8];
	char longname[300];
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		is_int((long) smtp_relay_probes(rows[i].probe, rows[i].domain,
						rows[i].server, p, 8), 0,
		       "no battery: %s", rows[i].name);
	memset(longname, 'a', 254);
	longname[254] = '\0';
	is_int((long) smtp_relay_probes(longname, "example.org", NULL, p, 8), 0,
	       "no battery: a 254-octet name");
}

static void final_domains(void)
{
	static const char *const rows[][2] = {
		{ "relaytest@example.com", "example.com" },
		{ "User@EXAMPLE.COM", "example.com" },
		{ "relaytest%example.com@example.org", "example.com" },
		{ "a%b.example%c.example@example.org", "c.example" },
		{ "example.com!relaytest@example.org", "example.com" },
		{ "a.example!b.example!user@x.example", "a.example" },
		{ "\"relaytest@example.com\"", "example.com" },
		{ "\"relaytest@example.com\"@example.org", "example.com" },
		{ "\"plain user\"@example.org", "example.org" },
		{ "\"\\\"a@b.example\\\"@c.example\"@d.example", "b.example" },
		{ "@example.org:relaytest@example.com", "example.com" },
		{ "@a.example,@b.example:user@c.example", "c.example" },
		{ "relaytest%example.com@[192.0.2.1]", "example.com" },
		{ "postmaster", "" },
		{ "\"unterminated@example.com", "" },
		{ "@no-route-end.example", "" },
		{ "", "" },
	};
	char out[SMTP_RELAY_PATH_MAX], deep[400];
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		smtp_relay_final_domain(rows[i][0], out, sizeof(out));
		is_str(out, rows[i][1], "final destination of <%s>", rows[i][0]);
	}
	smtp_relay_final_domain("user@a-rather-long-domain.example", out, 8);
	is_str(out, "a-rathe", "cut to the buffer");
	/* quotes in quotes, deeper than the bound: it stops, and says so */
	for (i = 0; i < 100; i++)
		deep[i] = '"';
	snprintf(deep + 100, sizeof(deep) - 100, "u@x.example");
	smtp_relay_final_domain(deep, out, sizeof(out));
	ok(strlen(out) < sizeof(out), "100 nested quotes: bounded");
}

/* within - "within the mail domain" and "a host name" are util/dnsname's
 * (dnsname_under, dnsname_valid LDH) since selfcheck's own copies went:
 * what they judged alike still is, and the rows at the end are where
 * dnsname's stricter reading differs from the old one */
static void within(void)
{
	struct smtp_relay_probe p[8];
	long all = (long) smtp_relay_probes("example.com", "example.org", NULL, p, 8);
	char label[80];

	is_int((long) smtp_relay_probes("relay.Example.ORG.", "example.org", NULL, p, 8), 0,
	       "probe below the mail domain, case and a trailing dot ignored");
	is_int((long) smtp_relay_probes("example.org", "example.org.", NULL, p, 8), 0,
	       "the mail domain's trailing dot ignored");
	is_int((long) smtp_relay_probes("badexample.org", "example.org", NULL, p, 8), all,
	       "a suffix that is no label boundary is outside");
	is_int((long) smtp_relay_probes("org", "example.org", NULL, p, 8), all,
	       "the parent is outside");
	is_int(smtp_relay_classify(250, 250, "u@Sub.Example.org.", "example.org"),
	       SMTP_RELAY_LOCAL, "classify: a final domain below, trailing dot");
	/* differences: the old domain_ok took empty labels and long labels,
	 * the old within stripped every trailing dot */
	is_int((long) smtp_relay_probes("a..example.com", "example.org", NULL, p, 8), 0,
	       "an empty label is no host name (domain_ok took it)");
	memset(label, 'a', 64);
	snprintf(label + 64, sizeof(label) - 64, ".example.com");
	is_int((long) smtp_relay_probes(label, "example.org", NULL, p, 8), 0,
	       "a 64-octet label is no host name (domain_ok took it)");
	is_int(smtp_relay_classify(250, 250, "u@example.org..", "example.org"),
	       SMTP_RELAY_ACCEPTED, "two trailing dots are not the mail domain (the old within stripped both)");
}

static void classify(void)
{
	static const struct {
		int mail, rcpt;
		const char *path, *domain;
		enum smtp_relay_verdict v;
	} rows[] = {
		{ 250, 250, "relaytest@example.com", "example.org", SMTP_RELAY_ACCEPTED },
		{ 250, 251, "relaytest@example.com", "example.org", SMTP_RELAY_ACCEPTED },
		{ 250, 250, "user@example.org", "example.org", SMTP_RELAY_LOCAL },
		{ 250, 250, "user@sub.example.org", "example.org", SMTP_RELAY_LOCAL },
		{ 250, 550, "relaytest@example.com", "example.org", SMTP_RELAY_REFUSED },
		{ 250, 554, "relaytest@example.com", "example.org", SMTP_RELAY_REFUSED },
		{ 250, 450, "relaytest@example.com", "example.org", SMTP_RELAY_DEFERRED },
		{ 250, 451, "relaytest@example.com", "example.org", SMTP_RELAY_DEFERRED },
		{ 550, 0, "relaytest@example.com", "example.org", SMTP_RELAY_REFUSED },
		{ 421, 0, "relaytest@example.com", "example.org", SMTP_RELAY_DEFERRED },
		{ 250, 252, "relaytest@example.com", "example.org", SMTP_RELAY_OTHER },
		{ 250, 0, "relaytest@example.com", "example.org", SMTP_RELAY_OTHER },
		{ 250, 250, "relaytest%example.com@example.org", "example.org",
		  SMTP_RELAY_ACCEPTED },
		{ 250, 250, "user%sub.example.org@example.org", "example.org",
		  SMTP_RELAY_LOCAL },
		{ 250, 250, "user%example.org@example.com", "example.org",
		  SMTP_RELAY_ACCEPTED },
		{ 250, 250, "\"relaytest@example.com\"", "example.org", SMTP_RELAY_ACCEPTED },
		{ 250, 250, "@example.org:relaytest@example.com", "example.org",
		  SMTP_RELAY_ACCEPTED },
		{ 250, 250, "relaytest@example.com", NULL, SMTP_RELAY_ACCEPTED },
		{ 250, 250, "postmaster", NULL, SMTP_RELAY_LOCAL },
		{ 250, 250, "user@[192.0.2.1]", "example.org", SMTP_RELAY_LOCAL },
	};
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		is_str(smtp_relay_verdict_name(smtp_relay_classify(rows[i].mail,
			rows[i].rcpt, rows[i].path, rows[i].domain)),
		       smtp_relay_verdict_name(rows[i].v), "MAIL %d, RCPT %d <%s>, domain %s",
		       rows[i].mail, rows[i].rcpt, rows[i].path,
		       rows[i].domain ? rows[i].domain : "(none)");
}

static void judge(void)
{
	struct smtp_relay_probe p[8];

	smtp_relay_probes("example.com", "example.org", "[192.0.2.1]", p, 8);
	is_int(smtp_relay_judge(&p[0], 250, 250, "example.org", 0), SMTP_RELAY_LOCAL,
	       "the control taken is no relay");
	is_int(smtp_relay_judge(&p[2], 250, 250, "example.org", 0), SMTP_RELAY_ACCEPTED,
	       "percent hack via the domain taken, no catch-all: relay");
	is_int(smtp_relay_judge(&p[2], 250, 250, "example.org", 1), SMTP_RELAY_LOCAL,
	       "percent hack via the domain taken by a catch-all: not counted");
	is_int(smtp_relay_judge(&p[5], 250, 250, "example.org", 1), SMTP_RELAY_LOCAL,
	       "quoted part via the domain taken by a catch-all: not counted");
	is_int(smtp_relay_judge(&p[1], 250, 250, "example.org", 1), SMTP_RELAY_ACCEPTED,
	       "external to external taken: relay, catch-all or not");
	is_int(smtp_relay_judge(&p[6], 250, 250, "example.org", 1), SMTP_RELAY_ACCEPTED,
	       "source route taken: relay, catch-all or not");
	is_int(smtp_relay_judge(&p[2], 250, 554, "example.org", 1), SMTP_RELAY_REFUSED,
	       "refused stays refused");
}

int main(void)
{
	battery();
	refused();
	final_domains();
	within();
	classify();
	judge();
	return tap_done();
}
