/*
 * finding - the findings of one run; see finding.h.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/array.h"
#include "util/printable.h"
#include "finding.h"

/* NO_CAP - a run's findings are bounded by its checks, not by a cap:
 * only array's size_t overflow check applies */
#define NO_CAP(p) (SIZE_MAX / sizeof(*(p)))

static const char *const severity_names[] = {
	"info", "low", "medium", "high", "critical",
};

const char *sc_severity_name(enum sc_severity s)
{
	return (unsigned) s < 5 ? severity_names[s] : "unknown";
}

void sc_report_init(struct sc_report *r)
{
	memset(r, 0, sizeof(*r));
}

void sc_report_free(struct sc_report *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->f[i].evidence);
		free(r->f[i].fix_owned);
	}
	for (i = 0; i < r->nu; i++) {
		free(r->u[i].check);
		free(r->u[i].why);
	}
	free(r->f);
	free(r->u);
	sc_report_init(r);
}

/* evidence - FMT/AP formatted, then every octet outside printable ASCII
 * (newline and tab kept) written as \xhh: evidence quotes what a remote
 * server or a DNS record said, and a report must not carry its escapes.
 * Bounded by SC_EVIDENCE_MAX; a cut copy ends "..." after a whole escape. */
static char *evidence(const char *fmt, va_list ap)
{
	const int mode = PRINTABLE_HEX | PRINTABLE_KEEPWS | PRINTABLE_DOTS;
	char raw[SC_EVIDENCE_MAX], out[SC_EVIDENCE_MAX];

	if (vsnprintf(raw, sizeof(raw), fmt, ap) < 0)
		raw[0] = '\0';
	return strdup(printable(raw, out, sizeof(out), mode));
}

static int add(struct sc_report *r, enum sc_id id, int sev, const char *fix,
	       const char *fmt, va_list ap)
{
	const struct sc_catalog_entry *e;
	struct sc_finding *f;

	if ((unsigned) id >= SC_ID_COUNT) {
		fprintf(stderr, "authmilter-selfcheck: internal error: finding id %u\n", (unsigned) id);
		return -1;
	}
	e = &sc_catalog[id];
	if (ARRAY_RESERVE(r->f, r->cap, r->n + 1, 16, NO_CAP(r->f)) != ARRAY_OK)
		return r->nomem = 1, -1;
	f = &r->f[r->n];
	memset(f, 0, sizeof(*f));
	f->id = id;
	f->name = e->name;
	f->severity = sev < 0 ? e->severity : (enum sc_severity) sev;
	f->title = e->title;
	f->fix = e->fix;
	f->evidence = evidence(fmt, ap);
	if (fix != NULL && (f->fix_owned = strdup(fix)) != NULL)
		f->fix = f->fix_owned;
	if (f->evidence == NULL || (fix != NULL && f->fix_owned == NULL)) {
		free(f->evidence);
		free(f->fix_owned);
		return r->nomem = 1, -1;
	}
	r->n++;
	return 0;
}

int sc_found(struct sc_report *r, enum sc_id id, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = add(r, id, -1, NULL, fmt, ap);
	va_end(ap);
	return rc;
}

int sc_found_sev(struct sc_report *r, enum sc_id id, enum sc_severity sev,
		 const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = add(r, id, (int) sev, NULL, fmt, ap);
	va_end(ap);
	return rc;
}

int sc_found_fix(struct sc_report *r, enum sc_id id, const char *fix,
		 const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = add(r, id, -1, fix, fmt, ap);
	va_end(ap);
	return rc;
}

int sc_unrun(struct sc_report *r, const char *check, const char *fmt, ...)
{
	struct sc_unrun *u;
	va_list ap;

	if (ARRAY_RESERVE(r->u, r->ucap, r->nu + 1, 8, NO_CAP(r->u))
	    != ARRAY_OK)
		return r->nomem = 1, -1;
	u = &r->u[r->nu];
	va_start(ap, fmt);
	u->why = evidence(fmt, ap);
	va_end(ap);
	u->check = strdup(check);
	if (u->why == NULL || u->check == NULL) {
		free(u->why);
		free(u->check);
		return r->nomem = 1, -1;
	}
	r->nu++;
	return 0;
}

int sc_has(const struct sc_report *r, enum sc_id id)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (r->f[i].id == id)
			return 1;
	return 0;
}

size_t sc_count(const struct sc_report *r, enum sc_severity sev)
{
	size_t i, n = 0;

	for (i = 0; i < r->n; i++)
		n += r->f[i].severity == sev;
	return n;
}

int sc_exit_status(const struct sc_report *r)
{
	if (sc_count(r, SC_CRITICAL) + sc_count(r, SC_HIGH) > 0)
		return 2;
	if (r->nu > 0 || r->nomem)
		return 3;
	return sc_count(r, SC_MEDIUM) > 0 ? 1 : 0;
}

static int by_severity(const void *a, const void *b)
{
	const struct sc_finding *x = a, *y = b;

	if (x->severity != y->severity)
		return (int) y->severity - (int) x->severity;
	return strcmp(x->name, y->name);
}

void sc_sort(struct sc_report *r)
{
	if (r->n > 1)
		qsort(r->f, r->n, sizeof(r->f[0]), by_severity);
}
