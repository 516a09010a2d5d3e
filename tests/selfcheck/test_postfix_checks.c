/*
 * test_postfix_checks - every postfix.* analysis on postconf output given
 * as text: Debian's defaults, Debian's installed main.cf, a hardened and
 * a misconfigured setup, then one table per check with the cases an
 * admin would try (and the ones an admin would get wrong).
 *
 * A case is the hardened table with some lines put in front: of a name
 * given twice the parser keeps the first, so the front lines override.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "selfcheck/core/finding.h"
#include "selfcheck/postfix/postfix.h"
#include "selfcheck/postfix/postconf.h"
#include "tests/lib/tap.h"

/* postconf -d -x of Debian 12's postfix 3.7.11, trimmed to the
 * parameters the checks read (myhostname as here) */
static const char debian_defaults[] =
	"smtpd_banner = vm.localdomain ESMTP Postfix\n"
	"mail_name = Postfix\n"
	"mail_version = 3.7.11\n"
	"myhostname = vm.localdomain\n"
	"disable_vrfy_command = no\n"
	"smtpd_relay_restrictions =\n"
	"smtpd_recipient_restrictions =\n"
	"smtpd_restriction_classes =\n"
	"mynetworks = 127.0.0.0/8 192.0.2.0/24 [::1]/128 [fd00::]/64 [fe80::]/64\n"
	"smtpd_tls_security_level =\n"
	"smtpd_use_tls = no\n"
	"smtpd_enforce_tls = no\n"
	"smtpd_tls_chain_files =\n"
	"smtpd_tls_cert_file =\n"
	"smtpd_tls_eccert_file =\n"
	"smtpd_tls_dcert_file =\n"
	"smtpd_tls_protocols = >=TLSv1\n"
	"smtpd_tls_mandatory_protocols = >=TLSv1\n"
	"tls_config_file = default\n"
	"smtpd_milters =\n"
	"non_smtpd_milters =\n"
	"milter_default_action = tempfail\n"
	"queue_directory = /var/spool/postfix\n";

/* postconf -x with the main.cf Debian's postinst writes (compatibility
 * level 3.6, snakeoil certificate, "(Debian/GNU)" banner) */
static const char debian_installed[] =
	"smtpd_banner = mail.example.org ESMTP Postfix (Debian/GNU)\n"
	"mail_name = Postfix\n"
	"mail_version = 3.7.11\n"
	"myhostname = mail.example.org\n"
	"disable_vrfy_command = no\n"
	"smtpd_relay_restrictions = permit_mynetworks permit_sasl_authenticated defer_unauth_destination\n"
	"smtpd_recipient_restrictions =\n"
	"smtpd_restriction_classes =\n"
	"mynetworks = 127.0.0.0/8 [::ffff:127.0.0.0]/104 [::1]/128\n"
	"smtpd_tls_security_level = may\n"
	"smtpd_use_tls = no\n"
	"smtpd_enforce_tls = no\n"
	"smtpd_tls_chain_files =\n"
	"smtpd_tls_cert_file = /etc/ssl/certs/ssl-cert-snakeoil.pem\n"
	"smtpd_tls_eccert_file =\n"
	"smtpd_tls_dcert_file =\n"
	"smtpd_tls_protocols = >=TLSv1\n"
	"smtpd_tls_mandatory_protocols = >=TLSv1\n"
	"tls_config_file = default\n"
	"smtpd_milters =\n"
	"non_smtpd_milters =\n"
	"milter_default_action = tempfail\n"
	"queue_directory = /var/spool/postfix\n";

static const char hardened[] =
	"smtpd_banner = mail.example.org ESMTP\n"
	"mail_name = Postfix\n"
	"mail_version = 3.7.11\n"
	"myhostname = mail.example.org\n"
	"disable_vrfy_command = yes\n"
	"smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination\n"
	"smtpd_recipient_restrictions =\n"
	"smtpd_restriction_classes =\n"
	"mynetworks = 127.0.0.0/8 [::1]/128\n"
	"smtpd_tls_security_level = may\n"
	"smtpd_use_tls = no\n"
	"smtpd_enforce_tls = no\n"
	"smtpd_tls_chain_files = /etc/ssl/private/mail.pem\n"
	"smtpd_tls_cert_file =\n"
	"smtpd_tls_eccert_file =\n"
	"smtpd_tls_dcert_file =\n"
	"smtpd_tls_protocols = >=TLSv1.2\n"
	"smtpd_tls_mandatory_protocols = >=TLSv1.2\n"
	"tls_config_file = default\n"
	"smtpd_milters = inet:127.0.0.1:8893\n"
	"non_smtpd_milters = inet:127.0.0.1:8893\n"
	"milter_default_action = tempfail\n"
	"queue_directory = /var/spool/postfix\n";

/* everything wrong at once, as postconf -x prints it */
static const char misconfigured[] =
	"smtpd_banner = mail.example.org ESMTP Postfix 3.7.11 (Debian/GNU)\n"
	"disable_vrfy_command = no\n"
	"smtpd_relay_restrictions = permit\n"
	"smtpd_recipient_restrictions = permit_mynetworks, permit\n"
	"mynetworks = 0.0.0.0/0\n"
	"smtpd_tls_security_level = none\n"
	"smtpd_tls_protocols = !SSLv2, !SSLv3\n"
	"smtpd_tls_mandatory_protocols = !SSLv2, !SSLv3\n"
	"smtpd_milters = inet:127.0.0.1:9999\n"
	"milter_default_action = accept\n";

static const char *const all_ids =
	"postfix.banner_leak postfix.vrfy_enabled postfix.relay_unrestricted "
	"postfix.mynetworks_broad postfix.tls_off postfix.tls_legacy_protocols "
	"postfix.milter_missing postfix.milter_fail_open";

#define SOCKET "inet:8893@127.0.0.1"

/* run - the analyses on FRONT then BASE (FRONT's lines win), with
 * authmilter's SOCKET (NULL: any milter counts) */
static void run(const char *front, const char *base, const char *socket,
		struct sc_report *r)
{
	size_t n = strlen(front) + strlen(base);
	char *text = malloc(n + 1);
	struct sc_pf_milter_ref ref = { socket, "the Socket in test.conf", NULL };
	struct sc_postconf pc;

	strcpy(text, front);
	strcat(text, base);
	sc_report_init(r);
	if (sc_postconf_parse(text, n, &pc) != SC_POSTCONF_OK)
		diag("fixture did not parse");
	sc_postfix_analyze(r, &pc, &ref);
	sc_postconf_free(&pc);
	free(text);
}

/* in_list - ID is a word of LIST */
static int in_list(const char *list, const char *id)
{
	size_t n = strlen(id);
	const char *p;

	for (p = list; (p = strstr(p, id)) != NULL; p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
	return 0;
}

/* exactly - R holds the findings of IDS and no other */
static int exactly(const struct sc_report *r, const char *ids, const char *what)
{
	char got[600] = "";
	size_t i, want = 0;
	const char *p;
	int good = 1;

	for (i = 0; i < r->n; i++) {
		snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s%s",
			 i ? " " : "", r->f[i].name);
		good &= in_list(ids, r->f[i].name);
	}
	for (p = ids; *p; p++)
		want += (p == ids || p[-1] == ' ') && *p != ' ';
	good &= r->n == want;
	if (!ok(good, "%s: findings are exactly {%s}", what, ids))
		diag("  got {%s}", got);
	return good;
}

/* evidence - the evidence of finding ID in R, or "" */
static const char *evidence(const struct sc_report *r, const char *id)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (strcmp(r->f[i].name, id) == 0)
			return r->f[i].evidence;
	return "";
}

/* fix - the fix of finding ID in R, or "" */
static const char *fix(const struct sc_report *r, const char *id)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (strcmp(r->f[i].name, id) == 0)
			return r->f[i].fix;
	return "";
}

static void test_fixtures(void)
{
	struct sc_report r;

	run("", debian_defaults, NULL, &r);
	exactly(&r, "postfix.banner_leak postfix.vrfy_enabled postfix.relay_unrestricted "
		"postfix.tls_off postfix.tls_legacy_protocols postfix.milter_missing",
		"postconf -d (Debian's defaults)");
	ok(strstr(evidence(&r, "postfix.relay_unrestricted"), "refuses to start") != NULL,
	   "defaults: relay evidence says smtpd would not start with no guard at all");
	ok(strstr(evidence(&r, "postfix.tls_legacy_protocols"), "TLSv1, TLSv1.1") != NULL,
	   "defaults: >=TLSv1 allows TLSv1 and TLSv1.1");
	ok(strstr(evidence(&r, "postfix.tls_legacy_protocols"), "TLS is off now") != NULL,
	   "defaults: legacy protocols noted as latent while TLS is off");
	sc_report_free(&r);

	run("", debian_installed, NULL, &r);
	exactly(&r, "postfix.banner_leak postfix.vrfy_enabled postfix.tls_legacy_protocols "
		"postfix.milter_missing", "Debian's installed main.cf");
	ok(strstr(evidence(&r, "postfix.banner_leak"), "software: Postfix") != NULL
	   && strstr(evidence(&r, "postfix.banner_leak"), "OS: Debian") != NULL,
	   "Debian banner: software and OS named in the evidence");
	ok(strstr(evidence(&r, "postfix.tls_legacy_protocols"), "tls_config_file") != NULL,
	   "legacy protocols: evidence mentions the OpenSSL configuration");
	sc_report_free(&r);

	run("", hardened, SOCKET, &r);
	exactly(&r, "", "hardened");
	sc_report_free(&r);

	run(misconfigured, hardened, SOCKET, &r);
	exactly(&r, all_ids, "misconfigured");
	ok(strstr(evidence(&r, "postfix.banner_leak"), "version: 3.7.11") != NULL,
	   "misconfigured: the version is named");
	ok(strstr(evidence(&r, "postfix.mynetworks_broad"), "0.0.0.0/0 (larger than /8)") != NULL,
	   "misconfigured: 0.0.0.0/0 is named");
	ok(strstr(fix(&r, "postfix.milter_missing"),
		  "smtpd_milters = inet:127.0.0.1:9999, inet:127.0.0.1:8893") != NULL,
	   "misconfigured: the fix adds authmilter's socket to the list");
	sc_report_free(&r);
}

struct one {
	const char *front;           /* lines put before the hardened table */
	const char *socket;          /* authmilter's Socket; "" = SOCKET */
	const char *ids;             /* expected postfix.* findings */
};

static void run_table(const char *name, const struct one *t, size_t n)
{
	struct sc_report r;
	size_t i;

	for (i = 0; i < n; i++) {
		char what[300];

		snprintf(what, sizeof(what), "%s: %.*s", name,
			 (int) strcspn(t[i].front, "\n"), t[i].front);
		run(t[i].front, hardened, t[i].socket && !t[i].socket[0] ? SOCKET
		    : t[i].socket, &r);
		exactly(&r, t[i].ids, what);
		sc_report_free(&r);
	}
}

#define B "postfix.banner_leak"
static const struct one banners[] = {
	{ "smtpd_banner = mail.example.org ESMTP\n", "", "" },
	{ "smtpd_banner = mail.example.org ESMTP Postfix\n", "", B },
	{ "smtpd_banner = mail.example.org ESMTP postfix\n", "", B },
	{ "smtpd_banner = mail.example.org ESMTP Postfix (Debian/GNU)\n", "", B },
	{ "smtpd_banner = mail.example.org ESMTP Postfix-3.7.11\n", "", B },
	{ "smtpd_banner = mail.example.org ESMTP 3.7.11-0+deb12u1\n", "", B },
	{ "smtpd_banner = mail.example.org ESMTP v2.10\n", "", B },
	{ "smtpd_banner = mail.example.org ESMTP (Ubuntu)\n", "", B },
	{ "smtpd_banner = mail.example.org ESMTP on FreeBSD\n", "", B },
	{ "smtpd_banner = mail.example.org ESMTP Linux\n", "", B },
	{ "smtpd_banner = debian ESMTP\nmyhostname = debian\n", "", "" },
	{ "smtpd_banner = postfix.example.org ESMTP\nmyhostname = postfix.example.org\n", "", "" },
	{ "smtpd_banner = 203.0.113.5 ESMTP\n", "", "" },
	{ "smtpd_banner = mail.example.org ESMTP ready at 10.20.mail\n", "", "" },
	{ "smtpd_banner = mail.example.org ESMTP postfixadmin-managed\n", "", "" },
	{ "smtpd_banner = mail.example.org ESMTP MyMTA\nmail_name = MyMTA\n", "", B },
	{ "smtpd_banner = mail.example.org ESMTP build 3.7.11\n", "", B },
	{ "smtpd_banner = mail.example.org ESMTP build3.7.11x\n", "", B },
	{ "smtpd_banner =\n", "", "" },
	{ "smtpd_banner = \x01\x02Postfix\x7f\n", "", B },
	{ "smtpd_banner = mail.example.org\tESMTP\tPostfix\r\n", "", B },
};

#define V "postfix.vrfy_enabled"
static const struct one vrfy[] = {
	{ "disable_vrfy_command = no\n", "", V },
	{ "disable_vrfy_command = NO\n", "", V },
	{ "disable_vrfy_command = yes\n", "", "" },
};

#define R "postfix.relay_unrestricted"
static const struct one relays[] = {
	{ "smtpd_relay_restrictions = permit_mynetworks permit_sasl_authenticated defer_unauth_destination\n", "", "" },
	{ "smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination\n", "", "" },
	{ "smtpd_relay_restrictions =\nsmtpd_recipient_restrictions = permit_mynetworks, reject_unauth_destination\n", "", "" },
	{ "smtpd_relay_restrictions = permit\n", "", R },
	{ "smtpd_relay_restrictions = permit_mynetworks, permit\n", "", R },
	{ "smtpd_relay_restrictions = permit, reject_unauth_destination\n", "", R },
	{ "smtpd_relay_restrictions =\n", "", R },
	{ "smtpd_relay_restrictions = permit_mynetworks\nsmtpd_recipient_restrictions = permit_sasl_authenticated\n", "", R },
	{ "smtpd_relay_restrictions = permit\nsmtpd_recipient_restrictions = permit_mynetworks, reject_unauth_destination\n", "", "" },
	{ "smtpd_relay_restrictions = warn_if_reject reject_unauth_destination\n", "", R },
	{ "smtpd_relay_restrictions = warn_if_reject reject_unauth_destination, defer_unauth_destination\n", "", "" },
	{ "smtpd_relay_restrictions = check_client_access hash:/etc/postfix/relay_ok, reject_unauth_destination\n", "", "" },
	{ "smtpd_relay_restrictions = check_client_access static:OK, reject_unauth_destination\n", "", R },
	{ "smtpd_relay_restrictions = check_sender_access static:{ ok }, reject_unauth_destination\n", "", R },
	{ "smtpd_relay_restrictions = check_client_access inline:{ 192.0.2.1=OK, 192.0.2.2=OK }, reject_unauth_destination\n", "", "" },
	{ "smtpd_relay_restrictions = check_client_access hash:/etc/postfix/x\n", "", R },
	{ "smtpd_relay_restrictions = permit_mynetworks,\n", "", R },
	{ "smtpd_relay_restrictions = PERMIT_MYNETWORKS, REJECT_UNAUTH_DESTINATION\n", "", "" },
	{ "smtpd_relay_restrictions = reject\n", "", "" },
	{ "smtpd_relay_restrictions = defer_if_permit\n", "", "" },
	{ "smtpd_relay_restrictions = reject_rbl_client reject_unauth_destination, permit\n", "", R },
	{ "smtpd_relay_restrictions = reject_rbl_client zen.example, reject_unauth_destination\n", "", "" },
	{ "smtpd_relay_restrictions = permit_dnswl_client list.example, reject_unauth_destination\n", "", "" },
	{ "smtpd_relay_restrictions = open, reject_unauth_destination\nsmtpd_restriction_classes = open\nopen = permit\n", "", R },
	{ "smtpd_relay_restrictions = strict, permit\nsmtpd_restriction_classes = strict\nstrict = reject_unauth_destination\n", "", "" },
	{ "smtpd_relay_restrictions = soft, reject_unauth_destination\nsmtpd_restriction_classes = soft\nsoft = permit_mynetworks\n", "", "" },
	{ "smtpd_relay_restrictions = loop\nsmtpd_restriction_classes = loop\nloop = loop, loop, loop, loop\n", "", R },
	{ "smtpd_relay_restrictions = open, reject_unauth_destination\nopen = permit\n", "", "" },
};

#define M "postfix.mynetworks_broad"
static const struct one networks[] = {
	{ "mynetworks = 127.0.0.0/8 [::1]/128\n", "", "" },
	{ "mynetworks = 127.0.0.0/8 192.0.2.0/24 [::1]/128 [fd00::]/64 [fe80::]/64\n", "", "" },
	{ "mynetworks = 127.0.0.0/8 [::ffff:127.0.0.0]/104 [::1]/128\n", "", "" },
	{ "mynetworks = 0.0.0.0/0\n", "", M },
	{ "mynetworks = 127.0.0.0/8, 0.0.0.0/0\n", "", M },
	{ "mynetworks = 10.0.0.0/8\n", "", "" },
	{ "mynetworks = 10.0.0.0/7\n", "", M },
	{ "mynetworks = 192.168.0.0/16, 172.16.0.0/12, 100.64.0.0/10\n", "", "" },
	{ "mynetworks = 198.51.100.0/24\n", "", "" },
	{ "mynetworks = 198.51.0.0/16\n", "", M },
	{ "mynetworks = 203.0.113.7\n", "", "" },
	{ "mynetworks = [2001:db8::]/32\n", "", M },
	{ "mynetworks = [2001:db8:1::]/48\n", "", "" },
	{ "mynetworks = 2001:db8::/32\n", "", M },
	{ "mynetworks = [::]/0\n", "", M },
	{ "mynetworks = [fc00::]/7\n", "", M },
	{ "mynetworks = [fd12:3456:789a::]/48 [fe80::]/64\n", "", "" },
	{ "mynetworks = [fe80::]/10\n", "", M },
	{ "mynetworks = [::ffff:0.0.0.0]/96\n", "", M },
	{ "mynetworks = /etc/postfix/network_table\n", "", "" },
	{ "mynetworks = hash:/etc/postfix/net, 0.0.0.0/0\n", "", M },
	{ "mynetworks = !192.0.2.1 0.0.0.0/0\n", "", M },
	{ "mynetworks = !0.0.0.0/0 127.0.0.0/8\n", "", "" },
	{ "mynetworks = 1.2.3.4/33 [::1\n", "", "" },
	{ "mynetworks = 127.0.0.1/8\n", "", "" },
	{ "mynetworks =\n", "", "" },
};

#define T "postfix.tls_off"
#define O "postfix.tls_legacy_protocols"
static const struct one tls[] = {
	{ "smtpd_tls_security_level = may\n", "", "" },
	{ "smtpd_tls_security_level = encrypt\n", "", "" },
	{ "smtpd_tls_security_level = none\n", "", T },
	{ "smtpd_tls_security_level =\n", "", T },
	{ "smtpd_tls_security_level =\nsmtpd_use_tls = yes\n", "", "" },
	{ "smtpd_tls_security_level =\nsmtpd_enforce_tls = yes\n", "", "" },
	{ "smtpd_tls_security_level = none\nsmtpd_use_tls = yes\n", "", T },
	{ "smtpd_tls_security_level = bogus\n", "", T },
	{ "smtpd_tls_chain_files =\n", "", T },
	{ "smtpd_tls_chain_files =\nsmtpd_tls_cert_file = /etc/ssl/certs/mail.pem\n", "", "" },
	{ "smtpd_tls_chain_files =\nsmtpd_tls_eccert_file = /etc/ssl/certs/ec.pem\n", "", "" },
	{ "smtpd_tls_protocols = >=TLSv1\n", "", O },
	{ "smtpd_tls_protocols = >=TLSv1.1\n", "", O },
	{ "smtpd_tls_protocols = !SSLv2, !SSLv3\n", "", O },
	{ "smtpd_tls_protocols = !SSLv2, !SSLv3, !TLSv1, !TLSv1.1\n", "", "" },
	{ "smtpd_tls_protocols = !SSLv2:!SSLv3:!TLSv1:!TLSv1.1\n", "", "" },
	{ "smtpd_tls_protocols = TLSv1.2 TLSv1.3\n", "", "" },
	{ "smtpd_tls_protocols = TLSv1.2, TLSv1\n", "", O },
	{ "smtpd_tls_protocols =\n", "", O },
	{ "smtpd_tls_protocols = >=0x0303\n", "", "" },
	{ "smtpd_tls_protocols = >=0303\n", "", "" },
	{ "smtpd_tls_protocols = >=301\n", "", O },
	{ "smtpd_tls_protocols = >=TLSv1.2, <=TLSv1.3\n", "", "" },
	{ "smtpd_tls_protocols = <=TLSv1.3\n", "", O },
	{ "smtpd_tls_protocols = >=TLSv1.2 !TLSv1.3\n", "", "" },
	{ "smtpd_tls_protocols = >=tlsv1.2\n", "", T },
	{ "smtpd_tls_protocols = !TLSv9\n", "", T },
	{ "smtpd_tls_protocols = >=-1\n", "", T },
	{ "smtpd_tls_protocols = >=ffffffffffffffffffff\n", "", T },
	{ "smtpd_tls_mandatory_protocols = >=TLSv1\n", "", O },
	{ "smtpd_tls_security_level = none\nsmtpd_tls_protocols = >=TLSv1\n", "", T " " O },
};

#define MM "postfix.milter_missing"
#define FO "postfix.milter_fail_open"
static const struct one milters[] = {
	{ "smtpd_milters = inet:127.0.0.1:8893\n", "inet:8893@127.0.0.1", "" },
	{ "smtpd_milters = inet:localhost:8893\n", "inet:8893@127.0.0.1", "" },
	{ "smtpd_milters = inet:127.0.0.1:8893\n", "inet:8893@localhost", "" },
	{ "smtpd_milters = inet:8893\n", "inet:8893@127.0.0.1", "" },
	{ "smtpd_milters = inet:127.0.0.1:08893\n", "inet:8893@127.0.0.1", "" },
	{ "smtpd_milters = inet:127.0.0.1:8894\n", "inet:8893@127.0.0.1", MM },
	{ "smtpd_milters = inet:127.0.0.2:8893\n", "inet:8893@127.0.0.1", MM },
	{ "smtpd_milters =\n", "inet:8893@127.0.0.1", MM },
	{ "smtpd_milters =\n", NULL, MM },
	{ "smtpd_milters = inet:127.0.0.1:9999\n", NULL, "" },
	{ "smtpd_milters = inet:192.0.2.1:8893\n", "inet:8893", "" },
	{ "smtpd_milters = inet:[::1]:8893\n", "inet:8893@0.0.0.0", "" },
	{ "smtpd_milters = inet:[::1]:8893\n", "inet6:8893@::1", "" },
	{ "smtpd_milters = inet:[::1]:8893\n", "inet6:8893@[::1]", "" },
	{ "smtpd_milters = inet6:[::1]:8893\n", "inet6:8893@::1", MM },
	{ "smtpd_milters = inet:127.0.0.1\n", "inet:8893@127.0.0.1", MM },
	{ "smtpd_milters = unix:/run/authmilter/a.sock\n", "unix:/run/authmilter/a.sock", "" },
	{ "smtpd_milters = local:/run/a.sock\n", "local:/run/a.sock", "" },
	{ "smtpd_milters = unix:/run/a.sock\n", "local:/run/a.sock", "" },
	{ "smtpd_milters = unix:am/sock\n", "unix:/var/spool/postfix/am/sock", "" },
	{ "smtpd_milters = unix:/am/sock\n", "unix:/var/spool/postfix/am/sock", "" },
	{ "smtpd_milters = unix:/other/sock\n", "unix:/var/spool/postfix/am/sock", MM },
	{ "smtpd_milters = /run/a.sock\n", "unix:/run/a.sock", MM },
	{ "smtpd_milters = UNIX:/run/a.sock\n", "unix:/run/a.sock", MM },
	{ "smtpd_milters = /run/a.sock\n", NULL, MM },
	{ "smtpd_milters = unix:/other.sock, inet:127.0.0.1:8893\n", "inet:8893@127.0.0.1", "" },
	{ "smtpd_milters = unix:/other.sock inet:127.0.0.1:8893\n", "inet:8893@127.0.0.1", "" },
	{ "smtpd_milters = { inet:127.0.0.1:8893, default_action=accept }\n", "inet:8893@127.0.0.1", FO },
	{ "smtpd_milters = { inet:127.0.0.1:8893, default_action = tempfail }\nmilter_default_action = accept\n",
	  "inet:8893@127.0.0.1", "" },
	{ "smtpd_milters = { inet:127.0.0.1:8893 }\nmilter_default_action = accept\n", "inet:8893@127.0.0.1", FO },
	{ "milter_default_action = accept\n", "inet:8893@127.0.0.1", FO },
	{ "milter_default_action = reject\n", "inet:8893@127.0.0.1", "" },
	{ "smtpd_milters =\nmilter_default_action = accept\n", NULL, MM " " FO },
	{ "smtpd_milters = { inet:127.0.0.1:8893, default_action=accept\n", "inet:8893@127.0.0.1", MM },
	{ "smtpd_milters = {}\n", NULL, MM },
	{ "smtpd_milters = inet:127.0.0.1:8893\n", "bogus", "" },
};

static void test_milter_evidence(void)
{
	struct sc_report r;

	run("smtpd_milters = unix:/run/a.sock\nnon_smtpd_milters = inet:127.0.0.1:8893\n",
	    hardened, SOCKET, &r);
	ok(strstr(evidence(&r, MM), "authmilter listens on inet:8893@127.0.0.1") != NULL,
	   "milter evidence: where authmilter listens");
	ok(strstr(evidence(&r, MM), "non_smtpd_milters = inet:127.0.0.1:8893") != NULL,
	   "milter evidence: non_smtpd_milters shown");
	sc_report_free(&r);
	run("smtpd_milters = inet6:[::1]:8893\n", hardened, "inet6:8893@::1", &r);
	ok(strstr(evidence(&r, MM), "inet:[ADDR]:PORT") != NULL,
	   "milter evidence: why inet6: does not work in Postfix");
	ok(strstr(fix(&r, MM), "inet:[::1]:8893") != NULL, "fix: the IPv6 form Postfix takes");
	sc_report_free(&r);
	run("smtpd_milters =\n", hardened, NULL, &r);
	ok(strstr(fix(&r, MM), "smtpd_milters = inet:127.0.0.1:8893") != NULL,
	   "fix without a known socket: authmilter's default");
	sc_report_free(&r);
	run("smtpd_milters =\n", hardened,
	    "unix:/var/spool/postfix/authmilter/authmilter.sock", &r);
	ok(strstr(fix(&r, MM), "smtpd_milters = unix:/authmilter/authmilter.sock") != NULL,
	   "fix for a socket under queue_directory: the path in smtpd's chroot");
	ok(strstr(fix(&r, MM), "unix:/var/spool/postfix/authmilter/authmilter.sock when"
		  " smtpd does not run chrooted") != NULL,
	   "fix for a socket under queue_directory: and the full path without chroot");
	sc_report_free(&r);
	run("smtpd_milters =\n", hardened, "unix:/run/authmilter/authmilter.sock", &r);
	ok(strstr(fix(&r, MM), "smtpd_milters = unix:/run/authmilter/authmilter.sock") != NULL
	   && strstr(fix(&r, MM), "chroot") == NULL,
	   "fix for a socket outside queue_directory: its own path");
	sc_report_free(&r);
	run("smtpd_milters = unix:/authmilter/authmilter.sock\n", hardened,
	    "unix:/var/spool/postfix/authmilter/authmilter.sock", &r);
	ok(!sc_has(&r, SC_ID_POSTFIX_MILTER_MISSING), "the chroot form the fix gives is accepted as authmilter's socket");
	sc_report_free(&r);
}

static void test_relay_evidence(void)
{
	struct sc_report r;

	run("smtpd_relay_restrictions = check_client_access hash:/etc/postfix/x, permit\n",
	    hardened, SOCKET, &r);
	ok(strstr(evidence(&r, R), "lookups before that may permit: check_client_access"
		  " hash:/etc/postfix/x") != NULL, "relay evidence names the map lookup");
	ok(strstr(evidence(&r, R), "unconditional permit first: permit") != NULL,
	   "relay evidence names the permit");
	ok(strstr(evidence(&r, R), "refuses to start") != NULL,
	   "a guard only after permit: smtpd would not start (as Postfix 3.7 does)");
	sc_report_free(&r);

	run("smtpd_relay_restrictions = open, reject_unauth_destination\n"
	    "smtpd_restriction_classes = open\nopen = permit\n", hardened, SOCKET, &r);
	ok(strstr(evidence(&r, R), "open (restriction class): permit") != NULL,
	   "relay evidence names the class that permits");
	ok(strstr(evidence(&r, R), "refuses to start") == NULL,
	   "a permit hidden in a class: smtpd starts, and relays");
	sc_report_free(&r);
}

static void test_missing_params(void)
{
	struct sc_report r;
	struct sc_postconf pc;

	sc_report_init(&r);
	sc_postconf_parse("unrelated = 1\n", 14, &pc);
	sc_postfix_analyze(&r, &pc, NULL);
	is_int((long) r.n, 0, "a table without the parameters yields no finding");
	sc_postconf_free(&pc);
	sc_report_free(&r);
}

static void test_huge_values(void)
{
	size_t n = 200000, i;
	char *text = malloc(4 * n + 200), *p = text;
	struct sc_report r;
	struct sc_postconf pc;

	p += sprintf(p, "smtpd_relay_restrictions = ");
	for (i = 0; i < n / 8; i++)
		p += sprintf(p, "cls%04zu, ", i % 1000);
	p += sprintf(p, "\nsmtpd_restriction_classes = ");
	for (i = 0; i < 1000; i++)
		p += sprintf(p, "cls%04zu ", i);
	p += sprintf(p, "\ncls0000 = cls0000, cls0001\ncls0001 = cls0000\n");
	sc_report_init(&r);
	sc_postconf_parse(text, (size_t) (p - text), &pc);
	sc_postfix_analyze(&r, &pc, NULL);
	ok(sc_has(&r, SC_ID_POSTFIX_RELAY_UNRESTRICTED), "25000 class references: bounded walk, reported as unguarded");
	ok(strstr(evidence(&r, R), "gave up") != NULL, "and the evidence says it gave up");
	sc_postconf_free(&pc);
	sc_report_free(&r);
	free(text);
}

int main(void)
{
	test_fixtures();
	run_table("banner", banners, sizeof(banners) / sizeof(banners[0]));
	run_table("vrfy", vrfy, sizeof(vrfy) / sizeof(vrfy[0]));
	run_table("relay", relays, sizeof(relays) / sizeof(relays[0]));
	run_table("mynetworks", networks, sizeof(networks) / sizeof(networks[0]));
	run_table("tls", tls, sizeof(tls) / sizeof(tls[0]));
	run_table("milter", milters, sizeof(milters) / sizeof(milters[0]));
	test_milter_evidence();
	test_relay_evidence();
	test_missing_params();
	test_huge_values();
	return tap_done();
}
