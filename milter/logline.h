/*
 * logline - the one line logged per message: who sent it, what each
 * method found, and what was done. Admins grep it and feed it to their
 * log tools, so its keys are stable:
 *   QUEUEID: client=IP helo=NAME from_domain=DOMAIN spf=R spf_helo=R
 *   dkim=D/S/R,... dmarc=R,... header_from=D,... policy=P,... dis=D,...
 *   evaluation=evaluated|trusted|authenticated|no-client-address
 *   ar_removed=N action=A would=A [note="..."]
 * Text from the client (HELO, MAIL FROM, d= and s= of signatures, From
 * domains) is made printable and bounded.
 */
#ifndef AUTHMILTER_LOGLINE_H
#define AUTHMILTER_LOGLINE_H

#include <stddef.h>

#include "msgauth.h"

struct logline_who {
	const char *qid;            /* NULL: NOQUEUE */
	const char *client;
	const char *helo;
	const char *from_domain;    /* MAIL FROM domain */
};

/* logline_format - the line (without the level prefix) into BUF. */
void logline_format(char *buf, size_t len, const struct logline_who *who,
		    const struct msgauth_verdict *v, const char *action);

#endif
