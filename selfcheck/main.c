/*
 * authmilter-selfcheck - audit the local MTA and the mail domain the way
 * an attacker sees them, for cron and monitoring. See
 * authmilter-selfcheck(8).
 *
 * main reads the command line, finds the defaults an admin expects
 * (postconf's mydomain, authmilter's own config), sets up the one DNS
 * resolver, runs the groups asked for and prints the report; the exit
 * status is the monitoring-plugin one (0 ok, 1 warning, 2 critical,
 * 3 unknown).
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "conf.h"
#include "policy/resolver.h"
#include "selfcheck/core/options.h"
#include "selfcheck/core/report.h"
#include "selfcheck/core/selfcheck.h"
#include "selfcheck/smtp/smtp.h"
#include "selfcheck/tls/tls.h"
#include "selfcheck/dns/dns.h"
#include "selfcheck/postfix/postfix.h"
#include "selfcheck/postfix/postconf.h"
#include "selfcheck/postfix/postconf_exec.h"

static void usage(FILE *out)
{
	fputs("usage: authmilter-selfcheck [--smtp HOST[:PORT]] [--domain DOMAIN]\n"
	      "         [--selector SEL,...] [--postfix | --no-postfix]\n"
	      "         [--postfix-config DIR] [--config AUTHMILTER_CONF]\n"
	      "         [--nameserver IP[@PORT],...] [--only smtp,tls,dns,postfix]\n"
	      "         [--json | --nagios] [--relay-probe-domain DOMAIN]\n"
	      "         [--dnsbl ZONE,...] [--timeout SECONDS] [--postconf PATH]\n"
	      "exit status: 0 ok, 1 medium findings, 2 critical or high findings,\n"
	      "             3 a check could not run; see authmilter-selfcheck(8)\n", out);
}

/* find_postconf - the postconf program: /usr/sbin/postconf, /usr/bin/
 * postconf or one on PATH; NULL when Postfix is not installed */
static const char *find_postconf(void)
{
	static const char *const fixed[] = { "/usr/sbin/postconf", "/usr/bin/postconf" };
	static char found[4096];
	const char *path = getenv("PATH");
	size_t i;

	for (i = 0; i < 2; i++)
		if (access(fixed[i], X_OK) == 0)
			return fixed[i];
	while (path != NULL && *path != '\0') {
		size_t len = strcspn(path, ":");

		if (len > 0 && len + sizeof("/postconf") < sizeof(found)) {
			memcpy(found, path, len);
			strcpy(found + len, "/postconf");
			if (access(found, X_OK) == 0)
				return found;
		}
		path += len + (path[len] == ':');
	}
	return NULL;
}

/* postconf_mydomain - mydomain as postconf prints it, into BUF; 0, or -1
 * when postconf fails (no main.cf is normal on a host without Postfix) */
static int postconf_mydomain(const struct sc_options *opt, char *buf, size_t len)
{
	struct sc_postconf_out out;
	struct sc_postconf pc;
	const char *v;
	int rc = -1;

	if (sc_postconf_exec(opt->postconf, opt->postfix_config, SC_POSTCONF_DEFAULT_MS, &out) != 0)
		return -1;
	if (sc_postconf_parse(out.text, out.len, &pc) == SC_POSTCONF_OK) {
		if ((v = sc_postconf_get(&pc, "mydomain")) != NULL && *v != '\0' && strlen(v) < len) {
			strcpy(buf, v);
			rc = 0;
		}
		sc_postconf_free(&pc);
	}
	sc_postconf_exec_free(&out);
	return rc;
}

/* settle - the defaults that depend on this host, and the groups that
 * really run */
static void settle(struct sc_cli *cli, struct sc_report *report, char *domain, size_t len)
{
	if (cli->opt.postconf == NULL)
		cli->opt.postconf = find_postconf();
	if (cli->postfix_asked == 0)
		cli->groups &= ~(unsigned) SC_GROUP_POSTFIX;
	else if (cli->opt.postconf == NULL && (cli->groups & SC_GROUP_POSTFIX)) {
		if (cli->postfix_asked == 1 || cli->groups == SC_GROUP_POSTFIX)
			sc_unrun(report, "postfix", "postconf not found (is Postfix installed? --postconf PATH)");
		cli->groups &= ~(unsigned) SC_GROUP_POSTFIX;
	}
	if (cli->opt.domain == NULL && cli->opt.postconf != NULL
	    && postconf_mydomain(&cli->opt, domain, len) == 0)
		cli->opt.domain = domain;
	if (cli->opt.authmilter_config == NULL && access(CONF_DEFAULT_PATH, R_OK) == 0)
		cli->opt.authmilter_config = CONF_DEFAULT_PATH;
}

static void run_groups(struct sc_ctx *ctx, unsigned groups)
{
	if (groups & SC_GROUP_SMTP)
		sc_smtp_run(ctx);
	if (groups & SC_GROUP_TLS)
		sc_tls_run(ctx);
	if (groups & SC_GROUP_DNS)
		sc_dns_run(ctx);
	if (groups & SC_GROUP_POSTFIX)
		sc_postfix_run(ctx);
}

static int print(const struct sc_cli *cli, struct sc_report *report)
{
	char smtp[300];
	struct sc_target t = { NULL, NULL, NULL, 0 };

	if (cli->groups & (SC_GROUP_SMTP | SC_GROUP_TLS)) {
		snprintf(smtp, sizeof(smtp), strchr(cli->opt.smtp_host, ':') ? "[%s]:%u" : "%s:%u",
			 cli->opt.smtp_host, cli->opt.smtp_port);
		t.smtp = smtp;
	}
	if (cli->groups & SC_GROUP_DNS)
		t.domain = cli->opt.domain;
	if (cli->groups & SC_GROUP_POSTFIX) {
		t.postfix = 1;
		t.postfix_config = cli->opt.postfix_config;
	}
	sc_sort(report);
	switch (cli->output) {
	case SC_OUT_JSON: return sc_report_json(stdout, report, &t);
	case SC_OUT_NAGIOS: return sc_report_nagios(stdout, report);
	default: return sc_report_text(stdout, report, &t);
	}
}

int main(int argc, char **argv)
{
	struct sc_cli cli;
	struct sc_report report;
	struct sc_ctx ctx;
	struct resolver *res;
	char err[512], domain[256];
	int status;

	signal(SIGPIPE, SIG_IGN);    /* a server closing on us is a result */
	if (sc_options_parse(&cli, argc, argv, getenv("MAIL_CONFIG"), err, sizeof(err)) != 0) {
		fprintf(stderr, "authmilter-selfcheck: %s\n", err);
		return 3;
	}
	if (cli.help || cli.version) {
		if (cli.help)
			usage(stdout);
		else
			printf("authmilter-selfcheck %s\n", PACKAGE_VERSION);
		return 0;
	}
	sc_report_init(&report);
	settle(&cli, &report, domain, sizeof(domain));
	res = resolver_new(cli.nameserver, cli.opt.timeout_ms < 5000 ? cli.opt.timeout_ms : 5000,
			   err, sizeof(err));
	if (res == NULL) {
		fprintf(stderr, "authmilter-selfcheck: DNS resolver: %s\n", err);
		sc_report_free(&report);
		return 3;
	}
	memset(&ctx, 0, sizeof(ctx));
	ctx.opt = &cli.opt;
	ctx.dns = resolver_client(res);
	ctx.report = &report;
	run_groups(&ctx, cli.groups);
	status = print(&cli, &report) == 0 ? sc_exit_status(&report) : 3;
	if (fflush(stdout) != 0)
		status = 3;
	sc_report_free(&report);
	resolver_free(res);
	return status;
}
