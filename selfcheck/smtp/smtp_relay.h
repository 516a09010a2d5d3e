/*
 * smtp_relay - the open-relay probe battery: which MAIL FROM / RCPT TO
 * pairs to try, and what a server's answer to each means.
 *
 * Each probe names, one way or another, a recipient at PROBE (an outside
 * domain) and is sent to the server as if it were the last hop: plain
 * external-to-external, the percent hack (user%PROBE@DOMAIN and
 * user%PROBE@[server]), a quoted local part ("user@PROBE" and
 * "user@PROBE"@DOMAIN), a source route (@DOMAIN:user@PROBE) and our own
 * domain as the sender. The final destination of an address is worked
 * out the way a permissive MTA would resolve it; a 250 or 251 to an RCPT
 * whose final destination lies outside DOMAIN is an accepted relay.
 *
 * One more RCPT is a control: an address at DOMAIN no one has. A server
 * that takes it accepts any local part at DOMAIN (a catch-all, or a
 * backup MX that does not know the users), and then its "250" to
 * user%PROBE@DOMAIN or "user@PROBE"@DOMAIN says only that such a
 * mailbox name is taken, not that mail is sent on: those probes do not
 * count. Pure functions; any caller. The network part is smtp_battery.c.
 */
#ifndef AUTHMILTER_SC_SMTP_RELAY_H
#define AUTHMILTER_SC_SMTP_RELAY_H

#include <stddef.h>

#define SMTP_RELAY_MAX_PROBES 8
#define SMTP_RELAY_PATH_MAX   300	/* octets of a MAIL or RCPT path */

#define SMTP_PROBE_CONTROL    1	/* the unknown user at DOMAIN */
#define SMTP_PROBE_VIA_DOMAIN 2	/* the RCPT's own domain is DOMAIN */

struct smtp_relay_probe {
	const char *name;		/* "percent hack via DOMAIN", ... */
	int flags;			/* SMTP_PROBE_* */
	char mail[SMTP_RELAY_PATH_MAX];	/* the reverse path, no brackets */
	char rcpt[SMTP_RELAY_PATH_MAX];	/* the forward path, no brackets */
};

enum smtp_relay_verdict {
	SMTP_RELAY_ACCEPTED,	/* 250/251 for an outside destination */
	SMTP_RELAY_LOCAL,	/* 250/251, but the destination is DOMAIN's */
	SMTP_RELAY_REFUSED,	/* 5xx to MAIL or RCPT */
	SMTP_RELAY_DEFERRED,	/* 4xx to MAIL or RCPT: no answer either way */
	SMTP_RELAY_OTHER,	/* any other code (252, 3xx) */
};

/* smtp_relay_probes - the battery for outside domain PROBE, the mail
 * domain DOMAIN (NULL: the probes that need it, and the control, are
 * left out) and the server's address literal SERVER ("[192.0.2.1]",
 * "[IPv6:2001:db8::1]"; NULL: left out). The control comes first. Writes
 * at most MAX probes to OUT and returns how many; 0 if PROBE or DOMAIN
 * is not a host name (dnsname_valid, DNSNAME_LDH), PROBE lies within
 * DOMAIN (dnsname_under), or SERVER is not an address literal. */
size_t smtp_relay_probes(const char *probe, const char *domain,
			 const char *server, struct smtp_relay_probe *out,
			 size_t max);

/* smtp_relay_final_domain - the domain PATH (a forward path without
 * brackets) is finally meant for, through source routes, quoted local
 * parts holding "@", the percent hack and bang paths; lower case, at most
 * LEN-1 octets. "" when the path has no domain (a local name). */
void smtp_relay_final_domain(const char *path, char *out, size_t len);

/* smtp_relay_classify - what the codes the server gave to MAIL FROM and
 * to RCPT TO:<RCPT> (0 if RCPT was not sent) mean, for mail domain
 * DOMAIN (NULL: every destination with a domain is outside). */
enum smtp_relay_verdict smtp_relay_classify(int mail_code, int rcpt_code,
					    const char *rcpt,
					    const char *domain);

/* smtp_relay_judge - the verdict on probe P, given the codes (as for
 * smtp_relay_classify) and whether the control was accepted
 * (CATCH_ALL): then an accepted SMTP_PROBE_VIA_DOMAIN probe is
 * SMTP_RELAY_LOCAL; the control itself is never ACCEPTED. */
enum smtp_relay_verdict smtp_relay_judge(const struct smtp_relay_probe *p,
					 int mail_code, int rcpt_code,
					 const char *domain, int catch_all);

const char *smtp_relay_verdict_name(enum smtp_relay_verdict v);

#endif
