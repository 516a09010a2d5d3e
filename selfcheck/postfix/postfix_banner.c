/*
 * postfix_banner - postfix.banner_leak: what smtpd_banner tells every
 * client before it has said a word.
 *
 * The banner goes through the scan the smtp group runs on a live
 * greeting (selfcheck/smtp/smtp_banner.h), so the audit has one list of
 * software and OS names and one version rule, whether it reads main.cf
 * or talks to the port. What postconf adds: a word equal to myhostname
 * is the host's own name and never counts ("debian" is a common host
 * name), mail_name names the software as "Postfix" does, and a word
 * holding mail_version is a version.
 */
#include <string.h>

#include "postfix.h"
#include "selfcheck/smtp/smtp_banner.h"

void sc_pf_banner(struct sc_report *r, const struct sc_postconf *pc)
{
	const char *banner = sc_postconf_get(pc, "smtpd_banner");
	struct smtp_banner_own own;
	struct smtp_banner b;

	if (banner == NULL)
		return;
	own.host = sc_postconf_get(pc, "myhostname");
	own.software = sc_postconf_get(pc, "mail_name");
	own.version = sc_postconf_get(pc, "mail_version");
	smtp_banner_init(&b);
	if (smtp_banner_scan_own(banner, strlen(banner), &own, &b) != 0)
		sc_found(r, SC_ID_POSTFIX_BANNER_LEAK,
			 "smtpd_banner = %.300s\nsoftware: %s; version: %s; OS: %s",
			 banner, b.software[0] ? b.software : "-",
			 b.version[0] ? b.version : "-", b.os[0] ? b.os : "-");
}
