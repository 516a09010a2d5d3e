/*
 * msgauth_field - build our Authentication-Results value; see
 * msgauth_field.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msgauth_field.h"

#define MAX_IDENTITY 320            /* local-part 64 + '@' + domain 255 */
#define MAX_ENTRIES (2 + DKIMV_MAX_SIGNATURES + 1 + MSGAUTH_MAX_FROM + 1)

/* Comment texts live beside the entries that point at them. */
struct field_work {
	struct authres_entry e[MAX_ENTRIES];
	char comment[MAX_ENTRIES][200];
	size_t n;
};

static struct authres_entry *entry(struct field_work *w, const char *method,
				   const char *result)
{
	struct authres_entry *e = &w->e[w->n];

	memset(e, 0, sizeof(*e));
	e->method = method;
	e->result = result;
	w->comment[w->n][0] = '\0';
	w->n++;
	return e;
}

static void prop(struct authres_entry *e, const char *ptype,
		 const char *property, const char *value)
{
	if (value == NULL || value[0] == '\0' || e->nprops == AUTHRES_MAX_PROPS)
		return;
	e->props[e->nprops].ptype = ptype;
	e->props[e->nprops].property = property;
	e->props[e->nprops].value = value;
	e->nprops++;
}

/* spf_entry - an identity longer than a domain name can be is left out:
 * HELO and MAIL FROM are the client's, and one overlong value must not
 * cost us the field */
static void spf_entry(struct field_work *w, const struct spf_outcome *o,
		      const char *property, const char *value)
{
	struct authres_entry *e = entry(w, "spf", spf_result_name(o->result));

	if (o->result != SPF_PASS && o->reason[0] != '\0')
		e->comment = o->reason;
	if (strlen(value) > MAX_IDENTITY) {
		if (e->comment == NULL)
			e->comment = "identity too long to show";
		return;
	}
	prop(e, "smtp", property, value);
}

static void dkim_entry(struct field_work *w, const struct dkimv_signature *s)
{
	struct authres_entry *e = entry(w, "dkim", dkimv_result_name(s->result));

	if (s->result != DKIMV_PASS && s->reason[0] != '\0')
		e->comment = s->reason;
	prop(e, "header", "d", s->d);
	prop(e, "header", "i", s->i);
	prop(e, "header", "s", s->s);
	prop(e, "header", "a", s->a);
	prop(e, "header", "b", s->b);
}

/* dkim_entries - at most KEEP signatures, then one entry for the rest */
static void dkim_entries(struct field_work *w, const struct dkimv_results *r,
			 size_t keep)
{
	size_t i, rest = r->ignored + (r->count > keep ? r->count - keep : 0);
	struct authres_entry *e;

	if (r->count == 0 && r->ignored == 0) {
		entry(w, "dkim", "none");
		return;
	}
	for (i = 0; i < r->count && i < keep; i++)
		dkim_entry(w, &r->sig[i]);
	if (rest == 0)
		return;
	e = entry(w, "dkim", "neutral");
	snprintf(w->comment[w->n - 1], sizeof(w->comment[0]),
		 "too many signatures: %zu more not verified", rest);
	e->comment = w->comment[w->n - 1];
}

/* applied - what ACTION does to the message, as DMARC's dis= names it;
 * a deferral decides nothing yet: the policy's own */
static enum dmarc_disposition applied(enum verdict_action action,
				      const struct dmarc_outcome *o)
{
	switch (action) {
	case VERDICT_ACCEPT: return DMARC_DIS_NONE;
	case VERDICT_QUARANTINE: return DMARC_DIS_QUARANTINE;
	case VERDICT_REJECT: return DMARC_DIS_REJECT;
	case VERDICT_TEMPFAIL: break;
	}
	return o->disposition;
}

/* dmarc_entry - p= and sp= are what the domain asks; dis= is what was
 * done (RFC 7489 7.2.1.1: the disposition applied), so a ReportOnly or
 * overridden message says dis=none beside p=reject, and the note why */
static void dmarc_entry(struct field_work *w, const struct dmarc_outcome *o,
			const char *domain, const char *note,
			enum verdict_action action)
{
	struct authres_entry *e = entry(w, "dmarc", dmarc_result_name(o->result));
	char *c = w->comment[w->n - 1];
	size_t len = sizeof(w->comment[0]), n;

	if (o->found)
		dmarc_policy_comment(o, applied(action, o), c, len);
	else
		snprintf(c, len, "%s", o->reason);
	n = strlen(c);
	if (note[0] != '\0')
		snprintf(c + n, len - n, "%s%s", n > 0 ? "; " : "", note);
	if (c[0] != '\0')
		e->comment = c;
	prop(e, "header", "from", domain);
}

/* fill - every entry, with at most KEEP DKIM signatures */
static void fill(struct field_work *w, const struct msgauth_results *r,
		 const struct verdict *v, size_t keep)
{
	size_t i;

	w->n = 0;
	if (r->spf_mailfrom != NULL)
		spf_entry(w, r->spf_mailfrom, "mailfrom", r->mailfrom);
	if (r->spf_helo != NULL)
		spf_entry(w, r->spf_helo, "helo", r->helo);
	if (r->dkim != NULL)
		dkim_entries(w, r->dkim, keep);
	if (r->ndmarc == 0 && r->from_problem != NULL) {
		struct authres_entry *e = entry(w, "dmarc", "permerror");

		e->comment = r->from_problem;
	}
	for (i = 0; r->dmarc != NULL && i < r->ndmarc; i++)
		dmarc_entry(w, &r->dmarc[i], r->from_domains[i],
			    i == v->note_domain ? v->note : "", v->action);
}

int msgauth_field_build(const char *authserv_id,
			const struct msgauth_results *r,
			const struct verdict *v, char *buf, size_t len)
{
	struct field_work *w = malloc(sizeof(*w));
	size_t keep = DKIMV_MAX_SIGNATURES;
	int rc;

	if (w == NULL)
		return -1;
	for (;;) {
		fill(w, r, v, keep);
		rc = authres_format(authserv_id, w->e, w->n, buf, len);
		if (rc >= 0 || keep == 0)
			break;
		keep = keep > 8 ? 8 : keep / 2;
	}
	free(w);
	return rc < 0 ? -1 : 0;
}
