/*
 * nodelay - TCP_NODELAY on libmilter's listening socket; see nodelay.h.
 */
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include "nodelay.h"

/* is_tcp_listener - FD is a listening IPv4/IPv6 stream socket */
static int is_tcp_listener(int fd)
{
	struct stat st;
	int v = 0;
	socklen_t len = sizeof(v);

	if (fstat(fd, &st) != 0 || !S_ISSOCK(st.st_mode))
		return 0;
	if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &v, &len) != 0 || v == 0)
		return 0;
	len = sizeof(v);
	if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &v, &len) != 0
	    || (v != AF_INET && v != AF_INET6))
		return 0;
	len = sizeof(v);
	return getsockopt(fd, SOL_SOCKET, SO_TYPE, &v, &len) == 0 && v == SOCK_STREAM;
}

int nodelay_listeners(void)
{
	struct rlimit rl;
	int fd, max, on = 1, n = 0;

	/* The scan is bounded: it runs once, at start, over descriptors that
	 * are almost all closed. */
	max = getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < 65536 ? (int) rl.rlim_cur : 65536;
	for (fd = 3; fd < max; fd++) {
		if (!is_tcp_listener(fd))
			continue;
		if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on)) != 0)
			return -1;
		n++;
	}
	return n;
}
