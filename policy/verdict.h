/*
 * verdict - local policy: what to do with a message, given its DMARC
 * outcome, the state of its From field, DNS trouble met on the way, and
 * the admin's allowances and options.
 *
 * The rules, in order: a From that names no domain, or several domains
 * when MultipleFrom is reject, is refused (550 5.7.1) - never passed
 * silently; a DMARC temperror that could change a reject or quarantine
 * defers (451 4.7.5) - mail is never rejected for our DNS trouble, and
 * never passes because of it. DMARC's own result is the judge of that:
 * it is temperror only when DNS trouble hit the policy lookup or an SPF
 * or DKIM identity that could have aligned with the From domain, so a
 * failure the sender arranged on a name that cannot align (a MAIL FROM
 * domain that answers SERVFAIL) leaves fail, and the policy applies; an
 * allowance (trusted forwarder, exempt domain)
 * turns a reject or quarantine into accept and says so; then the
 * disposition (after any per-domain override) decides. ReportOnly
 * computes all of this and then accepts, keeping what it would have done.
 * Pure function of its inputs; any thread may call it.
 */
#ifndef AUTHMILTER_VERDICT_H
#define AUTHMILTER_VERDICT_H

#include <stddef.h>

#include "dmarc.h"

enum verdict_action {
	VERDICT_ACCEPT,
	VERDICT_QUARANTINE,
	VERDICT_TEMPFAIL,
	VERDICT_REJECT,             /* ordered by severity */
};

enum verdict_quarantine { VERDICT_Q_HOLD, VERDICT_Q_HEADER, VERDICT_Q_ACCEPT };

/* A message whose From names several domains: refused, or judged by
 * every domain (the most severe one decides). */
enum verdict_multifrom { VERDICT_MULTIFROM_REJECT, VERDICT_MULTIFROM_EVALUATE_ALL };

/* What the From field(s) gave. */
enum verdict_from {
	VERDICT_FROM_ONE,           /* one domain (possibly several mailboxes) */
	VERDICT_FROM_MISSING,       /* no From field */
	VERDICT_FROM_NODOMAIN,      /* no usable domain (syntax, empty, literal) */
	VERDICT_FROM_MULTIPLE,      /* several From fields, or several domains */
};

struct verdict_options {
	int reject_failures;        /* RejectFailures */
	enum verdict_quarantine quarantine; /* QuarantineAction */
	int report_only;            /* ReportOnly */
	int tempfail_on_dns_error;  /* TempfailOnDNSError */
	enum verdict_multifrom multiple_from; /* MultipleFrom */
};

/* One From domain and what was found for it. */
struct verdict_domain {
	const char *domain;
	const struct dmarc_outcome *dmarc;
	int exempt;                 /* in ExemptDomains */
	int overridden;             /* in PolicyOverrides, which asks for */
	enum dmarc_disposition override; /* this in place of the domain's */
};

struct verdict_input {
	enum verdict_from from;
	const struct verdict_domain *domains;   /* evaluated From domains */
	size_t ndomains;
	int trusted_forwarder;      /* client in TrustedForwarders */
};

struct verdict {
	enum verdict_action action;     /* what the MTA is told */
	enum verdict_action would;      /* what it would be without ReportOnly */
	int quarantine_header;          /* add X-Authmilter-Quarantine */
	const char *smtp_code;          /* for reject and tempfail */
	const char *smtp_xcode;
	char smtp_text[256];
	char note[160];                 /* allowance or override applied, for
	                                 * the AR comment and the log; "" if none */
	size_t note_domain;             /* index of the domain the note is about */
};

/* verdict_decide - fill OUT from IN under OPT. */
void verdict_decide(const struct verdict_options *opt,
		    const struct verdict_input *in, struct verdict *out);

/* verdict_refuse - OUT becomes a reject (550 5.7.1, TEXT), whatever
 * ReportOnly says: for a message refused before there is anything to
 * judge (msgauth: a flood of forged Authentication-Results fields). */
void verdict_refuse(struct verdict *out, const char *text);

const char *verdict_action_name(enum verdict_action a);

#endif
