/*
 * conf_foreign - the keys admins bring from opendkim.conf and
 * opendmarc.conf, and what to write instead: the authmilter key that does
 * the same, or why there is none. An unknown key that is one of these
 * gets that answer rather than a bare "unknown key" or a guess by
 * spelling. Keys spelt as ours (Socket, UserID, AuthservID, ...) never
 * reach here.
 */
#include <strings.h>

#include "conf_priv.h"

struct foreign {
	const char *key;
	const char *advice;
};

static const struct foreign foreign_keys[] = {
	{ "Syslog", "authmilter always logs to syslog (-f: standard error); "
	  "use SyslogFacility and LogLevel" },
	{ "SyslogSuccess", "use LogLevel (one line per message at info)" },
	{ "LogWhy", "use LogLevel debug" },
	{ "LogResults", "use LogLevel debug" },
	{ "MilterDebug", "use LogLevel debug" },
	{ "InternalHosts", "use TrustedNetworks" },
	{ "ExternalIgnoreList", "use TrustedNetworks" },
	{ "PeerList", "use TrustedNetworks" },
	{ "IgnoreHosts", "use TrustedNetworks" },
	{ "TrustedAuthservIDs", "authmilter trusts no other host's "
	  "Authentication-Results: each message is evaluated here" },
	{ "AuthservIDWithJobID", "authmilter has no such option" },
	{ "TrustAnchorFile", "DNSSEC validation belongs to the resolver: point "
	  "Nameservers at a validating one" },
	{ "On-DNSError", "use TempfailOnDNSError" },
	{ "On-InternalError", "use OnInternalError" },
	{ "On-BadSignature", "the DMARC policy and local policy decide; see "
	  "RejectFailures, PolicyOverrides" },
	{ "On-NoSignature", "the DMARC policy and local policy decide" },
	{ "On-KeyNotFound", "the DMARC policy and local policy decide" },
	{ "On-SignatureError", "the DMARC policy and local policy decide" },
	{ "On-Security", "the DMARC policy and local policy decide" },
	{ "On-Default", "the DMARC policy and local policy decide" },
	{ "Mode", "authmilter only verifies; remove Mode" },
	{ "Domain", "authmilter does not sign; keep OpenDKIM for signing" },
	{ "KeyFile", "authmilter does not sign; keep OpenDKIM for signing" },
	{ "KeyTable", "authmilter does not sign; keep OpenDKIM for signing" },
	{ "Selector", "authmilter does not sign; keep OpenDKIM for signing" },
	{ "SigningTable", "authmilter does not sign; keep OpenDKIM for signing" },
	{ "OversignHeaders", "authmilter does not sign" },
	{ "Canonicalization", "authmilter does not sign" },
	{ "RequireSafeKeys", "authmilter does not sign" },
	{ "AlwaysAddARHeader", "authmilter always adds its "
	  "Authentication-Results field" },
	{ "SPFSelfValidate", "authmilter always evaluates SPF itself" },
	{ "SPFIgnoreResults", "authmilter always evaluates SPF itself" },
	{ "RequiredHeaders", "a message without one valid From is always "
	  "refused; see MultipleFrom" },
	{ "HistoryFile", "DMARC reports are not supported yet" },
	{ "FailureReports", "DMARC failure reports are not supported yet" },
	{ "BaseDirectory", "give absolute paths" },
	{ "AutoRestart", "let the service manager restart it (systemd "
	  "Restart=on-failure)" },
	{ "Background", "authmilter detaches unless run with -f" },
};

/* conf_foreign - the advice for an opendkim/opendmarc KEY, or NULL */
const char *conf_foreign(const char *key)
{
	size_t i;

	for (i = 0; i < sizeof(foreign_keys) / sizeof(foreign_keys[0]); i++)
		if (strcasecmp(foreign_keys[i].key, key) == 0)
			return foreign_keys[i].advice;
	return NULL;
}
