/*
 * daemon - becoming a daemon: detaching, the pid file, dropping root.
 *
 * Called from main only, in this order: daemon_detach (unless -f),
 * daemon_write_pidfile, daemon_drop_privileges. Errors come back as
 * -1 with a message in ERR, for main to print.
 */
#ifndef AUTHMILTER_DAEMON_H
#define AUTHMILTER_DAEMON_H

#include <stddef.h>

/* daemon_detach - fork, setsid, chdir /, stdio to /dev/null; the parent
 * exits 0. */
int daemon_detach(char *err, size_t errlen);

/* daemon_write_pidfile - PATH gets our pid; NULL is a no-op. */
int daemon_write_pidfile(const char *path, char *err, size_t errlen);

/* daemon_drop_privileges - USER is "user" or "user:group" (NULL: stay).
 * SOCKET_PATH, when not NULL, is a unix socket handed to that user and
 * group first, mode 0660, so the MTA in that group can connect. */
int daemon_drop_privileges(const char *user, const char *socket_path,
			   char *err, size_t errlen);

/* daemon_unix_socket_path - the path of a "unix:" or "local:" socket
 * spec, or NULL for inet sockets. */
const char *daemon_unix_socket_path(const char *spec);

#endif
