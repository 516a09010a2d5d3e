/*
 * conf_keys - the table of authmilter.conf keys and the parsers that only
 * one key needs. To add a key: a field in struct conf, a row here (a
 * generic parser from conf_value.c where one fits), a paragraph in
 * man/authmilter.conf.5 and a commented line in conf/authmilter.conf; the
 * unit test checks that the three agree.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <syslog.h>

#include "util/ascii.h"
#include "conf_priv.h"

/* conf_parse_word stores through an int *. */
_Static_assert(sizeof(enum conf_loglevel) == sizeof(int), "enum size");
_Static_assert(sizeof(enum verdict_action) == sizeof(int), "enum size");
_Static_assert(sizeof(enum verdict_multifrom) == sizeof(int), "enum size");
_Static_assert(sizeof(enum dmarc_orgmode) == sizeof(int), "enum size");
_Static_assert(sizeof(enum verdict_quarantine) == sizeof(int), "enum size");

#define SUN_PATH_MAX (sizeof(((struct sockaddr_un *) 0)->sun_path) - 1)
#define USER_NAME_MAX 32

static const char socket_forms[] =
	"inet:PORT@HOST, inet:PORT, inet6:PORT@HOST, unix:/PATH or local:/PATH";

/* socket_host_ok - the HOST of inet[6]:PORT@HOST: an address of the
 * socket's family (bracketed or not, as libmilter takes it) or a name */
static int socket_host_ok(struct conf_ctx *x, const struct conf_key *k,
			  char *host, int family)
{
	const char *fam = family == AF_INET ? "IPv4" : "IPv6";
	char q[CONF_QUOTE_BUF];
	size_t len = strlen(host);
	int bracketed = 0;
	struct netaddr a;

	if (len > 2 && host[0] == '[' && host[len - 1] == ']') {
		host[len - 1] = '\0';
		host++;
		bracketed = 1;
	}
	if (netaddr_parse(host, &a) == 0) {
		if (a.family == family)
			return 1;
		conf_error(x, "%s: host %s is an %s address; use %s", k->name,
			   conf_quote(host, q, sizeof(q)),
			   family == AF_INET ? "IPv6" : "IPv4",
			   family == AF_INET ? "inet6:PORT@HOST" : "inet:PORT@HOST");
		return 0;
	}
	if (!bracketed && conf_hostname_ok(host))
		return 1;
	conf_error(x, "%s: host %s is not an %s address or host name",
		   k->name, conf_quote(host, q, sizeof(q)), fam);
	return 0;
}

/* socket_inet_ok - PORT or PORT@HOST */
static int socket_inet_ok(struct conf_ctx *x, const struct conf_key *k,
			  char *spec, int family)
{
	char q[CONF_QUOTE_BUF];
	char *at = strchr(spec, '@');
	unsigned port;

	if (at != NULL)
		*at++ = '\0';
	if (conf_port_parse(spec, &port) != 0) {
		conf_error(x, "%s: port %s is not a number from 1 to 65535",
			   k->name, conf_quote(spec, q, sizeof(q)));
		return 0;
	}
	return at == NULL || socket_host_ok(x, k, at, family);
}

/* socket_path_ok - unix:/PATH; it must fit in sun_path or bind fails */
static int socket_path_ok(struct conf_ctx *x, const struct conf_key *k,
			  const char *path)
{
	char q[CONF_QUOTE_BUF];
	size_t i;

	if (path[0] != '/') {
		conf_error(x, "%s: socket path %s is not absolute", k->name,
			   conf_quote(path, q, sizeof(q)));
		return 0;
	}
	for (i = 0; path[i] != '\0'; i++) {
		if (CONF_IS_SPACE(path[i])) {
			conf_error(x, "%s: socket path %s contains white space",
				   k->name, conf_quote(path, q, sizeof(q)));
			return 0;
		}
	}
	if (i > SUN_PATH_MAX) {
		conf_error(x, "%s: socket path is longer than %zu bytes",
			   k->name, (size_t) SUN_PATH_MAX);
		return 0;
	}
	return 1;
}

/* parse_socket - the libmilter connection spec, checked here so that a
 * typo is reported with its line instead of as a bind failure later */
static void parse_socket(struct conf_ctx *x, const struct conf_key *k,
			 char *v)
{
	char work[CONF_MAX_LINE + 1], q[CONF_QUOTE_BUF];
	char *colon, *rest;
	size_t plen;
	int good;

	snprintf(work, sizeof(work), "%s", v);
	colon = strchr(work, ':');
	plen = colon ? (size_t) (colon - work) : 0;
	rest = colon ? colon + 1 : NULL;
	if (plen == 4 && strncasecmp(work, "unix", 4) == 0)
		good = socket_path_ok(x, k, rest);
	else if (plen == 5 && strncasecmp(work, "local", 5) == 0)
		good = socket_path_ok(x, k, rest);
	else if (plen == 4 && strncasecmp(work, "inet", 4) == 0)
		good = socket_inet_ok(x, k, rest, AF_INET);
	else if (plen == 5 && strncasecmp(work, "inet6", 5) == 0)
		good = socket_inet_ok(x, k, rest, AF_INET6);
	else {
		conf_error(x, "%s: %s is not %s", k->name,
			   conf_quote(v, q, sizeof(q)), socket_forms);
		return;
	}
	if (good)
		conf_set_string(x, k, v);
}

/* parse_metrics_socket - the Prometheus endpoint: TCP only, in the
 * same form as Socket (scrapers speak HTTP over TCP; a UNIX socket would
 * need a proxy in front, so it is refused here rather than at bind) */
static void parse_metrics_socket(struct conf_ctx *x, const struct conf_key *k,
				 char *v)
{
	char work[CONF_MAX_LINE + 1], q[CONF_QUOTE_BUF];
	int good;

	snprintf(work, sizeof(work), "%s", v);
	if (strncasecmp(work, "inet:", 5) == 0)
		good = socket_inet_ok(x, k, work + 5, AF_INET);
	else if (strncasecmp(work, "inet6:", 6) == 0)
		good = socket_inet_ok(x, k, work + 6, AF_INET6);
	else {
		conf_error(x, "%s: %s is not inet:PORT@HOST, inet:PORT, "
			   "inet6:PORT@HOST or inet6:PORT (the metrics endpoint "
			   "is HTTP over TCP)", k->name, conf_quote(v, q, sizeof(q)));
		return;
	}
	if (good)
		conf_set_string(x, k, v);
}

/* parse_authserv - the name our Authentication-Results carry; a space or
 * ';' in it would break the header we write */
static void parse_authserv(struct conf_ctx *x, const struct conf_key *k,
			   char *v)
{
	char q[CONF_QUOTE_BUF];

	if (!conf_authserv_ok(v)) {
		conf_error(x, "%s: %s is not a valid authserv-id (a host name "
			   "or token of at most 255 bytes: no white space, ';' "
			   "or other specials)", k->name,
			   conf_quote(v, q, sizeof(q)));
		return;
	}
	conf_set_string(x, k, v);
}

/* user_name_ok - the portable user/group name set; whether it exists is
 * the daemon's business, when it drops privileges */
static int user_name_ok(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || len > USER_NAME_MAX || s[0] == '-')
		return 0;
	for (i = 0; i < len; i++) {
		if (!(ascii_is_alnum((unsigned char) s[i]) || s[i] == '_'
		      || s[i] == '.' || s[i] == '-'))
			return 0;
	}
	return 1;
}

/* parse_user - "user" or "user:group" */
static void parse_user(struct conf_ctx *x, const struct conf_key *k, char *v)
{
	char q[CONF_QUOTE_BUF];
	char *colon = strchr(v, ':');
	int good;

	if (colon == NULL)
		good = user_name_ok(v, strlen(v));
	else
		good = user_name_ok(v, (size_t) (colon - v))
		    && user_name_ok(colon + 1, strlen(colon + 1));
	if (!good) {
		conf_error(x, "%s: %s is not user or user:group", k->name,
			   conf_quote(v, q, sizeof(q)));
		return;
	}
	x->conf->user_line = x->line;
	conf_set_string(x, k, v);
}

/* parse_umask - octal, as umask(1) and OpenDKIM's UMask write it */
static void parse_umask(struct conf_ctx *x, const struct conf_key *k, char *v)
{
	char q[CONF_QUOTE_BUF];
	unsigned n = 0;
	size_t i;

	for (i = 0; v[i] >= '0' && v[i] <= '7' && i < 4; i++)
		n = n * 8 + (unsigned) (v[i] - '0');
	if (i == 0 || v[i] != '\0' || n > 0777) {
		conf_error(x, "%s: %s is not an octal mask from 000 to 777 (e.g. 007)",
			   k->name, conf_quote(v, q, sizeof(q)));
		return;
	}
	x->conf->umask = n;
	x->conf->umask_set = 1;
}

/* nameserver_ok - one IP or IP@PORT; the port goes after the last '@' so
 * that IPv6 addresses need no brackets (libunbound's own form) */
static int nameserver_ok(struct conf_ctx *x, const struct conf_key *k,
			 const char *item)
{
	char addr[NETADDR_STRLEN + 1], q[CONF_QUOTE_BUF];
	const char *at = strrchr(item, '@');
	size_t alen = at ? (size_t) (at - item) : strlen(item);
	struct netaddr a;
	unsigned port;

	if (at != NULL && conf_port_parse(at + 1, &port) != 0) {
		conf_error(x, "%s: port in %s is not a number from 1 to 65535",
			   k->name, conf_quote(item, q, sizeof(q)));
		return 0;
	}
	addr[0] = '\0';
	if (alen < sizeof(addr)) {
		memcpy(addr, item, alen);
		addr[alen] = '\0';
	}
	if (netaddr_parse(addr, &a) != 0) {
		conf_error(x, "%s: %s is not an IP address or IP@PORT",
			   k->name, conf_quote(item, q, sizeof(q)));
		return 0;
	}
	return 1;
}

/* parse_nameservers - stored as the items joined by one space, the form
 * resolver_new takes */
static void parse_nameservers(struct conf_ctx *x, const struct conf_key *k,
			      char *v)
{
	char out[CONF_MAX_LINE + 1];
	char *cur = v, *item;
	size_t o = 0, n;
	int good = 1;

	while ((item = conf_next_item(&cur)) != NULL) {
		if (!nameserver_ok(x, k, item)) {
			good = 0;
			continue;
		}
		n = strlen(item);
		if (o > 0)
			out[o++] = ' ';
		memcpy(out + o, item, n);	/* items are shorter than v */
		o += n;
	}
	out[o] = '\0';
	if (good && o == 0)
		conf_error(x, "%s: no address given", k->name);
	else if (good)
		conf_set_string(x, k, out);
}

/* netlist_add - one network; the message says which part is wrong */
/* unbracket - "[::1]/128" as "::1/128" in BUF (Postfix's mynetworks
 * form); other items as they are */
static const char *unbracket(const char *item, char *buf, size_t len)
{
	const char *close = strchr(item, ']');

	if (item[0] != '[' || close == NULL || (close[1] != '\0' && close[1] != '/')
	    || (size_t) snprintf(buf, len, "%.*s%s", (int) (close - item - 1),
				 item + 1, close + 1) >= len)
		return item;
	return buf;
}

static void netlist_add(struct conf_ctx *x, const struct conf_key *k,
			const char *given)
{
	struct conf_netlist *l = &CONF_FIELD(x, k, struct conf_netlist);
	size_t idx = (size_t) (k - conf_keys);
	char addr[NETADDR_STRLEN + 1], q[CONF_QUOTE_BUF], plain[NETADDR_STRLEN + 8];
	const char *item = unbracket(given, plain, sizeof(plain));
	const char *slash = strchr(item, '/');
	size_t alen = slash ? (size_t) (slash - item) : 0;
	struct netaddr_cidr net;
	struct netaddr a;

	if (netaddr_cidr_parse(item, &net) != 0) {
		if (slash != NULL && alen < sizeof(addr)) {
			memcpy(addr, item, alen);
			addr[alen] = '\0';
			if (netaddr_parse(addr, &a) == 0) {
				conf_error(x, "%s: %s: prefix length must be "
					   "0..%d", k->name,
					   conf_quote(given, q, sizeof(q)),
					   a.family == AF_INET ? 32 : 128);
				return;
			}
		}
		conf_error(x, "%s: %s is not an address or CIDR network",
			   k->name, conf_quote(given, q, sizeof(q)));
		return;
	}
	if (l->count >= CONF_MAX_TRUSTED) {
		if (x->full != NULL && !x->full[idx])
			conf_error(x, "%s: more than %d networks", k->name,
				   CONF_MAX_TRUSTED);
		if (x->full != NULL)
			x->full[idx] = 1;
		return;
	}
	l->net[l->count++] = net;
}

/* parse_netlist - a key's first line in a file replaces its default list,
 * later lines append; "none" alone empties it */
static void parse_netlist(struct conf_ctx *x, const struct conf_key *k,
			  char *v)
{
	size_t idx = (size_t) (k - conf_keys);
	size_t first_line = x->seen ? x->seen[idx] : 0;
	size_t none_line = x->none_line ? x->none_line[idx] : 0;
	char *cur = v, *item;

	if (x->first)
		CONF_FIELD(x, k, struct conf_netlist).count = 0;
	if (strcasecmp(v, "none") == 0) {
		if (none_line != 0)
			conf_error(x, "%s: 'none' already given on line %zu",
				   k->name, none_line);
		else if (!x->first)
			conf_error(x, "%s: 'none' contradicts the networks "
				   "given on line %zu", k->name, first_line);
		else if (x->none_line != NULL)
			x->none_line[idx] = x->line;
		return;
	}
	if (none_line != 0) {
		conf_error(x, "%s: networks given after 'none' on line %zu",
			   k->name, none_line);
		return;
	}
	while ((item = conf_next_item(&cur)) != NULL
	       && !(x->full != NULL && x->full[idx])) {
		if (strcasecmp(item, "none") == 0)
			conf_error(x, "%s: 'none' must stand alone", k->name);
		else
			netlist_add(x, k, item);
	}
}

static const struct conf_word facilities[] = {
	{ "mail", LOG_MAIL }, { "daemon", LOG_DAEMON }, { "user", LOG_USER },
	{ "local0", LOG_LOCAL0 }, { "local1", LOG_LOCAL1 },
	{ "local2", LOG_LOCAL2 }, { "local3", LOG_LOCAL3 },
	{ "local4", LOG_LOCAL4 }, { "local5", LOG_LOCAL5 },
	{ "local6", LOG_LOCAL6 }, { "local7", LOG_LOCAL7 }, { NULL, 0 },
};

static const struct conf_word levels[] = {
	{ "error", CONF_LOG_ERR }, { "warning", CONF_LOG_WARNING },
	{ "notice", CONF_LOG_NOTICE }, { "info", CONF_LOG_INFO },
	{ "debug", CONF_LOG_DEBUG }, { NULL, 0 },
};

static const struct conf_word fallbacks[] = {
	{ "accept", VERDICT_ACCEPT },
	{ "tempfail", VERDICT_TEMPFAIL }, { NULL, 0 },
};

static const struct conf_range dns_timeout = { 1, 60, 1000, "seconds" };
static const struct conf_range dkim_sigs = { 1, 64, 1, "signatures" };
static const struct conf_range key_bits = { 1024, 16384, 1, "bits" };

static const struct conf_word multifrom[] = {
	{ "reject", VERDICT_MULTIFROM_REJECT },
	{ "evaluate-all", VERDICT_MULTIFROM_EVALUATE_ALL }, { NULL, 0 },
};

static const struct conf_word orgdomain[] = {
	{ "treewalk", DMARC_ORG_TREEWALK }, { "psl", DMARC_ORG_PSL }, { NULL, 0 },
};

static const struct conf_word quarantine[] = {
	{ "hold", VERDICT_Q_HOLD }, { "header", VERDICT_Q_HEADER },
	{ "accept", VERDICT_Q_ACCEPT }, { NULL, 0 },
};

#define OFF(field) offsetof(struct conf, field)

const struct conf_key conf_keys[] = {
	{ "Socket", parse_socket, OFF(socket), NULL, CONF_DEFAULT_SOCKET,
	  "where the MTA reaches the milter: inet:PORT@HOST, inet6:PORT@HOST "
	  "or unix:/PATH", CONF_KEY_STRING },
	{ "AuthservID", parse_authserv, OFF(authserv_id), NULL, NULL,
	  "the name in our Authentication-Results headers (default: this "
	  "host's name)", CONF_KEY_STRING },
	{ "UserID", parse_user, OFF(user), NULL, NULL,
	  "user or user:group to run as once the socket is open (default: "
	  "stay as started)", CONF_KEY_STRING },
	{ "PidFile", conf_parse_abspath, OFF(pidfile), NULL, NULL,
	  "file to write the process ID to (default: none)", CONF_KEY_STRING },
	{ "UMask", parse_umask, OFF(umask), NULL, NULL,
	  "octal umask set at start, before the socket is made (default: "
	  "the one inherited)", 0 },
	{ "MetricsSocket", parse_metrics_socket, OFF(metrics_socket), NULL, NULL,
	  "where Prometheus scrapes /metrics: inet:PORT@HOST or "
	  "inet6:PORT@HOST (default: no endpoint)", CONF_KEY_STRING },
	{ "SyslogFacility", conf_parse_word, OFF(syslog_facility), facilities,
	  "mail", "syslog facility: mail, daemon, user or local0..local7", 0 },
	{ "LogLevel", conf_parse_word, OFF(loglevel), levels, "info",
	  "least important messages logged: error, warning, notice, info "
	  "or debug", 0 },
	{ "Nameservers", parse_nameservers, OFF(nameservers), NULL, NULL,
	  "DNS servers to ask, IP or IP@PORT (default: those in "
	  "/etc/resolv.conf)", CONF_KEY_STRING },
	{ "DNSTimeout", conf_parse_uint, OFF(dns_timeout_ms), &dns_timeout,
	  "5", "seconds to wait for one DNS answer, 1..60", 0 },
	{ "TrustedNetworks", parse_netlist, OFF(trusted), NULL,
	  "127.0.0.0/8, ::1", "clients whose mail is not checked; may be "
	  "repeated, \"none\" for no client", CONF_KEY_LIST },
	{ "IgnoreAuthenticatedClients", conf_parse_bool,
	  OFF(ignore_authenticated), NULL, "yes",
	  "do not check mail from SMTP AUTH clients", 0 },
	{ "OnInternalError", conf_parse_word, OFF(on_internal_error),
	  fallbacks, "tempfail",
	  "what to do with a message when authmilter fails: accept or "
	  "tempfail", 0 },
	{ "SPFHeloCheck", conf_parse_bool, OFF(spf_helo_check), NULL, "yes",
	  "also check SPF for the HELO name", 0 },
	{ "MaxDKIMSignatures", conf_parse_uint, OFF(max_dkim_signatures),
	  &dkim_sigs, "8", "DKIM signatures verified per message, 1..64; the "
	  "rest are reported neutral", 0 },
	{ "DKIMAllowUnsignedDuplicates", conf_parse_bool,
	  OFF(dkim_allow_unsigned_dups), NULL, "no",
	  "let a DKIM signature pass when the message holds more instances of "
	  "a once-only field (Subject, Date, To, ...) than it signed", 0 },
	{ "MinimumKeyBits", conf_parse_uint, OFF(min_key_bits), &key_bits,
	  "1024", "shortest RSA key a DKIM signature may pass with (RFC 8301: "
	  "at least 1024)", 0 },
	{ "MultipleFrom", conf_parse_word, OFF(multiple_from), multifrom,
	  "reject", "a message whose From names several domains: reject, or "
	  "evaluate-all (DMARC must pass for every domain)", 0 },
	{ "DMARCOrgDomain", conf_parse_word, OFF(dmarc_orgdomain), orgdomain,
	  "treewalk", "how DMARC finds organizational domains: treewalk (RFC "
	  "9989) or psl (RFC 7489, Public Suffix List)", 0 },
	{ "PublicSuffixList", conf_parse_abspath, OFF(psl_file), NULL,
	  "/usr/share/publicsuffix/public_suffix_list.dat",
	  "the Public Suffix List file for DMARCOrgDomain psl", CONF_KEY_STRING },
	{ "RejectFailures", conf_parse_bool, OFF(reject_failures), NULL, "yes",
	  "reject (550 5.7.1) mail whose DMARC policy says reject", 0 },
	{ "QuarantineAction", conf_parse_word, OFF(quarantine_action),
	  quarantine, "hold", "DMARC quarantine: hold (Postfix hold queue), "
	  "header (X-Authmilter-Quarantine) or accept", 0 },
	{ "ReportOnly", conf_parse_bool, OFF(report_only), NULL, "no",
	  "decide and log, but enforce nothing (for a safe roll-out)", 0 },
	{ "TempfailOnDNSError", conf_parse_bool, OFF(tempfail_on_dns_error),
	  NULL, "yes", "defer (451 4.7.5) when a DNS error could change a "
	  "DMARC reject or quarantine", 0 },
	{ "TrustedForwarders", parse_netlist, OFF(forwarders), NULL, NULL,
	  "forwarders (IP or CIDR) whose mail is not rejected for DMARC; may "
	  "be repeated", CONF_KEY_LIST },
	{ "ExemptDomains", conf_parse_domains, OFF(exempt_domains), NULL, NULL,
	  "From domains (and their subdomains) never rejected for DMARC; may "
	  "be repeated", CONF_KEY_STRING | CONF_KEY_LIST },
	{ "PolicyOverrides", conf_parse_abspath, OFF(override_file), NULL, NULL,
	  "file of \"domain none|quarantine|reject\" lines that replace what "
	  "those domains publish", CONF_KEY_STRING },
};

const size_t conf_nkeys = sizeof(conf_keys) / sizeof(conf_keys[0]);

/* conf_key_doc - a table row without the parser, for docs and tests */
int conf_key_doc(size_t n, struct conf_keydoc *out)
{
	if (n >= conf_nkeys)
		return -1;
	out->name = conf_keys[n].name;
	out->def = conf_keys[n].def;
	out->help = conf_keys[n].help;
	return 0;
}
