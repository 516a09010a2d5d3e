/*
 * smtp - the smtp group of authmilter-selfcheck: sc_smtp_run() for
 * main.c, and smtp_check_run() over connections a dialer opens, so that
 * unit tests can run the whole group against scripted servers.
 *
 * Three conversations with the server, in order: (1) greeting, EHLO,
 * VRFY, EXPN, STARTTLS (with a handshake, then QUIT over TLS); (2) the
 * relay battery, on a fresh connection so the error counters of (1) do
 * not cut it short; then the PTR check of the address that answered.
 */
#ifndef AUTHMILTER_SC_SMTP_H
#define AUTHMILTER_SC_SMTP_H

#include "selfcheck/core/selfcheck.h"
#include "smtp_session.h"

/* Used when --relay-probe-domain is not given: outside any admin's mail
 * domain, and it resolves, so reject_unknown_recipient_domain does not
 * stop a probe before the relay policy is asked. */
#define SMTP_RELAY_PROBE_DEFAULT "example.com"

/* The client address a relay probe poses as with XCLIENT, when the
 * server offers XCLIENT to a client it would otherwise trust (RFC 5737
 * TEST-NET-1: in no one's mynetworks). */
#define SMTP_XCLIENT_ADDR "192.0.2.1"

/* smtp_check_run - the smtp group over D's connections, announcing
 * HELO (sc_smtp_run passes smtp_session_helo_name()'s choice). */
void smtp_check_run(struct sc_ctx *ctx, const struct smtp_dialer *d,
		    const char *helo);

/* sc_smtp_run - the smtp group against CTX->opt's server, over real
 * connections. Adds findings and sc_unrun()
 * entries to CTX->report and never exits the process. */
void sc_smtp_run(struct sc_ctx *ctx);

#endif
