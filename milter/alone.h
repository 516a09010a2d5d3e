/*
 * alone - one authmilter per socket and PidFile: before it binds, the
 * daemon makes sure no live process holds either, so a second start
 * fails with a reason instead of taking over the socket that Postfix
 * talks to (libmilter removes whatever is at a unix socket path).
 * Called from main only; errors come back as -1 with ERR for people.
 */
#ifndef AUTHMILTER_ALONE_H
#define AUTHMILTER_ALONE_H

#include <stddef.h>

/* alone_check - SOCKET_PATH (a unix socket's path, or NULL) and PIDFILE
 * (or NULL) are free: nothing answers on the socket, nothing but a
 * socket is at its path, and the pid in PIDFILE is not a live process. */
int alone_check(const char *socket_path, const char *pidfile, char *err,
		size_t errlen);

#endif
