/*
 * msgauth_field - our Authentication-Results value from everything one
 * message produced: SPF (MAIL FROM, HELO), one dkim= per signature, one
 * dmarc= per From domain. When the whole does not fit a field, DKIM
 * entries are dropped from the end (and counted in a comment) rather
 * than losing the field. Internal to policy/msgauth*.c.
 */
#ifndef AUTHMILTER_MSGAUTH_FIELD_H
#define AUTHMILTER_MSGAUTH_FIELD_H

#include <stddef.h>

#include "msgauth.h"

/* msgauth_field_build - the value for AUTHSERV_ID from what was found
 * (R) and what was done (V: dis= and the note, on the dmarc= entry of
 * the domain it is about). 0, or -1 if not even the SPF part fits. */
int msgauth_field_build(const char *authserv_id,
			const struct msgauth_results *r,
			const struct verdict *v, char *buf, size_t len);

#endif
