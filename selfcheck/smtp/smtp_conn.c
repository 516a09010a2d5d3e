/*
 * smtp_conn - the SMTP client connection; see smtp_conn.h.
 *
 * The socket is non-blocking from the start; every wait is a poll()
 * bounded by the step's deadline, so a server that accepts and then
 * says nothing, or drips one octet a second, costs one timeout, never
 * more. Writes use MSG_NOSIGNAL: a server that hangs up must not kill
 * the audit with SIGPIPE.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "smtp_conn.h"

long long smtp_conn_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

long long smtp_conn_deadline(const struct smtp_conn *c)
{
	long long d = smtp_conn_now_ms() + c->timeout_ms;

	return c->limit > 0 && c->limit < d ? c->limit : d;
}

int smtp_conn_fail(struct smtp_conn *c, const char *fmt, ...)
{
	va_list ap;

	if (!c->broken) {
		va_start(ap, fmt);
		vsnprintf(c->err, sizeof(c->err), fmt, ap);
		va_end(ap);
		c->broken = 1;
	}
	return -1;
}

int smtp_conn_wait(int fd, short events, long long deadline)
{
	struct pollfd p;
	long long left;
	int rc;

	for (;;) {
		if ((left = deadline - smtp_conn_now_ms()) <= 0)
			return 0;
		p.fd = fd;
		p.events = events;
		p.revents = 0;
		rc = poll(&p, 1, left > 60000 ? 60000 : (int) left);
		if (rc > 0)
			return 1;
		if (rc < 0 && errno != EINTR)
			return -1;
	}
}

/* sock_read - the plain TCP transport's read */
static long sock_read(void *ctx, char *buf, size_t len, long long deadline,
		      char *err, size_t errlen)
{
	struct smtp_conn *c = ctx;
	ssize_t n;
	int w;

	for (;;) {
		n = recv(c->fd, buf, len, 0);
		if (n >= 0)
			return (long) n;
		if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
			break;
		if ((w = smtp_conn_wait(c->fd, POLLIN, deadline)) == 0) {
			snprintf(err, errlen, "no reply within %u ms", c->timeout_ms);
			return -1;
		}
		if (w < 0)
			break;
	}
	snprintf(err, errlen, "read: %s", strerror(errno));
	return -1;
}

/* sock_write - the plain TCP transport's write, all of BUF */
static int sock_write(void *ctx, const char *buf, size_t len,
		      long long deadline, char *err, size_t errlen)
{
	struct smtp_conn *c = ctx;
	ssize_t n;
	int w;

	while (len > 0) {
		n = send(c->fd, buf, len, MSG_NOSIGNAL);
		if (n > 0) {
			buf += n;
			len -= (size_t) n;
			continue;
		}
		if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
			break;
		if ((w = smtp_conn_wait(c->fd, POLLOUT, deadline)) == 0) {
			snprintf(err, errlen, "write blocked for %u ms", c->timeout_ms);
			return -1;
		}
		if (w < 0)
			break;
	}
	if (len == 0)
		return 0;
	snprintf(err, errlen, "write: %s", strerror(errno));
	return -1;
}

static const struct smtp_io sock_io = { sock_read, sock_write, NULL, NULL };

/* to_sockaddr - ADDR:PORT as a sockaddr; returns its length */
static socklen_t to_sockaddr(const struct netaddr *addr, unsigned port,
			     struct sockaddr_storage *ss)
{
	struct sockaddr_in *in4 = (struct sockaddr_in *) ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *) ss;

	memset(ss, 0, sizeof(*ss));
	if (addr->family == AF_INET) {
		in4->sin_family = AF_INET;
		in4->sin_port = htons((unsigned short) port);
		memcpy(&in4->sin_addr, addr->bytes, 4);
		return sizeof(*in4);
	}
	in6->sin6_family = AF_INET6;
	in6->sin6_port = htons((unsigned short) port);
	memcpy(&in6->sin6_addr, addr->bytes, 16);
	return sizeof(*in6);
}

/* from_sockaddr - the address part of SS */
static void from_sockaddr(const struct sockaddr_storage *ss, struct netaddr *a)
{
	memset(a, 0, sizeof(*a));
	a->family = ss->ss_family;
	if (ss->ss_family == AF_INET)
		memcpy(a->bytes, &((const struct sockaddr_in *) ss)->sin_addr, 4);
	else if (ss->ss_family == AF_INET6)
		memcpy(a->bytes, &((const struct sockaddr_in6 *) ss)->sin6_addr, 16);
}

/* set_where - "ADDR:PORT" or "[ADDR]:PORT" for messages */
static void set_where(struct smtp_conn *c, const struct netaddr *addr,
		      unsigned port)
{
	char text[NETADDR_STRLEN];

	netaddr_format(addr, text, sizeof(text));
	snprintf(c->where, sizeof(c->where),
		 addr->family == AF_INET6 ? "[%s]:%u" : "%s:%u", text, port);
}

/* init - the fields every connection starts with */
static void init(struct smtp_conn *c, unsigned timeout_ms)
{
	c->io = &sock_io;
	c->io_ctx = c;
	c->fd = -1;
	c->ssl = NULL;
	c->timeout_ms = timeout_ms ? timeout_ms : 10000;
	c->limit = 0;
	c->inlen = 0;
	c->broken = 0;
	c->err[0] = '\0';
	c->where[0] = '\0';
	memset(&c->peer, 0, sizeof(c->peer));
	memset(&c->local, 0, sizeof(c->local));
}

/* finish_connect - wait for a non-blocking connect; 0 or an errno */
static int finish_connect(struct smtp_conn *c)
{
	socklen_t len = sizeof(int);
	int w, soerr = 0;

	if ((w = smtp_conn_wait(c->fd, POLLOUT, smtp_conn_deadline(c))) == 0)
		return ETIMEDOUT;
	if (w < 0)
		return errno;
	if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &soerr, &len) < 0)
		return errno;
	return soerr;
}

int smtp_conn_connect(struct smtp_conn *c, const struct netaddr *addr,
		      unsigned port, unsigned timeout_ms)
{
	struct sockaddr_storage ss;
	socklen_t len = to_sockaddr(addr, port, &ss);
	int e = 0;

	init(c, timeout_ms);
	c->peer = *addr;
	set_where(c, addr, port);
	c->fd = socket(addr->family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (c->fd < 0)
		return smtp_conn_fail(c, "socket: %s", strerror(errno));
	if (connect(c->fd, (struct sockaddr *) &ss, len) < 0)
		e = errno == EINPROGRESS ? finish_connect(c) : errno;
	if (e != 0)
		return smtp_conn_fail(c, "%s", e == ETIMEDOUT
				      ? "no connection within the timeout"
				      : strerror(e));
	len = sizeof(ss);
	if (getsockname(c->fd, (struct sockaddr *) &ss, &len) == 0)
		from_sockaddr(&ss, &c->local);
	return 0;
}

void smtp_conn_attach(struct smtp_conn *c, const struct smtp_io *io,
		      void *io_ctx, unsigned timeout_ms,
		      const struct netaddr *peer, const struct netaddr *local)
{
	init(c, timeout_ms);
	c->io = io;
	c->io_ctx = io_ctx;
	c->peer = *peer;
	c->local = *local;
	set_where(c, peer, 25);
}

int smtp_conn_reply(struct smtp_conn *c, struct smtp_reply *r)
{
	long long deadline = smtp_conn_deadline(c);
	enum smtp_reply_status st;
	char why[128];
	size_t used;
	long n;

	if (c->broken || c->io == NULL)
		return -1;
	for (;;) {
		st = smtp_reply_parse(c->in, c->inlen, r, &used);
		if (st == SMTP_REPLY_OK) {
			memmove(c->in, c->in + used, c->inlen - used);
			c->inlen -= used;
			return 0;
		}
		if (st != SMTP_REPLY_PARTIAL)
			return smtp_conn_fail(c, "%s", smtp_reply_status_text(st));
		if (c->inlen == sizeof(c->in))
			return smtp_conn_fail(c, "reply too large");
		n = c->io->read(c->io_ctx, c->in + c->inlen,
				sizeof(c->in) - c->inlen, deadline, why, sizeof(why));
		if (n < 0 && c->limit > 0 && smtp_conn_now_ms() >= c->limit)
			return smtp_conn_fail(c, "time limit of the probe series reached");
		if (n < 0)
			return smtp_conn_fail(c, "%s", why);
		if (n == 0)
			return smtp_conn_fail(c, "connection closed by the server%s",
					      c->inlen ? " in the middle of a reply" : "");
		c->inlen += (size_t) n;
	}
}

int smtp_conn_command(struct smtp_conn *c, const char *line,
		      struct smtp_reply *r)
{
	char buf[SMTP_CONN_CMD_MAX + 3], why[128];
	size_t n = strlen(line);

	if (c->broken || c->io == NULL)
		return -1;
	if (n > SMTP_CONN_CMD_MAX || strpbrk(line, "\r\n") != NULL)
		return smtp_conn_fail(c, "command not sent: not one line of at most %d octets",
				      SMTP_CONN_CMD_MAX);
	memcpy(buf, line, n);
	memcpy(buf + n, "\r\n", 2);
	if (c->io->write(c->io_ctx, buf, n + 2, smtp_conn_deadline(c),
			 why, sizeof(why)) < 0)
		return smtp_conn_fail(c, "%s", why);
	return smtp_conn_reply(c, r);
}

void smtp_conn_close(struct smtp_conn *c)
{
	if (c->io != NULL && c->io->close != NULL)
		c->io->close(c->io_ctx);
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	c->ssl = NULL;
	c->io = NULL;
}
