/*
 * logline - format the per-message log line; see logline.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "log.h"
#include "logline.h"

/* put - append to BUF at *AT, never past LEN */
static void put(char *buf, size_t len, size_t *at, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void put(char *buf, size_t len, size_t *at, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*at >= len)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf + *at, len - *at, fmt, ap);
	va_end(ap);
	if (n > 0)
		*at = *at + (size_t) n < len ? *at + (size_t) n : len;
}

/* put_dkim - d/s/result per signature, bounded */
static void put_dkim(char *buf, size_t len, size_t *at, const struct dkimv_results *r)
{
	char d[80], s[40];
	size_t i;

	put(buf, len, at, " dkim=");
	if (r == NULL || (r->count == 0 && r->ignored == 0)) {
		put(buf, len, at, r == NULL ? "-" : "none");
		return;
	}
	for (i = 0; i < r->count && i < 16; i++)
		put(buf, len, at, "%s%s/%s/%s", i ? "," : "",
		    log_safe(r->sig[i].d, d, sizeof(d)), log_safe(r->sig[i].s, s, sizeof(s)),
		    dkimv_result_name(r->sig[i].result));
	if (r->count > 16 || r->ignored > 0)
		put(buf, len, at, ",+%zu", r->ignored + (r->count > 16 ? r->count - 16 : 0));
}

/* put_dmarc - one list per key, a value per From domain */
static void put_dmarc(char *buf, size_t len, size_t *at, const struct msgauth_results *v)
{
	char d[80], why[200];
	size_t i;

	if (v->ndmarc == 0) {
		put(buf, len, at, " dmarc=%s", v->from_problem ? "permerror" : "-");
		if (v->from_problem != NULL)
			put(buf, len, at, " from_problem=\"%s\"",
			    log_safe(v->from_problem, why, sizeof(why)));
		return;
	}
	put(buf, len, at, " dmarc=");
	for (i = 0; i < v->ndmarc; i++)
		put(buf, len, at, "%s%s", i ? "," : "", dmarc_result_name(v->dmarc[i].result));
	put(buf, len, at, " header_from=");
	for (i = 0; i < v->ndmarc; i++)
		put(buf, len, at, "%s%s", i ? "," : "", log_safe(v->from_domains[i], d, sizeof(d)));
	put(buf, len, at, " policy=");
	for (i = 0; i < v->ndmarc; i++)
		put(buf, len, at, "%s%s", i ? "," : "", dmarc_policy_name(v->dmarc[i].policy));
	put(buf, len, at, " dis=");
	for (i = 0; i < v->ndmarc; i++)
		put(buf, len, at, "%s%s", i ? "," : "",
		    dmarc_disposition_name(v->dmarc[i].disposition));
}

void logline_format(char *buf, size_t len, const struct logline_who *who,
		    const struct msgauth_verdict *v, const char *action)
{
	const struct msgauth_results *r = &v->results;
	char note[200];
	size_t at = 0;

	if (len == 0)
		return;
	buf[0] = '\0';
	put(buf, len, &at, "%s: client=%s helo=%s from_domain=%s spf=%s spf_helo=%s",
	    who->qid ? who->qid : "NOQUEUE", who->client,
	    who->helo[0] ? who->helo : "-", who->from_domain[0] ? who->from_domain : "-",
	    r->spf_mailfrom ? spf_result_name(r->spf_mailfrom->result) : "-",
	    r->spf_helo ? spf_result_name(r->spf_helo->result) : "-");
	if (v->skipped == MSGAUTH_EVALUATE) {
		put_dkim(buf, len, &at, r->dkim);
		put_dmarc(buf, len, &at, r);
	}
	put(buf, len, &at, " evaluation=%s ar_removed=%zu action=%s would=%s",
	    msgauth_skip_name(v->skipped), v->nremove, action,
	    verdict_action_name(v->verdict.would));
	if (v->verdict.note[0] != '\0')
		put(buf, len, &at, " note=\"%s\"",
		    log_safe(v->verdict.note, note, sizeof(note)));
}
