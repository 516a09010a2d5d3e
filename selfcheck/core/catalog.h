/*
 * catalog - every finding id authmilter-selfcheck can report, with its
 * severity, a one-line title and the fix in a sentence or two.
 *
 * SC_CATALOG is the one table: X(NAME, "id", severity, title, fix) per
 * finding. It yields enum sc_id (SC_ID_NAME, NAME being the id in upper
 * case with '_' for '.'), which every check passes to sc_found(), so a
 * misspelled id does not compile; and sc_catalog[], indexed by it.
 *
 * The ids are an interface: monitoring setups key on them, so they are
 * never renamed. The man page lists the same table; a test keeps the two
 * in step. Severities follow the usual audit table: an open relay and
 * anything that lets spoofed mail pass is critical or high; TLS, VRFY
 * and PTR problems are medium; information leaks and optional records
 * are low.
 */
#ifndef AUTHMILTER_SC_CATALOG_H
#define AUTHMILTER_SC_CATALOG_H

enum sc_severity {
	SC_INFO,
	SC_LOW,
	SC_MEDIUM,
	SC_HIGH,
	SC_CRITICAL,
};

#define SC_CATALOG(X) \
	/* SMTP, as a client on the network sees the server */ \
	X(SMTP_BANNER_SOFTWARE, "smtp.banner_software", SC_LOW, \
	  "SMTP banner names the server software", \
	  "Announce only the host name: smtpd_banner = $myhostname ESMTP") \
	X(SMTP_BANNER_VERSION, "smtp.banner_version", SC_LOW, \
	  "SMTP banner shows a software version or the OS", \
	  "Announce only the host name: smtpd_banner = $myhostname ESMTP") \
	X(SMTP_OPEN_RELAY, "smtp.open_relay", SC_CRITICAL, \
	  "Server relays mail for outside senders to outside domains", \
	  "Allow relaying only for your own clients: smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination") \
	X(SMTP_VRFY_ENABLED, "smtp.vrfy_enabled", SC_MEDIUM, \
	  "VRFY tells anyone which addresses exist", \
	  "Turn VRFY off: disable_vrfy_command = yes") \
	X(SMTP_EXPN_ENABLED, "smtp.expn_enabled", SC_MEDIUM, \
	  "EXPN lists the members of mailing lists", \
	  "Turn EXPN off in the MTA (Postfix never offers it; in Sendmail set PrivacyOptions=noexpn).") \
	X(SMTP_NO_STARTTLS, "smtp.no_starttls", SC_CRITICAL, \
	  "Server does not offer STARTTLS", \
	  "Offer TLS with a certificate: smtpd_tls_security_level = may, smtpd_tls_chain_files = /etc/ssl/private/mail.pem") \
	X(SMTP_PTR_MISSING, "smtp.ptr_missing", SC_MEDIUM, \
	  "Server address has no PTR record", \
	  "Ask whoever holds the address block to set a PTR record naming the host name the server announces.") \
	X(SMTP_PTR_MISMATCH, "smtp.ptr_mismatch", SC_MEDIUM, \
	  "PTR name does not match the server's announced name or address", \
	  "Make the PTR name, the A/AAAA record of that name and myhostname agree: receivers check all three.") \
	/* TLS, after STARTTLS */ \
	X(TLS_PROTOCOL_TLS1_0, "tls.protocol_tls1_0", SC_MEDIUM, \
	  "Server accepts TLS 1.0", \
	  "Accept TLS 1.2 and newer only: smtpd_tls_protocols = >=TLSv1.2, smtpd_tls_mandatory_protocols = >=TLSv1.2") \
	X(TLS_PROTOCOL_TLS1_1, "tls.protocol_tls1_1", SC_MEDIUM, \
	  "Server accepts TLS 1.1", \
	  "Accept TLS 1.2 and newer only: smtpd_tls_protocols = >=TLSv1.2, smtpd_tls_mandatory_protocols = >=TLSv1.2") \
	X(TLS_WEAK_CIPHER, "tls.weak_cipher", SC_MEDIUM, \
	  "Server accepts a weak or unauthenticated cipher", \
	  "Exclude them: smtpd_tls_exclude_ciphers = aNULL, eNULL, EXPORT, DES, 3DES, RC4, MD5") \
	X(TLS_CERT_EXPIRED, "tls.cert_expired", SC_HIGH, \
	  "Server certificate has expired (or is not valid yet)", \
	  "Renew the certificate and reload Postfix; senders that enforce MTA-STS or DANE will not deliver until then.") \
	X(TLS_CERT_EXPIRING, "tls.cert_expiring", SC_MEDIUM, \
	  "Server certificate expires within 14 days", \
	  "Renew the certificate now and check that automatic renewal reloads Postfix.") \
	X(TLS_CERT_HOSTNAME_MISMATCH, "tls.cert_hostname_mismatch", SC_MEDIUM, \
	  "Server certificate does not name the host", \
	  "Use a certificate whose subjectAltName holds the MX host name the server announces.") \
	X(TLS_CERT_SELF_SIGNED, "tls.cert_self_signed", SC_MEDIUM, \
	  "Server certificate is self-signed", \
	  "Use a certificate from a public CA (e.g. Let's Encrypt), so MTA-STS senders can verify it.") \
	X(TLS_CERT_WEAK_KEY, "tls.cert_weak_key", SC_MEDIUM, \
	  "Server certificate has an RSA key under 2048 bits", \
	  "Issue a new certificate with an RSA key of 2048 bits or more, or an ECDSA P-256 key.") \
	/* MX */ \
	X(MX_MISSING, "mx.missing", SC_MEDIUM, \
	  "Domain has no MX record (mail falls back to its A record)", \
	  "Publish an MX record naming your mail server: DOMAIN. IN MX 10 mx.DOMAIN.") \
	X(MX_IP_LITERAL, "mx.ip_literal", SC_HIGH, \
	  "MX record names an IP address instead of a host name", \
	  "An MX must name a host that has an A/AAAA record (RFC 7505, RFC 5321 5.1); publish a name.") \
	X(MX_CNAME_TARGET, "mx.cname_target", SC_MEDIUM, \
	  "MX record points at a CNAME", \
	  "Point the MX at the canonical host name (RFC 2181 10.3); some senders will not follow the alias.") \
	X(MX_UNRESOLVABLE, "mx.unresolvable", SC_HIGH, \
	  "MX host does not resolve to an address", \
	  "Publish A/AAAA records for the MX host, or remove the MX record.") \
	X(MX_SINGLE, "mx.single", SC_LOW, \
	  "Domain has only one MX host", \
	  "Consider a second MX host, so mail queues at a server you control during outages.") \
	X(MX_EQUAL_PRIORITY, "mx.equal_priority", SC_INFO, \
	  "Several MX records share the lowest preference", \
	  "Nothing to fix if the hosts are meant to share the load.") \
	X(MX_NULL, "mx.null", SC_INFO, \
	  "Domain publishes a null MX (accepts no mail, RFC 7505)", \
	  "Nothing to fix if the domain really receives no mail.") \
	X(MX_NOT_IN_SPF, "mx.not_in_spf", SC_MEDIUM, \
	  "MX hosts are not covered by the domain's SPF record", \
	  "Add the MX hosts to the SPF record (the mx mechanism), so mail they send (bounces, forwards) passes SPF.") \
	/* SPF */ \
	X(SPF_MISSING, "spf.missing", SC_HIGH, \
	  "Domain has no SPF record", \
	  "Publish one naming your outgoing servers, e.g. DOMAIN. IN TXT \"v=spf1 mx -all\"") \
	X(SPF_MULTIPLE, "spf.multiple", SC_HIGH, \
	  "Domain has more than one SPF record (permerror)", \
	  "Merge them into one TXT record starting with v=spf1 (RFC 7208 4.5).") \
	X(SPF_SYNTAX, "spf.syntax", SC_HIGH, \
	  "SPF record has a syntax error (permerror)", \
	  "Correct the record; every receiver treats it as a permanent error.") \
	X(SPF_TOO_MANY_LOOKUPS, "spf.too_many_lookups", SC_HIGH, \
	  "SPF record needs more than 10 DNS lookups (permerror)", \
	  "Flatten includes or use ip4:/ip6: ranges; RFC 7208 4.6.4 allows 10 lookup terms in all.") \
	X(SPF_TOO_MANY_VOID, "spf.too_many_void", SC_HIGH, \
	  "SPF record makes more than 2 void lookups (permerror)", \
	  "Remove the mechanisms and includes whose names do not exist or have no records (RFC 7208 4.6.4).") \
	X(SPF_PLUS_ALL, "spf.plus_all", SC_CRITICAL, \
	  "SPF record ends in +all: anyone may send as the domain", \
	  "End the record with -all (or ~all while you check your senders).") \
	X(SPF_NEUTRAL_ALL, "spf.neutral_all", SC_MEDIUM, \
	  "SPF record ends in ?all: it says nothing about other senders", \
	  "End the record with -all (or ~all while you check your senders).") \
	X(SPF_SOFTFAIL_ALL, "spf.softfail_all", SC_LOW, \
	  "SPF record ends in ~all (softfail)", \
	  "Once every sender is listed, end the record with -all.") \
	X(SPF_NO_ALL, "spf.no_all", SC_MEDIUM, \
	  "SPF record has no all mechanism and no redirect (neutral for other senders)", \
	  "End the record with -all.") \
	X(SPF_PTR_MECHANISM, "spf.ptr_mechanism", SC_LOW, \
	  "SPF record uses the ptr mechanism (RFC 7208 5.5: do not use)", \
	  "Replace ptr with ip4:/ip6: or a/mx mechanisms.") \
	X(SPF_INCLUDE_MISSING, "spf.include_missing", SC_HIGH, \
	  "An SPF include names a domain without an SPF record (permerror)", \
	  "Correct or remove the include; RFC 7208 5.2 makes a missing included record a permanent error.") \
	/* DKIM */ \
	X(DKIM_MISSING, "dkim.missing", SC_HIGH, \
	  "No DKIM key found for the selectors checked", \
	  "Sign outgoing mail and publish the key at SELECTOR._domainkey.DOMAIN; name your selectors with --selector.") \
	X(DKIM_WEAK_KEY, "dkim.weak_key", SC_MEDIUM, \
	  "DKIM RSA key is under 2048 bits", \
	  "Publish a new RSA key of 2048 bits (or an Ed25519 key beside it) and sign with it; RFC 8301 refuses keys under 1024 bits.") \
	X(DKIM_TESTING, "dkim.testing", SC_MEDIUM, \
	  "DKIM key is in testing mode (t=y)", \
	  "Remove t=y from the key record once signing works: verifiers may treat the signatures as absent.") \
	X(DKIM_INVALID_KEY, "dkim.invalid_key", SC_HIGH, \
	  "DKIM key record cannot be used by verifiers", \
	  "Publish the key again as v=DKIM1; k=rsa (or ed25519); p=BASE64 of the public key; signatures with this selector fail until then.") \
	X(DKIM_REVOKED, "dkim.revoked", SC_INFO, \
	  "DKIM key is revoked (empty p=)", \
	  "Nothing to fix if the selector is retired; stop signing with it.") \
	/* DMARC */ \
	X(DMARC_MISSING, "dmarc.missing", SC_HIGH, \
	  "Domain has no DMARC record", \
	  "Publish one: _dmarc.DOMAIN. IN TXT \"v=DMARC1; p=none; rua=mailto:dmarc-reports@DOMAIN\", then move to p=reject.") \
	X(DMARC_MULTIPLE, "dmarc.multiple", SC_HIGH, \
	  "Domain has more than one DMARC record (all are ignored)", \
	  "Keep exactly one TXT record starting with v=DMARC1 at _dmarc.DOMAIN.") \
	X(DMARC_SYNTAX, "dmarc.syntax", SC_HIGH, \
	  "DMARC record is invalid", \
	  "Correct the record: v=DMARC1 first, then valid tags, each given once.") \
	X(DMARC_POLICY_NONE, "dmarc.policy_none", SC_HIGH, \
	  "DMARC policy is p=none: spoofed mail is delivered", \
	  "After watching the reports, move to p=quarantine and then p=reject.") \
	X(DMARC_NO_RUA, "dmarc.no_rua", SC_MEDIUM, \
	  "DMARC record asks for no aggregate reports (rua=)", \
	  "Add rua=mailto:ADDRESS to see who sends mail as the domain.") \
	X(DMARC_NO_RUF, "dmarc.no_ruf", SC_LOW, \
	  "DMARC record asks for no failure reports (ruf=)", \
	  "Add ruf=mailto:ADDRESS if you want per-message failure reports (few receivers send them).") \
	X(DMARC_SUBDOMAIN_WEAKER, "dmarc.subdomain_weaker", SC_MEDIUM, \
	  "DMARC policy for subdomains (sp= or np=) is weaker than p=", \
	  "Set sp= and np= as strict as p=, or drop them (they default to p).") \
	X(DMARC_PARTIAL, "dmarc.partial", SC_MEDIUM, \
	  "DMARC policy applies only in part (pct< 100 or t=y)", \
	  "Remove pct= and t=y once the policy is known to be right.") \
	X(DMARC_RUA_UNAUTHORIZED, "dmarc.rua_unauthorized", SC_MEDIUM, \
	  "DMARC reports go to another domain that has not agreed to take them", \
	  "Have the report domain publish DOMAIN._report._dmarc.REPORTDOMAIN. IN TXT \"v=DMARC1\" (RFC 7489 7.1).") \
	/* other records */ \
	X(CAA_MISSING, "caa.missing", SC_LOW, \
	  "Domain has no CAA record", \
	  "Publish CAA records naming the CAs allowed to issue for the domain: DOMAIN. IN CAA 0 issue \"letsencrypt.org\"") \
	X(MTASTS_MISSING, "mtasts.missing", SC_LOW, \
	  "Domain has no MTA-STS policy record", \
	  "Publish _mta-sts.DOMAIN. IN TXT \"v=STSv1; id=...\" and the policy at https://mta-sts.DOMAIN/.well-known/mta-sts.txt (RFC 8461).") \
	X(TLSRPT_MISSING, "tlsrpt.missing", SC_LOW, \
	  "Domain has no TLS-RPT record", \
	  "Publish _smtp._tls.DOMAIN. IN TXT \"v=TLSRPTv1; rua=mailto:tls-reports@DOMAIN\" (RFC 8460).") \
	X(DNSBL_LISTED, "dnsbl.listed", SC_HIGH, \
	  "Server address is listed on a DNS blocklist", \
	  "Find out why from the list's web site, fix the cause, and ask for delisting.") \
	/* Postfix settings */ \
	X(POSTFIX_BANNER_LEAK, "postfix.banner_leak", SC_LOW, \
	  "smtpd_banner shows the software name or version", \
	  "smtpd_banner = $myhostname ESMTP") \
	X(POSTFIX_VRFY_ENABLED, "postfix.vrfy_enabled", SC_MEDIUM, \
	  "VRFY is enabled (disable_vrfy_command = no)", \
	  "disable_vrfy_command = yes") \
	X(POSTFIX_RELAY_UNRESTRICTED, "postfix.relay_unrestricted", SC_CRITICAL, \
	  "Relay restrictions reach an unconditional permit before reject_unauth_destination", \
	  "smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination") \
	X(POSTFIX_MYNETWORKS_BROAD, "postfix.mynetworks_broad", SC_HIGH, \
	  "mynetworks trusts public or very large address ranges", \
	  "List only your own hosts and networks in mynetworks, e.g. mynetworks = 127.0.0.0/8 [::1]/128") \
	X(POSTFIX_TLS_OFF, "postfix.tls_off", SC_HIGH, \
	  "The SMTP server does not offer TLS (smtpd_tls_security_level)", \
	  "smtpd_tls_security_level = may, with smtpd_tls_chain_files naming the key and certificate") \
	X(POSTFIX_TLS_LEGACY_PROTOCOLS, "postfix.tls_legacy_protocols", SC_MEDIUM, \
	  "smtpd_tls_protocols allows TLS 1.1 or older", \
	  "smtpd_tls_protocols = >=TLSv1.2 and smtpd_tls_mandatory_protocols = >=TLSv1.2") \
	X(POSTFIX_MILTER_MISSING, "postfix.milter_missing", SC_HIGH, \
	  "authmilter is not in smtpd_milters", \
	  "Add authmilter's socket (the Socket in authmilter.conf): smtpd_milters = inet:127.0.0.1:8893, or for the Debian package's unix:/var/spool/postfix/authmilter/authmilter.sock, smtpd_milters = unix:/authmilter/authmilter.sock (smtpd runs chrooted)") \
	X(POSTFIX_MILTER_FAIL_OPEN, "postfix.milter_fail_open", SC_INFO, \
	  "Mail is accepted unchecked when the milter is down (milter_default_action = accept)", \
	  "milter_default_action = tempfail, if you prefer delayed mail to unchecked mail.")

/* SC_ID_SMTP_BANNER_SOFTWARE ... in the table's order */
enum sc_id {
#define SC_CATALOG_ID(name, id, severity, title, fix) SC_ID_##name,
	SC_CATALOG(SC_CATALOG_ID)
#undef SC_CATALOG_ID
	SC_ID_COUNT
};

struct sc_catalog_entry {
	const char *name;            /* the id as reports print it,
	                              * "spf.plus_all" */
	enum sc_severity severity;
	const char *title;
	const char *fix;
};

/* sc_catalog - the table, indexed by enum sc_id */
extern const struct sc_catalog_entry sc_catalog[SC_ID_COUNT];

#endif
