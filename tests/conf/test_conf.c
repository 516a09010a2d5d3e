/* test_conf - authmilter.conf: defaults, every key's good values, a table
 * of hostile lines with the exact messages an admin would read, several
 * errors in one file, limits, conf_load, conf_is_trusted. The sample file
 * and the man page are checked in test_conf_docs.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "tests/lib/tap.h"
#include "conf/conf.h"

#define NAME "t.conf"

/* parse - conf_parse of a C string, errors into E (cleared first) */
static struct conf *parse(const char *text, struct conf_errors *e)
{
	conf_errors_clear(e);
	return conf_parse(NAME, text, strlen(text), e);
}

/* good - TEXT loads with no error; the caller frees the result */
static struct conf *good(const char *text)
{
	struct conf_errors e = { NULL, 0 };
	struct conf *c = parse(text, &e);

	if (!ok(c != NULL && e.count == 0, "loads: %s", text)) {
		size_t i;

		for (i = 0; i < e.count; i++)
			diag("  %s", e.msg[i]);
	}
	conf_errors_clear(&e);
	return c;
}

/* trusted - conf_is_trusted of a textual address */
static int trusted(const struct conf *c, const char *ip)
{
	struct netaddr a;

	if (netaddr_parse(ip, &a) != 0)
		return -1;
	return conf_is_trusted(c, &a);
}


/* test_defaults - the values a file that sets nothing gets */
static void test_defaults(void)
{
	struct conf_errors e = { NULL, 0 };
	struct conf *c = conf_defaults(), *p;
	char host[256];

	if (!ok(c != NULL, "conf_defaults returns a struct"))
		return;
	is_str(c->socket, "inet:8893@127.0.0.1", "default Socket");
	if (gethostname(host, sizeof(host)) == 0)
		is_str(c->authserv_id, host, "default AuthservID is the host name");
	ok(c->user == NULL, "default UserID unset");
	ok(c->pidfile == NULL, "default PidFile unset");
	ok(c->metrics_socket == NULL, "default MetricsSocket unset: no endpoint");
	is_int(c->syslog_facility, LOG_MAIL, "default SyslogFacility mail");
	is_int(c->loglevel, CONF_LOG_INFO, "default LogLevel info");
	ok(c->nameservers == NULL, "default Nameservers: system resolver");
	is_int(c->dns_timeout_ms, 5000, "default DNSTimeout 5 s");
	is_int((long) c->trusted.count, 2, "default TrustedNetworks has 2 entries");
	is_int(trusted(c, "127.0.0.1"), 1, "default trusts 127.0.0.1");
	is_int(trusted(c, "127.200.1.9"), 1, "default trusts all of 127/8");
	is_int(trusted(c, "::1"), 1, "default trusts ::1");
	is_int(trusted(c, "10.0.0.1"), 0, "default does not trust 10.0.0.1");
	is_int(c->ignore_authenticated, 1, "default IgnoreAuthenticatedClients yes");
	is_int(c->on_internal_error, VERDICT_TEMPFAIL, "default OnInternalError tempfail");
	is_int(c->spf_helo_check, 1, "default SPFHeloCheck yes");
	is_str(c->path, "", "defaults have no path");

	p = parse("", &e);
	ok(p != NULL && e.count == 0, "an empty file loads");
	if (p != NULL) {
		is_str(p->path, NAME, "path is the source name");
		is_str(p->socket, c->socket, "empty file keeps default Socket");
		is_int(p->dns_timeout_ms, c->dns_timeout_ms, "empty file keeps default timeout");
	}
	conf_free(p);
	p = parse("\n\n   \n\t\n# only comments\n   # indented comment\n", &e);
	ok(p != NULL && e.count == 0, "blank lines and comments only load");
	conf_free(p);
	conf_free(c);
}

/* test_socket_good - every Socket form libmilter takes and we allow */
static void test_socket_good(void)
{
	static const char *good_values[] = {
		"inet:8893@127.0.0.1", "inet:25", "inet6:8893@::1",
		"inet6:8893@[::1]", "inet:8893@[192.0.2.1]", "inet6:1",
		"inet:8893@localhost", "inet:65535@mx.example.com.",
		"unix:/run/authmilter/milter.sock",
		"local:/var/spool/postfix/authmilter/authmilter.sock",
		"INET:1@127.0.0.1", "Unix:/x",
	};
	char line[256];
	struct conf *c;
	size_t i;

	for (i = 0; i < sizeof(good_values) / sizeof(good_values[0]); i++) {
		snprintf(line, sizeof(line), "Socket %s\n", good_values[i]);
		if ((c = good(line)) != NULL)
			is_str(c->socket, good_values[i], "Socket stored as given");
		conf_free(c);
	}
}

/* test_metrics_socket_good - the TCP forms of Socket */
static void test_metrics_socket_good(void)
{
	static const char *good_values[] = {
		"inet:9893@127.0.0.1", "inet:9893", "inet6:9893@::1",
		"inet6:9893@[::1]", "inet:9893@localhost", "INET6:1",
	};
	char line[256];
	struct conf *c;
	size_t i;

	for (i = 0; i < sizeof(good_values) / sizeof(good_values[0]); i++) {
		snprintf(line, sizeof(line), "MetricsSocket %s\n", good_values[i]);
		if ((c = good(line)) != NULL)
			is_str(c->metrics_socket, good_values[i],
			       "MetricsSocket stored as given");
		conf_free(c);
	}
}

/* test_keys_good - a good value for each of the other keys */
static void test_keys_good(void)
{
	struct conf *c;

	if ((c = good("AuthservID mx.example.com\nUserID authmilter:mail\n"
		      "PidFile /run/authmilter/authmilter.pid\n"
		      "SyslogFacility LOCAL7\nLogLevel debug\n"
		      "Nameservers 127.0.0.1, ::1@5353  192.0.2.53@53\n"
		      "DNSTimeout 60\nIgnoreAuthenticatedClients off\n"
		      "OnInternalError Accept\nSPFHeloCheck FALSE\n")) != NULL) {
		is_str(c->authserv_id, "mx.example.com", "AuthservID set");
		is_str(c->user, "authmilter:mail", "UserID user:group");
		is_str(c->pidfile, "/run/authmilter/authmilter.pid", "PidFile set");
		is_int(c->syslog_facility, LOG_LOCAL7, "SyslogFacility local7, any case");
		is_int(c->loglevel, CONF_LOG_DEBUG, "LogLevel debug");
		is_str(c->nameservers, "127.0.0.1 ::1@5353 192.0.2.53@53",
		       "Nameservers normalised to one space between items");
		is_int(c->dns_timeout_ms, 60000, "DNSTimeout 60 is 60000 ms");
		is_int(c->ignore_authenticated, 0, "IgnoreAuthenticatedClients off");
		is_int(c->on_internal_error, VERDICT_ACCEPT, "OnInternalError accept");
		is_int(c->spf_helo_check, 0, "SPFHeloCheck FALSE");
	}
	conf_free(c);
	if ((c = good("authservid example\nuserid _am\nsyslogfacility daemon\n"
		      "LOGLEVEL error\ndnstimeout 01\n")) != NULL) {
		is_str(c->authserv_id, "example", "AuthservID as a bare token");
		is_str(c->user, "_am", "UserID user alone");
		is_int(c->syslog_facility, LOG_DAEMON, "SyslogFacility daemon");
		is_int(c->loglevel, CONF_LOG_ERR, "keys are case-insensitive");
		is_int(c->dns_timeout_ms, 1000, "DNSTimeout 01 is 1 s");
	}
	conf_free(c);
	if ((c = good("SyslogFacility user\nLogLevel warning\n")) != NULL) {
		is_int(c->syslog_facility, LOG_USER, "SyslogFacility user");
		is_int(c->loglevel, CONF_LOG_WARNING, "LogLevel warning");
	}
	conf_free(c);
	if ((c = good("LogLevel notice\nSyslogFacility local0")) != NULL) {
		is_int(c->loglevel, CONF_LOG_NOTICE, "LogLevel notice");
		is_int(c->syslog_facility, LOG_LOCAL0, "last line without newline read");
	}
	conf_free(c);
}

/* test_booleans - all eight boolean words, in mixed case */
static void test_booleans(void)
{
	static const struct { const char *word; int value; } words[] = {
		{ "yes", 1 }, { "No", 0 }, { "TRUE", 1 }, { "false", 0 },
		{ "on", 1 }, { "Off", 0 }, { "1", 1 }, { "0", 0 },
	};
	char line[64];
	struct conf *c;
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		snprintf(line, sizeof(line), "SPFHeloCheck %s\n", words[i].word);
		if ((c = good(line)) != NULL)
			is_int(c->spf_helo_check, words[i].value, "boolean '%s'",
			       words[i].word);
		conf_free(c);
	}
}

/* test_layout - white space, comments and CRLF around keys and values */
static void test_layout(void)
{
	struct conf *c;

	if ((c = good("  Socket\t inet:1@127.0.0.1   # the port\r\n"
		      "\tLogLevel\tdebug\t\r\n"
		      "PidFile /run/a.pid\t#c\r\n")) != NULL) {
		is_str(c->socket, "inet:1@127.0.0.1", "comment after a value dropped");
		is_int(c->loglevel, CONF_LOG_DEBUG, "tabs separate key and value");
		is_str(c->pidfile, "/run/a.pid", "a comment after a tab dropped");
		ok(!c->umask_set, "UMask unset by default");
	}
	conf_free(c);
	if ((c = good("UMask 007\n")) != NULL) {
		ok(c->umask_set && c->umask == 07, "UMask 007 read as octal");
	}
	conf_free(c);
	if ((c = good("Socket inet:2@127.0.0.1\r\nLogLevel notice\r\n")) != NULL) {
		is_str(c->socket, "inet:2@127.0.0.1", "CRLF line ends accepted, CR not kept");
		is_int(c->loglevel, CONF_LOG_NOTICE, "CRLF second line read");
	}
	conf_free(c);
}

/* test_trusted - replace, append, none, and conf_is_trusted on them */
static void test_trusted(void)
{
	struct conf *c;

	if ((c = good("TrustedNetworks 192.0.2.0/24, 2001:db8::/32\n"
		      "TrustedNetworks 10.0.0.0/8\n")) != NULL) {
		is_int((long) c->trusted.count, 3, "repeated TrustedNetworks append");
		is_int(trusted(c, "127.0.0.1"), 0, "setting TrustedNetworks replaces the default");
		is_int(trusted(c, "192.0.2.77"), 1, "192.0.2.77 trusted");
		is_int(trusted(c, "192.0.3.1"), 0, "192.0.3.1 not trusted");
		is_int(trusted(c, "10.255.0.1"), 1, "second line's network trusted");
		is_int(trusted(c, "2001:db8:ffff::9"), 1, "IPv6 network trusted");
		is_int(trusted(c, "2001:db9::1"), 0, "outside IPv6 network not trusted");
		is_int(trusted(c, "::ffff:192.0.2.9"), 1, "v4-mapped client matches IPv4 network");
		is_int(trusted(c, "::ffff:198.51.100.1"), 0, "v4-mapped outside not trusted");
	}
	conf_free(c);
	if ((c = good("TrustedNetworks none\n")) != NULL) {
		is_int((long) c->trusted.count, 0, "TrustedNetworks none empties the list");
		is_int(trusted(c, "127.0.0.1"), 0, "none: loopback not trusted");
		is_int(trusted(c, "::1"), 0, "none: ::1 not trusted");
	}
	conf_free(c);
	if ((c = good("TrustedNetworks 203.0.113.5\n")) != NULL) {
		is_int(trusted(c, "203.0.113.5"), 1, "bare address is a host route");
		is_int(trusted(c, "203.0.113.6"), 0, "host route matches only itself");
	}
	conf_free(c);
}

struct bad {
	const char *text;
	size_t len;                 /* 0: strlen(text) */
	const char *want;           /* the one message expected */
};

static const struct bad bad_lines[] = {
	{ "Sokcet inet:1@127.0.0.1\n", 0,
	  "t.conf:1: unknown key 'Sokcet' (did you mean 'Socket'?)" },
	{ "SOKCET inet:1@127.0.0.1\n", 0,
	  "t.conf:1: unknown key 'SOKCET' (did you mean 'Socket'?)" },
	{ "DNSTimout 5\n", 0,
	  "t.conf:1: unknown key 'DNSTimout' (did you mean 'DNSTimeout'?)" },
	{ "trustednetwork 10.0.0.0/8\n", 0,
	  "t.conf:1: unknown key 'trustednetwork' (did you mean 'TrustedNetworks'?)" },
	{ "ServAuthID mx.example.com\n", 0,
	  "t.conf:1: unknown key 'ServAuthID' (did you mean 'AuthservID'?)" },
	{ "Frobnicate 1\n", 0, "t.conf:1: unknown key 'Frobnicate'" },
	{ "Mode sv\n", 0, "t.conf:1: unknown key 'Mode' (an OpenDKIM or "
	  "OpenDMARC key: authmilter only verifies; remove Mode)" },
	{ "InternalHosts 10.0.0.0/8\n", 0, "t.conf:1: unknown key 'InternalHosts' "
	  "(an OpenDKIM or OpenDMARC key: use TrustedNetworks)" },
	{ "IgnoreHosts /etc/opendmarc/ignore.hosts\n", 0, "t.conf:1: unknown key "
	  "'IgnoreHosts' (an OpenDKIM or OpenDMARC key: use TrustedNetworks)" },
	{ "TrustAnchorFile /usr/share/dns/root.key\n", 0, "t.conf:1: unknown key "
	  "'TrustAnchorFile' (an OpenDKIM or OpenDMARC key: DNSSEC validation "
	  "belongs to the resolver: point Nameservers at a validating one)" },
	{ "syslog yes\n", 0, "t.conf:1: unknown key 'syslog' (an OpenDKIM or "
	  "OpenDMARC key: authmilter always logs to syslog (-f: standard error); "
	  "use SyslogFacility and LogLevel)" },
	{ "On-DNSError tempfail\n", 0, "t.conf:1: unknown key 'On-DNSError' "
	  "(an OpenDKIM or OpenDMARC key: use TempfailOnDNSError)" },
	{ "Socket=inet:1@127.0.0.1\n", 0,
	  "t.conf:1: unknown key 'Socket=inet:1@127.0.0.1'" },
	{ "\n\nSocket\n", 0, "t.conf:3: missing value for 'Socket'" },
	{ "LogLevel\t\t\n", 0, "t.conf:1: missing value for 'LogLevel'" },
	{ "Socket   # only a comment\n", 0, "t.conf:1: missing value for 'Socket'" },
	{ "SPFHeloCheck maybe\n", 0,
	  "t.conf:1: SPFHeloCheck: 'maybe' is not a boolean (use yes, no, true, "
	  "false, on, off, 1 or 0)" },
	{ "IgnoreAuthenticatedClients yes please\n", 0,
	  "t.conf:1: IgnoreAuthenticatedClients: 'yes please' is not a boolean "
	  "(use yes, no, true, false, on, off, 1 or 0)" },
	{ "SPFHeloCheck 2\n", 0,
	  "t.conf:1: SPFHeloCheck: '2' is not a boolean (use yes, no, true, "
	  "false, on, off, 1 or 0)" },
	{ "DNSTimeout 0\n", 0,
	  "t.conf:1: DNSTimeout: '0' is out of range (1..60 seconds)" },
	{ "DNSTimeout 61\n", 0,
	  "t.conf:1: DNSTimeout: '61' is out of range (1..60 seconds)" },
	{ "DNSTimeout 99999999999999999999\n", 0,
	  "t.conf:1: DNSTimeout: '99999999999999999999' is out of range (1..60 seconds)" },
	{ "DNSTimeout 5x\n", 0,
	  "t.conf:1: DNSTimeout: '5x' is not a whole number of seconds" },
	{ "DNSTimeout -1\n", 0,
	  "t.conf:1: DNSTimeout: '-1' is not a whole number of seconds" },
	{ "DNSTimeout 5 5\n", 0,
	  "t.conf:1: DNSTimeout: '5 5' is not a whole number of seconds" },
	{ "DNSTimeout 2.5\n", 0,
	  "t.conf:1: DNSTimeout: '2.5' is not a whole number of seconds" },
	{ "TrustedNetworks 192.0.2.0/33\n", 0,
	  "t.conf:1: TrustedNetworks: '192.0.2.0/33': prefix length must be 0..32" },
	{ "TrustedNetworks 2001:db8::/129\n", 0,
	  "t.conf:1: TrustedNetworks: '2001:db8::/129': prefix length must be 0..128" },
	{ "TrustedNetworks 10.0.0.0/8, bogus\n", 0,
	  "t.conf:1: TrustedNetworks: 'bogus' is not an address or CIDR network" },
	{ "TrustedNetworks [::1/128\n", 0,
	  "t.conf:1: TrustedNetworks: '[::1/128' is not an address or CIDR network" },
	{ "TrustedNetworks 300.0.0.0/8\n", 0,
	  "t.conf:1: TrustedNetworks: '300.0.0.0/8' is not an address or CIDR network" },
	{ "TrustedNetworks 10.0.0.0/8 none\n", 0,
	  "t.conf:1: TrustedNetworks: 'none' must stand alone" },
	{ "TrustedNetworks none\nTrustedNetworks 10.0.0.0/8\n", 0,
	  "t.conf:2: TrustedNetworks: networks given after 'none' on line 1" },
	{ "TrustedNetworks 10.0.0.0/8\nTrustedNetworks none\n", 0,
	  "t.conf:2: TrustedNetworks: 'none' contradicts the networks given on line 1" },
	{ "TrustedNetworks none\n#\nTrustedNetworks NONE\n", 0,
	  "t.conf:3: TrustedNetworks: 'none' already given on line 1" },
	{ "Socket tcp:8893\n", 0,
	  "t.conf:1: Socket: 'tcp:8893' is not inet:PORT@HOST, inet:PORT, "
	  "inet6:PORT@HOST, unix:/PATH or local:/PATH" },
	{ "Socket /run/milter.sock\n", 0,
	  "t.conf:1: Socket: '/run/milter.sock' is not inet:PORT@HOST, inet:PORT, "
	  "inet6:PORT@HOST, unix:/PATH or local:/PATH" },
	{ "Socket 127.0.0.1:8893\n", 0,
	  "t.conf:1: Socket: '127.0.0.1:8893' is not inet:PORT@HOST, inet:PORT, "
	  "inet6:PORT@HOST, unix:/PATH or local:/PATH" },
	{ "Socket inet:0@127.0.0.1\n", 0,
	  "t.conf:1: Socket: port '0' is not a number from 1 to 65535" },
	{ "Socket inet:65536\n", 0,
	  "t.conf:1: Socket: port '65536' is not a number from 1 to 65535" },
	{ "Socket inet:smtp@127.0.0.1\n", 0,
	  "t.conf:1: Socket: port 'smtp' is not a number from 1 to 65535" },
	{ "Socket inet:\n", 0,
	  "t.conf:1: Socket: port '' is not a number from 1 to 65535" },
	{ "Socket inet:8893@\n", 0,
	  "t.conf:1: Socket: host '' is not an IPv4 address or host name" },
	{ "Socket inet:8893@::1\n", 0,
	  "t.conf:1: Socket: host '::1' is an IPv6 address; use inet6:PORT@HOST" },
	{ "Socket inet6:8893@127.0.0.1\n", 0,
	  "t.conf:1: Socket: host '127.0.0.1' is an IPv4 address; use inet:PORT@HOST" },
	{ "Socket inet:8893@bad_host\n", 0,
	  "t.conf:1: Socket: host 'bad_host' is not an IPv4 address or host name" },
	{ "Socket inet:8893@1.2.3.999\n", 0,
	  "t.conf:1: Socket: host '1.2.3.999' is not an IPv4 address or host name" },
	{ "Socket inet:8893@[mx.example.com]\n", 0,
	  "t.conf:1: Socket: host 'mx.example.com' is not an IPv4 address or host name" },
	{ "Socket inet:8893@127.0.0.1 extra\n", 0,
	  "t.conf:1: Socket: host '127.0.0.1 extra' is not an IPv4 address or host name" },
	{ "Socket inet6:8893@-bad.example\n", 0,
	  "t.conf:1: Socket: host '-bad.example' is not an IPv6 address or host name" },
	{ "MetricsSocket unix:/run/authmilter/metrics.sock\n", 0,
	  "t.conf:1: MetricsSocket: 'unix:/run/authmilter/metrics.sock' is not "
	  "inet:PORT@HOST, inet:PORT, inet6:PORT@HOST or inet6:PORT (the metrics "
	  "endpoint is HTTP over TCP)" },
	{ "MetricsSocket 9893\n", 0,
	  "t.conf:1: MetricsSocket: '9893' is not inet:PORT@HOST, inet:PORT, "
	  "inet6:PORT@HOST or inet6:PORT (the metrics endpoint is HTTP over TCP)" },
	{ "MetricsSocket inet:0@127.0.0.1\n", 0,
	  "t.conf:1: MetricsSocket: port '0' is not a number from 1 to 65535" },
	{ "MetricsSocket inet:9893@::1\n", 0,
	  "t.conf:1: MetricsSocket: host '::1' is an IPv6 address; use inet6:PORT@HOST" },
	{ "Socket unix:run/milter.sock\n", 0,
	  "t.conf:1: Socket: socket path 'run/milter.sock' is not absolute" },
	{ "Socket unix:/run/my milter.sock\n", 0,
	  "t.conf:1: Socket: socket path '/run/my milter.sock' contains white space" },
	{ "Socket unix:/0123456789012345678901234567890123456789012345678901234"
	  "5678901234567890123456789012345678901234567890123456789\n", 0,
	  "t.conf:1: Socket: socket path is longer than 107 bytes" },
	{ "PidFile run/authmilter.pid\n", 0,
	  "t.conf:1: PidFile: 'run/authmilter.pid' is not an absolute path" },
	{ "PidFile /run/\n", 0,
	  "t.conf:1: PidFile: '/run/' names a directory, not a file" },
	{ "PidFile /run/a.pid /run/b.pid\n", 0,
	  "t.conf:1: PidFile: '/run/a.pid /run/b.pid' contains white space" },
	{ "AuthservID mx;example.com\n", 0,
	  "t.conf:1: AuthservID: 'mx;example.com' is not a valid authserv-id (a "
	  "host name or token of at most 255 bytes: no white space, ';' or other "
	  "specials)" },
	{ "AuthservID mx example.com\n", 0,
	  "t.conf:1: AuthservID: 'mx example.com' is not a valid authserv-id (a "
	  "host name or token of at most 255 bytes: no white space, ';' or other "
	  "specials)" },
	{ "AuthservID \"mx\"\n", 0,
	  "t.conf:1: AuthservID: '\"mx\"' is not a valid authserv-id (a "
	  "host name or token of at most 255 bytes: no white space, ';' or other "
	  "specials)" },
	{ "UserID root:wheel:extra\n", 0,
	  "t.conf:1: UserID: 'root:wheel:extra' is not user or user:group" },
	{ "UserID -root\n", 0, "t.conf:1: UserID: '-root' is not user or user:group" },
	{ "UserID :mail\n", 0, "t.conf:1: UserID: ':mail' is not user or user:group" },
	{ "UserID mail:\n", 0, "t.conf:1: UserID: 'mail:' is not user or user:group" },
	{ "UserID am/../x\n", 0, "t.conf:1: UserID: 'am/../x' is not user or user:group" },
	{ "SyslogFacility kern\n", 0,
	  "t.conf:1: SyslogFacility: 'kern' is not one of mail, daemon, user, "
	  "local0, local1, local2, local3, local4, local5, local6, local7" },
	{ "LogLevel loud\n", 0,
	  "t.conf:1: LogLevel: 'loud' is not one of error, warning, notice, info, debug" },
	{ "LogLevel \x01\xff\n", 0,
	  "t.conf:1: LogLevel: '\\x01\\xff' is not one of error, warning, notice, "
	  "info, debug" },
	{ "OnInternalError reject\n", 0,
	  "t.conf:1: OnInternalError: 'reject' is not one of accept, tempfail" },
	{ "Nameservers 127.0.0.1@0\n", 0,
	  "t.conf:1: Nameservers: port in '127.0.0.1@0' is not a number from 1 to 65535" },
	{ "Nameservers ns1.example.com\n", 0,
	  "t.conf:1: Nameservers: 'ns1.example.com' is not an IP address or IP@PORT" },
	{ "Nameservers 127.0.0.1:53\n", 0,
	  "t.conf:1: Nameservers: '127.0.0.1:53' is not an IP address or IP@PORT" },
	{ "Nameservers fe80::1%eth0\n", 0,
	  "t.conf:1: Nameservers: 'fe80::1%eth0' is not an IP address or IP@PORT" },
	{ "UMask 0x7\n", 0,
	  "t.conf:1: UMask: '0x7' is not an octal mask from 000 to 777 (e.g. 007)" },
	{ "UMask 1777\n", 0,
	  "t.conf:1: UMask: '1777' is not an octal mask from 000 to 777 (e.g. 007)" },
	{ "UMask 08\n", 0,
	  "t.conf:1: UMask: '08' is not an octal mask from 000 to 777 (e.g. 007)" },
	{ "UMask 00007\n", 0,
	  "t.conf:1: UMask: '00007' is not an octal mask from 000 to 777 (e.g. 007)" },
	{ "Nameservers 127.0.0.1#5353\n", 0,
	  "t.conf:1: Nameservers: a '#' right after the value starts a comment, "
	  "cutting the value to '127.0.0.1'; put a space before a comment "
	  "(a name server's port goes after '@': IP@PORT)" },
	{ "PidFile /run/a#b.pid\n", 0,
	  "t.conf:1: PidFile: a '#' right after the value starts a comment, "
	  "cutting the value to '/run/a'; put a space before a comment" },
	{ "Nameservers , ,\n", 0, "t.conf:1: Nameservers: no address given" },
	{ "Socket inet:1@127.0.0.1\nsocket inet:2@127.0.0.1\n", 0,
	  "t.conf:2: duplicate key 'Socket' (first given on line 1)" },
	{ "# x\nDNSTimeout 5\n\nLogLevel info\nDNSTIMEOUT 6\n", 0,
	  "t.conf:5: duplicate key 'DNSTimeout' (first given on line 2)" },
	{ "LogLevel in\0fo\n", sizeof("LogLevel in\0fo\n") - 1,
	  "t.conf:1: NUL byte in line" },
	{ "# a comment\0 still a NUL\n", sizeof("# a comment\0 still a NUL\n") - 1,
	  "t.conf:1: NUL byte in line" },
};

/* test_hostile - each bad_lines row: refused, one error, exact text */
static void test_hostile(void)
{
	struct conf_errors e = { NULL, 0 };
	const struct bad *b;
	struct conf *c;
	size_t i;

	for (i = 0; i < sizeof(bad_lines) / sizeof(bad_lines[0]); i++) {
		b = &bad_lines[i];
		c = conf_parse(NAME, b->text, b->len ? b->len : strlen(b->text), &e);
		ok(c == NULL, "refused: %s", b->want);
		is_int((long) e.count, 1, "one error for row %zu", i);
		if (e.count > 0)
			is_str(e.msg[0], b->want, "message for row %zu", i);
		conf_free(c);
		conf_errors_clear(&e);
	}
}

/* test_long - a line over CONF_MAX_LINE is refused, even a comment, and
 * one at the limit is read; quoted values are cut */
static void test_long(void)
{
	struct conf_errors e = { NULL, 0 };
	char *text = malloc(CONF_MAX_LINE + 64);
	struct conf *c;
	size_t n;

	if (text == NULL)
		return;
	memset(text, 'x', CONF_MAX_LINE + 10);
	memcpy(text, "# ", 2);
	strcpy(text + CONF_MAX_LINE + 10, "\nLogLevel debug\n");
	c = parse(text, &e);
	ok(c == NULL, "over-long comment line refused");
	is_int((long) e.count, 1, "over-long line: one error");
	if (e.count > 0)
		is_str(e.msg[0], "t.conf:1: line is longer than 4096 bytes",
		       "over-long line message");
	conf_free(c);

	memset(text, ' ', CONF_MAX_LINE);
	memcpy(text, "LogLevel debug", 14);
	strcpy(text + CONF_MAX_LINE, "\r\n");
	c = parse(text, &e);
	ok(c != NULL && c->loglevel == CONF_LOG_DEBUG,
	   "a line of exactly 4096 bytes (plus CRLF) is read");
	conf_free(c);

	n = (size_t) snprintf(text, CONF_MAX_LINE, "AuthservID ");
	memset(text + n, 'a', 300);
	text[n + 300] = ';';
	text[n + 301] = '\0';
	c = parse(text, &e);
	ok(c == NULL && e.count == 1, "long bad AuthservID refused once");
	if (e.count > 0)
		is_str(e.msg[0], "t.conf:1: AuthservID: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		       "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...' is not a valid authserv-id "
		       "(a host name or token of at most 255 bytes: no white space, ';' "
		       "or other specials)", "long value cut to 64 bytes in the message");
	conf_free(c);
	conf_errors_clear(&e);
	free(text);
}

/* test_many - several errors in one file, each with its own line */
static void test_many(void)
{
	static const char *want[] = {
		"t.conf:2: Socket: port '0' is not a number from 1 to 65535",
		"t.conf:4: DNSTimeout: '5x' is not a whole number of seconds",
		"t.conf:5: unknown key 'Sokcet' (did you mean 'Socket'?)",
		"t.conf:6: duplicate key 'Socket' (first given on line 2)",
		"t.conf:7: SPFHeloCheck: 'perhaps' is not a boolean (use yes, no, "
		"true, false, on, off, 1 or 0)",
		"t.conf:9: TrustedNetworks: 'x' is not an address or CIDR network",
	};
	struct conf_errors e = { NULL, 0 };
	struct conf *c;
	size_t i;

	c = parse("# several problems\n"
		  "Socket inet:0@127.0.0.1\n"
		  "LogLevel debug\n"
		  "DNSTimeout 5x\n"
		  "Sokcet unix:/run/x\n"
		  "Socket inet:1@127.0.0.1\n"
		  "SPFHeloCheck perhaps\n"
		  "TrustedNetworks 10.0.0.0/8\n"
		  "TrustedNetworks x 192.0.2.0/24\n", &e);
	ok(c == NULL, "file with several errors refused");
	is_int((long) e.count, 6, "every error reported");
	for (i = 0; i < e.count && i < 6; i++)
		is_str(e.msg[i], want[i], "error %zu in order with its line", i + 1);
	conf_free(c);

	/* Messages are appended to what the caller already holds. */
	conf_errors_clear(&e);
	c = conf_parse("a.conf", "Frob v\n", 7, &e);
	conf_free(c);
	c = conf_parse("b.conf", "\nLogLevel x\n", 12, &e);
	is_int((long) e.count, 2, "errors from two sources accumulate");
	if (e.count == 2) {
		is_str(e.msg[0], "a.conf:1: unknown key 'Frob'", "first source kept");
		is_str(e.msg[1], "b.conf:2: LogLevel: 'x' is not one of error, "
		       "warning, notice, info, debug", "second source appended");
	}
	conf_free(c);
	conf_errors_clear(&e);
	ok(e.count == 0 && e.msg == NULL, "conf_errors_clear empties the list");
}

/* test_limits - TrustedNetworks past CONF_MAX_TRUSTED, error flood */
static void test_limits(void)
{
	struct conf_errors e = { NULL, 0 };
	size_t size = 10000 * 32, o = 0, i;
	char *text = malloc(size);
	struct conf *c;

	if (text == NULL)
		return;
	for (i = 0; i < 10000; i++)
		o += (size_t) snprintf(text + o, size - o,
				       "TrustedNetworks 10.%zu.%zu.0/24\n",
				       i / 256, i % 256);
	c = parse(text, &e);
	ok(c == NULL, "10000 TrustedNetworks lines refused");
	is_int((long) e.count, 1, "overflow reported once");
	if (e.count > 0)
		is_str(e.msg[0], "t.conf:257: TrustedNetworks: more than 256 networks",
		       "overflow message names the first line past the limit");
	conf_free(c);

	o = 0;
	for (i = 0; i < CONF_MAX_TRUSTED; i++)
		o += (size_t) snprintf(text + o, size - o,
				       "TrustedNetworks 10.%zu.%zu.0/24\n",
				       i / 256, i % 256);
	c = parse(text, &e);
	ok(c != NULL && c->trusted.count == CONF_MAX_TRUSTED,
	   "exactly %d TrustedNetworks accepted", CONF_MAX_TRUSTED);
	if (c != NULL)
		is_int(trusted(c, "10.0.255.1"), 1, "the last of them is used");
	conf_free(c);

	o = (size_t) snprintf(text, size, "TrustedNetworks");
	for (i = 0; i < 300; i++)
		o += (size_t) snprintf(text + o, size - o, " 1.2.%zu.4", i % 250);
	c = parse(text, &e);
	ok(c == NULL && e.count == 1, "300 networks on one line: one error");
	if (e.count > 0)
		is_str(e.msg[0], "t.conf:1: TrustedNetworks: more than 256 networks",
		       "one-line overflow message");
	conf_free(c);

	o = 0;
	for (i = 0; i < 150; i++)
		o += (size_t) snprintf(text + o, size - o, "Bogus%zu x\n", i);
	c = parse(text, &e);
	ok(c == NULL, "150 bad lines refused");
	is_int((long) e.count, CONF_MAX_ERRORS + 1, "errors stop at CONF_MAX_ERRORS");
	if (e.count == CONF_MAX_ERRORS + 1)
		is_str(e.msg[CONF_MAX_ERRORS], "t.conf:100: too many errors, giving up",
		       "last message says reading stopped");
	conf_free(c);
	conf_errors_clear(&e);
	free(text);
}

/* write_tmp - a scratch file holding LEN bytes of TEXT */
static int write_tmp(char *path, const char *text, size_t len)
{
	int fd = mkstemp(path);

	if (fd < 0)
		return -1;
	if (write(fd, text, len) != (ssize_t) len) {
		close(fd);
		return -1;
	}
	return close(fd);
}

/* test_load - conf_load on missing, odd, bad, good and huge files */
static void test_load(void)
{
	struct conf_errors e = { NULL, 0 };
	char path[] = "/tmp/test_conf.XXXXXX", want[256];
	struct conf *c;
	char *big;

	c = conf_load("/nonexistent/authmilter.conf", &e);
	ok(c == NULL && e.count == 1, "missing file: NULL and one error");
	if (e.count > 0)
		is_str(e.msg[0], "/nonexistent/authmilter.conf: cannot open: No "
		       "such file or directory", "missing file named");
	conf_errors_clear(&e);

	c = conf_load("/tmp", &e);
	ok(c == NULL && e.count == 1, "directory refused");
	if (e.count > 0)
		is_str(e.msg[0], "/tmp: not a regular file", "directory message");
	conf_errors_clear(&e);
	c = conf_load("/dev/zero", &e);
	ok(c == NULL && e.count == 1, "/dev/zero refused, not read forever");
	conf_errors_clear(&e);

	if (write_tmp(path, "LogLevel debug\nDNSTimeout 0\n", 28) == 0) {
		c = conf_load(path, &e);
		snprintf(want, sizeof(want), "%s:2: DNSTimeout: '0' is out of "
			 "range (1..60 seconds)", path);
		ok(c == NULL && e.count == 1, "conf_load reports a bad file");
		if (e.count > 0)
			is_str(e.msg[0], want, "conf_load message names the path");
		conf_errors_clear(&e);
		unlink(path);
	}
	strcpy(path, "/tmp/test_conf.XXXXXX");
	if (write_tmp(path, "LogLevel debug\n", 15) == 0) {
		c = conf_load(path, &e);
		ok(c != NULL && e.count == 0, "conf_load reads a good file");
		if (c != NULL) {
			is_str(c->path, path, "path recorded");
			is_int(c->loglevel, CONF_LOG_DEBUG, "value from the file");
		}
		conf_free(c);
		unlink(path);
	}
	strcpy(path, "/tmp/test_conf.XXXXXX");
	if ((big = malloc(CONF_MAX_FILE + 2)) != NULL) {
		memset(big, '\n', CONF_MAX_FILE + 1);
		if (write_tmp(path, big, CONF_MAX_FILE + 1) == 0) {
			c = conf_load(path, &e);
			snprintf(want, sizeof(want), "%s: larger than 1048576 bytes", path);
			ok(c == NULL && e.count == 1, "file over CONF_MAX_FILE refused");
			if (e.count > 0)
				is_str(e.msg[0], want, "size message");
			conf_errors_clear(&e);
			unlink(path);
		}
		free(big);
	}
}

int main(void)
{
	test_defaults();
	test_socket_good();
	test_metrics_socket_good();
	test_keys_good();
	test_booleans();
	test_layout();
	test_trusted();
	test_hostile();
	test_long();
	test_many();
	test_limits();
	test_load();
	return tap_done();
}
