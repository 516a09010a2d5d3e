/*
 * metrics_http - libmicrohttpd behind MetricsSocket; see metrics_http.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <microhttpd.h>

#include "metrics.h"
#include "metrics_http.h"

#define CONTENT_TYPE "text/plain; version=0.0.4; charset=utf-8"

struct metrics_http {
	struct MHD_Daemon *mhd;
};

/* split_spec - family, port and host (NULL: any) of SPEC, the last two
 * pointing into BUF; "[::1]" loses its brackets (getaddrinfo wants the
 * address bare, libmilter's form allows both) */
static int split_spec(const char *spec, int *family, char *buf, size_t buflen,
		      const char **port, const char **host)
{
	const char *rest;
	char *at;
	size_t n;

	if (strncasecmp(spec, "inet6:", 6) == 0) {
		*family = AF_INET6;
		rest = spec + 6;
	} else if (strncasecmp(spec, "inet:", 5) == 0) {
		*family = AF_INET;
		rest = spec + 5;
	} else {
		return -1;
	}
	if (strlen(rest) >= buflen)
		return -1;
	strcpy(buf, rest);
	*port = buf;
	*host = NULL;
	if ((at = strchr(buf, '@')) == NULL)
		return 0;
	*at++ = '\0';
	n = strlen(at);
	if (n > 2 && at[0] == '[' && at[n - 1] == ']') {
		at[n - 1] = '\0';
		at++;
	}
	*host = at;
	return 0;
}

/* bind_first - a socket bound and listening on the first address of AI
 * that takes one; -1 with errno set otherwise */
static int bind_first(const struct addrinfo *ai)
{
	int fd = -1, one = 1, saved = EADDRNOTAVAIL;

	for (; ai != NULL; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, 0);
		if (fd < 0) {
			saved = errno;
			continue;
		}
		/* a restart must not wait out the old sockets' TIME_WAIT */
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && listen(fd, 16) == 0)
			return fd;
		saved = errno;
		close(fd);
	}
	errno = saved;
	return -1;
}

int metrics_http_listen(const char *spec, char *err, size_t errlen)
{
	struct addrinfo hints, *ai;
	char hostbuf[512];
	const char *port, *host;
	int family, rc, fd;

	if (split_spec(spec, &family, hostbuf, sizeof(hostbuf), &port, &host) != 0) {
		snprintf(err, errlen, "MetricsSocket %s: not inet:PORT@HOST or "
			 "inet6:PORT@HOST", spec);
		return -1;
	}
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = family;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	if ((rc = getaddrinfo(host, port, &hints, &ai)) != 0) {
		snprintf(err, errlen, "MetricsSocket %s: %s", spec, gai_strerror(rc));
		return -1;
	}
	fd = bind_first(ai);
	freeaddrinfo(ai);
	if (fd < 0)
		snprintf(err, errlen, "cannot listen on MetricsSocket %s: %s", spec,
			 strerror(errno));
	return fd;
}

/* reply - queue a response of STATUS; MHD_NO when even that fails */
static enum MHD_Result reply(struct MHD_Connection *c, unsigned status,
			     struct MHD_Response *r)
{
	enum MHD_Result rc;

	if (r == NULL)
		return MHD_NO;
	rc = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return rc;
}

/* plain - a short fixed text answer (404, 405) */
static enum MHD_Result plain(struct MHD_Connection *c, unsigned status,
			     const char *text)
{
	struct MHD_Response *r;

	r = MHD_create_response_from_buffer(strlen(text), (void *) text,
					    MHD_RESPMEM_PERSISTENT);
	if (r != NULL && status == MHD_HTTP_METHOD_NOT_ALLOWED)
		MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
	return reply(c, status, r);
}

/* serve_metrics - the text of this moment */
static enum MHD_Result serve_metrics(struct MHD_Connection *c)
{
	struct MHD_Response *r;
	size_t len;
	char *text;

	if ((text = metrics_render(&len)) == NULL)
		return plain(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory\n");
	r = MHD_create_response_from_buffer_with_free_callback(len, text, free);
	if (r == NULL) {
		free(text);
		return MHD_NO;
	}
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, CONTENT_TYPE);
	return reply(c, MHD_HTTP_OK, r);
}

/* answer - libmicrohttpd's request handler. A request with a body is
 * answered on its first call, before the body: MHD then discards it. */
static enum MHD_Result answer(void *cls, struct MHD_Connection *c,
			      const char *url, const char *method,
			      const char *version, const char *upload,
			      size_t *upload_size, void **req)
{
	(void) cls;
	(void) version;
	(void) upload;
	(void) upload_size;
	(void) req;
	if (strcmp(url, "/metrics") != 0)
		return plain(c, MHD_HTTP_NOT_FOUND, "not found: try /metrics\n");
	if (strcmp(method, MHD_HTTP_METHOD_GET) != 0
	    && strcmp(method, MHD_HTTP_METHOD_HEAD) != 0)
		return plain(c, MHD_HTTP_METHOD_NOT_ALLOWED, "only GET\n");
	return serve_metrics(c);
}

struct metrics_http *metrics_http_start(int fd, char *err, size_t errlen)
{
	struct metrics_http *h;

	if ((h = calloc(1, sizeof(*h))) == NULL) {
		snprintf(err, errlen, "out of memory");
		close(fd);
		return NULL;
	}
	/* epoll (MHD_USE_AUTO): with hundreds of milter connections open,
	 * the accepted socket's number may be past select()'s limit */
	h->mhd = MHD_start_daemon(MHD_USE_AUTO_INTERNAL_THREAD, 0, NULL, NULL,
				  answer, NULL,
				  MHD_OPTION_LISTEN_SOCKET, fd,
				  MHD_OPTION_CONNECTION_LIMIT,
				  (unsigned) METRICS_HTTP_MAX_CONNECTIONS,
				  MHD_OPTION_CONNECTION_TIMEOUT,
				  (unsigned) METRICS_HTTP_TIMEOUT_S,
				  MHD_OPTION_END);
	if (h->mhd == NULL) {
		/* FD is left as it is: whether MHD closed it is not said,
		 * and the daemon exits on this error */
		snprintf(err, errlen, "libmicrohttpd did not start on the "
			 "MetricsSocket");
		free(h);
		return NULL;
	}
	return h;
}

void metrics_http_stop(struct metrics_http *h)
{
	if (h == NULL)
		return;
	MHD_stop_daemon(h->mhd);
	free(h);
}
