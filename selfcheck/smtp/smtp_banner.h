/*
 * smtp_banner - what an SMTP greeting or EHLO greeting line gives away:
 * the server software's name, a version number, the operating system.
 *
 * An attacker reads "220 mx.example.org ESMTP Postfix (Debian/GNU)" or
 * "ESMTP Sendmail 8.15.2/8.15.2/Debian-22" and knows which exploits to
 * try. The scan is on words, not substrings: host names
 * (postfix.example.org), address literals ([192.0.2.1]), IPv4 addresses
 * and an enhanced status code in front (2.0.0) are not findings. Pure
 * function on text; any caller. The one list of names and the one
 * version rule of the audit: postfix.banner_leak scans smtpd_banner
 * with it too, adding what postconf knows of the server's own words.
 */
#ifndef AUTHMILTER_SC_SMTP_BANNER_H
#define AUTHMILTER_SC_SMTP_BANNER_H

#include <stddef.h>

#define SMTP_BANNER_SOFTWARE 1
#define SMTP_BANNER_VERSION  2
#define SMTP_BANNER_OS       4

#define SMTP_BANNER_WORD 32	/* octets kept of each word found */

struct smtp_banner {
	char software[SMTP_BANNER_WORD]; /* first software name, as written */
	char version[SMTP_BANNER_WORD];  /* first version number */
	char os[SMTP_BANNER_WORD];       /* first operating system name */
};

/* smtp_banner_scan - scan TEXT (LEN octets, the reply text after the
 * code; NUL and controls count as spaces), add what it names to OUT
 * (fields already set are kept: call it on the greeting, then on the
 * EHLO line) and return the SMTP_BANNER_* bits of all OUT holds. Words
 * past the first SMTP_BANNER_MAX_WORDS are not looked at. */
#define SMTP_BANNER_MAX_WORDS 128
int smtp_banner_scan(const char *text, size_t len, struct smtp_banner *out);

/* What the caller knows of the server's own words (postconf does); a
 * NULL or empty field is not known. */
struct smtp_banner_own {
	const char *host;       /* its host name: that word is passed over */
	const char *software;   /* another name of the software (mail_name) */
	const char *version;    /* its version (mail_version): a word holding it
	                         * (3 octets or more) is a version */
};

/* smtp_banner_scan_own - smtp_banner_scan, with OWN (NULL: nothing known) */
int smtp_banner_scan_own(const char *text, size_t len,
			 const struct smtp_banner_own *own,
			 struct smtp_banner *out);

/* smtp_banner_init - an empty OUT */
void smtp_banner_init(struct smtp_banner *out);

#endif
