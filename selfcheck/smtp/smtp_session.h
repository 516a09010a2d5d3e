/*
 * smtp_session - the steps every SMTP conversation of the smtp and tls
 * groups shares: reaching the server (a dialer), the 220 greeting and
 * EHLO, and QUIT.
 *
 * A dialer opens connections to the server under audit: the network one
 * resolves --smtp once through the run's DNS client, tries its addresses
 * in order and then reuses the one that answered, so every probe of a
 * run talks to the same address; tests give a dialer of scripted
 * transports. One thread.
 */
#ifndef AUTHMILTER_SC_SMTP_SESSION_H
#define AUTHMILTER_SC_SMTP_SESSION_H

#include <stddef.h>

#include "selfcheck/core/selfcheck.h"
#include "smtp_addr.h"
#include "smtp_conn.h"

struct smtp_dialer {
	/* open - connect C; 0, or -1 with the reason in WHY, *TEMP set
	 * when DNS failed (rather than the server) */
	int (*open)(void *arg, struct smtp_conn *c, char *why, size_t len,
		    int *temp);
	void *arg;
};

/* The network dialer's state. */
struct smtp_net_dialer {
	const struct sc_ctx *ctx;
	struct netaddr addr;	/* the address that answered */
	int have_addr;
};

/* smtp_session_dialer_network - D dials CTX's --smtp host over TCP */
void smtp_session_dialer_network(struct smtp_dialer *d,
				 struct smtp_net_dialer *nd,
				 const struct sc_ctx *ctx);

#define SMTP_HELO_FALLBACK "selfcheck.invalid"

/* smtp_session_helo_choose - the EHLO name: HOSTNAME when it is a fully
 * qualified host name (letters, digits, "-", two labels at least), else
 * SMTP_HELO_FALLBACK. */
void smtp_session_helo_choose(const char *hostname, char *out, size_t len);

/* smtp_session_helo_name - smtp_session_helo_choose on this host's
 * gethostname() */
void smtp_session_helo_name(char *out, size_t len);

/* smtp_session_greet - read the greeting (must be 220) into GREETING and
 * send EHLO HELO (HELO if EHLO is refused) with its 250 into EHLO.
 * Returns 0, or -1 with the reason in WHY (the server's reply, or what
 * broke the connection). */
int smtp_session_greet(struct smtp_conn *c, const char *helo,
		       struct smtp_reply *greeting, struct smtp_reply *ehlo,
		       char *why, size_t len);

/* smtp_session_ehlo - EHLO HELO, or HELO if EHLO is refused; its 250
 * into EHLO. Returns 0, or -1 with the reason in WHY. */
int smtp_session_ehlo(struct smtp_conn *c, const char *helo,
		      struct smtp_reply *ehlo, char *why, size_t len);

/* smtp_session_target - "HOST:PORT" of --smtp for messages ("[::1]:25") */
void smtp_session_target(const struct sc_options *o, char *out, size_t len);

/* smtp_session_end - QUIT (its reply, if any, is not waited for longer
 * than the timeout) and close */
void smtp_session_end(struct smtp_conn *c);

#endif
