/*
 * smtp_battery - the open-relay probes of the smtp group, sent on a
 * connection of their own (smtp_relay.h says which and what answers
 * mean).
 *
 * Safety, as the admin is promised: only the --smtp host, never DATA,
 * RSET after every probe, QUIT at the end, SMTP_RELAY_MAX_PROBES probes
 * at most and SMTP_BATTERY_MS for all of them. When the server sees us
 * at an address it trusts by default (loopback, its own) its answers are
 * not an outsider's: if it offers XCLIENT to us, the probes pose as
 * SMTP_XCLIENT_ADDR; if not, an accepted probe is reported as a check
 * that could not run, never as a critical finding the admin cannot act
 * on.
 */
#ifndef AUTHMILTER_SC_SMTP_BATTERY_H
#define AUTHMILTER_SC_SMTP_BATTERY_H

#include "selfcheck/core/selfcheck.h"
#include "smtp_session.h"

#define SMTP_BATTERY_MS 30000

/* smtp_battery_run - the battery over a new connection from D; adds
 * smtp.open_relay or an unrun "smtp.open_relay" entry to CTX's report. */
void smtp_battery_run(struct sc_ctx *ctx, const struct smtp_dialer *d,
		      const char *helo);

#endif
