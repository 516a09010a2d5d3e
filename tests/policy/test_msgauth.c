/* test_msgauth - one message's verdict: SPF entries in our field, forged
 * fields found and ordered for deletion, skips, and per-message reset. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tests/lib/tap.h"
#include "policy/msgauth.h"

/* A handful of TXT and A records, enough for the cases below. */
static const struct { const char *name; enum dns_type type; const char *data; } zone[] = {
	{ "sender.example", DNS_T_TXT, "v=spf1 ip4:192.0.2.0/24 -all" },
	{ "mail.sender.example", DNS_T_TXT, "v=spf1 a -all" },
	{ "mail.sender.example", DNS_T_A, "192.0.2.10" },
	{ "spoofed.example", DNS_T_TXT, "v=spf1 -all" },
};

static int fake_query(void *ctx, const char *name, enum dns_type type,
		      struct dns_answer *out)
{
	size_t i, n = 0, names = 0;

	(void) ctx;
	memset(out, 0, sizeof(*out));
	out->rr = calloc(4, sizeof(*out->rr));
	for (i = 0; i < sizeof(zone) / sizeof(zone[0]); i++) {
		if (strcasecmp(zone[i].name, name) != 0)
			continue;
		names++;
		if (zone[i].type != type)
			continue;
		out->rr[n].type = type;
		if (type == DNS_T_TXT) {
			out->rr[n].text = strdup(zone[i].data);
			out->rr[n].textlen = strlen(zone[i].data);
		} else {
			struct netaddr a;

			netaddr_parse(zone[i].data, &a);
			memcpy(out->rr[n].addr, a.bytes, 4);
		}
		n++;
	}
	out->count = n;
	out->status = n ? DNS_OK : names ? DNS_NODATA : DNS_NXDOMAIN;
	return 0;
}

static const struct dns_client dns = { fake_query, NULL };
static const struct msgauth_options opt = { .authserv_id = "mx.example.org", .dns = &dns, .spf_helo_check = 1 };

/* unfold - our field's folding is the formatter's business; compare text */
static const char *unfold(const char *v)
{
	static char buf[AUTHRES_MAX_FIELD];
	size_t i, j = 0;

	for (i = 0; v[i] && j + 1 < sizeof(buf); i++) {
		if (v[i] == '\n' && v[i + 1] == '\t') {
			buf[j++] = ' ';
			i++;
			while (j > 1 && buf[j - 2] == ' ')
				j--;    /* "a \n\tb" and "a\n\tb" read the same */
		} else {
			buf[j++] = v[i];
		}
	}
	buf[j] = '\0';
	return buf;
}

static struct msgauth *connect_from(const char *ip, const char *helo)
{
	struct msgauth *m = msgauth_new(&opt);
	struct netaddr a;

	netaddr_parse(ip, &a);
	msgauth_connect(m, &a);
	msgauth_helo(m, helo);
	return m;
}

static void test_pass_and_fail(void)
{
	struct msgauth *m = connect_from("192.0.2.10", "mail.sender.example");
	struct msgauth_verdict v;

	ok(msgauth_mailfrom(m, "alice@sender.example") == 0, "mail from accepted");
	ok(msgauth_eom(m, &v) == 0, "verdict reached");
	is_str(unfold(v.ar_value),
	       "mx.example.org; spf=pass smtp.mailfrom=sender.example; spf=pass smtp.helo=mail.sender.example",
	       "pass: both identities in our field");
	is_int(v.verdict.action, VERDICT_ACCEPT, "pass: accepted");
	msgauth_reset(m);
	msgauth_mailfrom(m, "bob@spoofed.example");
	msgauth_eom(m, &v);
	ok(strstr(unfold(v.ar_value), "spf=fail") != NULL
	   && strstr(v.ar_value, "smtp.mailfrom=spoofed.example") != NULL,
	   "second message on the connection: fail for spoofed.example (%s)", v.ar_value);
	is_int(v.verdict.action, VERDICT_ACCEPT, "spf fail alone is not a reject (DMARC decides)");
	msgauth_free(m);
}

static void test_null_sender(void)
{
	struct msgauth *m = connect_from("192.0.2.10", "mail.sender.example");
	struct msgauth_verdict v;

	msgauth_mailfrom(m, "");
	msgauth_eom(m, &v);
	is_str(unfold(v.ar_value),
	       "mx.example.org; spf=pass smtp.mailfrom=mail.sender.example; spf=pass smtp.helo=mail.sender.example",
	       "null sender: postmaster@HELO checked once, reported for both");
	msgauth_free(m);
}

static void test_forged(void)
{
	struct msgauth *m = connect_from("192.0.2.10", "mail.sender.example");
	struct msgauth_verdict v;

	msgauth_mailfrom(m, "alice@sender.example");
	msgauth_header(m, "Authentication-Results", "mx.example.org; spf=pass smtp.mailfrom=x");
	msgauth_header(m, "Subject", "hello");
	msgauth_header(m, "Authentication-Results", "other.example; dkim=pass");
	msgauth_header(m, "authentication-results", "MX.EXAMPLE.ORG; dmarc=pass");
	msgauth_header(m, "Authentication-Results",
		       "example.net(.mx.example.org; spf=pass smtp.mailfrom=x)");
	msgauth_eom(m, &v);
	is_int((long) v.nremove, 2, "two fields claim our id");
	ok(v.nremove == 2 && v.remove[0] == 3 && v.remove[1] == 1,
	   "deleted from the highest index down (CVE-2022-48521): 3 then 1");
	msgauth_reset(m);
	msgauth_mailfrom(m, "alice@sender.example");
	msgauth_eom(m, &v);
	is_int((long) v.nremove, 0, "nothing carried into the next message");
	msgauth_free(m);
}

static void test_trusted(void)
{
	struct msgauth *m = connect_from("127.0.0.1", "localhost");
	struct msgauth_verdict v;

	msgauth_skip(m, MSGAUTH_SKIP_TRUSTED);
	msgauth_mailfrom(m, "alice@spoofed.example");
	msgauth_header(m, "Authentication-Results", "mx.example.org; spf=pass");
	msgauth_eom(m, &v);
	is_str(v.ar_value, "", "trusted client: no field of ours");
	is_int(v.skipped, MSGAUTH_SKIP_TRUSTED, "trusted client: not evaluated");
	ok(v.results.spf_mailfrom == NULL, "trusted client: no SPF result");
	is_int((long) v.nremove, 1, "trusted client: forged field still removed");
	msgauth_free(m);
}

static void test_flood(void)
{
	struct msgauth *m = connect_from("192.0.2.10", "mail.sender.example");
	struct msgauth_verdict v;
	int i;

	msgauth_mailfrom(m, "alice@sender.example");
	for (i = 0; i < 5000; i++)
		msgauth_header(m, "Authentication-Results", "mx.example.org; none");
	ok(msgauth_eom(m, &v) == 0, "flood of forged fields: a verdict, not an error");
	is_int(v.verdict.action, VERDICT_REJECT, "flood of forged fields: rejected");
	is_str(v.verdict.smtp_code, "550", "flood: 550");
	/* It said would=accept beside action=reject until msgauth took
	 * the reply from verdict: "would" is the action without
	 * ReportOnly, and ReportOnly never lets a flood through. */
	is_int(v.verdict.would, VERDICT_REJECT, "flood: would reject too, as verdict.h defines would");
	msgauth_free(m);
}

static void test_long_identity(void)
{
	char helo[1500];
	struct msgauth *m;
	struct msgauth_verdict v;

	memset(helo, 'a', sizeof(helo) - 1);
	helo[sizeof(helo) - 1] = '\0';
	m = connect_from("192.0.2.10", helo);
	msgauth_mailfrom(m, "alice@sender.example");
	msgauth_header(m, "Authentication-Results", "mx.example.org; spf=pass");
	ok(msgauth_eom(m, &v) == 0, "1500-byte HELO: a verdict, not an error");
	ok(strstr(v.ar_value, "spf=pass smtp.mailfrom=sender.example") != NULL,
	   "1500-byte HELO: MAIL FROM result still written");
	ok(strstr(v.ar_value, "smtp.helo=") == NULL && strlen(v.ar_value) < 300,
	   "1500-byte HELO: the HELO value is left out (%zu bytes)", strlen(v.ar_value));
	is_int((long) v.nremove, 1, "1500-byte HELO: forged field still removed");
	msgauth_free(m);
}

int main(void)
{
	test_long_identity();
	test_pass_and_fail();
	test_null_sender();
	test_forged();
	test_trusted();
	test_flood();
	return tap_done();
}
