/*
 * client - the SMTP client as evaluation sees it: its address, HELO name
 * and SMTP AUTH state, and what the configuration makes of them
 * (TrustedNetworks and IgnoreAuthenticatedClients skip evaluation,
 * TrustedForwarders spares its mail DMARC rejection), bound onto one
 * msgauth at the start of each message.
 *
 * The milter callbacks and `authmilter -t` both start a message here and
 * nowhere else, so the test mode cannot judge a client otherwise than the
 * daemon does. No libmilter: the caller collects the facts.
 */
#ifndef AUTHMILTER_CLIENT_H
#define AUTHMILTER_CLIENT_H

#include "conf.h"
#include "msgauth.h"
#include "netaddr.h"

/* What the MTA told us about the client. */
struct client_facts {
	const struct netaddr *addr;     /* NULL: the MTA gave none */
	const char *helo;               /* NULL: no HELO/EHLO given */
	const char *auth_user;          /* SMTP AUTH name; NULL or "": none */
};

/* client_start - bind F onto M under C and start a message from SENDER
 * (no angle brackets, "" for the null sender): msgauth_mailfrom's
 * answer, 0 or -1. Called at every MAIL FROM of the connection. */
int client_start(struct msgauth *m, const struct conf *c,
		 const struct client_facts *f, const char *sender);

#endif
