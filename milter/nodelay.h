/*
 * nodelay - TCP_NODELAY on libmilter's listening socket.
 *
 * At end of message authmilter answers in several small packets (header
 * changes, then the verdict). With Nagle on, the verdict waits for the
 * MTA's ACK of the first packet, and the MTA's kernel delays that ACK by
 * up to 40 ms: every message would pay it. libmilter does not expose its
 * sockets and sets no TCP_NODELAY, but on Linux an accepted socket
 * inherits it from the listener, so setting it there once is enough.
 */
#ifndef AUTHMILTER_NODELAY_H
#define AUTHMILTER_NODELAY_H

/* nodelay_listeners - set TCP_NODELAY on every listening TCP socket this
 * process holds (call after smfi_opensocket, before other threads open
 * sockets); returns how many were set, -1 if one could not be. */
int nodelay_listeners(void);

#endif
