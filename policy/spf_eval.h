/*
 * spf_eval - state shared by the SPF evaluator's two halves: spf.c (record
 * selection, the check_host() recursion, limits, explanations) and
 * spf_mech.c (matching one mechanism). Internal: nothing outside
 * policy/spf*.c includes this.
 *
 * One struct spf_eval lives for one evaluation, so the DNS-term and void
 * counters cover every include and redirect; one struct spf_frame lives
 * for one check_host() level (one <domain>).
 */
#ifndef AUTHMILTER_SPF_EVAL_H
#define AUTHMILTER_SPF_EVAL_H

#include <time.h>

#include "spf.h"
#include "spf_macro.h"
#include "spf_record.h"

/* The term limit already bounds recursion; this is a second fence. */
#define SPF_MAX_DEPTH (SPF_MAX_DNS_TERMS + 2)

struct spf_eval {
	const struct dns_client *dns;
	const struct spf_request *req;
	struct spf_outcome *out;
	struct netaddr ip;          /* the client, IPv4-mapped form undone */
	char ip_macro[72];          /* %{i}: dotted quad or 32 nibbles */
	char ip_text[NETADDR_STRLEN];       /* %{c} */
	char reverse[80];           /* the PTR query name of ip */
	char *sender;               /* <sender>, "postmaster@" filled in */
	char *local;                /* %{l} */
	const char *sender_domain;  /* %{o}, inside sender */
	time_t now;
	struct timespec deadline;   /* CLOCK_MONOTONIC; see spf_eval_lookup */
	int overtime;               /* the deadline passed */
	int depth;
};

struct spf_frame {
	struct spf_eval *ev;
	const char *domain;         /* <domain> of this level */
	struct spf_macro_env env;
	int ptr_done;               /* %{p} looked up at this level */
	char ptr_name[256];
};

enum spf_match {
	SPF_NOMATCH,
	SPF_MATCH,
	SPF_MATCH_ERROR,            /* *err says temperror or permerror */
};

/* spf_mech_match - evaluate mechanism T at frame F (spf_mech.c). */
enum spf_match spf_mech_match(struct spf_frame *f, const struct spf_term *t,
			      enum spf_result *err);

/* spf_frame_ptr_name - %{p} for the frame passed as ARG (spf_mech.c). */
const char *spf_frame_ptr_name(void *arg);

/* spf_eval_domain - check_host() for DOMAIN within EV (spf.c); WANT_EXP
 * is 0 inside include, whose exp= must not be used (6.2). */
enum spf_result spf_eval_domain(struct spf_eval *ev, const char *domain,
				int want_exp);

/* spf_eval_count_term / spf_eval_count_void - count one DNS-querying term
 * or one void lookup; -1 (reason set) once over the limit: permerror. */
int spf_eval_count_term(struct spf_eval *ev);
int spf_eval_count_void(struct spf_eval *ev);

/* spf_eval_lookup - every DNS query of an evaluation goes through here:
 * past the deadline it answers DNS_TIMEOUT without asking anyone, so a
 * record full of ptr (whose DNS errors do not stop evaluation) cannot
 * hold the caller longer than max_ms plus one query. */
void spf_eval_lookup(struct spf_eval *ev, const char *name,
		     enum dns_type type, struct dns_answer *ans);

/* spf_eval_reason - set the outcome's reason text. */
void spf_eval_reason(struct spf_eval *ev, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* spf_eval_name - NAME made safe to print in a reason; returns BUF. */
const char *spf_eval_name(const char *name, char *buf, size_t buflen);

#endif
