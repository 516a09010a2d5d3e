/*
 * test_banner_paths - one banner scan behind both banner checks: the
 * same texts, hostile ones first, through smtp_banner_scan() (what
 * smtp.banner_software/_version run on a live greeting) and through
 * sc_pf_banner() (postfix.banner_leak on smtpd_banner, with nothing of
 * the server's own words known) find the same software, version and OS.
 *
 * The first rows are where the two scanners disagreed before they were
 * one: each fails on one side of the old code.
 */
#include <stdio.h>
#include <string.h>

#include "selfcheck/core/finding.h"
#include "selfcheck/postfix/postconf.h"
#include "selfcheck/postfix/postfix.h"
#include "selfcheck/smtp/smtp_banner.h"
#include "tests/lib/tap.h"

static const char *const texts[] = {
	/* the old scanners disagreed (the side that missed, or erred) */
	"mx.example.org ESMTP Sendmail 8.15.2/8.15.2",	/* postfix */
	"mx.example.org ESMTP Postfix-3.7.11",		/* postfix: version */
	"mx.example.org ESMTP (Ubuntu22.04)",		/* smtp */
	"mx.example.org ESMTP Postfix3",		/* smtp */
	"mx.example.org ESMTP [Postfix 3.7]",		/* smtp: hidden */
	"mx [unterminated Postfix 1.2",			/* smtp: hidden */
	"mx ESMTP Postfix\xc2\xa0(Debian)",		/* smtp: software */
	"mx.example.org ready at 10:00:00.123",		/* postfix: 00.123 */
	"mx.example.org ESMTP (Devuan GNU/Linux)",	/* smtp: Linux */
	"mx.example.org ESMTP 3.7.10rc1",		/* postfix */
	"Debian.GNU ESMTP",				/* postfix: an OS */
	/* hostile */
	"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ Postfix",
	"[IPv6:] Postfix [] [:] [IPv6:1::2] 1.2.3",
	"mx\x01\x02Postfix\x7f" "1.2\t\r",
	"P\xc3\xb6stfix D\xc3\xa9" "bian 1.2.3.4 2.0.0 v 1. .1 1..2",
	"postfixpostfixpostfixpostfixpostfix "
	"1.2.3.4.5.6.7.8.9.10.11.12.13.14.15",
	"---___+++~~~... Red Hat red-hat RED_HAT HP-UX11i hp ux",
	"mx.example.org Windows Server 2019 win64 sun java",
	/* the ordinary */
	"mx.example.org ESMTP Postfix (Debian/GNU)",
	"mx.example.org ESMTP",
	"",
};

/* expect - the second line sc_pf_banner writes for what B holds */
static void expect(char *buf, size_t size, const struct smtp_banner *b)
{
	snprintf(buf, size, "software: %s; version: %s; OS: %s",
		 b->software[0] ? b->software : "-",
		 b->version[0] ? b->version : "-", b->os[0] ? b->os : "-");
}

/* postfix_says - the leak line of postfix.banner_leak for TEXT, or "" */
static void postfix_says(const char *text, char *buf, size_t size)
{
	char conf[600];
	struct sc_postconf pc;
	struct sc_report r;
	const char *nl;
	size_t n;

	n = (size_t) snprintf(conf, sizeof(conf), "smtpd_banner = %s\n", text);
	sc_report_init(&r);
	buf[0] = '\0';
	if (sc_postconf_parse(conf, n, &pc) != SC_POSTCONF_OK)
		diag("did not parse: %s", text);
	sc_pf_banner(&r, &pc);
	if (r.n == 1 && (nl = strrchr(r.f[0].evidence, '\n')) != NULL)
		snprintf(buf, size, "%s", nl + 1);
	sc_postconf_free(&pc);
	sc_report_free(&r);
}

int main(void)
{
	char want[200], got[200];
	struct smtp_banner b;
	size_t i;
	int bits;

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		smtp_banner_init(&b);
		bits = smtp_banner_scan(texts[i], strlen(texts[i]), &b);
		if (bits)
			expect(want, sizeof(want), &b);
		else
			want[0] = '\0';
		postfix_says(texts[i], got, sizeof(got));
		is_str(got, want, "text %zu: the same leaks on both paths",
		       i + 1);
	}
	return tap_done();
}
