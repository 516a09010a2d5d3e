/*
 * smtp_conn - the SMTP client connection of authmilter-selfcheck: a TCP
 * connection (or, in tests, a scripted transport) that sends one command
 * line at a time and reads one bounded reply, with a deadline on every
 * step; smtp_tls.h adds the OpenSSL layer after STARTTLS.
 *
 * Each step (connect, a command's write, a whole reply) must finish
 * within the connection's timeout, and no step runs past the hard limit
 * a caller may set for a series of steps (the relay battery's 30 s). A
 * failed step leaves the connection broken: later commands fail at once
 * with the first error, so callers may check only where they need to.
 * One thread per connection.
 */
#ifndef AUTHMILTER_SC_SMTP_CONN_H
#define AUTHMILTER_SC_SMTP_CONN_H

#include <stddef.h>

#include "netaddr.h"
#include "smtp_reply.h"

#define SMTP_CONN_INBUF (SMTP_REPLY_TEXT_MAX + SMTP_REPLY_LINE_MAX)
#define SMTP_CONN_CMD_MAX 510	/* octets of a command line, CRLF excluded */

/* A transport: octets in and out, each call bounded by DEADLINE (ms on
 * the monotonic clock). read returns the octets read, 0 at the end of
 * the stream, -1 with a message in ERR; write returns 0 or -1 after
 * writing all LEN octets; close (may be NULL) ends what the transport
 * holds besides the socket. starttls (NULL but in tests) stands in for
 * the TLS handshake of a transport without a socket: 0 as if it
 * succeeded, or -1 with a message. */
struct smtp_io {
	long (*read)(void *ctx, char *buf, size_t len, long long deadline,
		     char *err, size_t errlen);
	int (*write)(void *ctx, const char *buf, size_t len,
		     long long deadline, char *err, size_t errlen);
	void (*close)(void *ctx);
	int (*starttls)(void *ctx, char *err, size_t errlen);
};

struct smtp_conn {
	const struct smtp_io *io;
	void *io_ctx;
	int fd;				/* -1 for a scripted transport */
	void *ssl;			/* SSL *, once smtp_tls_start succeeded */
	unsigned timeout_ms;
	long long limit;		/* 0, or no step ends after this */
	struct netaddr peer, local;	/* the server's and our address */
	char where[80];			/* "127.0.0.1:25", "[::1]:587" */
	char in[SMTP_CONN_INBUF];	/* octets read, not yet parsed */
	size_t inlen;
	int broken;
	char err[256];			/* the first failure */
};

/* smtp_conn_now_ms - the monotonic clock, in milliseconds */
long long smtp_conn_now_ms(void);

/* smtp_conn_connect - open a TCP connection to ADDR:PORT within
 * TIMEOUT_MS. Returns 0, or -1 with the reason in C->err. */
int smtp_conn_connect(struct smtp_conn *c, const struct netaddr *addr,
		      unsigned port, unsigned timeout_ms);

/* smtp_conn_attach - a connection over transport IO (tests); PEER and
 * LOCAL are what the checks will think the addresses are. */
void smtp_conn_attach(struct smtp_conn *c, const struct smtp_io *io,
		      void *io_ctx, unsigned timeout_ms,
		      const struct netaddr *peer, const struct netaddr *local);

/* smtp_conn_reply - read the next reply into R. Returns 0, or -1 (and
 * the connection is broken) with the reason in C->err. */
int smtp_conn_reply(struct smtp_conn *c, struct smtp_reply *r);

/* smtp_conn_command - send LINE (CRLF is added; a line holding CR or LF
 * or longer than SMTP_CONN_CMD_MAX is refused) and read the reply. */
int smtp_conn_command(struct smtp_conn *c, const char *line,
		      struct smtp_reply *r);

/* smtp_conn_wait - poll FD for EVENTS (POLLIN, POLLOUT) until DEADLINE:
 * 1 ready, 0 timed out, -1 error (errno) */
int smtp_conn_wait(int fd, short events, long long deadline);

/* smtp_conn_deadline - when a step starting now must end */
long long smtp_conn_deadline(const struct smtp_conn *c);

/* smtp_conn_fail - break C with a reason (printf-style); returns -1 */
int smtp_conn_fail(struct smtp_conn *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* smtp_conn_close - end the TLS session if any, close the socket */
void smtp_conn_close(struct smtp_conn *c);

#endif
