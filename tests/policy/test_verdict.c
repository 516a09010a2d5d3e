/* test_verdict - local policy, one row per rule: dispositions, DNS
 * trouble, allowances, overrides, ReportOnly, and the From cases that must
 * never pass silently (CVE-2019-16378, CVE-2021-34555). */
#include <stdio.h>
#include <string.h>

#include "tests/lib/tap.h"
#include "policy/verdict.h"

#define P DMARC_RESULT_PASS
#define F DMARC_RESULT_FAIL
#define T DMARC_RESULT_TEMPERROR
#define N DMARC_RESULT_NONE
#define E DMARC_RESULT_PERMERROR
#define U (-1)                  /* no PolicyOverrides entry */

/* opts: reject_failures, quarantine, report_only, tempfail_on_dns_error,
 * multiple_from */
#define MF_REJECT VERDICT_MULTIFROM_REJECT
#define MF_ALL VERDICT_MULTIFROM_EVALUATE_ALL
static const struct verdict_options std = { 1, VERDICT_Q_HOLD, 0, 1, MF_REJECT };

struct row {
	const char *what;
	struct verdict_options opt;
	enum verdict_from from;
	enum dmarc_result r1; enum dmarc_disposition dis1; int exempt1; int ovr1;
	int two;                    /* a second From domain (evaluate-all) */
	enum dmarc_result r2; enum dmarc_disposition dis2;
	int forwarder;
	enum verdict_action action, would;
	const char *reply;          /* "550 5.7.1 text" or NULL */
	const char *note;           /* expected note, or NULL for "" */
	int header;
	int note_domain;            /* with two domains: which one the note is about */
	enum dmarc_policy p1;       /* first domain's record p= (sp= and np=
	                             * alike); unset: no record found */
};

static const struct row rows[] = {
	{ "pass accepted", std, VERDICT_FROM_ONE, P, DMARC_DIS_NONE, 0, U, 0, 0, 0, 0,
	  VERDICT_ACCEPT, VERDICT_ACCEPT, NULL, NULL, 0, 0, DMARC_POLICY_UNSET },
	{ "none (no policy) accepted", std, VERDICT_FROM_ONE, N, DMARC_DIS_NONE, 0, U, 0, 0, 0, 0,
	  VERDICT_ACCEPT, VERDICT_ACCEPT, NULL, NULL, 0, 0, DMARC_POLICY_UNSET },
	{ "permerror accepted", std, VERDICT_FROM_ONE, E, DMARC_DIS_NONE, 0, U, 0, 0, 0, 0,
	  VERDICT_ACCEPT, VERDICT_ACCEPT, NULL, NULL, 0, 0, DMARC_POLICY_UNSET },
	{ "fail p=none accepted", std, VERDICT_FROM_ONE, F, DMARC_DIS_NONE, 0, U, 0, 0, 0, 0,
	  VERDICT_ACCEPT, VERDICT_ACCEPT, NULL, NULL, 0, 0, DMARC_POLICY_UNSET },
	{ "fail dis=reject: 550", std, VERDICT_FROM_ONE, F, DMARC_DIS_REJECT, 0, U, 0, 0, 0, 0,
	  VERDICT_REJECT, VERDICT_REJECT, "550 5.7.1 Rejected by DMARC policy for a.example", NULL, 0, 0, DMARC_POLICY_UNSET },
	{ "fail dis=reject, RejectFailures no: accepted with a note",
	  { 0, VERDICT_Q_HOLD, 0, 1, MF_REJECT }, VERDICT_FROM_ONE, F, DMARC_DIS_REJECT, 0, U, 0, 0, 0, 0,
	  VERDICT_ACCEPT, VERDICT_ACCEPT, NULL, "reject for a.example not enforced (RejectFailures no)", 0, 0, DMARC_POLICY_UNSET },
	{ "fail dis=quarantine, hold", std, VERDICT_FROM_ONE, F, DMARC_DIS_QUARANTINE, 0, U, 0, 0, 0, 0,
	  VERDICT_QUARANTINE, VERDICT_QUARANTINE, NULL, NULL, 0, 0, DMARC_POLICY_UNSET },
	{ "fail dis=quarantine, header", { 1, VERDICT_Q_HEADER, 0, 1, MF_REJECT }, VERDICT_FROM_ONE,
	  F, DMARC_DIS_QUARANTINE, 0, U, 0, 0, 0, 0,
	  VERDICT_ACCEPT, VERDICT_ACCEPT, NULL, NULL, 1, 0, DMARC_POLICY_UNSET },
	{ "fail dis=quarantine, accept", { 1, VERDICT_Q_ACCEPT, 0, 1, MF_REJECT }, VERDICT_FROM_ONE,
	  F, DMARC_DIS_QUARANTINE, 0, U, 0, 0, 0, 0,
	  VERDICT_ACCEPT, VERDICT_ACCEPT, NULL, NULL, 0, 0, DMARC_POLICY_UNSET },
	{ "DMARC temperror (an aligned identity's DNS trouble), p=reject: 451", std, VERDICT_FROM_ONE,
	  T, DMARC_DIS_NONE, 0, U, 0, 0, 0, 0,
	  VERDICT_TEMPFAIL, VERDICT_TEMPFAIL, "451 4.7.5 DNS error while authenticating mail from a.example, try again later", NULL, 0, 0,
	  DMARC_POLICY_REJECT },
	{ "DMARC temperror, p=quarantine: 451", std, VERDICT_FROM_ONE,
	  T, DMARC_DIS_NONE, 0, U, 0, 0, 0, 0,
	  VERDICT_TEMPFAIL, VERDICT_TEMPFAIL, "451 4.7.5 DNS error while authenticating mail from a.example, try again later", NULL, 0, 0,
	  DMARC_POLICY_QUARANTINE },
	{ "DMARC temperror, p=none (sp, np none): nothing to change, accepted", std, VERDICT_FROM_ONE,
	  T, DMARC_DIS_NONE, 0, U, 0, 0, 0, 0,
	  VERDICT_ACCEPT, VERDICT_ACCEPT, NULL, NULL, 0, 0, DMARC_POLICY_NONE },
	{ "DMARC temperror, p=none but a local override reject: 451", std, VERDICT_FROM_ONE,
	  T, DMARC_DIS_NONE, 0, DMARC_DIS_REJECT, 0, 0, 0, 0,
	  VERDICT_TEMPFAIL, VERDICT_TEMPFAIL, "451 4.7.5 DNS error while authenticating mail from a.example, try again later",
	  "local policy for a.example: reject", 0, 0, DMARC_POLICY_NONE },
	{ "DMARC policy lookup temperror (no record known): 451", std, VERDICT_FROM_ONE, T, DMARC_DIS_NONE, 0, U, 0, 0, 0, 0,
	  VERDICT_TEMPFAIL, VERDICT_TEMPFAIL, "451 4.7.5 DNS error while authenticating mail from a.example, try again later", NULL, 0, 0, DMARC_POLICY_UNSET },
	{ "DMARC temperror, TempfailOnDNSError no: accepted, never rejected",
	  { 1, VERDICT_Q_HOLD, 0, 0, MF_REJECT }, VERDICT_FROM_ONE, T, DMARC_DIS_NONE, 0, U, 0, 0, 0, 0,
	  VERDICT_ACCEPT, VERDICT_ACCEPT, NULL, "DNS error for a.example, accepted (TempfailOnDNSError no)", 0, 0,
	  DMARC_POLICY_REJECT },
	{ "fail dis=reject (DNS trouble only on identities that cannot align): 550", std, VERDICT_FROM_ONE,
	  F, DMARC_DIS_REJECT, 0, U, 0, 0, 0, 0,
	  VERDICT_REJECT, VERDICT_REJECT, "550 5.7.1 Rejected by DMARC policy for a.example", NULL, 0, 0,
	  DMARC_POLICY_REJECT },
	{ "fail dis=reject, TempfailOnDNSError no: still 550, DMARC decided",
	  { 1, VERDICT_Q_HOLD, 0, 0, MF_REJECT }, VERDICT_FROM_ONE, F, DMARC_DIS_REJECT, 0, U, 0, 0, 0, 0,
	  VERDICT_REJECT, VERDICT_REJECT, "550 5.7.1 Rejected by DMARC policy for a.example", NULL, 0, 0,
	  DMARC_POLICY_REJECT },
	{ "trusted forwarder: reject turned into accept, said", std, VERDICT_FROM_ONE,
	  F, DMARC_DIS_REJECT, 0, U, 0, 0, 0, 1,
	  VERDICT_ACCEPT, VERDICT_ACCEPT, NULL, "allowed: trusted forwarder (From a.example)", 0, 0, DMARC_POLICY_UNSET },
	{ "trusted forwarder with DMARC temperror: no reason to defer", std, VERDICT_FROM_ONE,
	  T, DMARC_DIS_NONE, 0, U, 0, 0, 0, 1,
	  VERDICT_ACCEPT, VERDICT_ACCEPT, NULL, "allowed: trusted forwarder (From a.example)", 0, 0, DMARC_POLICY_UNSET },
	{ "exempt domain: reject turned into accept, said", std, VERDICT_FROM_ONE,
	  F, DMARC_DIS_REJECT, 1, U, 0, 0, 0, 0,
	  VERDICT_ACCEPT, VERDICT_ACCEPT, NULL, "allowed: exempt domain a.example", 0, 0, DMARC_POLICY_UNSET },
	{ "override none on a reject domain", std, VERDICT_FROM_ONE,
	  F, DMARC_DIS_REJECT, 0, DMARC_DIS_NONE, 0, 0, 0, 0,
	  VERDICT_ACCEPT, VERDICT_ACCEPT, NULL, "local policy for a.example: none", 0, 0, DMARC_POLICY_UNSET },
	{ "override reject on a p=none domain that fails", std, VERDICT_FROM_ONE,
	  F, DMARC_DIS_NONE, 0, DMARC_DIS_REJECT, 0, 0, 0, 0,
	  VERDICT_REJECT, VERDICT_REJECT, "550 5.7.1 Rejected by DMARC policy for a.example", "local policy for a.example: reject", 0, 0, DMARC_POLICY_UNSET },
	{ "override reject does nothing to a pass", std, VERDICT_FROM_ONE,
	  P, DMARC_DIS_NONE, 0, DMARC_DIS_REJECT, 0, 0, 0, 0,
	  VERDICT_ACCEPT, VERDICT_ACCEPT, NULL, NULL, 0, 0, DMARC_POLICY_UNSET },
	{ "ReportOnly: accepted, would reject, said", { 1, VERDICT_Q_HOLD, 1, 1, MF_REJECT }, VERDICT_FROM_ONE,
	  F, DMARC_DIS_REJECT, 0, U, 0, 0, 0, 0,
	  VERDICT_ACCEPT, VERDICT_REJECT, NULL, "report-only: would reject", 0, 0, DMARC_POLICY_UNSET },
	{ "ReportOnly: quarantine header not added", { 1, VERDICT_Q_HEADER, 1, 1, MF_REJECT }, VERDICT_FROM_ONE,
	  F, DMARC_DIS_QUARANTINE, 0, U, 0, 0, 0, 0,
	  VERDICT_ACCEPT, VERDICT_ACCEPT, NULL, NULL, 0, 0, DMARC_POLICY_UNSET },
	{ "CVE-2019-16378: two From domains, MultipleFrom reject: 550", std, VERDICT_FROM_MULTIPLE,
	  P, DMARC_DIS_NONE, 0, U, 1, F, DMARC_DIS_NONE, 0,
	  VERDICT_REJECT, VERDICT_REJECT, "550 5.7.1 Message has more than one From domain", NULL, 0, 0, DMARC_POLICY_UNSET },
	{ "CVE-2019-16378: evaluate-all, second domain fails p=reject: 550 for it", { 1, VERDICT_Q_HOLD, 0, 1, MF_ALL },
	  VERDICT_FROM_MULTIPLE, P, DMARC_DIS_NONE, 0, U, 1, F, DMARC_DIS_REJECT, 0,
	  VERDICT_REJECT, VERDICT_REJECT, "550 5.7.1 Rejected by DMARC policy for b.example", NULL, 0, 0, DMARC_POLICY_UNSET },
	{ "evaluate-all under ReportOnly: the note is about the domain that decided",
	  { 1, VERDICT_Q_HOLD, 1, 1, MF_ALL }, VERDICT_FROM_MULTIPLE, P, DMARC_DIS_NONE, 0, U, 1, F, DMARC_DIS_REJECT, 0,
	  VERDICT_ACCEPT, VERDICT_REJECT, NULL, "report-only: would reject", 0, 1, DMARC_POLICY_UNSET },
	{ "evaluate-all, both pass: accepted", { 1, VERDICT_Q_HOLD, 0, 1, MF_ALL },
	  VERDICT_FROM_MULTIPLE, P, DMARC_DIS_NONE, 0, U, 1, P, DMARC_DIS_NONE, 0,
	  VERDICT_ACCEPT, VERDICT_ACCEPT, NULL, NULL, 0, 0, DMARC_POLICY_UNSET },
	{ "CVE-2021-34555: no usable From domain: 550, not a crash, not a pass", std, VERDICT_FROM_NODOMAIN,
	  E, DMARC_DIS_NONE, 0, U, 0, 0, 0, 0,
	  VERDICT_REJECT, VERDICT_REJECT, "550 5.7.1 Message has no valid From field (RFC 5322)", NULL, 0, 0, DMARC_POLICY_UNSET },
	{ "no From field: 550", std, VERDICT_FROM_MISSING, E, DMARC_DIS_NONE, 0, U, 0, 0, 0, 0,
	  VERDICT_REJECT, VERDICT_REJECT, "550 5.7.1 Message has no valid From field (RFC 5322)", NULL, 0, 0, DMARC_POLICY_UNSET },
	{ "no From field under ReportOnly: accepted, would reject", { 1, VERDICT_Q_HOLD, 1, 1, MF_REJECT },
	  VERDICT_FROM_MISSING, E, DMARC_DIS_NONE, 0, U, 0, 0, 0, 0,
	  VERDICT_ACCEPT, VERDICT_REJECT, NULL, "report-only: would reject", 0, 0, DMARC_POLICY_UNSET },
};

static void run(const struct row *r)
{
	struct dmarc_outcome o1, o2;
	struct verdict_domain d[2];
	struct verdict_input in;
	struct verdict v;
	char got[320];

	memset(&o1, 0, sizeof(o1));
	memset(&o2, 0, sizeof(o2));
	o1.result = r->r1;
	o1.disposition = r->dis1;
	o1.found = r->p1 != DMARC_POLICY_UNSET;
	o1.record.p = o1.record.sp = o1.record.np = r->p1;
	o2.result = r->r2;
	o2.disposition = r->dis2;
	d[0] = (struct verdict_domain) { "a.example", &o1, r->exempt1, r->ovr1 != U,
					 r->ovr1 != U ? (enum dmarc_disposition) r->ovr1
					 : DMARC_DIS_NONE };
	d[1] = (struct verdict_domain) { "b.example", &o2, 0, 0, DMARC_DIS_NONE };
	memset(&in, 0, sizeof(in));
	in.from = r->from;
	in.domains = d;
	in.ndomains = r->two ? 2 : 1;
	in.trusted_forwarder = r->forwarder;
	verdict_decide(&r->opt, &in, &v);
	is_str(verdict_action_name(v.action), verdict_action_name(r->action), "%s: action", r->what);
	is_str(verdict_action_name(v.would), verdict_action_name(r->would), "%s: would", r->what);
	if (v.action == VERDICT_REJECT || v.action == VERDICT_TEMPFAIL) {
		snprintf(got, sizeof(got), "%s %s %s", v.smtp_code, v.smtp_xcode, v.smtp_text);
		is_str(got, r->reply, "%s: reply", r->what);
	} else if (r->reply != NULL) {
		ok(0, "%s: expected a reply %s", r->what, r->reply);
	}
	is_str(v.note, r->note ? r->note : "", "%s: note", r->what);
	is_int(v.quarantine_header, r->header, "%s: quarantine header", r->what);
	if (r->two && v.note[0] != '\0')
		is_int((long) v.note_domain, r->note_domain, "%s: note is about domain %d",
		       r->what, r->note_domain);
}

int main(void)
{
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		run(&rows[i]);
	return tap_done();
}
