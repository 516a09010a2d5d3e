/*
 * metrics_http - the MetricsSocket endpoint: libmicrohttpd serving
 * metrics_render() at GET /metrics, in a thread of its own.
 *
 * Two steps, for the daemon's start-up order: metrics_http_listen opens
 * the port before the daemon detaches and drops root (a port in use is
 * reported on stderr, and a low port would still be allowed);
 * metrics_http_start starts libmicrohttpd's thread on it after the fork.
 * The server takes no lock the mail path holds: it only reads atomic
 * counters. A few connections at a time, each with a short timeout, so
 * a stuck or hostile client costs a file descriptor for seconds, never
 * a milter thread.
 */
#ifndef AUTHMILTER_METRICS_HTTP_H
#define AUTHMILTER_METRICS_HTTP_H

#include <stddef.h>

#define METRICS_HTTP_MAX_CONNECTIONS 8
#define METRICS_HTTP_TIMEOUT_S 10

struct metrics_http;

/* metrics_http_listen - a listening TCP socket for SPEC (inet:PORT[@HOST]
 * or inet6:PORT[@HOST], as conf checked it; no HOST is every address of
 * the family). The descriptor, or -1 with a reason in ERR. */
int metrics_http_listen(const char *spec, char *err, size_t errlen);

/* metrics_http_start - serve FD (taking it over); NULL with ERR set. */
struct metrics_http *metrics_http_start(int fd, char *err, size_t errlen);

/* metrics_http_stop - end the thread and close the socket; NULL is a
 * no-op. */
void metrics_http_stop(struct metrics_http *h);

#endif
