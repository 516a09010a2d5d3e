/*
 * dns_spfwalk - the SPF tree walk; see dns_spfwalk.h.
 *
 * One struct walk lives for one walk: the stack of domains being read
 * (for loops and depth), the budgets, and the nested findings gathered
 * so each id is reported once with every place it was seen. One struct
 * tally is what one record and everything below it adds up to.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "dns_spfwalk.h"

#define TERM_SHOWN 80           /* octets of a term quoted in evidence */

struct walk {
	const struct dns_client *dns;
	struct sc_report *r;
	struct sc_spf_walk *out;
	struct timespec deadline;
	int records, queries;
	char stack[SC_SPF_MAX_DEPTH + 1][SC_DNS_NAME_SIZE];
	int depth;                  /* names on the stack */
	struct sc_dns_text ptr;     /* where ptr is used */
	struct sc_dns_text missing; /* includes without a record */
	struct sc_dns_text redirect; /* redirects without a record */
};

struct tally {
	int lookups, voids;
	int all;                    /* see sc_spf_walk.all */
	char via[SC_DNS_NAME_SIZE];
};

/* sc_dns_spfwalk_fetch - one domain's TXT set, the SPF record picked and
 * parsed */
void sc_dns_spfwalk_fetch(const struct dns_client *dns, const char *domain,
			  struct sc_spf_fetched *f)
{
	const struct dns_rr *rr;
	enum spf_record_status st;
	size_t i;

	memset(f, 0, sizeof(*f));
	dns_lookup(dns, domain, DNS_T_TXT, &f->ans);
	if (sc_dns_failed(f->ans.status)) {
		f->found = SC_SPF_FAILED;
		return;
	}
	for (i = 0; i < f->ans.count; i++) {
		rr = &f->ans.rr[i];
		if (rr->text != NULL
		    && spf_record_is_spf(rr->text, rr->textlen)) {
			f->nspf++;
			f->which = i;
		}
	}
	if (f->nspf != 1) {
		f->found = f->nspf ? SC_SPF_MULTIPLE : SC_SPF_NONE;
		return;
	}
	rr = &f->ans.rr[f->which];
	st = spf_record_parse(rr->text, rr->textlen, &f->rec, f->err,
			      sizeof(f->err));
	if (st == SPF_RECORD_OK)
		f->found = SC_SPF_FOUND;
	else if (st == SPF_RECORD_NOMEM)
		f->found = SC_SPF_FAILED;
	else
		f->found = SC_SPF_SYNTAX;
}

/* sc_dns_spfwalk_fetched_free - the answer, and the record if one was parsed */
void sc_dns_spfwalk_fetched_free(struct sc_spf_fetched *f)
{
	if (f->found == SC_SPF_FOUND)
		spf_record_free(&f->rec);
	dns_answer_free(&f->ans);
}

/* sc_dns_spfwalk_quote_records - list the v=spf1 records */
void sc_dns_spfwalk_quote_records(struct sc_dns_text *t,
				  const struct sc_spf_fetched *f, size_t max)
{
	const struct dns_rr *rr;
	size_t i, shown = 0;

	for (i = 0; i < f->ans.count && shown < 8; i++) {
		rr = &f->ans.rr[i];
		if (rr->text == NULL
		    || !spf_record_is_spf(rr->text, rr->textlen))
			continue;
		sc_dns_text_add(t, "\n");
		sc_dns_text_quote(t, rr->text, rr->textlen, max);
		shown++;
	}
	if (shown < f->nspf)
		sc_dns_text_add(t, "\n(%zu more)", f->nspf - shown);
}

/* incomplete - the counts are lower bounds from now on; keep the first
 * reason */
static void incomplete(struct walk *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void incomplete(struct walk *w, const char *fmt, ...)
{
	va_list ap;

	if (w->out->incomplete)
		return;
	w->out->incomplete = 1;
	va_start(ap, fmt);
	vsnprintf(w->out->why, sizeof(w->out->why), fmt, ap);
	va_end(ap);
}

/* over - the lookup limit is broken for a reason counts do not show */
static void over(struct walk *w, const char *what, const char *name)
{
	int i;

	if (w->out->over)
		return;
	w->out->over = 1;
	sc_dns_text_add(&w->out->overwhy, "%s: ", what);
	for (i = 0; i < w->depth; i++)
		sc_dns_text_add(&w->out->overwhy, "%s -> ", w->stack[i]);
	sc_dns_text_add(&w->out->overwhy, "%s", name);
}

/* budget - 0 if one more query may be sent */
static int budget(struct walk *w)
{
	struct timespec now;

	if (w->queries >= SC_SPF_MAX_QUERIES) {
		/* every query belongs to a counted term, at most two each */
		over(w, "walk stopped at the query budget", "...");
		return -1;
	}
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (now.tv_sec > w->deadline.tv_sec
	    || (now.tv_sec == w->deadline.tv_sec
		&& now.tv_nsec >= w->deadline.tv_nsec)) {
		incomplete(w, "the walk took longer than %d ms",
			   SC_SPF_WALK_MS);
		return -1;
	}
	w->queries++;
	return 0;
}

/* spec_name - the target of a term or modifier: SPEC (LEN octets), or
 * DOMAIN when SPEC is NULL. 0 with NAME set, 1 for a macro (depends on
 * the client), -1 for a name DNS cannot carry. */
static int spec_name(const char *spec, size_t len, const char *domain,
		     char *name)
{
	char raw[SC_DNS_NAME_SIZE];

	if (spec == NULL)
		return sc_dns_name_norm(domain, name, SC_DNS_NAME_SIZE);
	if (memchr(spec, '%', len) != NULL)
		return 1;
	if (len >= sizeof(raw) || memchr(spec, '\0', len) != NULL)
		return -1;
	memcpy(raw, spec, len);
	raw[len] = '\0';
	return sc_dns_name_norm(raw, name, SC_DNS_NAME_SIZE);
}

/* shown - how much of a term to quote */
static int shown(size_t len)
{
	return (int) (len > TERM_SHOWN ? TERM_SHOWN : len);
}

/* void_seen - one void lookup, and where */
static void void_seen(struct walk *w, const struct spf_term *t,
		      const char *domain, const char *why, struct tally *tl)
{
	struct sc_dns_text *v = &w->out->voidpath;

	tl->voids++;
	sc_dns_text_add(v, "%s%.*s in %s (%s)", v->tb.len ? "; " : "",
			shown(t->textlen), t->text, domain, why);
}

/* ask - one query of a void check; 1 if it answered with records, 0 if
 * empty, -1 if undecided (the walk is then incomplete) */
static int ask(struct walk *w, const struct spf_term *t, const char *name,
	       enum dns_type type, enum dns_status *st)
{
	struct dns_answer a;

	if (budget(w) < 0)
		return -1;
	dns_lookup(w->dns, name, type, &a);
	*st = a.status;
	dns_answer_free(&a);
	if (*st == DNS_OK)
		return 1;
	if (*st == DNS_TIMEOUT || *st == DNS_SERVFAIL) {
		incomplete(w, "%.*s: %s %s: %s", shown(t->textlen), t->text,
			   name, dns_type_name(type), dns_status_name(*st));
		return -1;
	}
	return 0;
}

/* void_check - a, mx, exists: is the target's answer empty? */
static void void_check(struct walk *w, const char *domain,
		       const struct spf_term *t, struct tally *tl)
{
	char name[SC_DNS_NAME_SIZE];
	enum dns_status st;
	int rc;

	if ((rc = spec_name(t->spec, t->speclen, domain, name)) > 0)
		return;
	if (rc < 0) {
		void_seen(w, t, domain, "not a domain name", tl);
		return;
	}
	if (t->mech == SPF_MECH_MX) {
		rc = ask(w, t, name, DNS_T_MX, &st);
	} else {
		rc = ask(w, t, name, DNS_T_A, &st);
		/* a: a name with AAAA only is no void lookup for everyone */
		if (rc == 0 && t->mech == SPF_MECH_A && st == DNS_NODATA)
			rc = ask(w, t, name, DNS_T_AAAA, &st);
	}
	if (rc == 0)
		void_seen(w, t, domain, st == DNS_NXDOMAIN ? "NXDOMAIN"
			  : "no records", tl);
}

/* note_ptr - RFC 7208 5.5: ptr should not be used, wherever it is */
static void note_ptr(struct walk *w, const char *domain,
		     const struct spf_record *rec)
{
	size_t i;

	for (i = 0; i < rec->nterms; i++)
		if (rec->terms[i].mech == SPF_MECH_PTR)
			sc_dns_text_add(&w->ptr, "%s%.*s in %s",
					w->ptr.tb.len ? "; " : "",
					shown(rec->terms[i].textlen),
					rec->terms[i].text, domain);
}

static void walk_record(struct walk *w, const char *domain,
			const struct spf_record *rec, struct tally *tl,
			int top);

/* missing - an include or redirect target without a usable record */
static void missing(struct walk *w, int redirect, const char *from,
		    const char *spec, size_t len, const char *why)
{
	struct sc_dns_text *t = redirect ? &w->redirect : &w->missing;

	sc_dns_text_add(t, "%s%s%.*s in %s: %s", t->tb.len ? "\n" : "",
			redirect ? "redirect=" : "include:", shown(len), spec,
			from, why);
}

/* nested - a fetched include/redirect target's own trouble */
static void nested(struct walk *w, int redirect, const char *from,
		   const char *name, const struct sc_spf_fetched *f)
{
	const char *kind = redirect ? "redirect=" : "include:";
	struct sc_dns_text t;

	sc_dns_text_init(&t);
	switch (f->found) {
	case SC_SPF_FAILED:
		incomplete(w, "%s%s in %s: TXT %s", kind, name, from,
			   dns_status_name(f->ans.status));
		break;
	case SC_SPF_NONE:
		missing(w, redirect, from, name, strlen(name),
			f->ans.status == DNS_NXDOMAIN ? "NXDOMAIN"
			: "no SPF record");
		break;
	case SC_SPF_MULTIPLE:
		sc_dns_text_add(&t, "%s%s (in %s) has %zu SPF records:", kind,
				name, from, f->nspf);
		sc_dns_spfwalk_quote_records(&t, f, 200);
		sc_found(w->r, SC_ID_SPF_MULTIPLE, "%s", t.s);
		break;
	case SC_SPF_SYNTAX:
		sc_dns_text_add(&t, "%s%s (in %s): %s\n", kind, name, from,
				f->err);
		sc_dns_text_quote(&t, f->ans.rr[f->which].text,
				  f->ans.rr[f->which].textlen, 512);
		sc_found(w->r, SC_ID_SPF_SYNTAX, "%s", t.s);
		break;
	case SC_SPF_FOUND:
		break;
	}
}

/* bounded - 0 if NAME may be read one level further down */
static int bounded(struct walk *w, const char *name)
{
	int i;

	for (i = 0; i < w->depth; i++)
		if (strcmp(w->stack[i], name) == 0) {
			over(w, "loop (evaluation runs into the limit, "
			     "permerror)", name);
			return -1;
		}
	if (w->depth > SC_SPF_MAX_DEPTH) {
		over(w, "nested deeper than 10 levels", name);
		return -1;
	}
	if (w->records >= SC_SPF_MAX_RECORDS) {
		over(w, "walk stopped after 50 records", name);
		return -1;
	}
	return 0;
}

/* follow - an include (SUB NULL) or the redirect (SUB gets the target's
 * tally): fetch, then walk the target's record; counts add into TL */
static void follow(struct walk *w, const char *domain, const char *spec,
		   size_t len, int redirect, struct tally *tl)
{
	struct sc_spf_fetched f;
	struct tally sub;
	char name[SC_DNS_NAME_SIZE];
	int rc;

	memset(&sub, 0, sizeof(sub));
	sub.all = SC_SPF_ALL_UNKNOWN;
	if ((rc = spec_name(spec, len, domain, name)) < 0)
		missing(w, redirect, domain, spec, len, "not a domain name");
	if (rc != 0 || bounded(w, name) < 0 || budget(w) < 0)
		goto done;
	w->records++;
	sc_dns_spfwalk_fetch(w->dns, name, &f);
	nested(w, redirect, domain, name, &f);
	if (f.found == SC_SPF_FOUND) {
		snprintf(w->stack[w->depth++], SC_DNS_NAME_SIZE, "%s", name);
		walk_record(w, name, &f.rec, &sub, 0);
		w->depth--;
		if (sub.via[0] == '\0')
			snprintf(sub.via, sizeof(sub.via), "%s", name);
	}
	sc_dns_spfwalk_fetched_free(&f);
done:
	tl->lookups += sub.lookups;
	tl->voids += sub.voids;
	if (redirect) {
		tl->all = sub.all;
		memcpy(tl->via, sub.via, sizeof(tl->via));
	}
}

/* path - the top record's terms and what each costs */
static void path(struct walk *w, const char *text, size_t len, int n)
{
	struct sc_dns_text *t = &w->out->path;

	sc_dns_text_add(t, "%s%.*s -> %d lookup%s", t->tb.len ? "; " : "",
			shown(len), text, n, n == 1 ? "" : "s");
}

/* walk_record - the terms up to the first all, then the redirect (6.1:
 * ignored when the record has an all) */
static void walk_record(struct walk *w, const char *domain,
			const struct spf_record *rec, struct tally *tl,
			int top)
{
	const struct spf_term *t;
	size_t i;
	int before;

	tl->all = SC_SPF_ALL_NONE;
	note_ptr(w, domain, rec);
	for (i = 0; i < rec->nterms; i++) {
		t = &rec->terms[i];
		if (t->mech == SPF_MECH_ALL) {
			tl->all = (int) t->qualifier;
			return;
		}
		if (t->mech == SPF_MECH_IP4 || t->mech == SPF_MECH_IP6)
			continue;
		before = tl->lookups++;
		if (t->mech == SPF_MECH_INCLUDE)
			follow(w, domain, t->spec, t->speclen, 0, tl);
		else if (t->mech != SPF_MECH_PTR)
			void_check(w, domain, t, tl);
		if (top)
			path(w, t->text, t->textlen, tl->lookups - before);
	}
	if (rec->redirect == NULL)
		return;
	before = tl->lookups++;
	follow(w, domain, rec->redirect, rec->redirectlen, 1, tl);
	if (top) {
		char text[TERM_SHOWN + 16];

		snprintf(text, sizeof(text), "redirect=%.*s",
			 shown(rec->redirectlen), rec->redirect);
		path(w, text, strlen(text), tl->lookups - before);
	}
}

static const char redirect_fix[] =
	"Point redirect= at a domain that publishes an SPF record, or end "
	"the record with -all instead (RFC 7208 6.1 makes a missing target "
	"a permanent error).";

/* report - the nested findings, each once */
static void report(struct walk *w)
{
	if (w->ptr.tb.len > 0)
		sc_found(w->r, SC_ID_SPF_PTR_MECHANISM, "%s", w->ptr.s);
	if (w->missing.tb.len > 0)
		sc_found(w->r, SC_ID_SPF_INCLUDE_MISSING, "%s", w->missing.s);
	if (w->redirect.tb.len > 0)
		sc_found_fix(w->r, SC_ID_SPF_INCLUDE_MISSING, redirect_fix, "%s",
			     w->redirect.s);
}

/* sc_dns_spfwalk - set up the walk from DOMAIN's record */
void sc_dns_spfwalk(const struct dns_client *dns, const char *domain,
		    const struct spf_record *rec, struct sc_report *r,
		    struct sc_spf_walk *out)
{
	struct walk w;
	struct tally tl;

	memset(&w, 0, sizeof(w));
	memset(out, 0, sizeof(*out));
	sc_dns_text_init(&out->path);
	sc_dns_text_init(&out->voidpath);
	sc_dns_text_init(&out->overwhy);
	w.dns = dns;
	w.r = r;
	w.out = out;
	sc_dns_text_init(&w.ptr);
	sc_dns_text_init(&w.missing);
	sc_dns_text_init(&w.redirect);
	clock_gettime(CLOCK_MONOTONIC, &w.deadline);
	w.deadline.tv_sec += SC_SPF_WALK_MS / 1000;
	snprintf(w.stack[0], SC_DNS_NAME_SIZE, "%s", domain);
	w.depth = 1;
	memset(&tl, 0, sizeof(tl));
	walk_record(&w, domain, rec, &tl, 1);
	out->lookups = tl.lookups;
	out->voids = tl.voids;
	out->all = tl.all;
	memcpy(out->all_via, tl.via, sizeof(out->all_via));
	report(&w);
}
