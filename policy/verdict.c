/*
 * verdict - local policy over the DMARC outcome; see verdict.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "verdict.h"

/* reply - the SMTP answer for a reject or tempfail */
static enum verdict_action reply(struct verdict *out, enum verdict_action a,
				 const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static enum verdict_action reply(struct verdict *out, enum verdict_action a,
				 const char *fmt, ...)
{
	va_list ap;

	out->smtp_code = a == VERDICT_REJECT ? "550" : "451";
	out->smtp_xcode = a == VERDICT_REJECT ? "5.7.1" : "4.7.5";
	va_start(ap, fmt);
	vsnprintf(out->smtp_text, sizeof(out->smtp_text), fmt, ap);
	va_end(ap);
	return a;
}

/* note - why a failure was let through, or what local policy changed */
static void note(struct verdict *out, const char *fmt, const char *domain)
{
	if (out->note[0] == '\0')
		snprintf(out->note, sizeof(out->note), fmt, domain);
}

/* disposition - the domain's own, or the override's for a failure */
static enum dmarc_disposition disposition(const struct verdict_domain *d,
					  struct verdict *out)
{
	if (!d->overridden)
		return d->dmarc->disposition;
	if (d->dmarc->result == DMARC_RESULT_FAIL
	    || d->dmarc->result == DMARC_RESULT_TEMPERROR) {
		char fmt[64];

		snprintf(fmt, sizeof(fmt), "local policy for %%s: %s",
			 dmarc_disposition_name(d->override));
		note(out, fmt, d->domain);
	}
	return d->override;
}

/* enforce - what a failing message's disposition becomes */
static enum verdict_action enforce(const struct verdict_options *opt,
				   enum dmarc_disposition dis,
				   const char *domain, struct verdict *out)
{
	if (dis == DMARC_DIS_REJECT) {
		if (opt->reject_failures)
			return reply(out, VERDICT_REJECT,
				     "Rejected by DMARC policy for %s", domain);
		note(out, "reject for %s not enforced (RejectFailures no)", domain);
		return VERDICT_ACCEPT;
	}
	if (dis != DMARC_DIS_QUARANTINE)
		return VERDICT_ACCEPT;
	if (opt->quarantine == VERDICT_Q_HOLD)
		return VERDICT_QUARANTINE;
	if (opt->quarantine == VERDICT_Q_HEADER)
		out->quarantine_header = 1;
	return VERDICT_ACCEPT;
}

/* enforces - 1 unless the domain's record asks for nothing whatever the
 * result (p, sp and np all none): then DNS trouble cannot change what
 * happens to the message and is no reason to defer it */
static int enforces(const struct verdict_domain *d)
{
	const struct dmarc_record *r = &d->dmarc->record;

	if (d->overridden || !d->dmarc->found)
		return 1;
	return r->p > DMARC_POLICY_NONE || r->sp > DMARC_POLICY_NONE
	    || r->np > DMARC_POLICY_NONE;
}

/* one_domain - the action one From domain calls for */
static enum verdict_action one_domain(const struct verdict_options *opt,
				      const struct verdict_input *in,
				      const struct verdict_domain *d,
				      struct verdict *out)
{
	enum dmarc_result r = d->dmarc->result;
	enum dmarc_disposition dis;

	if (r != DMARC_RESULT_FAIL && r != DMARC_RESULT_TEMPERROR)
		return VERDICT_ACCEPT;
	dis = disposition(d, out);
	if (r == DMARC_RESULT_FAIL && dis == DMARC_DIS_NONE)
		return VERDICT_ACCEPT;
	if (r == DMARC_RESULT_TEMPERROR && !enforces(d))
		return VERDICT_ACCEPT;
	/* Allowances first: where nothing would be enforced, a DNS error
	 * cannot change the outcome and is no reason to defer. */
	if (d->overridden && d->override == DMARC_DIS_NONE)
		return VERDICT_ACCEPT;
	if (in->trusted_forwarder) {
		note(out, "allowed: trusted forwarder (From %s)", d->domain);
		return VERDICT_ACCEPT;
	}
	if (d->exempt) {
		note(out, "allowed: exempt domain %s", d->domain);
		return VERDICT_ACCEPT;
	}
	if (r == DMARC_RESULT_TEMPERROR) {
		if (opt->tempfail_on_dns_error)
			return reply(out, VERDICT_TEMPFAIL, "DNS error while "
				     "authenticating mail from %s, try again later",
				     d->domain);
		/* Never reject for our own DNS trouble. */
		note(out, "DNS error for %s, accepted (TempfailOnDNSError no)", d->domain);
		return VERDICT_ACCEPT;
	}
	return enforce(opt, dis, d->domain, out);
}

/* from_problem - a message whose From cannot be evaluated as one domain */
static int from_problem(const struct verdict_options *opt,
			const struct verdict_input *in, struct verdict *out)
{
	switch (in->from) {
	case VERDICT_FROM_ONE:
		return 0;
	case VERDICT_FROM_MULTIPLE:
		if (opt->multiple_from == VERDICT_MULTIFROM_EVALUATE_ALL)
			return 0;       /* evaluate-all: every domain decides */
		out->would = reply(out, VERDICT_REJECT,
				   "Message has more than one From domain");
		return 1;
	case VERDICT_FROM_MISSING:
	case VERDICT_FROM_NODOMAIN:
		out->would = reply(out, VERDICT_REJECT,
				   "Message has no valid From field (RFC 5322)");
		return 1;
	}
	return 0;
}

void verdict_decide(const struct verdict_options *opt,
		    const struct verdict_input *in, struct verdict *out)
{
	struct verdict scratch;
	enum verdict_action a;
	size_t i, decided = 0;

	memset(out, 0, sizeof(*out));
	if (!from_problem(opt, in, out)) {
		/* The most severe domain wins, with its reply text. */
		for (i = 0; i < in->ndomains; i++) {
			memset(&scratch, 0, sizeof(scratch));
			a = one_domain(opt, in, &in->domains[i], &scratch);
			if (out->note[0] == '\0' && scratch.note[0] != '\0') {
				memcpy(out->note, scratch.note, sizeof(out->note));
				out->note_domain = i;
			}
			out->quarantine_header |= scratch.quarantine_header;
			if (i == 0 || a > out->would) {
				decided = i;
				out->would = a;
				out->smtp_code = scratch.smtp_code;
				out->smtp_xcode = scratch.smtp_xcode;
				memcpy(out->smtp_text, scratch.smtp_text, sizeof(out->smtp_text));
			}
		}
	}
	out->action = out->would;
	if (opt->report_only && out->would != VERDICT_ACCEPT) {
		snprintf(out->note, sizeof(out->note), "report-only: would %s",
			 verdict_action_name(out->would));
		out->note_domain = decided;
		out->action = VERDICT_ACCEPT;
	}
	if (opt->report_only)
		out->quarantine_header = 0;
}

void verdict_refuse(struct verdict *out, const char *text)
{
	memset(out, 0, sizeof(*out));
	out->action = out->would = reply(out, VERDICT_REJECT, "%s", text);
}

const char *verdict_action_name(enum verdict_action a)
{
	switch (a) {
	case VERDICT_ACCEPT: return "accept";
	case VERDICT_QUARANTINE: return "quarantine";
	case VERDICT_TEMPFAIL: return "tempfail";
	case VERDICT_REJECT: return "reject";
	}
	return "unknown";
}
