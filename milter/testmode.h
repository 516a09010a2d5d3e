/*
 * testmode - `authmilter -t MESSAGE`: evaluate one message offline,
 * exactly as the milter would, and print what it would do.
 *
 * Output, first line: "Authentication-Results: VALUE" (the field it would
 * add; the value's folding kept), then "action: accept|reject|quarantine|
 * tempfail", then, when they apply: "would: ACTION" (ReportOnly), "note:
 * TEXT" (an allowance or override), "add: X-Authmilter-Quarantine", one
 * "remove: Authentication-Results #N" line per forged field it would
 * delete and, for reject/tempfail, "reply: CODE XCODE TEXT".
 */
#ifndef AUTHMILTER_TESTMODE_H
#define AUTHMILTER_TESTMODE_H

#include "runtime.h"

struct testmode_args {
	const char *message;            /* path, or "-" for stdin */
	const char *client_ip;
	const char *helo;
	const char *mail_from;
	const char *auth_user;          /* as if SMTP AUTH succeeded, or NULL */
};

/* testmode_run - returns the process exit status: 0 on success (whatever
 * the action), 1 on a usage or input error (message printed to stderr). */
int testmode_run(struct runtime *rt, const struct testmode_args *a);

#endif
