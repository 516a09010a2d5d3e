/*
 * msgauth - the authentication of one message, from connect to end of
 * message, independent of how the message arrives.
 *
 * The milter callbacks and the offline test mode (`authmilter -t`) drive
 * the same calls in the same order, so both reach the same verdict:
 *   msgauth_new -> msgauth_connect -> msgauth_helo ->
 *   { msgauth_mailfrom -> msgauth_header* -> msgauth_body* ->
 *     msgauth_eom -> msgauth_reset }*
 * SPF runs at MAIL FROM; DKIM is fed as headers and body arrive; DKIM
 * keys, DMARC and the local verdict (policy/verdict) come at the end.
 * It never logs: the verdict carries what the caller logs and applies.
 * One msgauth belongs to one connection; callers serialize their calls.
 */
#ifndef AUTHMILTER_MSGAUTH_H
#define AUTHMILTER_MSGAUTH_H

#include <stddef.h>

#include "authres.h"
#include "dkim_verify.h"
#include "dmarc.h"
#include "dns.h"
#include "netaddr.h"
#include "spf.h"
#include "verdict.h"

#define MSGAUTH_MAX_FROM 8           /* From domains evaluated (evaluate-all) */

struct msgauth_options {
	const char *authserv_id;    /* ours; fields claiming it are removed */
	const struct dns_client *dns;
	int spf_helo_check;         /* also evaluate the HELO identity */
	struct dkimv_engine *dkim;  /* NULL: no DKIM (and no DMARC) */
	enum dmarc_orgmode org_mode;
	const struct publicsuffix *psl; /* for DMARC_ORG_PSL */
	struct verdict_options verdict;
	/* The configuration's allowances, bound by the caller (policy/ does
	 * not read configuration): ExemptDomains and PolicyOverrides. */
	int (*exempt)(const void *ctx, const char *domain);
	/* 1, with *DIS set, when DOMAIN has an override */
	int (*override)(const void *ctx, const char *domain,
			enum dmarc_disposition *dis);
	const void *allow_ctx;
};

/* Why a message was not evaluated. */
enum msgauth_skip {
	MSGAUTH_EVALUATE,
	MSGAUTH_SKIP_TRUSTED,       /* client in TrustedNetworks */
	MSGAUTH_SKIP_AUTHENTICATED, /* SMTP AUTH client */
	MSGAUTH_SKIP_NOADDR,        /* no client address (local submission) */
};

/* What was found: the one account that our Authentication-Results
 * field, the log line and the metrics are all written from. */
struct msgauth_results {
	const struct spf_outcome *spf_mailfrom;  /* NULL when not evaluated */
	const char *mailfrom;       /* smtp.mailfrom: the domain SPF checked,
	                             * else the sender as given */
	const struct spf_outcome *spf_helo;      /* NULL when not evaluated */
	const char *helo;           /* smtp.helo */
	const struct dkimv_results *dkim;        /* NULL when not evaluated */
	const struct dmarc_outcome *dmarc;       /* one per From domain */
	const char *const *from_domains;
	size_t ndmarc;
	const char *from_problem;   /* "no From field", ... or NULL; reported
	                             * as dmarc=permerror only when no From
	                             * domain was evaluated (ndmarc 0) */
};

struct msgauth_verdict {
	struct verdict verdict;     /* what to do: action, would (without
	                             * ReportOnly), the SMTP reply for reject
	                             * and tempfail, the quarantine header,
	                             * the note (policy/verdict.h); all zero,
	                             * accept and no note, when not decided */
	enum msgauth_skip skipped;
	char ar_value[AUTHRES_MAX_FIELD];  /* our field's value; "" = add none */
	const size_t *remove;       /* 1-based indexes among the message's
	                             * Authentication-Results fields to delete,
	                             * highest first (doc/DESIGN.md,
	                             * "Library traps") */
	size_t nremove;
	struct msgauth_results results;
};

struct msgauth;

/* msgauth_new - state for one connection; OPT must outlive it. */
struct msgauth *msgauth_new(const struct msgauth_options *opt);
void msgauth_free(struct msgauth *m);

/* msgauth_connect - the client address (NULL when the MTA has none). */
void msgauth_connect(struct msgauth *m, const struct netaddr *client);

/* msgauth_skip - do not evaluate this connection (or, when called after
 * msgauth_mailfrom, this message); forged fields are still removed. */
void msgauth_skip(struct msgauth *m, enum msgauth_skip why);

void msgauth_helo(struct msgauth *m, const char *helo);

/* msgauth_mailfrom - start a message; SENDER without angle brackets, ""
 * for the null sender. Evaluates SPF now (DNS happens here). Returns 0, or
 * -1 on an internal error (memory). */
int msgauth_mailfrom(struct msgauth *m, const char *sender);

/* msgauth_forwarder - the client is a trusted forwarder (its mail is not
 * rejected or held for DMARC; the results are still recorded). */
void msgauth_forwarder(struct msgauth *m);

/* msgauth_header - one header field as received. Returns 0 or -1. */
int msgauth_header(struct msgauth *m, const char *name, const char *value);

/* msgauth_body - a chunk of the body, CRLF line ends. Returns 0 or -1. */
int msgauth_body(struct msgauth *m, const unsigned char *chunk, size_t len);

/* msgauth_eom - decide. The verdict points into M and stays valid until
 * the next msgauth_reset/msgauth_mailfrom. Returns 0, or -1 on an internal
 * error, in which case the caller applies its configured fallback. */
int msgauth_eom(struct msgauth *m, struct msgauth_verdict *v);

/* msgauth_reset - forget the message, keep the connection and HELO. */
void msgauth_reset(struct msgauth *m);

const char *msgauth_skip_name(enum msgauth_skip s);

#endif
