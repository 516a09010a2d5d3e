/*
 * milter_wire - milter protocol framing for the load generator
 * (interface: milter_wire.h).
 *
 * A packet is a 32-bit length in network order (command byte included),
 * the command byte, then the data. Output is gathered in a buffer and
 * written with as few write() calls as the kernel allows, so the filter
 * sees each answered command arrive in one segment, as from Postfix;
 * input is read through a small buffer so a reply costs one read().
 * Every wait is bounded by the connection's timeout (poll()).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "milter_wire.h"

/* mw_init - a connection over FD with empty buffers */
void mw_init(struct mw_conn *c, int fd, int timeout_ms)
{
	memset(c, 0, sizeof(*c));
	c->fd = fd;
	c->timeout_ms = timeout_ms;
}

/* mw_free - release the buffers (the caller closes the fd) */
void mw_free(struct mw_conn *c)
{
	free(c->out);
	free(c->data);
	c->out = NULL;
	c->data = NULL;
	c->outlen = c->outcap = c->datalen = c->datacap = 0;
}

/* mw_reserve - room for N more bytes of output */
static int mw_reserve(struct mw_conn *c, size_t n)
{
	size_t cap;
	char *p;

	if (c->outcap - c->outlen >= n)
		return MW_OK;
	if (n > MW_MAX_REPLY * 4 || c->outlen > MW_MAX_REPLY * 4)
		return MW_NOMEM;
	for (cap = c->outcap ? c->outcap : 4096; cap - c->outlen < n; cap *= 2)
		;
	if ((p = realloc(c->out, cap)) == NULL)
		return MW_NOMEM;
	c->out = p;
	c->outcap = cap;
	return MW_OK;
}

/* mw_head - append a packet header for CMD with LEN data bytes */
static int mw_head(struct mw_conn *c, int cmd, size_t len)
{
	uint32_t nlen;
	int st;

	if (len >= 0xffffffffu)
		return MW_PROTO;
	if ((st = mw_reserve(c, 5 + len)) != MW_OK)
		return st;
	nlen = htonl((uint32_t)len + 1);
	memcpy(c->out + c->outlen, &nlen, 4);
	c->out[c->outlen + 4] = (char)cmd;
	c->outlen += 5;
	return MW_OK;
}

/* mw_put - append one packet with raw data */
int mw_put(struct mw_conn *c, int cmd, const void *data, size_t len)
{
	int st;

	if ((st = mw_head(c, cmd, len)) != MW_OK)
		return st;
	if (len > 0)
		memcpy(c->out + c->outlen, data, len);
	c->outlen += len;
	return MW_OK;
}

/* mw_put_strs - append one packet whose data is N NUL-terminated strings */
int mw_put_strs(struct mw_conn *c, int cmd, const char *const *strs, size_t n)
{
	size_t i, len = 0, l;
	int st;

	for (i = 0; i < n; i++)
		len += strlen(strs[i]) + 1;
	if ((st = mw_head(c, cmd, len)) != MW_OK)
		return st;
	for (i = 0; i < n; i++) {
		l = strlen(strs[i]) + 1;
		memcpy(c->out + c->outlen, strs[i], l);
		c->outlen += l;
	}
	return MW_OK;
}

/* mw_put_macros - SMFIC_MACRO for the event CLS: NPAIRS name, value */
int mw_put_macros(struct mw_conn *c, int cls, const char *const *nv,
		  size_t npairs)
{
	size_t i, len = 1, l;
	int st;

	for (i = 0; i < 2 * npairs; i++)
		len += strlen(nv[i]) + 1;
	if ((st = mw_head(c, SMFIC_MACRO, len)) != MW_OK)
		return st;
	c->out[c->outlen++] = (char)cls;
	for (i = 0; i < 2 * npairs; i++) {
		l = strlen(nv[i]) + 1;
		memcpy(c->out + c->outlen, nv[i], l);
		c->outlen += l;
	}
	return MW_OK;
}

/* mw_put_connect - SMFIC_CONNECT: host, family, port, address */
int mw_put_connect(struct mw_conn *c, const char *host, int family,
		   unsigned port, const char *addr)
{
	size_t hl = strlen(host) + 1, al = strlen(addr) + 1;
	uint16_t nport = htons((uint16_t)port);
	int st;

	if ((st = mw_head(c, SMFIC_CONNECT, hl + 1 + 2 + al)) != MW_OK)
		return st;
	memcpy(c->out + c->outlen, host, hl);
	c->outlen += hl;
	c->out[c->outlen++] = (char)family;
	memcpy(c->out + c->outlen, &nport, 2);
	c->outlen += 2;
	memcpy(c->out + c->outlen, addr, al);
	c->outlen += al;
	return MW_OK;
}

/* mw_wait - poll for EVENTS within the timeout */
static int mw_wait(struct mw_conn *c, short events)
{
	struct pollfd p = {.fd = c->fd, .events = events};
	int n;

	do
		n = poll(&p, 1, c->timeout_ms);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return MW_IO;
	if (n == 0)
		return MW_TIMEOUT;
	return MW_OK;
}

/* mw_flush - write the pending output whole */
int mw_flush(struct mw_conn *c)
{
	size_t done = 0;
	ssize_t n;
	int st;

	while (done < c->outlen) {
		if ((st = mw_wait(c, POLLOUT)) != MW_OK)
			return st;
		n = write(c->fd, c->out + done, c->outlen - done);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n < 0)
			return errno == EPIPE ? MW_EOF : MW_IO;
		done += (size_t)n;
	}
	c->outlen = 0;
	return MW_OK;
}

/* mw_fill - read what the filter has sent into the input buffer */
static int mw_fill(struct mw_conn *c)
{
	ssize_t n;
	int st;

	if (c->inpos == c->inend)
		c->inpos = c->inend = 0;
	for (;;) {
		if ((st = mw_wait(c, POLLIN)) != MW_OK)
			return st;
		n = read(c->fd, c->in + c->inend, sizeof(c->in) - c->inend);
		if (n > 0)
			break;
		if (n == 0)
			return MW_EOF;
		if (errno != EINTR && errno != EAGAIN)
			return errno == ECONNRESET ? MW_EOF : MW_IO;
	}
	c->inend += (size_t)n;
	return MW_OK;
}

/* mw_take - N bytes of input into DST */
static int mw_take(struct mw_conn *c, void *dst, size_t n)
{
	unsigned char *d = dst;
	size_t k;
	int st;

	while (n > 0) {
		if (c->inpos == c->inend && (st = mw_fill(c)) != MW_OK)
			return st;
		k = c->inend - c->inpos;
		if (k > n)
			k = n;
		memcpy(d, c->in + c->inpos, k);
		c->inpos += k;
		d += k;
		n -= k;
	}
	return MW_OK;
}

/* mw_read - flush, then one reply packet into c->cmd and c->data */
int mw_read(struct mw_conn *c)
{
	uint32_t nlen, len;
	unsigned char cmd;
	int st;

	if (c->outlen > 0 && (st = mw_flush(c)) != MW_OK)
		return st;
	if ((st = mw_take(c, &nlen, 4)) != MW_OK)
		return st;
	len = ntohl(nlen);
	if (len < 1 || len - 1 > MW_MAX_REPLY)
		return MW_PROTO;
	if ((st = mw_take(c, &cmd, 1)) != MW_OK)
		return st;
	if (len > c->datacap) {
		unsigned char *p = realloc(c->data, len);

		if (p == NULL)
			return MW_NOMEM;
		c->data = p;
		c->datacap = len;
	}
	c->datalen = len - 1;
	if ((st = mw_take(c, c->data, c->datalen)) != MW_OK)
		return st;
	c->data[c->datalen] = 0;
	c->cmd = cmd;
	return MW_OK;
}

/* mw_get32 - a network-order 32-bit value at P */
static uint32_t mw_get32(const unsigned char *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return ntohl(v);
}

/* mw_optneg - offer what Postfix offers; keep what the filter answers */
int mw_optneg(struct mw_conn *c)
{
	unsigned char opt[12];
	uint32_t v[3] = {htonl(MW_VERSION), htonl(MW_ACTIONS),
			 htonl(MW_PROTOCOL)};
	int st;

	memcpy(opt, v, sizeof(opt));
	if ((st = mw_put(c, SMFIC_OPTNEG, opt, sizeof(opt))) != MW_OK
	    || (st = mw_read(c)) != MW_OK)
		return st;
	if (c->cmd != SMFIC_OPTNEG || c->datalen < 12)
		return MW_PROTO;
	c->version = mw_get32(c->data);
	c->actions = mw_get32(c->data + 4);
	c->proto = mw_get32(c->data + 8);
	/* as Postfix: a newer version or actions we did not offer is fatal */
	if (c->version > MW_VERSION || c->version < 2
	    || (c->actions & ~(uint32_t)MW_ACTIONS) != 0)
		return MW_PROTO;
	return MW_OK;
}

/* mw_cstr - the NUL-terminated string at *OFF in the reply; advances */
static const char *mw_cstr(struct mw_conn *c, size_t *off)
{
	const unsigned char *s = c->data + *off, *nul;

	if (*off >= c->datalen)
		return NULL;
	nul = memchr(s, 0, c->datalen - *off);
	if (nul == NULL)
		return NULL;
	*off += (size_t)(nul - s) + 1;
	return (const char *)s;
}

/* mw_hdr_reply - decode a header modification reply */
int mw_hdr_reply(struct mw_conn *c, uint32_t *index, const char **name,
		 const char **value)
{
	size_t off = 0;

	*index = 0;
	if (c->cmd == SMFIR_INSHEADER || c->cmd == SMFIR_CHGHEADER) {
		if (c->datalen < 4)
			return MW_PROTO;
		*index = mw_get32(c->data);
		off = 4;
	} else if (c->cmd != SMFIR_ADDHEADER) {
		return MW_PROTO;
	}
	if ((*name = mw_cstr(c, &off)) == NULL
	    || (*value = mw_cstr(c, &off)) == NULL || **name == 0)
		return MW_PROTO;
	return MW_OK;
}

/* mw_final - the outcome of a reply without data; 0 if not final */
static int mw_final(int cmd)
{
	switch (cmd) {
	case SMFIR_CONTINUE:
		return MW_CONTINUE;
	case SMFIR_ACCEPT:
		return MW_ACCEPT;
	case SMFIR_REJECT:
		return MW_REJECT;
	case SMFIR_TEMPFAIL:
		return MW_TEMPFAIL;
	case SMFIR_DISCARD:
		return MW_DISCARD;
	case SMFIR_SKIP:
		return MW_SKIP;
	case SMFIR_SHUTDOWN:
		return MW_SHUTDOWN;
	default:
		return 0;
	}
}

/* mw_await - read replies to EVENT until the final one */
int mw_await(struct mw_conn *c, int event, int *quarantine,
	     mw_edit_fn edit, void *ctx)
{
	int st, out;

	for (;;) {
		if ((st = mw_read(c)) != MW_OK)
			return st;
		if ((out = mw_final(c->cmd)) != 0)
			/* as Postfix: a verdict carries no data */
			return c->datalen == 0 ? out : MW_PROTO;
		switch (c->cmd) {
		case SMFIR_PROGRESS:
			continue;
		case SMFIR_QUARANTINE:
			*quarantine = 1;
			continue;
		case SMFIR_REPLYCODE:
			if (c->datalen < 3 || (c->data[0] != '4'
					       && c->data[0] != '5'))
				return MW_PROTO;
			return c->data[0] == '4' ? MW_TEMPFAIL : MW_REJECT;
		}
		/* anything else is a modification, only allowed at the end */
		if (event != SMFIC_BODYEOB)
			return MW_PROTO;
		if (edit != NULL && (st = edit(ctx, c)) != MW_OK)
			return st;
	}
}

/* mw_strerror - a word for a status */
const char *mw_strerror(int status)
{
	switch (status) {
	case MW_OK:
		return "ok";
	case MW_EOF:
		return "connection closed by the filter";
	case MW_TIMEOUT:
		return "timeout";
	case MW_IO:
		return strerror(errno);
	case MW_PROTO:
		return "protocol error";
	case MW_NOMEM:
		return "out of memory";
	default:
		return "unknown error";
	}
}
