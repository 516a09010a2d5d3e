/*
 * options - the command line of authmilter-selfcheck, read into struct
 * sc_options plus what only main needs (groups, output form, resolver).
 *
 * A pure function of argv and the environment given, so the tests can
 * call it: a bad option is a message for the user, never an exit here.
 */
#ifndef AUTHMILTER_SC_OPTIONS_H
#define AUTHMILTER_SC_OPTIONS_H

#include <stddef.h>

#include "selfcheck.h"

#define SC_GROUP_SMTP    0x1
#define SC_GROUP_TLS     0x2
#define SC_GROUP_DNS     0x4
#define SC_GROUP_POSTFIX 0x8
#define SC_GROUP_ALL     0xf

enum sc_output { SC_OUT_TEXT, SC_OUT_JSON, SC_OUT_NAGIOS };

struct sc_cli {
	struct sc_options opt;
	unsigned groups;            /* SC_GROUP_* asked for */
	int postfix_asked;          /* 1: --postfix, 0: --no-postfix,
	                             * -1: when postconf is found */
	int smtp_given;             /* --smtp was on the command line */
	enum sc_output output;
	const char *nameserver;     /* --nameserver list, NULL: resolv.conf */
	int help, version;
	char lists[1024];           /* storage for split --selector/--dnsbl */
};

/* sc_options_parse - fill CLI from ARGV (getopt_long state is reset) and
 * MAIL_CONFIG (may be NULL). Returns 0, or -1 with a message for the user
 * in ERR. Defaults: --smtp 127.0.0.1:25, all groups, text output, 10 s
 * timeout, relay probes to example.com. */
int sc_options_parse(struct sc_cli *cli, int argc, char **argv,
		     const char *mail_config, char *err, size_t errlen);

/* sc_options_target - split "HOST[:PORT]", "[IPV6]:PORT" or a bare IPv6
 * address into OPT's smtp_host, smtp_port and smtp_host_is_addr. Returns
 * 0, or -1 for an empty host, a bad port or an over-long name. */
int sc_options_target(struct sc_options *opt, const char *arg);

#endif
