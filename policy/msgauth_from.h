/*
 * msgauth_from - the From fields of one message, for DMARC.
 *
 * Field values are copied as they arrive (the MTA's buffers are gone by
 * end of message), then read into the distinct domains DMARC evaluates
 * and the verdict's view of the From situation. More From fields or
 * domains than are evaluated is never a partial look: it is refused like
 * a From without a usable domain, so no failing domain can hide behind
 * the first ones. A domain is judged in its A-label form (policy/domain):
 * one that has none is no usable domain, refused the same way, so what a
 * mail client shows is never a name DMARC did not judge. Internal to
 * policy/msgauth*.c.
 */
#ifndef AUTHMILTER_MSGAUTH_FROM_H
#define AUTHMILTER_MSGAUTH_FROM_H

#include <stddef.h>

#include "msgauth.h"

#define MSGAUTH_FROM_KEEP 4             /* From fields kept to read */

struct msgauth_from {
	char *value[MSGAUTH_FROM_KEEP];
	size_t nfields;                 /* From fields seen, kept or not */
	char domain[MSGAUTH_MAX_FROM][256];
	const char *domain_ptr[MSGAUTH_MAX_FROM];
	size_t ndomains;
	enum verdict_from status;
	const char *problem;            /* for people, or NULL */
	char problem_buf[160];          /* room for a domain's reason */
};

/* msgauth_from_add - remember one From field value. 0, or -1 (memory). */
int msgauth_from_add(struct msgauth_from *f, const char *value);

/* msgauth_from_read - classify and collect the domains. */
void msgauth_from_read(struct msgauth_from *f);

/* msgauth_from_reset - free and forget. */
void msgauth_from_reset(struct msgauth_from *f);

#endif
