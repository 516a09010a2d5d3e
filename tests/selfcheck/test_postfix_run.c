/*
 * test_postfix_run - sc_postfix_run() end to end: the real
 * /usr/sbin/postconf with -c on a directory holding a main.cf written
 * here (no Postfix daemon is started; root may use -c), MAIL_CONFIG
 * instead of -c, authmilter.conf files good, absent and broken, and
 * stand-in postconf scripts that fail, hang, flood or print rubbish.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "selfcheck/core/finding.h"
#include "selfcheck/core/selfcheck.h"
#include "selfcheck/postfix/postfix.h"
#include "tests/lib/tap.h"

#define POSTCONF "/usr/sbin/postconf"

static char dir[64];

static const char hardened_cf[] =
	"compatibility_level = 3.6\n"
	"myhostname = mail.example.org\n"
	"smtpd_banner = $myhostname ESMTP\n"
	"disable_vrfy_command = yes\n"
	"smtpd_relay_restrictions = permit_mynetworks,\n"
	"    permit_sasl_authenticated,\n"
	"    reject_unauth_destination\n"
	"mynetworks = 127.0.0.0/8 [::1]/128\n"
	"smtpd_tls_security_level = may\n"
	"smtpd_tls_chain_files = /etc/ssl/private/mail.pem\n"
	"smtpd_tls_protocols = >=TLSv1.2\n"
	"smtpd_tls_mandatory_protocols = $smtpd_tls_protocols\n"
	"smtpd_milters = inet:localhost:8893\n"
	"non_smtpd_milters = $smtpd_milters\n"
	"milter_default_action = tempfail\n";

static const char misconfigured_cf[] =
	"compatibility_level = 3.6\n"
	"myhostname = mail.example.org\n"
	"smtpd_banner = $myhostname ESMTP $mail_name $mail_version (Debian/GNU)\n"
	"disable_vrfy_command = no\n"
	"smtpd_relay_restrictions = permit\n"
	"smtpd_recipient_restrictions = permit_mynetworks, permit\n"
	"mynetworks = 0.0.0.0/0\n"
	"smtpd_tls_security_level = none\n"
	"smtpd_tls_protocols = !SSLv2, !SSLv3\n"
	"smtpd_milters = inet:127.0.0.1:9999\n"
	"milter_default_action = accept\n";

/* put - write TEXT to DIR/NAME with MODE */
static const char *put(const char *name, const char *text, mode_t mode)
{
	static char path[4][128];
	static int k;
	char *p = path[k++ % 4];
	FILE *f;

	snprintf(p, sizeof(path[0]), "%s/%s", dir, name);
	f = fopen(p, "w");
	if (f == NULL)
		return p;
	fputs(text, f);
	fclose(f);
	chmod(p, mode);
	return p;
}

/* audit - sc_postfix_run with these options */
static void audit(const char *postconf, const char *cfdir, const char *amconf,
		  unsigned timeout_ms, struct sc_report *r)
{
	struct sc_options opt;
	struct sc_ctx ctx;

	memset(&opt, 0, sizeof(opt));
	memset(&ctx, 0, sizeof(ctx));
	opt.postconf = postconf;
	opt.postfix_config = cfdir;
	opt.authmilter_config = amconf;
	opt.timeout_ms = timeout_ms;
	ctx.opt = &opt;
	ctx.report = r;
	sc_report_init(r);
	sc_postfix_run(&ctx);
}

/* why - the first unrun reason, or "" */
static const char *why(const struct sc_report *r)
{
	return r->nu ? r->u[0].why : "";
}

static void show(const struct sc_report *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		diag("  %s: %s", r->f[i].name, r->f[i].evidence);
	for (i = 0; i < r->nu; i++)
		diag("  unrun %s: %s", r->u[i].check, r->u[i].why);
}

static void test_real_postconf(const char *am)
{
	static const enum sc_id ids[] = {
		SC_ID_POSTFIX_BANNER_LEAK, SC_ID_POSTFIX_VRFY_ENABLED,
		SC_ID_POSTFIX_RELAY_UNRESTRICTED, SC_ID_POSTFIX_MYNETWORKS_BROAD,
		SC_ID_POSTFIX_TLS_OFF, SC_ID_POSTFIX_TLS_LEGACY_PROTOCOLS,
		SC_ID_POSTFIX_MILTER_MISSING, SC_ID_POSTFIX_MILTER_FAIL_OPEN,
	};
	struct sc_report r;
	size_t i, found = 0;

	put("main.cf", hardened_cf, 0644);
	audit(POSTCONF, dir, am, 10000, &r);
	if (!ok(r.n == 0 && r.nu == 0, "real postconf, hardened main.cf: no finding"))
		show(&r);
	sc_report_free(&r);

	put("main.cf", misconfigured_cf, 0644);
	audit(POSTCONF, dir, am, 10000, &r);
	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
		if (ok(sc_has(&r, ids[i]), "real postconf, misconfigured main.cf: %s",
		       sc_catalog[ids[i]].name))
			found++;
	if (!is_int((long) r.n, 8, "real postconf, misconfigured: eight findings"))
		show(&r);
	ok(strstr(r.n ? r.f[0].evidence : "", "Postfix 3.") != NULL,
	   "the banner evidence is the expanded banner ($mail_name, $mail_version)");
	sc_report_free(&r);

	/* MAIL_CONFIG instead of -c: the environment reaches postconf */
	put("main.cf", hardened_cf, 0644);
	setenv("MAIL_CONFIG", dir, 1);
	audit(POSTCONF, NULL, am, 10000, &r);
	ok(r.n == 0 && r.nu == 0, "MAIL_CONFIG works like -c");
	unsetenv("MAIL_CONFIG");
	sc_report_free(&r);
}

static void test_authmilter_conf(void)
{
	struct sc_report r;
	const char *am;

	put("main.cf", "smtpd_milters = unix:/run/authmilter/authmilter.sock\n", 0644);
	am = put("am.conf", "Socket unix:/run/authmilter/authmilter.sock\n", 0644);
	audit(POSTCONF, dir, am, 10000, &r);
	ok(!sc_has(&r, SC_ID_POSTFIX_MILTER_MISSING) && r.nu == 0,
	   "authmilter.conf's unix Socket found in smtpd_milters");
	sc_report_free(&r);

	am = put("am.conf", "Socket inet:8893@127.0.0.1\n", 0644);
	audit(POSTCONF, dir, am, 10000, &r);
	ok(sc_has(&r, SC_ID_POSTFIX_MILTER_MISSING), "another socket in authmilter.conf: missing");
	sc_report_free(&r);

	am = put("am.conf", "# no Socket line: the default inet:8893@127.0.0.1\n", 0644);
	put("main.cf", "smtpd_milters = inet:127.0.0.1:8893\n", 0644);
	audit(POSTCONF, dir, am, 10000, &r);
	ok(!sc_has(&r, SC_ID_POSTFIX_MILTER_MISSING) && r.nu == 0,
	   "authmilter.conf without Socket: its default socket matches");
	sc_report_free(&r);

	put("main.cf", "smtpd_milters = inet:127.0.0.1:9999\n", 0644);
	audit(POSTCONF, dir, "/nonexistent/authmilter.conf", 10000, &r);
	ok(!sc_has(&r, SC_ID_POSTFIX_MILTER_MISSING) && r.nu == 0,
	   "absent authmilter.conf: any milter counts");
	sc_report_free(&r);

	am = put("am.conf", "Sokcet inet:8893@127.0.0.1\n", 0644);
	audit(POSTCONF, dir, am, 10000, &r);
	ok(r.nu == 1 && strcmp(r.u[0].check, "postfix.milter") == 0
	   && strstr(why(&r), "Sokcet") != NULL,
	   "broken authmilter.conf: said, with its error");
	ok(!sc_has(&r, SC_ID_POSTFIX_MILTER_MISSING), "broken authmilter.conf: any milter counts");
	sc_report_free(&r);
	put("main.cf", hardened_cf, 0644);
}

static void test_failures(void)
{
	struct sc_report r;
	const char *prog;
	time_t t0;

	audit(POSTCONF, "/nonexistent-postfix-dir", NULL, 10000, &r);
	ok(r.nu == 1 && strcmp(r.u[0].check, "postfix") == 0
	   && strstr(why(&r), "exit status 1") && strstr(why(&r), "fatal:")
	   && strstr(why(&r), "main.cf"), "no main.cf: unrun with postconf's fatal line");
	diag("%s", why(&r));
	sc_report_free(&r);

	audit("/nonexistent/postconf", NULL, NULL, 1000, &r);
	ok(r.nu == 1 && strstr(why(&r), "cannot run"), "postconf not found: unrun");
	sc_report_free(&r);

	prog = put("fail.sh", "#!/bin/sh\necho 'postconf: warning: x' >&2\n"
		   "echo 'postconf: fatal: boom' >&2\necho 'later' >&2\nexit 3\n", 0755);
	audit(prog, NULL, NULL, 5000, &r);
	ok(r.nu == 1 && strstr(why(&r), "exit status 3") && strstr(why(&r), "fatal: boom"),
	   "exit status 3: the fatal line, not the last one");
	sc_report_free(&r);

	prog = put("hang.sh", "#!/bin/sh\nexec sleep 30\n", 0755);
	t0 = time(NULL);
	audit(prog, NULL, NULL, 300, &r);
	ok(r.nu == 1 && strstr(why(&r), "did not finish within 300 ms"),
	   "a hanging postconf is killed at the time limit");
	ok(time(NULL) - t0 < 5, "and the run took under 5 s");
	sc_report_free(&r);

	prog = put("flood.sh", "#!/bin/sh\nexec yes 'a = b'\n", 0755);
	audit(prog, NULL, NULL, 10000, &r);
	ok(r.nu == 1 && strstr(why(&r), "more than"), "endless output is cut and refused");
	sc_report_free(&r);

	prog = put("junk.sh", "#!/bin/sh\nprintf 'junk\\0\\001\\033[2J\\n\\377'\n", 0755);
	audit(prog, NULL, NULL, 5000, &r);
	ok(r.nu == 1 && strstr(why(&r), "no \"name = value\" line"), "rubbish output: unrun");
	sc_report_free(&r);

	prog = put("sig.sh", "#!/bin/sh\nkill -9 $$\n", 0755);
	audit(prog, NULL, NULL, 5000, &r);
	ok(r.nu == 1 && strstr(why(&r), "killed by signal 9"), "a postconf killed by a signal");
	sc_report_free(&r);

	prog = put("bg.sh", "#!/bin/sh\necho 'disable_vrfy_command = no'\n"
		   "exec 1>&- 2>&-\nsleep 30\n", 0755);
	t0 = time(NULL);
	audit(prog, NULL, NULL, 300, &r);
	ok(r.nu == 1 && strstr(why(&r), "did not exit within 300 ms"),
	   "closes its output but does not exit: killed at the limit");
	ok(time(NULL) - t0 < 5, "and the run took under 5 s");
	sc_report_free(&r);

	prog = put("ok.sh", "#!/bin/sh\necho 'postconf: warning: noise' >&2\n"
		   "printf 'disable_vrfy_command = no\\nrubbish\\n'\n", 0755);
	audit(prog, NULL, NULL, 5000, &r);
	ok(r.nu == 0 && r.n == 1 && sc_has(&r, SC_ID_POSTFIX_VRFY_ENABLED),
	   "warnings on stderr and a rubbish line do not stop the audit");
	sc_report_free(&r);
}

int main(void)
{
	char cmd[100];
	const char *am;

	snprintf(dir, sizeof(dir), "/tmp/test_postfix_run.XXXXXX");
	if (mkdtemp(dir) == NULL) {
		ok(0, "mkdtemp");
		return tap_done();
	}
	if (access(POSTCONF, X_OK) != 0) {
		ok(1, "# SKIP %s not installed", POSTCONF);
	} else {
		am = put("authmilter.conf", "Socket inet:8893@127.0.0.1\n", 0644);
		test_real_postconf(am);
		test_authmilter_conf();
	}
	test_failures();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		diag("could not remove %s", dir);
	return tap_done();
}
