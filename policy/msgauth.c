/*
 * msgauth - one message's authentication state and verdict; see msgauth.h.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/array.h"
#include "domain.h"
#include "msgauth.h"
#include "msgauth_field.h"
#include "msgauth_from.h"

#define MSGAUTH_MAX_REMOVE 4096     /* forged fields we track before we
                                     * refuse the message as a flood */
/* Both SPF checks run inside one MAIL FROM callback, and Postfix gives a
 * milter command 30 s (milter_command_timeout): 12 s each leaves room. */
#define MSGAUTH_SPF_MAX_MS 12000

struct msgauth {
	const struct msgauth_options *opt;
	struct netaddr client;
	int have_client;
	enum msgauth_skip conn_skip;    /* for the whole connection */
	enum msgauth_skip msg_skip;     /* for this message only */
	char *helo;
	char *sender;                   /* this message's MAIL FROM */
	/* per message */
	int in_message;
	struct spf_outcome spf_mailfrom;
	struct spf_outcome spf_helo;
	int spf_done;
	int helo_done;
	size_t ar_seen;                 /* Authentication-Results fields so far */
	size_t *forged;                 /* their 1-based indexes that claim us */
	size_t nforged;
	size_t forged_cap;
	int overflow;                   /* more forged fields than we track */
	int forwarder;                  /* client in TrustedForwarders */
	struct dkimv_check *dk;         /* this message's DKIM check */
	int dk_error;                   /* feeding it failed */
	struct dkimv_results *dkres;    /* from end of message to reset: it
	                                 * has room for 64 signatures, too
	                                 * much to keep per connection */
	struct msgauth_from from;
	struct dmarc_outcome dmarc[MSGAUTH_MAX_FROM];
	size_t ndmarc;
};

/* msgauth_new - connection state */
struct msgauth *msgauth_new(const struct msgauth_options *opt)
{
	struct msgauth *m = calloc(1, sizeof(*m));

	if (m != NULL)
		m->opt = opt;
	return m;
}

void msgauth_free(struct msgauth *m)
{
	if (m == NULL)
		return;
	msgauth_reset(m);
	free(m->forged);
	free(m->helo);
	free(m->sender);
	free(m->dkres);
	free(m);
}

void msgauth_connect(struct msgauth *m, const struct netaddr *client)
{
	m->have_client = client != NULL;
	if (client != NULL) {
		m->client = *client;
		netaddr_unmap(&m->client);
	}
	if (client == NULL && m->conn_skip == MSGAUTH_EVALUATE)
		m->conn_skip = MSGAUTH_SKIP_NOADDR;
}

/* msgauth_skip - connection-wide before a message starts, else per message */
void msgauth_skip(struct msgauth *m, enum msgauth_skip why)
{
	if (m->in_message)
		m->msg_skip = why;
	else
		m->conn_skip = why;
}

void msgauth_helo(struct msgauth *m, const char *helo)
{
	char *copy = strdup(helo != NULL ? helo : "");

	if (copy == NULL)
		return;     /* keep the old one; SPF on "" gives none */
	free(m->helo);
	m->helo = copy;
}

/* msgauth_reset - forget everything that belongs to one message */
void msgauth_reset(struct msgauth *m)
{
	m->in_message = 0;
	m->msg_skip = MSGAUTH_EVALUATE;
	m->spf_done = 0;
	m->helo_done = 0;
	m->ar_seen = 0;
	m->nforged = 0;
	m->overflow = 0;
	memset(&m->spf_mailfrom, 0, sizeof(m->spf_mailfrom));
	memset(&m->spf_helo, 0, sizeof(m->spf_helo));
	if (m->dk != NULL)
		dkimv_check_free(m->dk);
	m->dk = NULL;
	m->dk_error = 0;
	free(m->dkres);
	m->dkres = NULL;
	msgauth_from_reset(&m->from);
	m->ndmarc = 0;
}

void msgauth_forwarder(struct msgauth *m)
{
	m->forwarder = 1;
}

static enum msgauth_skip current_skip(const struct msgauth *m)
{
	return m->conn_skip != MSGAUTH_EVALUATE ? m->conn_skip : m->msg_skip;
}

/* run_spf - both identities; the null sender's check is the HELO check,
 * so it is done once and reported for both */
static void run_spf(struct msgauth *m, const char *sender)
{
	struct spf_request req;

	memset(&req, 0, sizeof(req));
	req.ip = m->client;
	req.sender = sender;
	req.helo = m->helo != NULL ? m->helo : "";
	req.receiver = m->opt->authserv_id;
	req.max_ms = MSGAUTH_SPF_MAX_MS;
	spf_check_mailfrom(m->opt->dns, &req, &m->spf_mailfrom);
	m->spf_done = 1;
	if (!m->opt->spf_helo_check || req.helo[0] == '\0')
		return;
	if (sender[0] == '\0')
		m->spf_helo = m->spf_mailfrom;
	else
		spf_check_helo(m->opt->dns, &req, &m->spf_helo);
	m->helo_done = 1;
}

int msgauth_mailfrom(struct msgauth *m, const char *sender)
{
	msgauth_reset(m);
	m->in_message = 1;
	if (sender == NULL)
		sender = "";
	free(m->sender);
	if ((m->sender = strdup(sender)) == NULL)
		return -1;
	if (current_skip(m) != MSGAUTH_EVALUATE)
		return 0;
	run_spf(m, sender);
	if (m->opt->dkim != NULL && (m->dk = dkimv_check_new(m->opt->dkim, "message")) == NULL)
		return -1;
	return 0;
}

/* remember_forged - note the index of a field that claims our id */
static int remember_forged(struct msgauth *m, size_t index)
{
	switch (ARRAY_RESERVE(m->forged, m->forged_cap, m->nforged + 1, 8,
			      MSGAUTH_MAX_REMOVE)) {
	case ARRAY_OK:
		break;
	case ARRAY_FULL:
		m->overflow = 1;
		return 0;
	default:
		return -1;
	}
	m->forged[m->nforged++] = index;
	return 0;
}

int msgauth_header(struct msgauth *m, const char *name, const char *value)
{
	if (m->dk != NULL && dkimv_check_header(m->dk, name, value) != 0)
		m->dk_error = 1;
	if (m->dk != NULL && strcasecmp(name, "From") == 0
	    && msgauth_from_add(&m->from, value) != 0)
		return -1;
	if (strcasecmp(name, "Authentication-Results") != 0)
		return 0;
	m->ar_seen++;
	if (!authres_claims(value, strlen(value), m->opt->authserv_id))
		return 0;
	return remember_forged(m, m->ar_seen);
}

int msgauth_body(struct msgauth *m, const unsigned char *chunk, size_t len)
{
	if (m->dk != NULL && dkimv_check_body(m->dk, chunk, len) != 0)
		m->dk_error = 1;
	return 0;
}

/* signing_domain - d= as alignment compares it: an internationalized d=
 * as its A-label (the From domain is one), NULL when it has none */
static const char *signing_domain(const char *d, char *buf)
{
	const char *why;

	if (domain_is_ascii(d))
		return d;
	return domain_alabel(d, strlen(d), buf, &why) == 0 ? buf : NULL;
}

/* dmarc_one - DMARC for one From domain */
static void dmarc_one(struct msgauth *m, const char *domain,
		      struct dmarc_outcome *out)
{
	struct dmarc_dkim dk[DMARC_MAX_DKIM];
	char alabel[DMARC_MAX_DKIM][DOMAIN_MAX + 1];
	struct dmarc_request req;
	size_t i, n = 0;

	for (i = 0; m->dkres != NULL && i < m->dkres->count && n < DMARC_MAX_DKIM; i++) {
		dk[n].domain = signing_domain(m->dkres->sig[i].d, alabel[n]);
		dk[n].pass = m->dkres->sig[i].result == DKIMV_PASS;
		dk[n].temperror = m->dkres->sig[i].result == DKIMV_TEMPERROR;
		n++;
	}
	memset(&req, 0, sizeof(req));
	req.from_domain = domain;
	req.spf = m->spf_mailfrom.result;
	req.spf_domain = m->spf_mailfrom.domain;
	req.dkim = dk;
	req.ndkim = n;
	req.mode = m->opt->org_mode;
	req.psl = m->opt->psl;
	req.sample = arc4random_uniform(100);
	dmarc_evaluate(m->opt->dns, &req, out);
}

/* run_dmarc - every From domain, when the From field allows evaluation */
static void run_dmarc(struct msgauth *m)
{
	size_t i;

	msgauth_from_read(&m->from);
	if (m->from.status != VERDICT_FROM_ONE
	    && !(m->from.status == VERDICT_FROM_MULTIPLE
		 && m->opt->verdict.multiple_from == VERDICT_MULTIFROM_EVALUATE_ALL))
		return;
	for (i = 0; i < m->from.ndomains; i++)
		dmarc_one(m, m->from.domain[i], &m->dmarc[i]);
	m->ndmarc = m->from.ndomains;
}

/* decide - local policy over the results */
static void decide(struct msgauth *m, struct verdict *out)
{
	struct verdict_domain d[MSGAUTH_MAX_FROM];
	struct verdict_input in;
	size_t i;

	memset(&in, 0, sizeof(in));
	for (i = 0; i < m->ndmarc; i++) {
		d[i].domain = m->from.domain[i];
		d[i].dmarc = &m->dmarc[i];
		d[i].exempt = m->opt->exempt != NULL
		    && m->opt->exempt(m->opt->allow_ctx, d[i].domain);
		d[i].override = DMARC_DIS_NONE;
		d[i].overridden = m->opt->override != NULL
		    && m->opt->override(m->opt->allow_ctx, d[i].domain, &d[i].override);
	}
	in.from = m->from.status;
	in.domains = d;
	in.ndomains = m->ndmarc;
	in.trusted_forwarder = m->forwarder;
	verdict_decide(&m->opt->verdict, &in, out);
}

/* authenticate - DKIM keys, DMARC and the verdict; -1 on internal error */
static int authenticate(struct msgauth *m, struct msgauth_verdict *v)
{
	struct msgauth_results *r = &v->results;

	if (m->dk == NULL)
		return 0;
	if (m->dkres == NULL && (m->dkres = malloc(sizeof(*m->dkres))) == NULL)
		return -1;
	if (m->dk_error || dkimv_check_eom(m->dk, m->dkres) != 0)
		return -1;
	r->dkim = m->dkres;
	run_dmarc(m);
	decide(m, &v->verdict);
	r->dmarc = m->dmarc;
	r->from_domains = m->from.domain_ptr;
	r->ndmarc = m->ndmarc;
	r->from_problem = m->from.problem;
	return 0;
}

/* by_index_desc - delete from the highest index down: Postfix renumbers */
static int by_index_desc(const void *a, const void *b)
{
	size_t x = *(const size_t *) a, y = *(const size_t *) b;

	return x < y ? 1 : x > y ? -1 : 0;
}

int msgauth_eom(struct msgauth *m, struct msgauth_verdict *v)
{
	struct msgauth_results *r = &v->results;

	memset(v, 0, sizeof(*v));
	v->skipped = current_skip(m);
	if (m->nforged > 1)
		qsort(m->forged, m->nforged, sizeof(*m->forged), by_index_desc);
	v->remove = m->forged;
	v->nremove = m->nforged;
	if (m->overflow) {
		/* Far more forged fields than any real message carries: refuse
		 * it rather than pass any of them on. */
		verdict_refuse(&v->verdict, "Too many Authentication-Results fields");
		return 0;
	}
	if (v->skipped != MSGAUTH_EVALUATE)
		return 0;
	r->spf_mailfrom = m->spf_done ? &m->spf_mailfrom : NULL;
	r->mailfrom = m->spf_mailfrom.domain[0] != '\0' ? m->spf_mailfrom.domain
	    : m->sender;
	r->spf_helo = m->helo_done ? &m->spf_helo : NULL;
	r->helo = m->helo;
	if (authenticate(m, v) != 0)
		return -1;
	return msgauth_field_build(m->opt->authserv_id, r, &v->verdict,
				   v->ar_value, sizeof(v->ar_value));
}

const char *msgauth_skip_name(enum msgauth_skip s)
{
	switch (s) {
	case MSGAUTH_EVALUATE: return "evaluated";
	case MSGAUTH_SKIP_TRUSTED: return "trusted";
	case MSGAUTH_SKIP_AUTHENTICATED: return "authenticated";
	case MSGAUTH_SKIP_NOADDR: return "no-client-address";
	}
	return "unknown";
}
