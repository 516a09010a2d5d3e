/*
 * finding - what one run of authmilter-selfcheck found, and what it could
 * not check.
 *
 * Every check adds findings by id, an enum sc_id (catalog.h holds each
 * id's name, severity, title and fix); the report module prints them. A
 * check that could not run (host unreachable, DNS timeout) says so with
 * sc_unrun(): the exit status is then 3 unless a critical or high
 * finding makes it 2. Not thread-safe: one report per run, filled by one
 * thread.
 */
#ifndef AUTHMILTER_SC_FINDING_H
#define AUTHMILTER_SC_FINDING_H

#include <stddef.h>

#include "catalog.h"

#define SC_EVIDENCE_MAX 2048   /* octets of evidence kept per finding */

struct sc_finding {
	enum sc_id id;              /* which finding, SC_ID_SPF_PLUS_ALL */
	const char *name;           /* its catalog name, "spf.plus_all" */
	enum sc_severity severity;
	const char *title;          /* from the catalog */
	const char *fix;            /* from the catalog, or sc_found_fix's */
	char *evidence;             /* what was sent and what came back, or
	                             * the record: printable ASCII, newlines
	                             * between lines */
	char *fix_owned;            /* a fix given by the check, if any */
};

struct sc_unrun {
	char *check;                /* "smtp", "tls.protocols", "dns.mx"... */
	char *why;                  /* "connect to 127.0.0.1:25: refused" */
};

struct sc_report {
	struct sc_finding *f;
	size_t n, cap;
	struct sc_unrun *u;
	size_t nu, ucap;
	int nomem;                  /* an add failed: the run is unknown (3) */
};

void sc_report_init(struct sc_report *r);
void sc_report_free(struct sc_report *r);

/* sc_found - add finding ID with evidence made from FMT (printf-style;
 * non-printable octets become \xNN, and the text is cut at
 * SC_EVIDENCE_MAX). Severity, title and fix come from the catalog.
 * Returns 0, or -1 for no memory (or an ID outside the enum). */
int sc_found(struct sc_report *r, enum sc_id id, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* sc_found_sev - the same with a severity other than the catalog's, for
 * ids whose severity depends on a measure (dkim.weak_key). */
int sc_found_sev(struct sc_report *r, enum sc_id id, enum sc_severity sev,
		 const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* sc_found_fix - the same with a fix written for this case (e.g. the
 * exact postconf line), FIX copied. */
int sc_found_fix(struct sc_report *r, enum sc_id id, const char *fix,
		 const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* sc_unrun - CHECK could not run, because of WHY (printf-style). */
int sc_unrun(struct sc_report *r, const char *check, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* sc_has - 1 if finding ID is in R (tests and callers that avoid
 * reporting one fact twice). */
int sc_has(const struct sc_report *r, enum sc_id id);

/* sc_count - findings of severity SEV. */
size_t sc_count(const struct sc_report *r, enum sc_severity sev);

/* sc_exit_status - the monitoring-plugin status: 2 for any critical or
 * high finding, else 3 if a check could not run (or memory ran out),
 * else 1 for any medium, else 0. */
int sc_exit_status(const struct sc_report *r);

/* sc_sort - order findings by severity, highest first, then by name. */
void sc_sort(struct sc_report *r);

const char *sc_severity_name(enum sc_severity s);

#endif
