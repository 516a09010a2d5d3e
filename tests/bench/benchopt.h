/*
 * benchopt - command-line pieces the load generators share: bounded
 * numbers and server addresses (a milter socket spec for milterload,
 * HOST:PORT for smtpload), resolved once before the load starts.
 *
 * Test and benchmark tools only; nothing here is installed.
 */
#ifndef AUTHMILTER_BENCHOPT_H
#define AUTHMILTER_BENCHOPT_H

#include <sys/socket.h>

/* benchopt_num - a decimal in [MIN, MAX], or -1 if S is not one */
long benchopt_num(const char *s, long min, long max);

/* benchopt_milter_socket - a socket as libmilter or Postfix spells it:
 * unix:/path, local:/path, inet:PORT@HOST, inet:HOST:PORT (inet6: too,
 * HOST may be in brackets). 0, or -1 when SPEC is none of these or does
 * not resolve. */
int benchopt_milter_socket(const char *spec, struct sockaddr_storage *addr,
			   socklen_t *len);

/* benchopt_hostport - HOST:PORT or [HOST]:PORT, numeric only (no DNS);
 * 0 or -1 */
int benchopt_hostport(const char *s, struct sockaddr_storage *addr,
		      socklen_t *len);

#endif
