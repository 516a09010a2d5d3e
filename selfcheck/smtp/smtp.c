/*
 * smtp - the smtp group: banner, VRFY/EXPN, STARTTLS, relay, PTR;
 * see smtp.h. The relay battery is in smtp_battery.c.
 */
#include <stdio.h>
#include <sys/socket.h>
#include <stdlib.h>
#include <string.h>

#include "smtp.h"
#include "smtp_banner.h"
#include "smtp_battery.h"
#include "smtp_ptr.h"
#include "smtp_tls.h"
#include "smtp_transcript.h"
#include "smtp_verify.h"
#include "selfcheck/tls/tls_suite.h"

#define SHOW_LINES 20		/* reply lines quoted in evidence */

/* The first conversation. */
struct talk {
	struct smtp_conn conn;
	struct smtp_reply greeting, ehlo, r;
	const char *helo;
	char target[300];
};

/* scan_greeting - every greeting line through the banner scan */
static int scan_greeting(const struct talk *t, struct smtp_banner *b)
{
	const char *line;
	size_t i;
	int bits = 0;

	for (i = 0; i < t->greeting.nlines; i++) {
		line = smtp_reply_line(&t->greeting, i);
		bits |= smtp_banner_scan(line, strlen(line), b);
	}
	return bits;
}

/* check_banner - smtp.banner_software and smtp.banner_version */
static void check_banner(struct sc_ctx *ctx, const struct talk *t)
{
	const char *line = smtp_reply_line(&t->ehlo, 0);
	struct smtp_transcript tr;
	struct smtp_banner b;
	int bits, from_ehlo;

	smtp_banner_init(&b);
	bits = scan_greeting(t, &b);
	from_ehlo = smtp_banner_scan(line, strlen(line), &b) & ~bits;
	bits |= from_ehlo;
	smtp_transcript_init(&tr);
	smtp_transcript_reply(&tr, &t->greeting, SHOW_LINES);
	if (from_ehlo) {
		smtp_transcript_line(&tr, "C: EHLO %s", t->helo);
		smtp_transcript_line(&tr, "S: 250%c%s",
				     t->ehlo.nlines > 1 ? '-' : ' ', line);
	}
	if (bits & SMTP_BANNER_SOFTWARE)
		sc_found(ctx->report, SC_ID_SMTP_BANNER_SOFTWARE,
			 "%s\n(names the software: %s)", tr.text, b.software);
	if (bits & (SMTP_BANNER_VERSION | SMTP_BANNER_OS))
		sc_found(ctx->report, SC_ID_SMTP_BANNER_VERSION, "%s\n(shows %s%s%s%s)",
			 tr.text, b.version[0] ? "the version " : "", b.version,
			 b.version[0] && b.os[0] ? " and the system " : b.os[0]
			 ? "the system " : "", b.os);
}

/* check_verify - VRFY or EXPN postmaster (VERB); -1 if the connection
 * broke */
static int check_verify(struct sc_ctx *ctx, struct talk *t, const char *verb,
			enum sc_id id)
{
	struct smtp_transcript tr;
	char cmd[32];

	snprintf(cmd, sizeof(cmd), "%s postmaster", verb);
	if (smtp_conn_command(&t->conn, cmd, &t->r) < 0)
		return -1;
	if (!smtp_verify_answers(&t->r, "postmaster"))
		return 0;
	smtp_transcript_init(&tr);
	smtp_transcript_line(&tr, "C: %s", cmd);
	smtp_transcript_reply(&tr, &t->r, SHOW_LINES);
	sc_found(ctx->report, id, "%s", tr.text);
	return 0;
}

/* no_starttls - smtp.no_starttls, with what we sent and got */
static void no_starttls(struct sc_ctx *ctx, const char *cmd,
			const struct smtp_reply *r, const char *note)
{
	struct smtp_transcript tr;

	smtp_transcript_init(&tr);
	smtp_transcript_line(&tr, "C: %s", cmd);
	smtp_transcript_reply(&tr, r, SHOW_LINES);
	if (note != NULL)
		smtp_transcript_line(&tr, "(%s)", note);
	sc_found(ctx->report, SC_ID_SMTP_NO_STARTTLS, "%s", tr.text);
}

/* handshake - TLS on T's connection as the most permissive client, then
 * QUIT over TLS: 0; -1 if the handshake failed (the reason in T's
 * connection); 1 if this client could not even try (WHY filled) */
static int handshake(struct talk *t, char *why, size_t len)
{
	struct tls_suite suite;
	SSL_CTX *sslctx = NULL;
	sigset_t old;
	int rc = 1;

	if (tls_suite_open(&suite, why, len) == 0
	    && (sslctx = tls_suite_ctx(&suite, TLS_PROBE_CERT, NULL, why, len)) != NULL) {
		smtp_tls_sigpipe_block(&old);
		rc = smtp_tls_start(&t->conn, sslctx, NULL) < 0 ? -1 : 0;
		smtp_session_end(&t->conn);
		smtp_tls_sigpipe_restore(&old);
		SSL_CTX_free(sslctx);
	}
	if (suite.libctx != NULL)
		tls_suite_close(&suite);
	if (rc > 0)
		smtp_conn_close(&t->conn);
	return rc;
}

/* check_starttls - smtp.no_starttls: not announced, refused, or no
 * handshake succeeds even for a client that accepts anything; ends the
 * conversation. -1 if the connection broke before an answer. */
static int check_starttls(struct sc_ctx *ctx, struct talk *t)
{
	char cmd[300], why[sizeof(t->conn.err) + 64];

	if (!smtp_reply_has_keyword(&t->ehlo, "STARTTLS")) {
		snprintf(cmd, sizeof(cmd), "EHLO %s", t->helo);
		no_starttls(ctx, cmd, &t->ehlo, "STARTTLS is not announced");
		smtp_session_end(&t->conn);
		return 0;
	}
	if (smtp_conn_command(&t->conn, "STARTTLS", &t->r) < 0)
		return -1;
	if (t->r.code != 220) {
		no_starttls(ctx, "STARTTLS", &t->r, "announced, then refused");
		smtp_session_end(&t->conn);
		return 0;
	}
	switch (handshake(t, why, sizeof(why))) {
	case 1:
		sc_unrun(ctx->report, "smtp.starttls", "%s", why);
		break;
	case -1:
		snprintf(why, sizeof(why), "announced, but no TLS handshake succeeds: %s",
			 t->conn.err);
		no_starttls(ctx, "STARTTLS", &t->r, why);
		break;
	}
	return 0;
}

/* loopback - 127/8 or ::1 */
static int loopback(const struct netaddr *a)
{
	static const unsigned char one6[16] = { [15] = 1 };

	return a->family == AF_INET ? a->bytes[0] == 127
	    : memcmp(a->bytes, one6, 16) == 0;
}

/* check_ptr - smtp.ptr_missing / smtp.ptr_mismatch of ADDR. A loopback
 * address says nothing about what the world sees unless the admin named
 * the DNS server that holds its reverse zone (the lab does): the system
 * resolver answers "localhost" for it by itself. */
static void check_ptr(struct sc_ctx *ctx, const struct netaddr *addr)
{
	char ev[SC_EVIDENCE_MAX];

	if (loopback(addr) && !ctx->opt->own_nameserver)
		return;

	switch (smtp_ptr_check(&ctx->dns, addr, ctx->greeting_name,
			       ctx->ehlo_name, ev, sizeof(ev))) {
	case SMTP_PTR_OK:
		break;
	case SMTP_PTR_MISSING:
		sc_found(ctx->report, SC_ID_SMTP_PTR_MISSING, "%s", ev);
		break;
	case SMTP_PTR_MISMATCH:
		sc_found(ctx->report, SC_ID_SMTP_PTR_MISMATCH, "%s", ev);
		break;
	case SMTP_PTR_UNKNOWN:
		sc_unrun(ctx->report, "smtp.ptr", "%s", ev);
		break;
	}
}

/* first_talk - conversation 1; 0, or -1 if the server was not reached */
static int first_talk(struct sc_ctx *ctx, const struct smtp_dialer *d,
		      struct talk *t)
{
	char why[512];
	int temp;

	if (d->open(d->arg, &t->conn, why, sizeof(why), &temp) < 0
	    || smtp_session_greet(&t->conn, t->helo, &t->greeting, &t->ehlo,
				  why, sizeof(why)) < 0) {
		sc_unrun(ctx->report, "smtp", "connect to %s: %s", t->target, why);
		smtp_session_end(&t->conn);	/* QUIT after a 554 greeting */
		return -1;
	}
	smtp_reply_first_word(&t->greeting, ctx->greeting_name,
			      sizeof(ctx->greeting_name));
	smtp_reply_first_word(&t->ehlo, ctx->ehlo_name, sizeof(ctx->ehlo_name));
	check_banner(ctx, t);
	if (check_verify(ctx, t, "VRFY", SC_ID_SMTP_VRFY_ENABLED) < 0
	    || check_verify(ctx, t, "EXPN", SC_ID_SMTP_EXPN_ENABLED) < 0
	    || check_starttls(ctx, t) < 0) {
		sc_unrun(ctx->report, "smtp", "%s: connection lost: %s", t->target,
			 t->conn.err);
		smtp_conn_close(&t->conn);
	}
	return 0;
}

void smtp_check_run(struct sc_ctx *ctx, const struct smtp_dialer *d,
		    const char *helo)
{
	struct talk *t = calloc(1, sizeof(*t));
	struct netaddr peer;

	if (t == NULL) {
		ctx->report->nomem = 1;
		return;
	}
	t->helo = helo;
	t->conn.fd = -1;
	smtp_session_target(ctx->opt, t->target, sizeof(t->target));
	if (first_talk(ctx, d, t) == 0) {
		peer = t->conn.peer;
		free(t);
		t = NULL;
		smtp_battery_run(ctx, d, helo);
		check_ptr(ctx, &peer);
	}
	free(t);
}

void sc_smtp_run(struct sc_ctx *ctx)
{
	struct smtp_net_dialer nd;
	struct smtp_dialer d;
	char helo[256];

	smtp_session_dialer_network(&d, &nd, ctx);
	smtp_session_helo_name(helo, sizeof(helo));
	smtp_check_run(ctx, &d, helo);
}
