/*
 * postconf - the output of "postconf -x" as a table of parameters.
 *
 * postconf prints one "name = value" line per parameter (an empty value
 * as "name ="), long values on one line. The text is the admin's own
 * Postfix talking, but a broken or replaced postconf, a hostile main.cf
 * or a fuzzer can put anything there, so every line that is not of that
 * shape is skipped and counted, and the sizes are bounded. Pure
 * functions on text; any thread may call them on its own table.
 */
#ifndef AUTHMILTER_SC_POSTCONF_H
#define AUTHMILTER_SC_POSTCONF_H

#include <stddef.h>

#define SC_POSTCONF_MAX_TEXT   (4u << 20)  /* octets of postconf output */
#define SC_POSTCONF_MAX_PARAMS 8192        /* postconf -x prints ~1100 */
#define SC_POSTCONF_MAX_NAME   128         /* longest Postfix name: ~45 */

struct sc_postconf_param {
	const char *name;            /* [A-Za-z0-9_]+ (smtpd_tls_CAfile) */
	const char *value;           /* trimmed; "" for "name =" */
};

struct sc_postconf {
	char *buf;                   /* the text, cut into strings */
	struct sc_postconf_param *param; /* sorted by name, names unique */
	size_t n;
	size_t skipped;              /* lines not of the "name = value"
	                              * shape, duplicates, lines past
	                              * SC_POSTCONF_MAX_PARAMS */
	size_t first_skipped;        /* its line number (from 1), or 0 */
};

enum sc_postconf_status {
	SC_POSTCONF_OK,
	SC_POSTCONF_TOOBIG,          /* more than SC_POSTCONF_MAX_TEXT */
	SC_POSTCONF_NOMEM,
};

/* sc_postconf_parse - TEXT (LEN octets, NULs allowed) into PC. On any
 * status but OK, PC holds nothing to free. Of a name given twice, the
 * first line counts (postconf never repeats one). */
enum sc_postconf_status sc_postconf_parse(const char *text, size_t len,
					  struct sc_postconf *pc);

/* sc_postconf_get - the value of NAME, or NULL if postconf did not
 * print it (an older Postfix, or a skipped line). */
const char *sc_postconf_get(const struct sc_postconf *pc, const char *name);

void sc_postconf_free(struct sc_postconf *pc);

#endif
