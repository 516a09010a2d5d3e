/*
 * options - the command line; see options.h.
 */
#include <arpa/inet.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

enum {
	OPT_SMTP = 256, OPT_DOMAIN, OPT_SELECTOR, OPT_POSTFIX, OPT_NO_POSTFIX,
	OPT_POSTFIX_CONFIG, OPT_CONFIG, OPT_NAMESERVER, OPT_ONLY, OPT_JSON,
	OPT_NAGIOS, OPT_RELAY_DOMAIN, OPT_DNSBL, OPT_TIMEOUT, OPT_POSTCONF,
};

static const struct option longopts[] = {
	{ "smtp", required_argument, NULL, OPT_SMTP },
	{ "domain", required_argument, NULL, OPT_DOMAIN },
	{ "selector", required_argument, NULL, OPT_SELECTOR },
	{ "postfix", no_argument, NULL, OPT_POSTFIX },
	{ "no-postfix", no_argument, NULL, OPT_NO_POSTFIX },
	{ "postfix-config", required_argument, NULL, OPT_POSTFIX_CONFIG },
	{ "config", required_argument, NULL, OPT_CONFIG },
	{ "nameserver", required_argument, NULL, OPT_NAMESERVER },
	{ "only", required_argument, NULL, OPT_ONLY },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "nagios", no_argument, NULL, OPT_NAGIOS },
	{ "relay-probe-domain", required_argument, NULL, OPT_RELAY_DOMAIN },
	{ "dnsbl", required_argument, NULL, OPT_DNSBL },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "postconf", required_argument, NULL, OPT_POSTCONF },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

int sc_options_target(struct sc_options *opt, const char *arg)
{
	const char *host = arg, *port = NULL, *colon = strrchr(arg, ':');
	unsigned char buf[16];
	size_t hlen;
	char *end;
	long n = 25;

	if (arg[0] == '[') {
		const char *close = strchr(arg, ']');

		if (close == NULL || (close[1] != '\0' && close[1] != ':'))
			return -1;
		host = arg + 1;
		hlen = (size_t) (close - host);
		port = close[1] == ':' ? close + 2 : NULL;
	} else if (colon != NULL && strchr(arg, ':') == colon) {
		hlen = (size_t) (colon - arg);     /* HOST:PORT */
		port = colon + 1;
	} else {
		hlen = strlen(arg);                /* HOST, or a bare IPv6 address */
	}
	if (hlen == 0 || hlen >= sizeof(opt->smtp_host))
		return -1;
	if (port != NULL) {
		n = strtol(port, &end, 10);
		if (*port == '\0' || *end != '\0' || n < 1 || n > 65535)
			return -1;
	}
	memcpy(opt->smtp_host, host, hlen);
	opt->smtp_host[hlen] = '\0';
	opt->smtp_port = (unsigned) n;
	opt->smtp_host_is_addr = inet_pton(AF_INET, opt->smtp_host, buf) == 1
		|| inet_pton(AF_INET6, opt->smtp_host, buf) == 1;
	if (!opt->smtp_host_is_addr && strchr(opt->smtp_host, ':') != NULL)
		return -1;
	return 0;
}

/* split - ARG's comma-separated items into LIST (at most SC_MAX_LIST),
 * copied into the CLI's storage; -1 when they do not fit or one is empty */
static int split(struct sc_cli *cli, size_t *used, const char *arg,
		 const char **list, size_t *n)
{
	size_t len = strlen(arg);
	char *copy = cli->lists + *used, *item, *save = NULL;

	if (*used + len + 1 > sizeof(cli->lists))
		return -1;
	memcpy(copy, arg, len + 1);
	*used += len + 1;
	for (item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
		if (*n == SC_MAX_LIST)
			return -1;
		list[(*n)++] = item;
	}
	return *n > 0 ? 0 : -1;
}

static int groups(const char *arg, unsigned *out)
{
	char copy[128], *item, *save = NULL;

	if (strlen(arg) >= sizeof(copy))
		return -1;
	strcpy(copy, arg);
	*out = 0;
	for (item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
		if (strcmp(item, "smtp") == 0)
			*out |= SC_GROUP_SMTP;
		else if (strcmp(item, "tls") == 0)
			*out |= SC_GROUP_TLS;
		else if (strcmp(item, "dns") == 0)
			*out |= SC_GROUP_DNS;
		else if (strcmp(item, "postfix") == 0)
			*out |= SC_GROUP_POSTFIX;
		else
			return -1;
	}
	return *out ? 0 : -1;
}

static void defaults(struct sc_cli *cli, const char *mail_config)
{
	memset(cli, 0, sizeof(*cli));
	(void) sc_options_target(&cli->opt, "127.0.0.1:25");
	cli->opt.relay_probe_domain = "example.com";
	cli->opt.timeout_ms = 10000;
	cli->opt.postfix_config = mail_config && *mail_config ? mail_config : NULL;
	cli->groups = SC_GROUP_ALL;
	cli->postfix_asked = -1;
	cli->output = SC_OUT_TEXT;
}

/* one - apply option C with argument ARG; -1 with ERR set when bad */
static int one(struct sc_cli *cli, int c, const char *arg, size_t *used,
	       char *err, size_t errlen)
{
	char *end;
	long n;

	switch (c) {
	case OPT_SMTP:
		cli->smtp_given = 1;
		if (sc_options_target(&cli->opt, arg) == 0)
			return 0;
		snprintf(err, errlen, "--smtp %s: expected HOST[:PORT] or [IPV6]:PORT", arg);
		return -1;
	case OPT_DOMAIN: cli->opt.domain = arg; return 0;
	case OPT_POSTFIX: cli->postfix_asked = 1; return 0;
	case OPT_NO_POSTFIX: cli->postfix_asked = 0; return 0;
	case OPT_POSTFIX_CONFIG: cli->opt.postfix_config = arg; return 0;
	case OPT_CONFIG: cli->opt.authmilter_config = arg; return 0;
	case OPT_NAMESERVER: cli->nameserver = arg; cli->opt.own_nameserver = 1; return 0;
	case OPT_JSON: cli->output = SC_OUT_JSON; return 0;
	case OPT_NAGIOS: cli->output = SC_OUT_NAGIOS; return 0;
	case OPT_RELAY_DOMAIN: cli->opt.relay_probe_domain = arg; return 0;
	case OPT_POSTCONF: cli->opt.postconf = arg; return 0;
	case 'h': cli->help = 1; return 0;
	case 'V': cli->version = 1; return 0;
	case OPT_ONLY:
		if (groups(arg, &cli->groups) == 0)
			return 0;
		snprintf(err, errlen, "--only %s: expected a list of smtp, tls, dns, postfix", arg);
		return -1;
	case OPT_SELECTOR:
		if (split(cli, used, arg, cli->opt.selectors, &cli->opt.nselectors) == 0)
			return 0;
		snprintf(err, errlen, "--selector %s: expected at most %d names, comma-separated", arg, SC_MAX_LIST);
		return -1;
	case OPT_DNSBL:
		if (split(cli, used, arg, cli->opt.dnsbl, &cli->opt.ndnsbl) == 0)
			return 0;
		snprintf(err, errlen, "--dnsbl %s: expected at most %d zones, comma-separated", arg, SC_MAX_LIST);
		return -1;
	case OPT_TIMEOUT:
		n = strtol(arg, &end, 10);
		if (*arg != '\0' && *end == '\0' && n >= 1 && n <= 300) {
			cli->opt.timeout_ms = (unsigned) n * 1000;
			return 0;
		}
		snprintf(err, errlen, "--timeout %s: expected seconds, 1 to 300", arg);
		return -1;
	default:
		snprintf(err, errlen, "unknown option; see authmilter-selfcheck --help");
		return -1;
	}
}

int sc_options_parse(struct sc_cli *cli, int argc, char **argv,
		     const char *mail_config, char *err, size_t errlen)
{
	size_t used = 0;
	int c;

	defaults(cli, mail_config);
	optind = 0;          /* glibc: 0 re-initialises, for repeated calls */
	opterr = 0;
	while ((c = getopt_long(argc, argv, "hV", longopts, NULL)) != -1)
		if (one(cli, c, optarg, &used, err, errlen) != 0) {
			if (c == '?' || c == ':')
				snprintf(err, errlen, "%s: unknown option or missing argument; see --help",
					 optind > 0 && optind <= argc ? argv[optind - 1] : "?");
			return -1;
		}
	if (optind < argc) {
		snprintf(err, errlen, "unexpected argument %s; see --help", argv[optind]);
		return -1;
	}
	if (cli->postfix_asked == 1 && !(cli->groups & SC_GROUP_POSTFIX)) {
		snprintf(err, errlen, "--postfix and --only without postfix contradict each other");
		return -1;
	}
	return 0;
}
