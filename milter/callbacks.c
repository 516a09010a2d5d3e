/*
 * callbacks - libmilter callbacks; see callbacks.h.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "callbacks.h"
#include "client.h"
#include "log.h"
#include "logdebug.h"
#include "logline.h"
#include "metrics.h"
#include "msgauth.h"
#include "runtime.h"

#define AR_NAME "Authentication-Results"
#define QUARANTINE_NAME "X-Authmilter-Quarantine"

struct session {
	int leadspc;                    /* header values keep their leading
	                                 * space, ours must bring one */
	unsigned long noreply;          /* SMFIP_NR_* the MTA agreed to */
	const char *failed;             /* a step that failed where no reply
	                                 * could be given: answered at EOM */
	struct runtime *rt;
	struct msgauth *ma;
	struct netaddr addr;            /* the client, when HAVE_ADDR */
	int have_addr;
	char *helo_arg;                 /* HELO as given, NULL before one */
	char client[NETADDR_STRLEN];
	char helo[256];                 /* for the log line, already made safe */
	char from_domain[256];          /* likewise */
};

static struct session *session_of(SMFICTX *ctx)
{
	return smfi_getpriv(ctx);
}

/* fallback - OnInternalError: the one answer for anything we cannot do */
static sfsistat fallback(SMFICTX *ctx, struct runtime *rt, const char *what)
{
	int accept = rt != NULL && rt->conf->on_internal_error == VERDICT_ACCEPT;

	log_err("internal error (%s): %s", what, accept ? "accepting" : "tempfail");
	metrics_internal_error();
	if (accept)
		return SMFIS_ACCEPT;
	smfi_setreply(ctx, "451", "4.3.0", "Temporary authentication failure, try again later");
	return SMFIS_TEMPFAIL;
}

/* sockaddr_to_netaddr - the client address, IPv4 or IPv6 */
static int sockaddr_to_netaddr(const struct sockaddr *sa, struct netaddr *out)
{
	memset(out, 0, sizeof(*out));
	if (sa == NULL)
		return -1;
	if (sa->sa_family == AF_INET) {
		out->family = AF_INET;
		memcpy(out->bytes, &((const struct sockaddr_in *) sa)->sin_addr, 4);
		return 0;
	}
	if (sa->sa_family == AF_INET6) {
		out->family = AF_INET6;
		memcpy(out->bytes, &((const struct sockaddr_in6 *) sa)->sin6_addr, 16);
		netaddr_unmap(out);
		return 0;
	}
	return -1;
}

/* session_new - the connection's state, made at negotiation (or at
 * connect with an MTA that does not negotiate) */
static struct session *session_new(SMFICTX *ctx)
{
	struct session *s = session_of(ctx);

	if (s == NULL && (s = calloc(1, sizeof(*s))) != NULL)
		smfi_setpriv(ctx, s);
	return s;
}

/* quiet - the answer to a step that went well: none at all when the MTA
 * agreed not to wait for one (a round trip saved per header field) */
static sfsistat quiet(const struct session *s, unsigned long nr_flag)
{
	return (s->noreply & nr_flag) ? SMFIS_NOREPLY : SMFIS_CONTINUE;
}

/* step_failed - an internal error in a step whose answer the MTA may
 * not wait for: then it is kept for end of message, which always has one */
static sfsistat step_failed(SMFICTX *ctx, struct session *s,
			    unsigned long nr_flag, const char *what)
{
	if (!(s->noreply & nr_flag))
		return fallback(ctx, s->rt, what);
	if (s->failed == NULL)
		s->failed = what;
	return SMFIS_NOREPLY;
}

static void session_free(SMFICTX *ctx, struct session *s)
{
	smfi_setpriv(ctx, NULL);
	msgauth_free(s->ma);
	runtime_release(s->rt);
	free(s->helo_arg);
	free(s);
}

static sfsistat cb_connect(SMFICTX *ctx, char *hostname, _SOCK_ADDR *hostaddr)
{
	struct runtime *rt = runtime_acquire();
	struct session *s = session_new(ctx);
	sfsistat r;

	(void) hostname;
	if (s == NULL || rt == NULL || (s->ma = msgauth_new(&rt->mopt)) == NULL) {
		r = fallback(ctx, rt, "session allocation");
		runtime_release(rt);
		if (s != NULL)
			session_free(ctx, s);
		return r;
	}
	s->rt = rt;
	s->have_addr = sockaddr_to_netaddr(hostaddr, &s->addr) == 0;
	if (s->have_addr)
		netaddr_format(&s->addr, s->client, sizeof(s->client));
	else
		snprintf(s->client, sizeof(s->client), "unknown");
	return SMFIS_CONTINUE;
}

/* cb_helo - the name as given, for client_start at MAIL FROM; when it
 * cannot be copied the one before stays, as msgauth_helo would keep it */
static sfsistat cb_helo(SMFICTX *ctx, char *helo)
{
	struct session *s = session_of(ctx);
	char *copy;

	if (s == NULL)
		return SMFIS_CONTINUE;
	if ((copy = strdup(helo != NULL ? helo : "")) != NULL) {
		free(s->helo_arg);
		s->helo_arg = copy;
	}
	log_safe(helo, s->helo, sizeof(s->helo));
	return quiet(s, SMFIP_NR_HELO);
}

/* strip_brackets - "<a@b>" to "a@b", in a copy of its own: a long
 * address is never cut, since a cut one would name another domain */
static char *strip_brackets(const char *arg)
{
	size_t n;
	char *copy;

	if (arg == NULL)
		arg = "";
	n = strlen(arg);
	if (n >= 2 && arg[0] == '<' && arg[n - 1] == '>') {
		arg++;
		n -= 2;
	}
	if ((copy = malloc(n + 1)) == NULL)
		return NULL;
	memcpy(copy, arg, n);
	copy[n] = '\0';
	return copy;
}

static sfsistat cb_envfrom(SMFICTX *ctx, char **argv)
{
	struct session *s = session_of(ctx);
	struct client_facts f;
	const char *at;
	char *sender;
	int rc;

	if (s == NULL)
		return SMFIS_CONTINUE;
	if ((sender = strip_brackets(argv[0])) == NULL)
		return fallback(ctx, s->rt, "message start");
	at = strrchr(sender, '@');
	log_safe(at ? at + 1 : sender, s->from_domain, sizeof(s->from_domain));
	s->failed = NULL;
	f.addr = s->have_addr ? &s->addr : NULL;
	f.helo = s->helo_arg;
	f.auth_user = smfi_getsymval(ctx, "{auth_authen}");
	rc = client_start(s->ma, s->rt->conf, &f, sender);
	free(sender);
	return rc != 0 ? fallback(ctx, s->rt, "message start") : SMFIS_CONTINUE;
}

static sfsistat cb_header(SMFICTX *ctx, char *name, char *value)
{
	struct session *s = session_of(ctx);

	if (s == NULL)
		return SMFIS_CONTINUE;
	if (s->failed == NULL && msgauth_header(s->ma, name, value) != 0)
		return step_failed(ctx, s, SMFIP_NR_HDR, "header");
	return quiet(s, SMFIP_NR_HDR);
}

static sfsistat cb_body(SMFICTX *ctx, unsigned char *chunk, size_t len)
{
	struct session *s = session_of(ctx);

	if (s == NULL)
		return SMFIS_CONTINUE;
	if (s->failed == NULL && msgauth_body(s->ma, chunk, len) != 0)
		return step_failed(ctx, s, SMFIP_NR_BODY, "body");
	return quiet(s, SMFIP_NR_BODY);
}

/* log_verdict - the one line per message */
static void log_verdict(SMFICTX *ctx, const struct session *s,
			const struct msgauth_verdict *v, const char *action)
{
	struct logline_who who = { smfi_getsymval(ctx, "i"), s->client,
				   s->helo, s->from_domain };
	char line[1536];

	logline_format(line, sizeof(line), &who, v, action);
	log_info("%s", line);
	logdebug_verdict(who.qid, v);
}

/* add_field - insert (INDEX 0: on top) or append a field of ours */
static int add_field(SMFICTX *ctx, const struct session *s, int top,
		     const char *name, const char *value)
{
	char *v = malloc(strlen(value) + 2);
	int rc;

	if (v == NULL)
		return -1;
	sprintf(v, "%s%s", s->leadspc ? " " : "", value);
	rc = top ? smfi_insheader(ctx, 0, (char *) name, v)
	    : smfi_addheader(ctx, (char *) name, v);
	free(v);
	return rc == MI_SUCCESS ? 0 : -1;
}

/* apply_headers - delete forged fields (highest index first), then add
 * ours when WITH_OURS */
static int apply_headers(SMFICTX *ctx, const struct session *s,
			 const struct msgauth_verdict *v, int with_ours)
{
	size_t i;

	for (i = 0; i < v->nremove; i++)
		if (smfi_chgheader(ctx, AR_NAME, (int) v->remove[i], NULL) != MI_SUCCESS)
			return -1;
	metrics_forged_removed(v->nremove);
	if (!with_ours)
		return 0;
	if (v->ar_value[0] != '\0' && add_field(ctx, s, 1, AR_NAME, v->ar_value) != 0)
		return -1;
	if (v->verdict.quarantine_header
	    && add_field(ctx, s, 0, QUARANTINE_NAME, "DMARC policy of the From domain "
			 "asks for quarantine") != 0)
		return -1;
	return 0;
}

/* eom_decide - the verdict, applied; *HELD when the message went to
 * the MTA's quarantine */
static sfsistat eom_decide(SMFICTX *ctx, struct session *s, int *held)
{
	struct msgauth_verdict v;
	int rc;

	if (s->failed != NULL)
		return fallback(ctx, s->rt, s->failed);
	/* Forged fields go even when the rest fails: with OnInternalError
	 * accept they would otherwise reach the mailbox. */
	rc = msgauth_eom(s->ma, &v);
	if (apply_headers(ctx, s, &v, rc == 0) != 0 || rc != 0) {
		log_verdict(ctx, s, &v, "internal-error");
		return fallback(ctx, s->rt, "end of message");
	}
	log_verdict(ctx, s, &v, verdict_action_name(v.verdict.action));
	metrics_verdict(&v);
	switch (v.verdict.action) {
	case VERDICT_REJECT:
		smfi_setreply(ctx, (char *) v.verdict.smtp_code, (char *) v.verdict.smtp_xcode,
			      v.verdict.smtp_text);
		return SMFIS_REJECT;
	case VERDICT_TEMPFAIL:
		smfi_setreply(ctx, (char *) v.verdict.smtp_code, (char *) v.verdict.smtp_xcode,
			      v.verdict.smtp_text);
		return SMFIS_TEMPFAIL;
	case VERDICT_QUARANTINE:
		if (smfi_quarantine(ctx, "authmilter") != MI_SUCCESS)
			return fallback(ctx, s->rt, "quarantine");
		*held = 1;
		return SMFIS_CONTINUE;
	case VERDICT_ACCEPT:
		break;
	}
	return SMFIS_CONTINUE;
}

static unsigned long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long long) ts.tv_sec * 1000000000ULL
	    + (unsigned long long) ts.tv_nsec;
}

/* cb_eom - decide, and count what the MTA was told and how long it took */
static sfsistat cb_eom(SMFICTX *ctx)
{
	struct session *s = session_of(ctx);
	unsigned long long t0 = now_ns();
	enum verdict_action action = VERDICT_ACCEPT;
	int held = 0;
	sfsistat r;

	if (s == NULL)
		return SMFIS_CONTINUE;
	r = eom_decide(ctx, s, &held);
	if (r == SMFIS_REJECT)
		action = VERDICT_REJECT;
	else if (r == SMFIS_TEMPFAIL)
		action = VERDICT_TEMPFAIL;
	else if (held)
		action = VERDICT_QUARANTINE;
	metrics_message(action, now_ns() - t0);
	return r;
}

static sfsistat cb_abort(SMFICTX *ctx)
{
	struct session *s = session_of(ctx);

	if (s != NULL) {
		msgauth_reset(s->ma);
		s->failed = NULL;
	}
	return SMFIS_CONTINUE;
}

static sfsistat cb_close(SMFICTX *ctx)
{
	struct session *s = session_of(ctx);

	if (s != NULL)
		session_free(ctx, s);
	return SMFIS_CONTINUE;
}

/* cb_negotiate - ask for what we use, skip the steps we do not need */
static sfsistat cb_negotiate(SMFICTX *ctx, unsigned long f0, unsigned long f1,
			     unsigned long f2, unsigned long f3,
			     unsigned long *pf0, unsigned long *pf1,
			     unsigned long *pf2, unsigned long *pf3)
{
	unsigned long want = SMFIF_ADDHDRS | SMFIF_CHGHDRS | SMFIF_QUARANTINE;
	unsigned long skip = SMFIP_NORCPT | SMFIP_NOUNKNOWN | SMFIP_NODATA;
	/* Steps that never decide on their own need no answer; each header
	 * field would otherwise cost a round trip. */
	unsigned long noreply = SMFIP_NR_HELO | SMFIP_NR_HDR | SMFIP_NR_BODY;
	struct session *s;

	(void) f2;
	(void) f3;
	if ((f0 & want) != want) {
		log_err("the MTA does not allow adding and changing headers; "
			"authmilter cannot work with it");
		return SMFIS_REJECT;
	}
	/* DKIM's "simple" header canonicalization needs the values exactly
	 * as they were, leading space included. */
	if ((s = session_new(ctx)) == NULL)
		return SMFIS_ALL_OPTS;
	s->leadspc = (f1 & SMFIP_HDR_LEADSPC) != 0;
	s->noreply = f1 & noreply;
	*pf0 = want;
	*pf1 = (f1 & skip) | (f1 & SMFIP_HDR_LEADSPC) | s->noreply;
	*pf2 = 0;
	*pf3 = 0;
	return SMFIS_CONTINUE;
}

static struct smfiDesc desc = {
	.xxfi_name = "authmilter",
	.xxfi_version = SMFI_VERSION,
	.xxfi_flags = SMFIF_ADDHDRS | SMFIF_CHGHDRS | SMFIF_QUARANTINE,
	.xxfi_connect = cb_connect,
	.xxfi_helo = cb_helo,
	.xxfi_envfrom = cb_envfrom,
	.xxfi_header = cb_header,
	.xxfi_body = cb_body,
	.xxfi_eom = cb_eom,
	.xxfi_abort = cb_abort,
	.xxfi_close = cb_close,
	.xxfi_negotiate = cb_negotiate,
};

struct smfiDesc *callbacks_desc(void)
{
	return &desc;
}
