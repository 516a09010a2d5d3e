/*
 * report - text, JSON and monitoring-plugin output; see report.h.
 */
#include <string.h>

#include <jansson.h>

#include "config.h"
#include "report.h"

static const char *const status_words[] = { "OK", "WARNING", "CRITICAL", "UNKNOWN" };

/* indented - TEXT with every line after the first indented by IND
 * spaces, so multi-line evidence stays under its heading */
static void indented(FILE *out, const char *text, int ind)
{
	const char *p;

	for (p = text; *p != '\0'; p++) {
		fputc(*p, out);
		if (*p == '\n' && p[1] != '\0')
			fprintf(out, "%*s", ind, "");
	}
	fputc('\n', out);
}

static void summary(FILE *out, const struct sc_report *r)
{
	fprintf(out, "%zu critical, %zu high, %zu medium, %zu low, %zu info",
		sc_count(r, SC_CRITICAL), sc_count(r, SC_HIGH),
		sc_count(r, SC_MEDIUM), sc_count(r, SC_LOW), sc_count(r, SC_INFO));
}

int sc_report_text(FILE *out, const struct sc_report *r,
		   const struct sc_target *t)
{
	int sev, status = sc_exit_status(r);
	size_t i;

	fprintf(out, "authmilter-selfcheck %s: smtp %s, domain %s, postfix %s\n",
		PACKAGE_VERSION, t->smtp ? t->smtp : "(not checked)",
		t->domain ? t->domain : "(not checked)",
		!t->postfix ? "(not checked)" : t->postfix_config ? t->postfix_config : "(default instance)");
	for (sev = SC_CRITICAL; sev >= SC_INFO; sev--) {
		size_t n = sc_count(r, (enum sc_severity) sev);

		if (n == 0)
			continue;
		fprintf(out, "\n%s (%zu)\n", sc_severity_name((enum sc_severity) sev), n);
		for (i = 0; i < r->n; i++) {
			const struct sc_finding *f = &r->f[i];

			if ((int) f->severity != sev)
				continue;
			fprintf(out, "  %s: %s\n    evidence: ", f->name, f->title);
			indented(out, f->evidence, 14);
			fprintf(out, "    fix: ");
			indented(out, f->fix, 9);
		}
	}
	if (r->nu > 0 || r->nomem) {
		fprintf(out, "\nchecks that could not run (%zu)\n", r->nu + (size_t) r->nomem);
		for (i = 0; i < r->nu; i++)
			fprintf(out, "  %s: %s\n", r->u[i].check, r->u[i].why);
		if (r->nomem)
			fprintf(out, "  selfcheck: out of memory, findings are missing\n");
	}
	fprintf(out, "\nsummary: ");
	summary(out, r);
	fprintf(out, "; %zu not run; status %d (%s)\n", r->nu + (size_t) r->nomem,
		status, status_words[status]);
	return ferror(out) ? -1 : 0;
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *findings_json(const struct sc_report *r)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; a && i < r->n; i++) {
		const struct sc_finding *f = &r->f[i];

		if (json_array_append_new(a, json_pack("{s:s,s:s,s:s,s:s,s:s}",
			"id", f->name, "severity", sc_severity_name(f->severity),
			"title", f->title, "evidence", f->evidence, "fix", f->fix)) != 0) {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}

static json_t *not_run_json(const struct sc_report *r)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; a && i < r->nu; i++)
		if (json_array_append_new(a, json_pack("{s:s,s:s}", "check", r->u[i].check,
						       "reason", r->u[i].why)) != 0) {
			json_decref(a);
			return NULL;
		}
	if (a && r->nomem && json_array_append_new(a, json_pack("{s:s,s:s}",
			"check", "selfcheck", "reason", "out of memory, findings are missing")) != 0) {
		json_decref(a);
		return NULL;
	}
	return a;
}

int sc_report_json(FILE *out, const struct sc_report *r,
		   const struct sc_target *t)
{
	json_t *doc = json_pack("{s:s,s:s,s:{s:o,s:o,s:o},s:o,s:o,s:{s:I,s:I,s:I,s:I,s:I},s:i}",
		"program", "authmilter-selfcheck", "version", PACKAGE_VERSION,
		"target", "smtp", str_or_null(t->smtp), "domain", str_or_null(t->domain),
		"postfix_config", str_or_null(t->postfix_config),
		"findings", findings_json(r), "not_run", not_run_json(r),
		"counts", "critical", (json_int_t) sc_count(r, SC_CRITICAL),
		"high", (json_int_t) sc_count(r, SC_HIGH),
		"medium", (json_int_t) sc_count(r, SC_MEDIUM),
		"low", (json_int_t) sc_count(r, SC_LOW),
		"info", (json_int_t) sc_count(r, SC_INFO),
		"status", sc_exit_status(r));
	int rc;

	if (doc == NULL)
		return -1;
	rc = json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(doc);
	fputc('\n', out);
	return rc != 0 || ferror(out) ? -1 : 0;
}

/* ids - the ids of the findings at SEV or above, comma-separated, for the
 * status line (cut: monitoring shows the first line only) */
static void ids(FILE *out, const struct sc_report *r, enum sc_severity sev)
{
	size_t i, shown = 0;

	for (i = 0; i < r->n; i++) {
		if (r->f[i].severity < sev)
			continue;
		if (shown == 8) {
			fputs(", ...", out);
			return;
		}
		fprintf(out, "%s%s", shown++ ? ", " : ": ", r->f[i].name);
	}
}

/* oneline - S with newlines as spaces and '|' as '/': the status line
 * is one line, and '|' starts its performance data */
static void oneline(FILE *out, const char *s)
{
	for (; *s != '\0'; s++)
		fputc(*s == '\n' || *s == '\t' ? ' ' : *s == '|' ? '/' : *s, out);
}

int sc_report_nagios(FILE *out, const struct sc_report *r)
{
	int status = sc_exit_status(r);
	size_t i;

	fprintf(out, "SELFCHECK %s - ", status_words[status]);
	summary(out, r);
	ids(out, r, status == 1 ? SC_MEDIUM : SC_HIGH);
	for (i = 0; i < r->nu; i++) {
		fprintf(out, "; %s not run: ", r->u[i].check);
		oneline(out, r->u[i].why);
	}
	if (r->nomem)
		fputs("; out of memory", out);
	fprintf(out, " | critical=%zu;;;0 high=%zu;;;0 medium=%zu;;;0 low=%zu;;;0 info=%zu;;;0 not_run=%zu;;;0\n",
		sc_count(r, SC_CRITICAL), sc_count(r, SC_HIGH), sc_count(r, SC_MEDIUM),
		sc_count(r, SC_LOW), sc_count(r, SC_INFO), r->nu + (size_t) r->nomem);
	return ferror(out) ? -1 : 0;
}
