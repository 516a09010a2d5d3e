/* test_smtp_banner - the greeting scan behind smtp.banner_software and
 * smtp.banner_version: real banners of the common MTAs (what should be
 * found), banners that only look like them (host names, address
 * literals, enhanced status codes, times: what must not be), and hostile
 * text (no end of a bracket, NUL, 8-bit, endless words). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/lib/tap.h"
#include "selfcheck/smtp/smtp_banner.h"

struct row {
	const char *name;
	const char *text;
	const char *software, *version, *os;	/* "" for none */
};

static const struct row rows[] = {
	/* what the MTAs say by default */
	{ "Postfix on Debian (the default smtpd_banner)",
	  "mx.example.org ESMTP Postfix (Debian/GNU)", "Postfix", "", "Debian" },
	{ "Postfix, mail_name only", "mx.example.org ESMTP Postfix", "Postfix", "", "" },
	{ "Postfix on Ubuntu", "mx.example.org ESMTP Postfix (Ubuntu)", "Postfix",
	  "", "Ubuntu" },
	{ "Postfix with mail_version", "mx.example.org ESMTP Postfix 3.7.11 (Debian/GNU)",
	  "Postfix", "3.7.11", "Debian" },
	{ "Sendmail", "mx.example.org ESMTP Sendmail 8.15.2/8.15.2/Debian-22; "
	  "Mon, 1 Jan 2024 10:00:00 +0100", "Sendmail", "8.15.2", "Debian" },
	{ "Exim", "mx.example.org ESMTP Exim 4.96 Mon, 01 Jan 2024 10:00:00 +0000",
	  "Exim", "4.96", "" },
	{ "Exim on Red Hat", "smtp.example.net ESMTP Exim 4.94.2 #2 Red Hat "
	  "Enterprise Linux", "Exim", "4.94.2", "Red Hat" },
	{ "Exchange", "mail.contoso.com Microsoft ESMTP MAIL Service ready at "
	  "Mon, 1 Jan 2024 10:00:00 +0000", "Microsoft", "", "" },
	{ "IIS SMTP with version", "mail.contoso.com Microsoft ESMTP MAIL Service, "
	  "Version: 8.5.9600.16384 ready at Mon, 1 Jan 2024", "Microsoft",
	  "8.5.9600.16384", "" },
	{ "Exchange Server by name", "mx.example.org Exchange Server 2019",
	  "Exchange Server", "", "" },
	{ "Haraka", "mx.example.org ESMTP Haraka/3.0.2 ready", "Haraka", "3.0.2", "" },
	{ "MDaemon", "mx.example.org ESMTP MDaemon 21.0.3; Mon, 1 Jan 2024",
	  "MDaemon", "21.0.3", "" },
	{ "OpenSMTPD", "mx.example.org ESMTP OpenSMTPD", "OpenSMTPD", "", "" },
	{ "netqmail", "mx.example.org ESMTP netqmail 1.06", "netqmail", "1.06", "" },
	{ "hMailServer", "hMailServer", "hMailServer", "", "" },
	{ "CentOS in a custom banner", "mx.example.org ESMTP ready (CentOS Linux 7)",
	  "", "", "CentOS" },
	{ "Windows", "mx.example.org Windows Server 2019 SMTP", "", "", "Windows" },
	{ "FreeBSD", "mx.example.org ESMTP FreeBSD", "", "", "FreeBSD" },
	{ "HP-UX", "mx.example.org ESMTP on HP-UX", "", "", "HP UX" },
	{ "a bare version number", "mx.example.org ESMTP service 1.0 ready", "",
	  "1.0", "" },
	{ "v-prefixed version", "mx.example.org ESMTP v2.3", "", "v2.3", "" },
	{ "end of a sentence", "mx.example.org running Postfix.", "Postfix", "", "" },
	{ "upper case kept as written", "mx.example.org ESMTP POSTFIX", "POSTFIX",
	  "", "" },
	{ "underscore joins", "mx.example.org ESMTP_Postfix", "Postfix", "", "" },
	/* what only looks like it */
	{ "the hardened banner", "mx.example.org ESMTP", "", "", "" },
	{ "software name as a host name", "postfix.example.org ESMTP", "", "", "" },
	{ "software name inside a host name", "mail-postfix.example.org ESMTP",
	  "", "", "" },
	{ "OS name as a domain", "mx.debian.org ESMTP", "", "", "" },
	{ "Sendmail EHLO greeting with the client's address",
	  "mx.example.org Hello localhost [127.0.0.1], pleased to meet you",
	  "", "", "" },
	{ "an IPv4 address outside brackets", "mx.example.org Hello 192.0.2.1",
	  "", "", "" },
	{ "an IPv6 address literal", "mx.example.org [IPv6:2001:db8::1] ESMTP",
	  "", "", "" },
	{ "enhanced status code first", "2.0.0 mx.example.org ready", "", "", "" },
	{ "a time with fractions", "mx.example.org ready at 10:00:00.123",
	  "", "", "" },
	{ "a longer word", "mx.example.org ESMTP Postfixed", "", "", "" },
	{ "two-word name split by a bracket", "mx Red [x] Hat", "", "", "" },
	{ "a year", "mx.example.org ESMTP (c) 2024", "", "", "" },
	{ "nothing", "", "", "", "" },
	/* hostile */
	{ "8-bit look-alike", "mx.example.org ESMTP P\xc3\xb6stfix", "", "", "" },
	/* a "[" that opens no address literal is punctuation: it hid the
	 * rest of the text once, and smtpd_banner is scanned here too */
	{ "unclosed bracket hides nothing", "mx [unterminated Postfix 1.2",
	  "Postfix", "1.2", "" },
	{ "brackets round a name", "mx.example.org ESMTP [Postfix 3.7]",
	  "Postfix", "3.7", "" },
	{ "a literal too long to be one", "mx [1111111111111111111111111111111111"
	  "11111111111111111111111111111111] Postfix", "Postfix", "", "" },
	/* a name with a number glued on, as postfix_banner.c found it */
	{ "OS with its release glued on", "mx.example.org ESMTP (Ubuntu22.04)",
	  "", "", "Ubuntu22.04" },
	{ "Debian's package name", "mx.example.org ESMTP exim4", "exim4", "", "" },
	{ "a dotted number after the name", "mx ESMTP Postfix.3.7", "Postfix.3.7",
	  "", "" },
	{ "names of postfix_banner.c's list", "mx ESMTP (Devuan GNU/Linux)", "",
	  "", "Devuan" },
	{ "8-bit octets separate", "mx ESMTP Postfix\xc2\xa0(Debian)", "Postfix",
	  "", "Debian" },
	{ "control octets are spaces", "mx\x01Postfix\x7f" "1.2", "Postfix",
	  "1.2", "" },
	{ "a piece too long to be a name", "mx postfixpostfixpostfixpostfixpostfix",
	  "", "", "" },
};

/* field - a finding field, or "" */
static const char *field(const char *f)
{
	return f[0] ? f : "";
}

static void table(void)
{
	struct smtp_banner b;
	const struct row *w;
	size_t i;
	int bits, want;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		w = &rows[i];
		smtp_banner_init(&b);
		bits = smtp_banner_scan(w->text, strlen(w->text), &b);
		is_str(field(b.software), w->software, "%s: software", w->name);
		is_str(field(b.version), w->version, "%s: version", w->name);
		is_str(field(b.os), w->os, "%s: OS", w->name);
		want = (w->software[0] ? SMTP_BANNER_SOFTWARE : 0)
			| (w->version[0] ? SMTP_BANNER_VERSION : 0)
			| (w->os[0] ? SMTP_BANNER_OS : 0);
		is_int(bits, want, "%s: bits", w->name);
	}
}

static void hostile(void)
{
	struct smtp_banner b;
	size_t n = 200000, i;
	char *s = malloc(n + 16);

	/* past SMTP_BANNER_MAX_WORDS words nothing is looked at */
	for (i = 0; i < n; i += 2)
		memcpy(s + i, "x ", 2);
	memcpy(s + n, "Postfix 1.2", 12);
	smtp_banner_init(&b);
	is_int(smtp_banner_scan(s, n + 11, &b), 0, "words past the bound are not read");
	/* one endless word */
	memset(s, 'a', n);
	smtp_banner_init(&b);
	is_int(smtp_banner_scan(s, n, &b), 0, "a 200000-octet word");
	/* an endless version */
	for (i = 0; i < n; i += 2)
		memcpy(s + i, "1.", 2);
	s[n - 1] = '1';
	smtp_banner_init(&b);
	smtp_banner_scan(s, n, &b);
	is_str(b.version, "", "a 200000-octet dotted number is not kept");
	/* NUL inside the text is a separator, not an end */
	smtp_banner_init(&b);
	smtp_banner_scan("mx ESMTP\0Exim 4.96", 18, &b);
	is_str(b.software, "Exim", "NUL: the words after it are read");
	is_str(b.version, "4.96", "NUL: and its version");
	free(s);
}

static void two_texts(void)
{
	struct smtp_banner b;
	const char *greeting = "mx.example.org ESMTP Postfix";
	const char *ehlo = "mx.example.org Hello [192.0.2.1] Exim 4.96";

	smtp_banner_init(&b);
	smtp_banner_scan(greeting, strlen(greeting), &b);
	is_int(smtp_banner_scan(ehlo, strlen(ehlo), &b),
	       SMTP_BANNER_SOFTWARE | SMTP_BANNER_VERSION,
	       "greeting then EHLO line: bits of both");
	is_str(b.software, "Postfix", "the greeting's software is kept");
	is_str(b.version, "4.96", "the EHLO line's version is added");
}

int main(void)
{
	table();
	hostile();
	two_texts();
	return tap_done();
}
