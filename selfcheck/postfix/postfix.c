/*
 * postfix - the postfix group of authmilter-selfcheck: run
 * postconf, read the table, find out where authmilter listens, and run
 * every analysis of postfix.h over the result.
 *
 * What could not be checked is said with sc_unrun(): postconf missing,
 * failing (no main.cf in the directory given, a macro error) or too
 * slow or too talkative; an authmilter.conf that exists but does not
 * load (authmilter would refuse it too), in which case any milter in
 * smtpd_milters counts, as when no authmilter.conf is there at all.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "conf.h"
#include "postfix.h"
#include "postconf_exec.h"

#define DEFAULT_POSTCONF "/usr/sbin/postconf"

void sc_pf_vrfy(struct sc_report *r, const struct sc_postconf *pc)
{
	const char *v = sc_postconf_get(pc, "disable_vrfy_command");

	if (v != NULL && strcasecmp(v, "no") == 0)
		sc_found(r, SC_ID_POSTFIX_VRFY_ENABLED, "disable_vrfy_command = %s"
			 " (Postfix's default): VRFY tells anyone which"
			 " addresses exist", v);
}

void sc_postfix_analyze(struct sc_report *r, const struct sc_postconf *pc,
			const struct sc_pf_milter_ref *ref)
{
	sc_pf_banner(r, pc);
	sc_pf_vrfy(r, pc);
	sc_pf_relay(r, pc);
	sc_pf_mynetworks(r, pc);
	sc_pf_tls(r, pc);
	sc_pf_milter(r, pc, ref);
}

struct milter_conf {
	struct sc_pf_milter_ref ref;
	char source[600];
	char note[600];
	char *socket;
};

/* read_socket - authmilter's Socket from PATH into M; an unreadable or
 * absent file leaves it unknown (any milter counts), a broken one too,
 * and says so in the report */
static void read_socket(struct sc_report *r, const char *path,
			struct milter_conf *m)
{
	struct conf_errors errs = { NULL, 0 };
	struct conf *c;

	memset(m, 0, sizeof(*m));
	m->ref.note = m->note;
	if (path == NULL) {
		snprintf(m->note, sizeof(m->note), "no authmilter.conf given,"
			 " so any milter counts");
		return;
	}
	if (access(path, R_OK) != 0) {
		snprintf(m->note, sizeof(m->note), "cannot read %.300s (%s),"
			 " so any milter counts", path, strerror(errno));
		return;
	}
	if ((c = conf_load(path, &errs)) == NULL) {
		snprintf(m->note, sizeof(m->note), "%.300s does not load (%.200s),"
			 " so any milter counts", path,
			 errs.count ? errs.msg[0] : "out of memory");
		sc_unrun(r, "postfix.milter", "authmilter's socket: %s", m->note);
		conf_errors_clear(&errs);
		return;
	}
	m->socket = strdup(c->socket);
	conf_free(c);
	snprintf(m->source, sizeof(m->source), "the Socket in %.500s", path);
	m->ref.socket = m->socket;
	m->ref.source = m->source;
	m->ref.note = NULL;
}

void sc_postfix_run(struct sc_ctx *ctx)
{
	const struct sc_options *opt = ctx->opt;
	const char *prog = opt->postconf ? opt->postconf : DEFAULT_POSTCONF;
	struct sc_postconf_out out;
	struct sc_postconf pc;
	struct milter_conf m;
	enum sc_postconf_status st;

	if (sc_postconf_exec(prog, opt->postfix_config, opt->timeout_ms, &out) != 0) {
		sc_unrun(ctx->report, "postfix", "%s", out.why);
		return;
	}
	st = sc_postconf_parse(out.text, out.len, &pc);
	sc_postconf_exec_free(&out);
	if (st != SC_POSTCONF_OK || pc.n == 0) {
		sc_unrun(ctx->report, "postfix", "%s printed %s", prog,
			 st == SC_POSTCONF_NOMEM ? "more than memory allows"
			 : "no \"name = value\" line");
		sc_postconf_free(&pc);
		return;
	}
	read_socket(ctx->report, opt->authmilter_config, &m);
	sc_postfix_analyze(ctx->report, &pc, &m.ref);
	free(m.socket);
	sc_postconf_free(&pc);
}
