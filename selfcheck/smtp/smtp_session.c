/*
 * smtp_session - dialing, greeting, EHLO, QUIT; see smtp_session.h.
 *
 * The EHLO name is this host's name when it is fully qualified: it is
 * what any legitimate client here announces, it tells the admin reading
 * the server's log where the probe came from, and it passes
 * reject_invalid_helo_hostname / reject_non_fqdn_helo_hostname, which
 * Postfix applies at RCPT time and which would otherwise make every
 * relay probe fail for a reason that is not the relay policy. Without a
 * qualified name, "selfcheck.invalid" (RFC 6761: can never resolve, so
 * it cannot impersonate anyone).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "util/ascii.h"
#include "smtp_session.h"

/* net_open - the network dialer */
static int net_open(void *arg, struct smtp_conn *c, char *why, size_t len,
		    int *temp)
{
	struct smtp_net_dialer *nd = arg;
	const struct sc_options *o = nd->ctx->opt;
	struct netaddr addrs[SMTP_ADDR_MAX];
	char text[NETADDR_STRLEN];
	size_t n, i;

	*temp = 0;
	if (nd->have_addr) {
		n = 1;
		addrs[0] = nd->addr;
	} else {
		n = smtp_addr_resolve(&nd->ctx->dns, o->smtp_host,
				      o->smtp_host_is_addr, addrs, SMTP_ADDR_MAX,
				      why, len, temp);
	}
	for (i = 0; i < n; i++) {
		if (smtp_conn_connect(c, &addrs[i], o->smtp_port, o->timeout_ms) == 0) {
			nd->addr = addrs[i];
			nd->have_addr = 1;
			return 0;
		}
		/* the last address's error is the one reported; its address
		 * is news only when --smtp named a host */
		netaddr_format(&addrs[i], text, sizeof(text));
		snprintf(why, len, "%s%s%s", o->smtp_host_is_addr ? "" : text,
			 o->smtp_host_is_addr ? "" : ": ", c->err);
		smtp_conn_close(c);
	}
	return -1;
}

void smtp_session_dialer_network(struct smtp_dialer *d,
				 struct smtp_net_dialer *nd,
				 const struct sc_ctx *ctx)
{
	memset(nd, 0, sizeof(*nd));
	nd->ctx = ctx;
	d->open = net_open;
	d->arg = nd;
}

/* fqdn - letters, digits, "-" and two labels or more, each 1..63 */
static int fqdn(const char *s)
{
	size_t i, label = 0, labels = 1, n = strlen(s);

	if (n == 0 || n > 253)
		return 0;
	for (i = 0; i < n; i++) {
		if (s[i] == '.') {
			if (label == 0)
				return 0;
			labels++;
			label = 0;
		} else if (ascii_is_alpha((unsigned char) s[i])
			   || ascii_is_digit((unsigned char) s[i]) || s[i] == '-') {
			if (++label > 63)
				return 0;
		} else {
			return 0;
		}
	}
	return label > 0 && labels >= 2;
}

void smtp_session_helo_choose(const char *hostname, char *out, size_t len)
{
	snprintf(out, len, "%s", hostname != NULL && fqdn(hostname)
		 ? hostname : SMTP_HELO_FALLBACK);
}

void smtp_session_helo_name(char *out, size_t len)
{
	char host[256];

	if (gethostname(host, sizeof(host)) != 0)
		host[0] = '\0';
	host[sizeof(host) - 1] = '\0';
	smtp_session_helo_choose(host, out, len);
}

/* refused - WHY is the server's reply R to what we sent */
static int refused(const char *what, const struct smtp_reply *r, char *why,
		   size_t len)
{
	snprintf(why, len, "%s: %d %s", what, r->code, smtp_reply_line(r, 0));
	return -1;
}

int smtp_session_ehlo(struct smtp_conn *c, const char *helo,
		      struct smtp_reply *ehlo, char *why, size_t len)
{
	char cmd[300];

	snprintf(cmd, sizeof(cmd), "EHLO %s", helo);
	if (smtp_conn_command(c, cmd, ehlo) < 0) {
		snprintf(why, len, "EHLO: %s", c->err);
		return -1;
	}
	if (ehlo->code == 250)
		return 0;
	snprintf(cmd, sizeof(cmd), "HELO %s", helo);
	if (smtp_conn_command(c, cmd, ehlo) < 0) {
		snprintf(why, len, "HELO: %s", c->err);
		return -1;
	}
	return ehlo->code == 250 ? 0 : refused("HELO", ehlo, why, len);
}

int smtp_session_greet(struct smtp_conn *c, const char *helo,
		       struct smtp_reply *greeting, struct smtp_reply *ehlo,
		       char *why, size_t len)
{
	if (smtp_conn_reply(c, greeting) < 0) {
		snprintf(why, len, "greeting: %s", c->err);
		return -1;
	}
	if (greeting->code != 220)
		return refused("greeting", greeting, why, len);
	return smtp_session_ehlo(c, helo, ehlo, why, len);
}

void smtp_session_target(const struct sc_options *o, char *out, size_t len)
{
	snprintf(out, len, strchr(o->smtp_host, ':') ? "[%s]:%u" : "%s:%u",
		 o->smtp_host, o->smtp_port);
}

void smtp_session_end(struct smtp_conn *c)
{
	struct smtp_reply r;	/* not looked at: we are leaving anyway */

	if (!c->broken && c->io != NULL)
		(void) smtp_conn_command(c, "QUIT", &r);
	smtp_conn_close(c);
}
