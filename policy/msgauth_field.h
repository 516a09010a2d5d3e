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

struct msgauth_field_input {
	const char *authserv_id;
	const struct spf_outcome *spf_mailfrom;  /* NULL: not evaluated */
	const char *mailfrom_value;              /* smtp.mailfrom */
	const struct spf_outcome *spf_helo;      /* NULL: not evaluated */
	const char *helo_value;                  /* smtp.helo */
	const struct dkimv_results *dkim;        /* NULL: not evaluated */
	const struct dmarc_outcome *dmarc;       /* NULL: not evaluated */
	const char *const *from_domains;
	size_t ndmarc;
	const char *from_problem;                /* dmarc=permerror (...) */
	const char *note;                        /* local policy, or "" */
	size_t note_domain;                      /* the dmarc= entry it goes on */
	int applied;                             /* the enum dmarc_disposition
	                                          * done to the message (dis=);
	                                          * -1: the policy's own */
};

/* msgauth_field_build - 0, or -1 if not even the SPF part fits. */
int msgauth_field_build(const struct msgauth_field_input *in, char *buf,
			size_t len);

#endif
