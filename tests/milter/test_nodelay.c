/*
 * test_nodelay - the daemon's TCP_NODELAY reaches the sockets libmilter
 * accepts: set on a listener by nodelay_listeners, it must show on the
 * accepted connection (the premise of milter/nodelay.h), and sockets
 * that are not TCP listeners must be left alone.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "nodelay.h"
#include "tests/lib/tap.h"

static int nodelay_of(int fd)
{
	int v = -1;
	socklen_t len = sizeof(v);

	if (getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &v, &len) != 0)
		return -1;
	return v;
}

/* listener - a TCP listener on 127.0.0.1, any port; ADDR gets the port */
static int listener(struct sockaddr_in *addr)
{
	socklen_t len = sizeof(*addr);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	memset(addr, 0, sizeof(*addr));
	addr->sin_family = AF_INET;
	addr->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || bind(fd, (struct sockaddr *) addr, sizeof(*addr)) != 0
	    || listen(fd, 4) != 0 || getsockname(fd, (struct sockaddr *) addr, &len) != 0)
		return -1;
	return fd;
}

int main(void)
{
	struct sockaddr_in addr;
	int lfd, afd, conn, udp;

	lfd = listener(&addr);
	ok(lfd >= 0, "a listener on 127.0.0.1");
	conn = socket(AF_INET, SOCK_STREAM, 0);     /* a client: not a listener */
	udp = socket(AF_INET, SOCK_DGRAM, 0);
	is_int(nodelay_of(lfd), 0, "TCP_NODELAY is off by default");
	is_int(nodelay_listeners(), 1, "nodelay_listeners sets it on exactly one socket");
	is_int(nodelay_of(lfd), 1, "  the listener");
	is_int(nodelay_of(conn), 0, "  not on a socket that does not listen");
	ok(connect(conn, (struct sockaddr *) &addr, sizeof(addr)) == 0, "a client connects");
	afd = accept(lfd, NULL, NULL);
	ok(afd >= 0, "the listener accepts it");
	is_int(nodelay_of(afd), 1, "the accepted socket inherits TCP_NODELAY");
	is_int(nodelay_of(conn), 0, "the client side keeps Nagle (as Postfix does)");
	close(afd);
	close(conn);
	close(udp);
	close(lfd);
	is_int(nodelay_listeners(), 0, "with no listener left, nothing is set");
	return tap_done();
}
