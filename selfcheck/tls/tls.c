/*
 * tls - the tls group (sc_tls_run in tls.h): the server's
 * certificate, then whether it still accepts TLS 1.0 and 1.1, then
 * whether it accepts a cipher of each weak family this client can
 * offer. Each probe is a connection of its own (tls_probe.h), to the
 * address the first one reached; all of them end within TLS_GROUP_MS
 * (9 connections at most, each step bounded by --timeout, would
 * otherwise let a slow server hold the run for many minutes).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "selfcheck/smtp/smtp_session.h"
#include "selfcheck/smtp/smtp_tls.h"
#include "selfcheck/smtp/smtp_transcript.h"
#include "tls.h"
#include "tls_cert.h"
#include "tls_probe.h"
#include "tls_suite.h"

#define TLS_GROUP_MS 60000

/* The state of one run of the group. */
struct tls_run {
	struct sc_ctx *ctx;
	struct smtp_dialer dialer;
	struct smtp_net_dialer net;
	struct tls_suite suite;
	char helo[256];
	char target[300];
	const char *sni;		/* --smtp's name, NULL for an address */
	long long limit;		/* the group ends by then */
};

/* smtp_unreachable - the smtp group's reason if it could not connect */
static const char *smtp_unreachable(const struct sc_report *r)
{
	size_t i;

	for (i = 0; i < r->nu; i++)
		if (strcmp(r->u[i].check, "smtp") == 0
		    && strncmp(r->u[i].why, "connect to ", 11) == 0)
			return r->u[i].why;
	return NULL;
}

/* cert_findings - the tls.cert_* ids of facts F */
static void cert_findings(struct sc_ctx *ctx, const struct tls_cert_facts *f,
			  const char *names)
{
	struct sc_report *r = ctx->report;
	char desc[1200];

	tls_cert_describe(f, desc, sizeof(desc));
	if (f->flags & TLS_CERT_EXPIRED)
		sc_found(r, SC_ID_TLS_CERT_EXPIRED, "%s\n(expired %lld days ago)", desc,
			 -f->secs_left / 86400);
	if (f->flags & TLS_CERT_NOT_YET_VALID)
		sc_found(r, SC_ID_TLS_CERT_EXPIRED, "%s\n(not valid before %s)", desc,
			 f->not_before);
	if (f->flags & TLS_CERT_BAD_TIME)
		sc_found(r, SC_ID_TLS_CERT_EXPIRED, "%s\n(validity dates unreadable)", desc);
	if (f->flags & TLS_CERT_EXPIRING)
		sc_found(r, SC_ID_TLS_CERT_EXPIRING, "%s\n(expires in %lld hours)", desc,
			 f->secs_left / 3600);
	if (f->flags & TLS_CERT_SELF_SIGNED)
		sc_found(r, SC_ID_TLS_CERT_SELF_SIGNED, "%s", desc);
	if (f->flags & TLS_CERT_WEAK_KEY)
		sc_found(r, SC_ID_TLS_CERT_WEAK_KEY, "%s", desc);
	if (f->flags & TLS_CERT_NAME_MISMATCH)
		sc_found(r, SC_ID_TLS_CERT_HOSTNAME_MISMATCH, "%s\n(names not matched: %s)",
			 desc, names);
}

/* judge_cert - the certificate of probe result P */
static void judge_cert(struct tls_run *t, const struct tls_probe_result *p)
{
	const struct sc_options *o = t->ctx->opt;
	const char *names[2];
	char shown[600];
	size_t n = 0;
	struct tls_cert_facts f;

	if (!o->smtp_host_is_addr) {
		names[n++] = o->smtp_host;
	} else {
		names[n++] = t->ctx->greeting_name;
		if (!smtp_addr_same_host(t->ctx->ehlo_name, names[0]))
			names[n++] = t->ctx->ehlo_name;
	}
	snprintf(shown, sizeof(shown), "%s%s%s", names[0], n > 1 ? ", " : "",
		 n > 1 ? names[1] : "");
	if (names[0][0] == '\0' && (n < 2 || names[1][0] == '\0'))
		sc_unrun(t->ctx->report, "tls.cert_hostname_mismatch",
			 "%s: the server announces no name to check the "
			 "certificate against", t->target);
	tls_cert_judge(p->cert, time(NULL), names, n, p->verify, &f);
	cert_findings(t->ctx, &f, shown);
}

/* not_started - what to say when the certificate probe got no TLS */
static void not_started(struct tls_run *t, const struct tls_probe_result *p)
{
	struct sc_report *r = t->ctx->report;

	if (p->status == TLS_PROBE_NO_CONNECT)
		sc_unrun(r, "tls", "connect to %s: %s", t->target, p->why);
	else if (!sc_has(r, SC_ID_SMTP_NO_STARTTLS))	/* said once is enough */
		sc_unrun(r, "tls", "%s: %s", t->target, p->why);
}

/* cert_probe - the certificate, as the most permissive client sees it;
 * 0 if TLS works and the other probes are worth making */
static int cert_probe(struct tls_run *t)
{
	struct tls_probe_result p;
	char why[200];
	SSL_CTX *c = tls_suite_ctx(&t->suite, TLS_PROBE_CERT, NULL, why, sizeof(why));

	if (c == NULL) {
		sc_unrun(t->ctx->report, "tls", "%s", why);
		return -1;
	}
	tls_probe_run(&t->dialer, t->helo, c, t->sni, 1, t->limit, &p);
	SSL_CTX_free(c);
	if (p.status == TLS_PROBE_OK) {
		if (t->ctx->greeting_name[0] == '\0' && t->ctx->ehlo_name[0] == '\0') {
			memcpy(t->ctx->greeting_name, p.greeting_name, sizeof(p.greeting_name));
			memcpy(t->ctx->ehlo_name, p.ehlo_name, sizeof(p.ehlo_name));
		}
		if (p.cert != NULL)
			judge_cert(t, &p);
		X509_free(p.cert);
		return 0;
	}
	not_started(t, &p);
	return -1;
}

/* version_probe - tls.protocol_tls1_0 / _1_1 */
static void version_probe(struct tls_run *t, enum tls_probe_kind kind,
			  enum sc_id id, const char *name)
{
	struct tls_probe_result p;
	char why[200];
	SSL_CTX *c = tls_suite_ctx(&t->suite, kind, NULL, why, sizeof(why));

	if (c == NULL) {
		sc_unrun(t->ctx->report, sc_catalog[id].name, "%s", why);
		return;
	}
	tls_probe_run(&t->dialer, t->helo, c, t->sni, 0, t->limit, &p);
	SSL_CTX_free(c);
	if (p.status == TLS_PROBE_OK)
		sc_found(t->ctx->report, id, "%s: STARTTLS, then a handshake "
			 "offering %s only: accepted (%s, %s)", t->target, name,
			 p.version, p.cipher);
	else if (p.status != TLS_PROBE_HANDSHAKE)
		sc_unrun(t->ctx->report, sc_catalog[id].name, "%s: %s",
			 t->target, p.why);
}

/* cipher_probes - tls.weak_cipher over every family this client can
 * offer; families it cannot are left out (tls_suite.h) */
static void cipher_probes(struct tls_run *t)
{
	struct smtp_transcript accepted;
	struct tls_probe_result p;
	char why[200];
	SSL_CTX *c;
	size_t i;

	smtp_transcript_init(&accepted);
	for (i = 0; i < tls_weak_family_count; i++) {
		c = tls_suite_ctx(&t->suite, TLS_PROBE_CIPHERS,
				  tls_weak_families[i].ciphers, why, sizeof(why));
		if (c == NULL)
			continue;
		tls_probe_run(&t->dialer, t->helo, c, t->sni, 0, t->limit, &p);
		SSL_CTX_free(c);
		if (p.status == TLS_PROBE_OK)
			smtp_transcript_line(&accepted, "%s: accepted %s (%s)",
					     tls_weak_families[i].name, p.cipher,
					     p.version);
		else if (p.status != TLS_PROBE_HANDSHAKE) {
			sc_unrun(t->ctx->report, "tls.weak_cipher", "%s: %s",
				 t->target, p.why);
			break;
		}
	}
	if (accepted.tb.len > 0)
		sc_found(t->ctx->report, SC_ID_TLS_WEAK_CIPHER, "%s", accepted.text);
}

/* run - the probes, in order */
static void run(struct tls_run *t)
{
	char why[200];
	sigset_t old;

	if (tls_suite_open(&t->suite, why, sizeof(why)) < 0) {
		sc_unrun(t->ctx->report, "tls", "%s", why);
		return;
	}
	smtp_tls_sigpipe_block(&old);
	t->limit = smtp_conn_now_ms() + TLS_GROUP_MS;
	if (cert_probe(t) == 0) {
		version_probe(t, TLS_PROBE_TLS1_0, SC_ID_TLS_PROTOCOL_TLS1_0, "TLS 1.0");
		version_probe(t, TLS_PROBE_TLS1_1, SC_ID_TLS_PROTOCOL_TLS1_1, "TLS 1.1");
		cipher_probes(t);
	}
	smtp_tls_sigpipe_restore(&old);
	tls_suite_close(&t->suite);
}

void sc_tls_run(struct sc_ctx *ctx)
{
	struct tls_run t;
	const char *why;

	memset(&t, 0, sizeof(t));
	t.ctx = ctx;
	smtp_session_target(ctx->opt, t.target, sizeof(t.target));
	if ((why = smtp_unreachable(ctx->report)) != NULL) {
		sc_unrun(ctx->report, "tls", "not run: %s", why);
		return;
	}
	t.sni = ctx->opt->smtp_host_is_addr ? NULL : ctx->opt->smtp_host;
	smtp_session_dialer_network(&t.dialer, &t.net, ctx);
	smtp_session_helo_name(t.helo, sizeof(t.helo));
	run(&t);
}
