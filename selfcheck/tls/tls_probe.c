/*
 * tls_probe - one STARTTLS probe; see tls_probe.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "selfcheck/smtp/smtp_tls.h"
#include "tls_probe.h"

/* The conversation of one probe. */
struct probe {
	struct smtp_conn conn;
	struct smtp_reply greeting, ehlo, r;
};

/* fail - end the probe with STATUS and a reason (printf-style) */
static enum tls_probe_status fail(struct tls_probe_result *out,
				  enum tls_probe_status st, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static enum tls_probe_status fail(struct tls_probe_result *out,
				  enum tls_probe_status st, const char *fmt, ...)
{
	va_list ap;

	out->status = st;
	va_start(ap, fmt);
	vsnprintf(out->why, sizeof(out->why), fmt, ap);
	va_end(ap);
	return st;
}

/* session - what the handshake produced */
static void session(SSL *ssl, int want_cert, struct tls_probe_result *out)
{
	snprintf(out->version, sizeof(out->version), "%s", SSL_get_version(ssl));
	snprintf(out->cipher, sizeof(out->cipher), "%s",
		 SSL_CIPHER_get_name(SSL_get_current_cipher(ssl)));
	out->verify = SSL_get_verify_result(ssl);
	if (want_cert)
		out->cert = SSL_get1_peer_certificate(ssl);
}

/* converse - greet, STARTTLS, handshake, QUIT on P */
static enum tls_probe_status converse(struct probe *p, const char *helo,
				      SSL_CTX *sslctx, const char *sni,
				      int want_cert, struct tls_probe_result *out)
{
	char why[400];

	if (smtp_session_greet(&p->conn, helo, &p->greeting, &p->ehlo, why,
			       sizeof(why)) < 0)
		return fail(out, TLS_PROBE_NO_CONNECT, "%s", why);
	smtp_reply_first_word(&p->greeting, out->greeting_name,
			      sizeof(out->greeting_name));
	smtp_reply_first_word(&p->ehlo, out->ehlo_name, sizeof(out->ehlo_name));
	if (!smtp_reply_has_keyword(&p->ehlo, "STARTTLS"))
		return fail(out, TLS_PROBE_NO_STARTTLS, "STARTTLS is not announced");
	if (smtp_conn_command(&p->conn, "STARTTLS", &p->r) < 0)
		return fail(out, TLS_PROBE_NO_CONNECT, "STARTTLS: %s", p->conn.err);
	if (p->r.code != 220)
		return fail(out, TLS_PROBE_REFUSED, "STARTTLS refused: %d %s",
			    p->r.code, smtp_reply_line(&p->r, 0));
	if (smtp_tls_start(&p->conn, sslctx, sni) < 0)
		return fail(out, TLS_PROBE_HANDSHAKE, "%s", p->conn.err);
	if (smtp_tls_ssl(&p->conn) != NULL)
		session(smtp_tls_ssl(&p->conn), want_cert, out);
	return out->status = TLS_PROBE_OK;
}

enum tls_probe_status tls_probe_run(const struct smtp_dialer *d,
				    const char *helo, SSL_CTX *sslctx,
				    const char *sni, int want_cert,
				    long long limit,
				    struct tls_probe_result *out)
{
	struct probe *p = calloc(1, sizeof(*p));
	char why[400];
	int temp;

	memset(out, 0, sizeof(*out));
	out->verify = -1;
	if (p == NULL)
		return fail(out, TLS_PROBE_NO_CONNECT, "out of memory");
	p->conn.fd = -1;
	if (limit > 0 && smtp_conn_now_ms() >= limit) {
		fail(out, TLS_PROBE_NO_CONNECT, "time limit of the TLS probes reached");
	} else if (d->open(d->arg, &p->conn, why, sizeof(why), &temp) < 0) {
		fail(out, TLS_PROBE_NO_CONNECT, "%s", why);
	} else {
		p->conn.limit = limit;
		converse(p, helo, sslctx, sni, want_cert, out);
	}
	smtp_session_end(&p->conn);	/* QUIT unless the connection broke */
	free(p);
	return out->status;
}
