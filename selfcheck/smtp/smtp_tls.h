/*
 * smtp_tls - the OpenSSL layer of an SMTP client connection, started
 * after the server's 220 to STARTTLS (RFC 3207).
 *
 * The handshake runs on the connection's non-blocking socket, bounded by
 * its timeout like every other step; afterwards commands and replies go
 * through the TLS session. Octets the server sent after its 220 and
 * before the handshake are refused (they would be read as if they came
 * over TLS: the STARTTLS injection of CVE-2011-0411, seen from the
 * client's side). The caller's SSL_CTX says which versions and ciphers
 * to offer. OpenSSL writes with write(2): a server that hangs up would
 * kill the process with SIGPIPE, so callers bracket their TLS work with
 * smtp_tls_sigpipe_block / _restore.
 */
#ifndef AUTHMILTER_SC_SMTP_TLS_H
#define AUTHMILTER_SC_SMTP_TLS_H

#include <signal.h>

#include <openssl/ssl.h>

#include "smtp_conn.h"

/* smtp_tls_start - handshake on C with a new SSL from CTX, sending SNI
 * (NULL: none). Returns 0 with C speaking TLS, or -1 with the reason
 * (OpenSSL's, e.g. "tlsv1 alert protocol version") in C->err. */
int smtp_tls_start(struct smtp_conn *c, SSL_CTX *ctx, const char *sni);

/* smtp_tls_ssl - the session of C, or NULL before smtp_tls_start */
SSL *smtp_tls_ssl(const struct smtp_conn *c);

/* smtp_tls_sigpipe_block - block SIGPIPE in this thread; OLD keeps the
 * mask to give back */
void smtp_tls_sigpipe_block(sigset_t *old);

/* smtp_tls_sigpipe_restore - discard a SIGPIPE raised meanwhile (unless
 * it was blocked before) and restore OLD */
void smtp_tls_sigpipe_restore(const sigset_t *old);

#endif
