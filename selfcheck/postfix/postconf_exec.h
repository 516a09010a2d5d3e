/*
 * postconf_exec - run postconf and collect what it prints, bounded.
 *
 * "postconf [-c DIR] -x" is started with fork and execv (no shell, the
 * environment as it is, so MAIL_CONFIG works when no DIR is given),
 * stdin from /dev/null. Its standard output is kept up to
 * SC_POSTCONF_MAX_TEXT octets, its standard error up to a few KB (for
 * the message when it fails); it is killed when it runs past the time
 * limit or prints too much. Not thread-safe with other code that reaps
 * children (it waits for its own pid only).
 */
#ifndef AUTHMILTER_SC_POSTCONF_EXEC_H
#define AUTHMILTER_SC_POSTCONF_EXEC_H

#include <stddef.h>

#define SC_POSTCONF_ERR_MAX 8192     /* octets of stderr kept */
#define SC_POSTCONF_DEFAULT_MS 10000 /* when no time limit is given */

struct sc_postconf_out {
	char *text;                  /* standard output, NUL-terminated */
	size_t len;
	char why[512];               /* on failure: printable, one line */
};

/* sc_postconf_exec - run PROG ("-c" DIR when DIR is not NULL) "-x" for
 * at most TIMEOUT_MS (0: the default). Returns 0 when it exited with
 * status 0 (OUT->text to free with sc_postconf_exec_free), else -1 with
 * OUT->why saying what happened, ending with postconf's own "fatal:"
 * line (or its last line on stderr) when it printed one. */
int sc_postconf_exec(const char *prog, const char *dir, unsigned timeout_ms,
		     struct sc_postconf_out *out);

void sc_postconf_exec_free(struct sc_postconf_out *out);

#endif
