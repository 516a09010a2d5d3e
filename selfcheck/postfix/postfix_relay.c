/*
 * postfix_relay - postfix.relay_unrestricted: can a stranger relay?
 *
 * smtpd evaluates smtpd_relay_restrictions, then
 * smtpd_recipient_restrictions, each from left to right until one
 * restriction decides; a message must pass both. Relaying is stopped
 * when at least one list reaches reject_unauth_destination or
 * defer_unauth_destination (or an unconditional reject, defer,
 * defer_all, defer_if_permit, or the obsolete check_relay_domains)
 * before an unconditional "permit". smtpd itself refuses to start when
 * neither list has one before a literal "permit" (the evidence says so:
 * such a Postfix relays nothing, but takes no mail either); what it
 * does not see, and this check does, is a permit hidden in a class or a
 * static table. The rule applied here:
 *
 *   - "permit", and a check_*_access with a static:OK table, permit
 *     everyone: reached first, the list lets strangers through;
 *   - permit_mynetworks, permit_sasl_authenticated, other permit_*
 *     and check_* lookups (access maps, policy services, DNS white
 *     lists) permit only some clients: they do not open the list, but
 *     a lookup before the guard is named in the evidence, since a map
 *     answering OK for a wide pattern would;
 *   - a restriction class named directly in the list is evaluated as
 *     Postfix does, in place (nested up to 8 deep); one reached only
 *     through an access map result counts as a lookup;
 *   - warn_if_reject in front of a guard turns it into a log line: it
 *     no longer guards.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "postfix.h"
#include "postfix_list.h"
#include "postfix_text.h"

#define MAX_DEPTH 8
#define NAME_MAX_LEN 256
#define MAX_STEPS 20000          /* list elements looked at, all told:
				  * classes naming classes stay cheap */

enum verdict { V_NONE, V_GUARD, V_PERMIT };

struct walk {
	enum verdict v;
	char at[160];                /* the restriction that decided */
	char lookups[512];           /* permit-capable lookups before it */
	unsigned steps;              /* elements looked at so far */
};

static const char *const guards[] = {
	"reject_unauth_destination", "defer_unauth_destination",
	"reject", "defer", "defer_all", "defer_if_permit",
	"check_relay_domains",
};

/* is_guard - a restriction that stops a stranger's relay attempt */
static int is_guard(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(guards) / sizeof(guards[0]); i++)
		if (strcasecmp(name, guards[i]) == 0)
			return 1;
	return 0;
}

/* takes_arg - restrictions followed by a table, service or zone */
static int takes_arg(const char *name)
{
	return strncasecmp(name, "check_", 6) == 0
	    || strncasecmp(name, "reject_rhsbl_", 13) == 0
	    || strcasecmp(name, "reject_rbl_client") == 0
	    || strcasecmp(name, "permit_dnswl_client") == 0
	    || strcasecmp(name, "permit_rhswl_client") == 0
	    || strcasecmp(name, "sleep") == 0;
}

/* may_permit - a restriction that permits some clients or senders */
static int may_permit(const char *name)
{
	return strncasecmp(name, "check_", 6) == 0
	    || strncasecmp(name, "permit_", 7) == 0;
}

/* static_ok - ARG is a table that answers OK to every lookup */
static int static_ok(const char *arg)
{
	const char *v;
	size_t len;

	if (strncasecmp(arg, "static:", 7) != 0)
		return 0;
	v = arg + 7;
	len = strlen(v);
	if (sc_postfix_list_group(v, len, &v, &len) == 0)
		v = arg + 7;
	return (len == 2 && strncasecmp(v, "OK", 2) == 0)
	    || (len == 6 && strncasecmp(v, "PERMIT", 6) == 0);
}

/* is_class - NAME is a parameter listed in smtpd_restriction_classes */
static int is_class(const struct sc_postconf *pc, const char *name,
		    struct walk *w)
{
	const char *cur = sc_postconf_get(pc, "smtpd_restriction_classes");
	const char *tok;
	size_t len;

	if (sc_postconf_get(pc, name) == NULL)
		return 0;
	while (cur && w->steps++ < MAX_STEPS
	       && sc_postfix_list_next(&cur, SC_POSTFIX_LIST_SEP, &tok, &len))
		if (len == strlen(name) && strncmp(tok, name, len) == 0)
			return 1;
	return 0;
}

/* note - append TEXT to the lookups seen so far */
static void note(struct walk *w, const char *text)
{
	sc_pf_append(w->lookups, sizeof(w->lookups), ", ", "%s", text);
}

static void walk_list(const struct sc_postconf *pc, const char *list,
		      int depth, struct walk *w);

/* walk_class - a class named in place: its own list decides, or not */
static int walk_class(const struct sc_postconf *pc, const char *name,
		      int depth, struct walk *w)
{
	const char *body = sc_postconf_get(pc, name);
	char at[sizeof(w->at)];

	if (body == NULL || depth >= MAX_DEPTH) {
		note(w, name);
		return 0;
	}
	walk_list(pc, body, depth + 1, w);
	if (w->v == V_NONE)
		return 0;
	sc_pf_set(at, sizeof(at), "%s (restriction class): %s", name, w->at);
	sc_pf_set(w->at, sizeof(w->at), "%s", at);
	return 1;
}

/* with_arg - a restriction and its argument; 1 if it permits everyone */
static int with_arg(const char *name, const char **cur, struct walk *w)
{
	char arg[NAME_MAX_LEN], both[2 * NAME_MAX_LEN + 2];
	const char *tok;
	size_t len;

	arg[0] = '\0';
	if (sc_postfix_list_next(cur, SC_POSTFIX_LIST_SEP, &tok, &len))
		(void) sc_postfix_list_copy(tok, len, arg, sizeof(arg));
	sc_pf_set(both, sizeof(both), "%s %s", name, arg[0] ? arg : "(long)");
	if (may_permit(name) && static_ok(arg)) {
		sc_pf_set(w->at, sizeof(w->at), "%s", both);
		return 1;
	}
	if (may_permit(name))
		note(w, both);
	return 0;
}

/* walk_list - evaluate LIST as smtpd would for a stranger relaying */
static void walk_list(const struct sc_postconf *pc, const char *list,
		      int depth, struct walk *w)
{
	char name[NAME_MAX_LEN];
	const char *cur = list, *tok;
	size_t len;
	int warn = 0;

	w->v = V_NONE;
	while (w->steps++ < MAX_STEPS
	       && sc_postfix_list_next(&cur, SC_POSTFIX_LIST_SEP, &tok, &len)) {
		if (sc_postfix_list_copy(tok, len, name, sizeof(name)) != 0)
			continue;
		if (strcasecmp(name, "warn_if_reject") == 0) {
			warn = 1;
			continue;
		}
		if (is_guard(name) && !warn) {
			w->v = V_GUARD;
			sc_pf_set(w->at, sizeof(w->at), "%s", name);
			return;
		}
		warn = 0;
		if (strcasecmp(name, "permit") == 0) {
			w->v = V_PERMIT;
			sc_pf_set(w->at, sizeof(w->at), "permit");
			return;
		}
		if (takes_arg(name)) {
			if (with_arg(name, &cur, w)) {
				w->v = V_PERMIT;
				return;
			}
		} else if (is_class(pc, name, w)) {
			if (walk_class(pc, name, depth, w))
				return;
		} else if (may_permit(name)) {
			note(w, name);
		}
	}
}

/* describe - one line of evidence for one list */
static void describe(char *buf, size_t size, const char *param,
		     const char *value, const struct walk *w)
{
	const char *why = w->v == V_PERMIT ? "unconditional permit first: "
	    : w->steps >= MAX_STEPS ? "gave up: too many elements and classes"
	    " to follow, and no reject_unauth_destination before that"
	    : "no reject_unauth_destination or defer_unauth_destination";

	sc_pf_set(buf, size, "%s = %.400s\n  -> %s%s%s%s", param,
		  value[0] ? value : "(empty)", why,
		  w->v == V_PERMIT ? w->at : "",
		  w->lookups[0] ? "; lookups before that may permit: " : "",
		  w->lookups);
}

/* smtpd_starts - LIST has what smtpd itself insists on before it starts
 * (smtpd_check.c, seen here with 3.7: "specify at least one working
 * instance of ..."): one of its guards before any literal "permit"; a
 * guard after "permit" is "ignored" */
static int smtpd_starts(const char *list)
{
	static const char *const working[] = {
		"reject_unauth_destination", "defer_unauth_destination",
		"reject", "defer", "defer_if_permit", "check_relay_domains",
	};
	char name[NAME_MAX_LEN];
	const char *cur = list, *tok;
	size_t len, i;
	unsigned steps = 0;

	while (steps++ < MAX_STEPS && sc_postfix_list_next(&cur, SC_POSTFIX_LIST_SEP, &tok, &len)) {
		if (sc_postfix_list_copy(tok, len, name, sizeof(name)) != 0)
			continue;
		if (strcasecmp(name, "permit") == 0)
			return 0;
		for (i = 0; i < sizeof(working) / sizeof(working[0]); i++)
			if (strcasecmp(name, working[i]) == 0)
				return 1;
	}
	return 0;
}

void sc_pf_relay(struct sc_report *r, const struct sc_postconf *pc)
{
	const char *relay = sc_postconf_get(pc, "smtpd_relay_restrictions");
	const char *rcpt = sc_postconf_get(pc, "smtpd_recipient_restrictions");
	struct walk wr, wc;
	char er[800], ec[800];

	if (relay == NULL && rcpt == NULL)
		return;
	memset(&wr, 0, sizeof(wr));
	memset(&wc, 0, sizeof(wc));
	walk_list(pc, relay ? relay : "", 0, &wr);
	walk_list(pc, rcpt ? rcpt : "", 0, &wc);
	if (wr.v == V_GUARD || wc.v == V_GUARD)
		return;
	describe(er, sizeof(er), "smtpd_relay_restrictions", relay ? relay : "", &wr);
	describe(ec, sizeof(ec), "smtpd_recipient_restrictions", rcpt ? rcpt : "", &wc);
	sc_found(r, SC_ID_POSTFIX_RELAY_UNRESTRICTED, "%s\n%s%s", er, ec,
		 smtpd_starts(relay ? relay : "") || smtpd_starts(rcpt ? rcpt : "")
		 ? "" : "\n(smtpd refuses to start like this: it wants"
		 " reject_unauth_destination, defer_unauth_destination, reject,"
		 " defer or defer_if_permit before any permit in one of the"
		 " lists; until then this Postfix takes no mail at all)");
}
