/*
 * tls_probe - one TLS probe of the server under audit, on a connection
 * of its own: 220, EHLO, STARTTLS, a handshake offering what the given
 * client context offers, then QUIT over TLS.
 *
 * The result says how far it got, so the caller can tell "the server
 * refused what we offered" (a handshake failure: for a version or
 * cipher probe, the good answer) from "we could not ask" (no connection,
 * no STARTTLS). One thread; the caller blocks SIGPIPE (smtp_tls.h).
 */
#ifndef AUTHMILTER_SC_TLS_PROBE_H
#define AUTHMILTER_SC_TLS_PROBE_H

#include <openssl/ssl.h>

#include "selfcheck/smtp/smtp_session.h"

enum tls_probe_status {
	TLS_PROBE_OK,		/* handshake done */
	TLS_PROBE_NO_CONNECT,	/* no connection, or no 220/EHLO */
	TLS_PROBE_NO_STARTTLS,	/* STARTTLS not announced */
	TLS_PROBE_REFUSED,	/* STARTTLS answered other than 220 */
	TLS_PROBE_HANDSHAKE,	/* the handshake failed */
};

struct tls_probe_result {
	enum tls_probe_status status;
	char why[400];			/* for every status but OK */
	char version[16];		/* "TLSv1.2" */
	char cipher[64];		/* "ECDHE-RSA-AES256-GCM-SHA384" */
	X509 *cert;			/* the server's, when asked for; the
					 * caller frees it */
	long verify;			/* SSL_get_verify_result() */
	char greeting_name[256], ehlo_name[256];
};

/* tls_probe_run - one probe over a connection from D, announcing HELO,
 * offering what SSLCTX offers, with SNI (NULL: none); no step ends after
 * LIMIT (monotonic ms, 0: none). WANT_CERT: keep the server's
 * certificate in OUT->cert. Returns OUT->status. */
enum tls_probe_status tls_probe_run(const struct smtp_dialer *d,
				    const char *helo, SSL_CTX *sslctx,
				    const char *sni, int want_cert,
				    long long limit,
				    struct tls_probe_result *out);

#endif
