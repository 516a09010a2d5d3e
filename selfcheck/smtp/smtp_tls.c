/*
 * smtp_tls - TLS after STARTTLS on an SMTP client connection; see
 * smtp_tls.h.
 */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <openssl/err.h>

#include "smtp_tls.h"

/* ssl_reason - the first queued OpenSSL error, or what SSL_get_error
 * said, as text; the queue is emptied so no later call inherits it */
static void ssl_reason(int sslerr, char *buf, size_t len)
{
	unsigned long e = ERR_get_error();

	if (e != 0)
		ERR_error_string_n(e, buf, len);
	else if (sslerr == SSL_ERROR_SYSCALL)
		snprintf(buf, len, "%s", errno ? strerror(errno)
			 : "connection closed by the server");
	else if (sslerr == SSL_ERROR_ZERO_RETURN)
		snprintf(buf, len, "TLS session closed by the server");
	else
		snprintf(buf, len, "TLS error %d", sslerr);
	ERR_clear_error();
}

/* wait_ssl - after a call on SSL returned RC: wait for what it needs
 * (1 to retry), or say why it failed (-1, REASON filled) */
static int wait_ssl(struct smtp_conn *c, int rc, long long deadline,
		    char *reason, size_t len)
{
	int e = SSL_get_error((SSL *) c->ssl, rc), w;

	if (e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE) {
		ssl_reason(e, reason, len);
		return -1;
	}
	w = smtp_conn_wait(c->fd, e == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT,
			   deadline);
	if (w > 0)
		return 1;
	snprintf(reason, len, "%s", w == 0 ? "TLS: no answer within the timeout"
		 : strerror(errno));
	return -1;
}

/* tls_read - the TLS transport's read */
static long tls_read(void *ctx, char *buf, size_t len, long long deadline,
		     char *err, size_t errlen)
{
	struct smtp_conn *c = ctx;
	int n, e;

	for (;;) {
		ERR_clear_error();
		n = SSL_read((SSL *) c->ssl, buf, len > 65536 ? 65536 : (int) len);
		if (n > 0)
			return n;
		e = SSL_get_error((SSL *) c->ssl, n);
		if (e == SSL_ERROR_ZERO_RETURN)
			return 0;
		if (wait_ssl(c, n, deadline, err, errlen) < 0)
			return -1;
	}
}

/* tls_write - the TLS transport's write, all of BUF */
static int tls_write(void *ctx, const char *buf, size_t len,
		     long long deadline, char *err, size_t errlen)
{
	struct smtp_conn *c = ctx;
	int n;

	while (len > 0) {
		ERR_clear_error();
		n = SSL_write((SSL *) c->ssl, buf, len > 65536 ? 65536 : (int) len);
		if (n > 0) {
			buf += n;
			len -= (size_t) n;
		} else if (wait_ssl(c, n, deadline, err, errlen) < 0) {
			return -1;
		}
	}
	return 0;
}

/* tls_close - send close_notify once, without waiting, and free */
static void tls_close(void *ctx)
{
	struct smtp_conn *c = ctx;

	if (c->ssl == NULL)
		return;
	if (!c->broken)
		SSL_shutdown((SSL *) c->ssl);
	SSL_free((SSL *) c->ssl);
	ERR_clear_error();
	c->ssl = NULL;
}

static const struct smtp_io tls_io = { tls_read, tls_write, tls_close, NULL };

int smtp_tls_start(struct smtp_conn *c, SSL_CTX *ctx, const char *sni)
{
	long long deadline = smtp_conn_deadline(c);
	char reason[200];
	SSL *ssl;
	int rc;

	if (c->broken)
		return -1;
	if (c->fd < 0 && c->io->starttls != NULL) {	/* a test's script */
		if (c->io->starttls(c->io_ctx, reason, sizeof(reason)) == 0)
			return 0;
		return smtp_conn_fail(c, "TLS handshake: %s", reason);
	}
	if (c->fd < 0)
		return smtp_conn_fail(c, "TLS needs a socket");
	if (c->inlen > 0)
		return smtp_conn_fail(c, "server sent data after its STARTTLS reply");
	ERR_clear_error();
	if ((ssl = SSL_new(ctx)) == NULL || SSL_set_fd(ssl, c->fd) != 1
	    || (sni != NULL && SSL_set_tlsext_host_name(ssl, sni) != 1)) {
		SSL_free(ssl);
		ssl_reason(0, reason, sizeof(reason));
		return smtp_conn_fail(c, "TLS setup: %s", reason);
	}
	SSL_set_options(ssl, SSL_OP_IGNORE_UNEXPECTED_EOF);
	c->ssl = ssl;
	c->io = &tls_io;
	c->io_ctx = c;
	for (;;) {
		ERR_clear_error();
		if ((rc = SSL_connect(ssl)) == 1)
			return 0;
		/* a broken connection sends no close_notify (tls_close) */
		if (wait_ssl(c, rc, deadline, reason, sizeof(reason)) < 0)
			return smtp_conn_fail(c, "TLS handshake: %s", reason);
	}
}

SSL *smtp_tls_ssl(const struct smtp_conn *c)
{
	return (SSL *) c->ssl;
}

void smtp_tls_sigpipe_block(sigset_t *old)
{
	sigset_t pipe;

	sigemptyset(&pipe);
	sigaddset(&pipe, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipe, old);
}

void smtp_tls_sigpipe_restore(const sigset_t *old)
{
	const struct timespec now = { 0, 0 };
	sigset_t pipe;

	sigemptyset(&pipe);
	sigaddset(&pipe, SIGPIPE);
	if (!sigismember(old, SIGPIPE))
		while (sigtimedwait(&pipe, NULL, &now) == SIGPIPE)
			;
	pthread_sigmask(SIG_SETMASK, old, NULL);
}
