/*
 * postfix - the postfix group of authmilter-selfcheck: sc_postfix_run()
 * for main.c, and the audit as pure
 * functions of the postconf table: each reads a few parameters and adds
 * its postfix.* findings to the report, so unit tests feed them text
 * and need no Postfix. postfix.c runs postconf and calls them all
 * through sc_postfix_analyze().
 *
 * A parameter postconf did not print (an older Postfix, a skipped line)
 * is treated as empty where Postfix's own default is empty, and makes
 * the check say nothing where guessing would invent a finding.
 */
#ifndef AUTHMILTER_SC_POSTFIX_H
#define AUTHMILTER_SC_POSTFIX_H

#include "selfcheck/core/finding.h"
#include "selfcheck/core/selfcheck.h"
#include "postconf.h"

/* What authmilter.conf says about the milter's socket, for
 * postfix.milter_missing. */
struct sc_pf_milter_ref {
	const char *socket;          /* authmilter's Socket, or NULL: any
	                              * milter in smtpd_milters counts */
	const char *source;          /* where it came from, for evidence:
	                              * "Socket in /etc/authmilter/..." */
	const char *note;            /* why SOCKET is NULL, or NULL */
};

/* postfix.banner_leak: smtpd_banner names the software, a version or
 * the OS (postfix_banner.c). */
void sc_pf_banner(struct sc_report *r, const struct sc_postconf *pc);

/* postfix.vrfy_enabled: disable_vrfy_command = no. */
void sc_pf_vrfy(struct sc_report *r, const struct sc_postconf *pc);

/* postfix.relay_unrestricted: neither relay list stops unauthorised
 * relaying before an unconditional permit (postfix_relay.c). */
void sc_pf_relay(struct sc_report *r, const struct sc_postconf *pc);

/* postfix.mynetworks_broad: public or very large trusted networks
 * (postfix_mynetworks.c). */
void sc_pf_mynetworks(struct sc_report *r, const struct sc_postconf *pc);

/* postfix.tls_off and postfix.tls_legacy_protocols (postfix_tls.c). */
void sc_pf_tls(struct sc_report *r, const struct sc_postconf *pc);

/* postfix.milter_missing and postfix.milter_fail_open
 * (postfix_milter.c). */
void sc_pf_milter(struct sc_report *r, const struct sc_postconf *pc,
		  const struct sc_pf_milter_ref *ref);

/* sc_postfix_analyze - all of the above. */
void sc_postfix_analyze(struct sc_report *r, const struct sc_postconf *pc,
			const struct sc_pf_milter_ref *ref);

/* sc_postfix_run - run CTX->opt's postconf and analyze its table, with
 * authmilter's Socket from CTX->opt's authmilter.conf. Adds findings and sc_unrun()
 * entries to CTX->report and never exits the process. */
void sc_postfix_run(struct sc_ctx *ctx);

#endif
