/*
 * conf - authmilter.conf: "Key value" lines into one immutable struct.
 *
 * Keys are case-insensitive (the opendkim.conf habit), '#' starts a
 * comment, blank lines are ignored. Every problem is reported as
 * "FILE:LINE: message" ("FILE: message" for the file as a whole) and all
 * of them are collected, not just the first (up to CONF_MAX_ERRORS);
 * an unknown key close to a known one gets "did you mean". A struct conf
 * is never modified after conf_load returns: a reload builds a new one.
 * No logging here; the caller prints the errors.
 */
#ifndef AUTHMILTER_CONF_H
#define AUTHMILTER_CONF_H

#include <stddef.h>

#include "dmarc.h"
#include "netaddr.h"
#include "verdict.h"

#define CONF_DEFAULT_PATH    SYSCONFDIR "/authmilter/authmilter.conf"
#define CONF_DEFAULT_SOCKET  "inet:8893@127.0.0.1"
#define CONF_MAX_LINE        4096
#define CONF_MAX_TRUSTED     256  /* networks in one list key */
#define CONF_MAX_ERRORS      100        /* then one "too many errors" */
#define CONF_MAX_FILE        (1 << 20)  /* bytes; a config is never this big */

enum conf_loglevel { CONF_LOG_ERR, CONF_LOG_WARNING, CONF_LOG_NOTICE,
		     CONF_LOG_INFO, CONF_LOG_DEBUG };
/* Keys that name a policy choice store policy/'s own enum (dmarc.h,
 * verdict.h), so the configuration and the evaluation cannot mean two
 * things by one word. */

/* A per-domain override: what local policy does with DMARC failures of
 * mail from DOMAIN (and its subdomains), whatever the domain publishes. */
#define CONF_MAX_OVERRIDES 10000
struct conf_override {
	char *domain;
	enum dmarc_disposition policy; /* in place of the domain's */
	size_t line;                /* in PolicyOverrides' file */
};

/* A list of networks (TrustedNetworks, TrustedForwarders). */
struct conf_netlist {
	struct netaddr_cidr net[CONF_MAX_TRUSTED];
	size_t count;
};

struct conf {
	char *path;                 /* the file it came from, or "" */
	char *socket;               /* Socket: inet:PORT@HOST, inet6:..., unix:PATH */
	char *authserv_id;          /* AuthservID: default the host name */
	char *user;                 /* UserID: "user" or "user:group", or NULL */
	size_t user_line;           /* the line UserID was given on */
	char *pidfile;              /* PidFile, or NULL */
	int umask_set;              /* UMask given */
	unsigned umask;             /* UMask: for the socket and files we make */
	char *metrics_socket;       /* MetricsSocket: inet:PORT@HOST or
				       inet6:..., or NULL: no endpoint */
	int syslog_facility;        /* SyslogFacility: LOG_MAIL by default */
	enum conf_loglevel loglevel;/* LogLevel: info by default */
	char *nameservers;          /* Nameservers "IP[@PORT] ..." one space
				       apart, or NULL: system resolver */
	unsigned dns_timeout_ms;    /* DNSTimeout seconds (1..60), default 5 */
	struct conf_netlist trusted; /* TrustedNetworks */
	int ignore_authenticated;   /* IgnoreAuthenticatedClients, default yes */
	enum verdict_action on_internal_error; /* OnInternalError: accept or
				       tempfail (the default) */
	int spf_helo_check;         /* SPFHeloCheck, default yes */
	/* DKIM and DMARC */
	unsigned max_dkim_signatures; /* MaxDKIMSignatures 1..64, default 8 */
	unsigned min_key_bits;      /* MinimumKeyBits 1024..16384, default 1024 */
	int dkim_allow_unsigned_dups; /* DKIMAllowUnsignedDuplicates, default no */
	enum verdict_multifrom multiple_from; /* MultipleFrom, default reject */
	enum dmarc_orgmode dmarc_orgdomain; /* DMARCOrgDomain, default treewalk */
	char *psl_file;             /* PublicSuffixList (psl mode) */
	int reject_failures;        /* RejectFailures, default yes */
	enum verdict_quarantine quarantine_action; /* QuarantineAction, default hold */
	int report_only;            /* ReportOnly, default no */
	int tempfail_on_dns_error;  /* TempfailOnDNSError, default yes */
	struct conf_netlist forwarders; /* TrustedForwarders, default none */
	char *exempt_domains;       /* ExemptDomains: lowercase names one space
				       apart, or NULL */
	char *override_file;        /* PolicyOverrides file, or NULL */
	struct conf_override *overrides; /* its lines, loaded with the config */
	size_t noverrides;
};

/* A list of "FILE:LINE: message" strings. */
struct conf_errors {
	char **msg;
	size_t count;
};

/* conf_defaults - a struct with every default filled in (AuthservID from
 * gethostname). NULL only when out of memory. */
struct conf *conf_defaults(void);

/* conf_load - read PATH. Returns the struct, or NULL with every problem
 * appended to ERRS (a missing file is one error naming it). */
struct conf *conf_load(const char *path, struct conf_errors *errs);

/* conf_check_host - what only this host can tell: the user and group
 * of UserID exist. Problems go to ERRS as "NAME:LINE: ..."; returns
 * their number. For -n and the daemon, not for -t. */
int conf_check_host(const struct conf *c, const char *name,
		    struct conf_errors *errs);

/* conf_parse - the same from memory; NAME is what error messages call the
 * source. For tests and the fuzzer. */
struct conf *conf_parse(const char *name, const char *text, size_t len,
			struct conf_errors *errs);

void conf_free(struct conf *c);
void conf_errors_clear(struct conf_errors *errs);

/* conf_is_trusted - 1 if ADDR is inside one of the TrustedNetworks. An
 * IPv4-mapped IPv6 address (::ffff:a.b.c.d, as an IPv6 listener reports an
 * IPv4 client) is also tried as the IPv4 address it carries. */
int conf_is_trusted(const struct conf *c, const struct netaddr *addr);

/* conf_domain_exempt - 1 if DOMAIN or a parent of it is in ExemptDomains. */
int conf_domain_exempt(const struct conf *c, const char *domain);

/* conf_override_for - the PolicyOverrides entry for DOMAIN or its closest
 * listed parent, or NULL. */
const struct conf_override *conf_override_for(const struct conf *c,
					      const char *domain);

/* conf_netlist_match - 1 if ADDR (or its IPv4 form, when v4-mapped) is
 * inside one of the networks of L. */
int conf_netlist_match(const struct conf_netlist *l, const struct netaddr *addr);

/* One row of the key table, for documentation and --help output. DEF is
 * the default as it would be written in the file, or NULL when the key is
 * unset by default (AuthservID: computed from the host name). */
struct conf_keydoc {
	const char *name;
	const char *def;
	const char *help;
};

/* conf_key_doc - the Nth known key (from 0). Returns 0, or -1 past the end. */
int conf_key_doc(size_t n, struct conf_keydoc *out);

#endif
