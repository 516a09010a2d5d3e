/*
 * smtp_battery - the relay probes over the network; see smtp_battery.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smtp.h"
#include "smtp_battery.h"
#include "smtp_relay.h"
#include "smtp_transcript.h"

/* What one probe got. */
struct answer {
	int done;			/* the codes are all there is */
	int mail, rcpt;			/* reply codes; rcpt 0: not sent */
	char last[120];			/* the last reply's first line */
	struct smtp_transcript tr;
};

/* One run of the battery. */
struct battery {
	struct smtp_conn conn;
	struct smtp_reply greeting, ehlo, r;
	struct smtp_relay_probe probe[SMTP_RELAY_MAX_PROBES];
	struct answer answer[SMTP_RELAY_MAX_PROBES];
	size_t nprobes, run, naccepted, nrefused, ndeferred;
	int catch_all;			/* the control was accepted */
	int outsider;			/* the server sees an outside client */
	char view[200];			/* who the server saw, for evidence */
	char target[300];		/* "HOST:PORT" */
	struct smtp_transcript accepted, deferred;
};

/* take_view - decide (and if we can, change) whom the server sees; -1 if
 * the connection broke */
static int take_view(struct battery *b, const char *helo)
{
	struct smtp_conn *c = &b->conn;
	char local[NETADDR_STRLEN], why[300];

	netaddr_format(&c->local, local, sizeof(local));
	b->outsider = !smtp_addr_is_local(&c->local, &c->peer);
	if (b->outsider || !smtp_reply_has_keyword(&b->ehlo, "XCLIENT")) {
		snprintf(b->view, sizeof(b->view), b->outsider
			 ? "probes from %s" : "probes from %s, an address the "
			 "server may trust (mynetworks), and it offers no XCLIENT",
			 local);
		return 0;
	}
	if (smtp_conn_command(c, "XCLIENT NAME=selfcheck.invalid ADDR="
			      SMTP_XCLIENT_ADDR, &b->r) < 0)
		return -1;
	if (b->r.code != 220) {
		snprintf(b->view, sizeof(b->view), "probes from %s, an address the "
			 "server may trust (mynetworks); XCLIENT refused: %d %s",
			 local, b->r.code, smtp_reply_line(&b->r, 0));
		return 0;
	}
	if (smtp_session_ehlo(c, helo, &b->ehlo, why, sizeof(why)) < 0)
		return smtp_conn_fail(c, "%s", why);
	b->outsider = 1;
	snprintf(b->view, sizeof(b->view), "probes from %s posing as %s (XCLIENT)",
		 local, SMTP_XCLIENT_ADDR);
	return 0;
}

/* record - count what probe I's answer means for the verdict */
static void record(struct battery *b, size_t i, const char *domain)
{
	const struct smtp_relay_probe *p = &b->probe[i];
	const struct answer *a = &b->answer[i];

	if (p->flags & SMTP_PROBE_CONTROL)	/* no relay probe */
		return;
	switch (smtp_relay_judge(p, a->mail, a->rcpt, domain, b->catch_all)) {
	case SMTP_RELAY_ACCEPTED:
		b->naccepted++;
		smtp_transcript_line(&b->accepted, "[%s]\n%s", p->name, a->tr.text);
		break;
	case SMTP_RELAY_DEFERRED:
		b->ndeferred++;
		smtp_transcript_line(&b->deferred, "[%s: %s]", p->name, a->last);
		break;
	case SMTP_RELAY_REFUSED:
		b->nrefused++;
		break;
	case SMTP_RELAY_LOCAL:
	case SMTP_RELAY_OTHER:
		break;
	}
}

/* ask - send CMD as part of answer A; its code, or -1 if the
 * connection broke */
static int ask(struct battery *b, struct answer *a, const char *cmd)
{
	smtp_transcript_line(&a->tr, "C: %s", cmd);
	if (smtp_conn_command(&b->conn, cmd, &b->r) < 0)
		return -1;
	smtp_transcript_reply(&a->tr, &b->r, 4);
	snprintf(a->last, sizeof(a->last), "%d %s", b->r.code,
		 smtp_reply_line(&b->r, 0));
	return b->r.code;
}

/* run_probe - MAIL, RCPT if MAIL was taken, RSET; -1 if the connection
 * broke */
static int run_probe(struct battery *b, size_t i)
{
	const struct smtp_relay_probe *p = &b->probe[i];
	struct answer *a = &b->answer[i];
	char cmd[SMTP_RELAY_PATH_MAX + 20];

	smtp_transcript_init(&a->tr);
	snprintf(cmd, sizeof(cmd), "MAIL FROM:<%s>", p->mail);
	if ((a->mail = ask(b, a, cmd)) < 0)
		return -1;
	if (a->mail / 100 == 2) {
		snprintf(cmd, sizeof(cmd), "RCPT TO:<%s>", p->rcpt);
		if ((a->rcpt = ask(b, a, cmd)) < 0)
			return -1;
	}
	a->done = 1;		/* even if RSET finds the server gone */
	if ((p->flags & SMTP_PROBE_CONTROL)
	    && (a->rcpt == 250 || a->rcpt == 251))
		b->catch_all = 1;
	return smtp_conn_command(&b->conn, "RSET", &b->r);
}

/* judge - the finding, or why the battery says nothing; LOST is the
 * error that cut it short, or NULL */
static void judge(struct sc_ctx *ctx, const struct battery *b,
		  const char *lost)
{
	struct sc_report *rep = ctx->report;

	if (b->naccepted > 0 && b->outsider)
		sc_found(rep, SC_ID_SMTP_OPEN_RELAY, "%s%s\n%s%s%s%s%s", b->view,
			 b->catch_all ? " (the mail domain takes any local part: "
			 "probes via it do not count)" : "", b->accepted.text,
			 b->ndeferred ? "\ndeferred (4xx, no answer):\n" : "",
			 b->deferred.text, lost ? "\nthe server hung up: " : "",
			 lost ? lost : "");
	else if (b->naccepted > 0)
		sc_unrun(rep, "smtp.open_relay", "%s: relaying accepted, but %s: run "
			 "selfcheck from an outside host, or let it pose as one "
			 "(Postfix: smtpd_authorized_xclient_hosts). Accepted:\n%s",
			 b->target, b->view, b->accepted.text);
	else if (lost != NULL)
		sc_unrun(rep, "smtp.open_relay", "%s: connection lost after %zu of "
			 "%zu probes: %s", b->target, b->run, b->nprobes, lost);
	else if (b->nrefused == 0)
		sc_unrun(rep, "smtp.open_relay", "%s: no probe was refused or "
			 "accepted%s\n%s", b->target, b->ndeferred
			 ? " (4xx answers only)" : "", b->deferred.text);
}

/* probes - the battery for this run; 0 (and an unrun entry) if none */
static size_t probes(struct sc_ctx *ctx, struct battery *b)
{
	const char *probe = ctx->opt->relay_probe_domain;
	char literal[NETADDR_STRLEN + 8];

	if (probe == NULL)
		probe = SMTP_RELAY_PROBE_DEFAULT;
	smtp_addr_literal(&b->conn.peer, literal, sizeof(literal));
	b->nprobes = smtp_relay_probes(probe, ctx->opt->domain, literal,
				       b->probe, SMTP_RELAY_MAX_PROBES);
	if (b->nprobes == 0)
		sc_unrun(ctx->report, "smtp.open_relay", "relay probe domain %s is "
			 "not a host name outside the mail domain %s", probe,
			 ctx->opt->domain ? ctx->opt->domain : "(none)");
	return b->nprobes;
}

/* battery - connect, greet, probe, QUIT */
static void battery(struct sc_ctx *ctx, const struct smtp_dialer *d,
		    const char *helo, struct battery *b)
{
	char why[512];
	size_t i;
	int temp;

	if (d->open(d->arg, &b->conn, why, sizeof(why), &temp) < 0) {
		sc_unrun(ctx->report, "smtp.open_relay", "connect to %s: %s",
			 b->target, why);
		return;
	}
	b->conn.limit = smtp_conn_now_ms() + SMTP_BATTERY_MS;
	if (smtp_session_greet(&b->conn, helo, &b->greeting, &b->ehlo, why,
			       sizeof(why)) < 0) {
		sc_unrun(ctx->report, "smtp.open_relay", "%s: %s", b->target, why);
		smtp_session_end(&b->conn);
		return;
	}
	if (probes(ctx, b) == 0) {
		smtp_session_end(&b->conn);
		return;
	}
	if (take_view(b, helo) == 0)
		for (b->run = 0; b->run < b->nprobes; b->run++)
			if (run_probe(b, b->run) < 0)
				break;
	for (i = 0; i < b->nprobes; i++)
		if (b->answer[i].done)
			record(b, i, ctx->opt->domain);
	judge(ctx, b, b->conn.broken ? b->conn.err : NULL);
	smtp_session_end(&b->conn);
}

void smtp_battery_run(struct sc_ctx *ctx, const struct smtp_dialer *d,
		      const char *helo)
{
	struct battery *b = calloc(1, sizeof(*b));

	if (b == NULL) {
		ctx->report->nomem = 1;
		return;
	}
	b->conn.fd = -1;
	smtp_session_target(ctx->opt, b->target, sizeof(b->target));
	smtp_transcript_init(&b->accepted);
	smtp_transcript_init(&b->deferred);
	battery(ctx, d, helo, b);
	free(b);
}
