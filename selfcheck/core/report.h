/*
 * report - how authmilter-selfcheck prints what it found: a readable
 * report grouped by severity, one JSON object (for scripts), or one
 * monitoring-plugin status line (for Nagios, Icinga, Zabbix, ...).
 */
#ifndef AUTHMILTER_SC_REPORT_H
#define AUTHMILTER_SC_REPORT_H

#include <stdio.h>

#include "finding.h"

struct sc_target {
	const char *smtp;            /* "HOST:PORT", or NULL if not audited */
	const char *domain;          /* NULL if not audited */
	const char *postfix_config;  /* NULL: the default instance or none */
	int postfix;                 /* the Postfix settings were audited */
};

/* Each prints R (sorted first with sc_sort) to OUT and returns 0, or -1
 * on an output error (a full disk must not pass for a clean run). */
int sc_report_text(FILE *out, const struct sc_report *r,
		   const struct sc_target *t);
int sc_report_json(FILE *out, const struct sc_report *r,
		   const struct sc_target *t);
int sc_report_nagios(FILE *out, const struct sc_report *r);

#endif
