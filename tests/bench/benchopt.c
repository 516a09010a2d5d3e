/*
 * benchopt - command-line numbers and server addresses; see benchopt.h.
 */
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/un.h>

#include "benchopt.h"

long benchopt_num(const char *s, long min, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < min || v > max)
		return -1;
	return v;
}

/* resolve - HOST and PORT into ADDR; FLAGS for getaddrinfo */
static int resolve(const char *host, const char *port, int flags,
		   struct sockaddr_storage *addr, socklen_t *len)
{
	struct addrinfo hints, *ai;

	memset(&hints, 0, sizeof(hints));
	hints.ai_flags = flags;
	hints.ai_socktype = SOCK_STREAM;
	if (getaddrinfo(host, port, &hints, &ai) != 0)
		return -1;
	memcpy(addr, ai->ai_addr, ai->ai_addrlen);
	*len = ai->ai_addrlen;
	freeaddrinfo(ai);
	return 0;
}

/* unix_socket - the path after "unix:" or "local:" */
static int unix_socket(const char *path, struct sockaddr_storage *addr,
		       socklen_t *len)
{
	struct sockaddr_un *un = (struct sockaddr_un *) addr;

	if (strlen(path) >= sizeof(un->sun_path))
		return -1;
	memset(un, 0, sizeof(*un));
	un->sun_family = AF_UNIX;
	memcpy(un->sun_path, path, strlen(path) + 1);
	*len = sizeof(*un);
	return 0;
}

int benchopt_milter_socket(const char *spec, struct sockaddr_storage *addr,
			   socklen_t *len)
{
	char host[256], port[16];
	const char *p = strchr(spec, ':'), *at;
	size_t hl;

	if (p == NULL)
		return -1;
	p++;
	if (strncmp(spec, "unix:", 5) == 0 || strncmp(spec, "local:", 6) == 0)
		return unix_socket(p, addr, len);
	if (strncmp(spec, "inet:", 5) != 0 && strncmp(spec, "inet6:", 6) != 0)
		return -1;
	if ((at = strchr(p, '@')) != NULL) {		/* PORT@HOST */
		snprintf(port, sizeof(port), "%.*s", (int) (at - p), p);
		snprintf(host, sizeof(host), "%s", at + 1);
	} else if ((at = strrchr(p, ':')) != NULL) {	/* HOST:PORT */
		snprintf(host, sizeof(host), "%.*s", (int) (at - p), p);
		snprintf(port, sizeof(port), "%s", at + 1);
	} else {
		return -1;
	}
	hl = strlen(host);
	if (hl > 2 && host[0] == '[' && host[hl - 1] == ']') {
		memmove(host, host + 1, hl - 2);
		host[hl - 2] = '\0';
	}
	return resolve(host, port, 0, addr, len);
}

int benchopt_hostport(const char *s, struct sockaddr_storage *addr,
		      socklen_t *len)
{
	char host[128];
	const char *port;
	size_t hl;

	if (s[0] == '[') {
		if ((port = strstr(s, "]:")) == NULL)
			return -1;
		hl = (size_t) (port - s - 1);
		s++;
		port += 2;
	} else {
		if ((port = strrchr(s, ':')) == NULL)
			return -1;
		hl = (size_t) (port - s);
		port++;
	}
	if (hl == 0 || hl >= sizeof(host))
		return -1;
	memcpy(host, s, hl);
	host[hl] = '\0';
	return resolve(host, port, AI_NUMERICHOST | AI_NUMERICSERV, addr, len);
}
