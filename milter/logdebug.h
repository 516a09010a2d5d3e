/*
 * logdebug - with LogLevel debug, the lines that explain a verdict: the
 * SPF term that decided each identity, every DKIM signature with its
 * d=, s=, a=, result and reason, and for each From domain the DMARC
 * record used, where the tree walk found it, and why the result is what
 * it is. Nothing is formatted below debug. Text from the message and
 * from DNS is made printable and bounded, as in the per-message line.
 */
#ifndef AUTHMILTER_LOGDEBUG_H
#define AUTHMILTER_LOGDEBUG_H

#include "msgauth.h"

/* logdebug_verdict - the lines for V, each starting "QID: " (NULL:
 * NOQUEUE) */
void logdebug_verdict(const char *qid, const struct msgauth_verdict *v);

#endif
