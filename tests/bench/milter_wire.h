/*
 * milter_wire - the MTA side of the Sendmail 8 milter protocol, framing
 * only: commands are encoded into an output buffer and written whole,
 * replies are read and split into command and data. Who connects where,
 * in which order events go and what a reply means is the caller's
 * business (milterload.c); this module only reads and writes an fd.
 *
 * Like Postfix's VSTREAM, the output buffer is written when a reply is
 * due (mw_flush before mw_read), so the macros of an event and the
 * events the filter does not answer travel with the next command that
 * is answered: one write() per answered command.
 */
#ifndef AUTHMILTER_BENCH_MILTER_WIRE_H
#define AUTHMILTER_BENCH_MILTER_WIRE_H

#include <stddef.h>
#include <stdint.h>

#include <libmilter/mfapi.h>
#include <libmilter/mfdef.h>

/* What Postfix 3.7 offers with milter_protocol = 6. */
#define MW_VERSION	6
#define MW_ACTIONS	(SMFIF_ADDHDRS | SMFIF_CHGBODY | SMFIF_ADDRCPT \
			 | SMFIF_DELRCPT | SMFIF_CHGHDRS | SMFIF_QUARANTINE \
			 | SMFIF_CHGFROM | SMFIF_ADDRCPT_PAR | SMFIF_SETSYMLIST)
#define MW_NOSEND	(SMFIP_NOCONNECT | SMFIP_NOHELO | SMFIP_NOMAIL \
			 | SMFIP_NORCPT | SMFIP_NOBODY | SMFIP_NOHDRS \
			 | SMFIP_NOEOH | SMFIP_NOUNKNOWN | SMFIP_NODATA)
#define MW_NOREPLY	(SMFIP_NR_CONN | SMFIP_NR_HELO | SMFIP_NR_MAIL \
			 | SMFIP_NR_RCPT | SMFIP_NR_DATA | SMFIP_NR_UNKN \
			 | SMFIP_NR_HDR | SMFIP_NR_EOH | SMFIP_NR_BODY)
#define MW_PROTOCOL	(MW_NOSEND | MW_NOREPLY | SMFIP_SKIP \
			 | SMFIP_RCPT_REJ | SMFIP_HDR_LEADSPC)

#define MW_MAX_REPLY	(1024 * 1024)	/* bytes of data in one reply */
#define MW_INBUF	16384

enum mw_status {
	MW_OK = 0,
	MW_EOF = -1,		/* the filter closed the connection */
	MW_TIMEOUT = -2,	/* no progress within the timeout */
	MW_IO = -3,		/* read or write error (errno kept) */
	MW_PROTO = -4,		/* a reply that breaks the protocol */
	MW_NOMEM = -5,
};

struct mw_conn {
	int fd;
	int timeout_ms;
	/* negotiated with the filter (mw_optneg) */
	uint32_t version, actions, proto;
	/* pending output */
	char *out;
	size_t outlen, outcap;
	/* buffered input */
	unsigned char in[MW_INBUF];
	size_t inpos, inend;
	/* the last reply read */
	int cmd;
	unsigned char *data;	/* NUL-terminated for the string decoders */
	size_t datalen, datacap;
};

void mw_init(struct mw_conn *c, int fd, int timeout_ms);
void mw_free(struct mw_conn *c);		/* buffers only, not the fd */

/* Encoders: append one packet to the output buffer. */
int mw_put(struct mw_conn *c, int cmd, const void *data, size_t len);
int mw_put_strs(struct mw_conn *c, int cmd, const char *const *strs, size_t n);
int mw_put_macros(struct mw_conn *c, int cls, const char *const *nv,
		  size_t npairs);
int mw_put_connect(struct mw_conn *c, const char *host, int family,
		   unsigned port, const char *addr);

int mw_flush(struct mw_conn *c);		/* write the buffer whole */
int mw_read(struct mw_conn *c);			/* one reply: cmd, data */

/* mw_optneg - SMFIC_OPTNEG with MW_*; the filter's answer in c->version,
 * c->actions, c->proto (macro lists it may append are ignored) */
int mw_optneg(struct mw_conn *c);

/* mw_hdr_reply - decode SMFIR_ADDHEADER (index 0), INSHEADER, CHGHEADER;
 * NAME and VALUE point into c->data */
int mw_hdr_reply(struct mw_conn *c, uint32_t *index, const char **name,
		 const char **value);

/* What a filter's final answer to an event says (mw_await). */
enum mw_outcome {
	MW_CONTINUE = 1,
	MW_ACCEPT,
	MW_REJECT,		/* SMFIR_REJECT or a 5xx SMFIR_REPLYCODE */
	MW_TEMPFAIL,		/* SMFIR_TEMPFAIL or a 4xx SMFIR_REPLYCODE */
	MW_DISCARD,
	MW_SKIP,		/* no more events of this kind (body) */
	MW_SHUTDOWN,		/* SMFIR_SHUTDOWN: 421, connection gone */
};

/* mw_edit_fn - called for each modification request at end of message
 * (c->cmd, c->data); returns MW_OK or an error that ends the wait */
typedef int (*mw_edit_fn)(void *ctx, struct mw_conn *c);

/* mw_await - flush and read replies to EVENT until a final one; sets
 * *QUARANTINE when the filter asked for it on the way; returns an
 * mw_outcome (> 0) or an mw_status (< 0) */
int mw_await(struct mw_conn *c, int event, int *quarantine,
	     mw_edit_fn edit, void *ctx);

const char *mw_strerror(int status);

#endif
