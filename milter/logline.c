/*
 * logline - format the per-message log line; see logline.h.
 */
#include <stddef.h>

#include "util/textbuf.h"
#include "log.h"
#include "logline.h"

/* put_dkim - d/s/result per signature, bounded */
static void put_dkim(struct textbuf *tb, const struct dkimv_results *r)
{
	char d[80], s[40];
	size_t i;

	textbuf_puts(tb, " dkim=");
	if (r == NULL || (r->count == 0 && r->ignored == 0)) {
		textbuf_puts(tb, r == NULL ? "-" : "none");
		return;
	}
	for (i = 0; i < r->count && i < 16; i++)
		textbuf_printf(tb, "%s%s/%s/%s", i ? "," : "",
		    log_safe(r->sig[i].d, d, sizeof(d)), log_safe(r->sig[i].s, s, sizeof(s)),
		    dkimv_result_name(r->sig[i].result));
	if (r->count > 16 || r->ignored > 0)
		textbuf_printf(tb, ",+%zu", r->ignored + (r->count > 16 ? r->count - 16 : 0));
}

/* put_dmarc - one list per key, a value per From domain */
static void put_dmarc(struct textbuf *tb, const struct msgauth_results *v)
{
	char d[80], why[200];
	size_t i;

	if (v->ndmarc == 0) {
		textbuf_printf(tb, " dmarc=%s", v->from_problem ? "permerror" : "-");
		if (v->from_problem != NULL)
			textbuf_printf(tb, " from_problem=\"%s\"",
			    log_safe(v->from_problem, why, sizeof(why)));
		return;
	}
	textbuf_puts(tb, " dmarc=");
	for (i = 0; i < v->ndmarc; i++)
		textbuf_printf(tb, "%s%s", i ? "," : "", dmarc_result_name(v->dmarc[i].result));
	textbuf_puts(tb, " header_from=");
	for (i = 0; i < v->ndmarc; i++)
		textbuf_printf(tb, "%s%s", i ? "," : "", log_safe(v->from_domains[i], d, sizeof(d)));
	textbuf_puts(tb, " policy=");
	for (i = 0; i < v->ndmarc; i++)
		textbuf_printf(tb, "%s%s", i ? "," : "", dmarc_policy_name(v->dmarc[i].policy));
	textbuf_puts(tb, " dis=");
	for (i = 0; i < v->ndmarc; i++)
		textbuf_printf(tb, "%s%s", i ? "," : "",
		    dmarc_disposition_name(v->dmarc[i].disposition));
}

void logline_format(char *buf, size_t len, const struct logline_who *who,
		    const struct msgauth_verdict *v, const char *action)
{
	struct textbuf tb;
	const struct msgauth_results *r = &v->results;
	char note[200];

	textbuf_init(&tb, buf, len);
	textbuf_printf(&tb, "%s: client=%s helo=%s from_domain=%s spf=%s spf_helo=%s",
	    who->qid ? who->qid : "NOQUEUE", who->client,
	    who->helo[0] ? who->helo : "-", who->from_domain[0] ? who->from_domain : "-",
	    r->spf_mailfrom ? spf_result_name(r->spf_mailfrom->result) : "-",
	    r->spf_helo ? spf_result_name(r->spf_helo->result) : "-");
	if (v->skipped == MSGAUTH_EVALUATE) {
		put_dkim(&tb, r->dkim);
		put_dmarc(&tb, r);
	}
	textbuf_printf(&tb, " evaluation=%s ar_removed=%zu action=%s would=%s",
	    msgauth_skip_name(v->skipped), v->nremove, action,
	    verdict_action_name(v->verdict.would));
	if (v->verdict.note[0] != '\0')
		textbuf_printf(&tb, " note=\"%s\"",
		    log_safe(v->verdict.note, note, sizeof(note)));
}
