/*
 * client - bind the SMTP client onto a message; see client.h.
 */
#include "client.h"

/* authenticated - the MTA names an SMTP AUTH user; an empty name is
 * no login, as the daemon has always read {auth_authen} */
static int authenticated(const char *user)
{
	return user != NULL && *user != '\0';
}

int client_start(struct msgauth *m, const struct conf *c,
		 const struct client_facts *f, const char *sender)
{
	struct netaddr addr;

	/* A skip given before the message starts covers the connection. */
	msgauth_reset(m);
	if (f->addr == NULL) {
		msgauth_connect(m, NULL);
	} else {
		addr = *f->addr;
		netaddr_unmap(&addr);
		msgauth_connect(m, &addr);
		if (conf_is_trusted(c, &addr))
			msgauth_skip(m, MSGAUTH_SKIP_TRUSTED);
		if (conf_netlist_match(&c->forwarders, &addr))
			msgauth_forwarder(m);
	}
	if (f->helo != NULL)
		msgauth_helo(m, f->helo);
	/* Before MAIL FROM: an authenticated client costs no DNS. */
	if (authenticated(f->auth_user) && c->ignore_authenticated)
		msgauth_skip(m, MSGAUTH_SKIP_AUTHENTICATED);
	return msgauth_mailfrom(m, sender);
}
