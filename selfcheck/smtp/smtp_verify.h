/*
 * smtp_verify - whether a server's answer to VRFY or EXPN tells the
 * asker something about an address.
 *
 * 250 and 251 answer the question. 252 is RFC 5321's "cannot VRFY user,
 * but will accept message": it counts as an answer only when it names
 * the address asked about and does not say it cannot tell (Postfix with
 * disable_vrfy_command = no answers "252 2.0.0 postmaster"; Sendmail's
 * and Exchange's refusals are "252 2.5.2 Cannot VRFY user; try RCPT ..."
 * and "252 2.1.5 Cannot VRFY user, but will take message for <...>").
 * Every other code (502 disabled, 550 unknown, 4xx) is no answer. Pure
 * function; any caller.
 */
#ifndef AUTHMILTER_SC_SMTP_VERIFY_H
#define AUTHMILTER_SC_SMTP_VERIFY_H

#include "smtp_reply.h"

/* smtp_verify_answers - 1 if reply R to "VRFY USER" or "EXPN USER"
 * reveals something about USER, else 0. */
int smtp_verify_answers(const struct smtp_reply *r, const char *user);

#endif
