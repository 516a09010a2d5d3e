/*
 * tls - the tls group of authmilter-selfcheck: after STARTTLS on the
 * smtp group's server, the certificate, the old protocol versions and
 * the weak cipher families (tls_cert.h, tls_probe.h, tls_suite.h).
 */
#ifndef AUTHMILTER_SC_TLS_H
#define AUTHMILTER_SC_TLS_H

#include "selfcheck/core/selfcheck.h"

/* sc_tls_run - the tls group against CTX->opt's server, naming it as
 * the smtp group learned (CTX->greeting_name, CTX->ehlo_name). Adds
 * findings and sc_unrun() entries to CTX->report and never exits the
 * process. */
void sc_tls_run(struct sc_ctx *ctx);

#endif
