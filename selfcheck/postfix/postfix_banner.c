/*
 * postfix_banner - postfix.banner_leak: what smtpd_banner tells every
 * client before it has said a word.
 *
 * The rule: the expanded banner is cut into words (letters, digits and
 * ". - _ + ~"; anything else separates, so "(Debian/GNU)" is two words).
 * A word equal to myhostname is the host's own name and never counts,
 * whatever it contains ("debian" is a common host name). Of the others,
 * a word naming mail_name or "Postfix" names the software; one naming an
 * operating system or distribution names the OS; mail_version anywhere
 * in a word, or a word shaped like a version number (3.7, v2.10.1,
 * 3.7.11-0+deb12u1, but not an IPv4 address) is a version.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "postfix.h"

#define IS_DIGIT(c) ((c) >= '0' && (c) <= '9')
#define IS_ALPHA(c) (((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z'))
#define IS_WORD(c) (IS_DIGIT(c) || IS_ALPHA(c) || ((c) != '\0' \
		    && strchr(".-_+~", (c)) != NULL))

static const char *const os_names[] = {
	"Debian", "Ubuntu", "GNU", "Linux", "Devuan", "Raspbian",
	"FreeBSD", "OpenBSD", "NetBSD", "DragonFly", "CentOS", "RHEL",
	"RedHat", "Fedora", "SUSE", "openSUSE", "SLES", "AlmaLinux",
	"RockyLinux", "ArchLinux", "Gentoo", "Alpine", "Slackware",
	"Solaris", "Darwin", "macOS", "AIX", "Windows",
};

struct word {
	const char *s;
	size_t len;
};

/* word_is - W is NAME, alone or followed by a separator-led suffix
 * ("Postfix-3.7", "Ubuntu22.04" counts; "postfixadmin" does not) */
static int word_is(struct word w, const char *name)
{
	size_t n = strlen(name);
	char next;

	if (n == 0 || w.len < n || strncasecmp(w.s, name, n) != 0)
		return 0;
	if (w.len == n)
		return 1;
	next = w.s[n];
	return IS_DIGIT(next) || strchr("-_.+~", next) != NULL;
}

/* is_ipv4 - four dotted numbers of at most three digits, nothing else */
static int is_ipv4(struct word w)
{
	size_t i, digits = 0, dots = 0;

	for (i = 0; i < w.len; i++) {
		if (IS_DIGIT(w.s[i])) {
			if (++digits > 3)
				return 0;
		} else if (w.s[i] == '.' && digits > 0) {
			dots++;
			digits = 0;
		} else {
			return 0;
		}
	}
	return dots == 3 && digits > 0;
}

/* is_version - [vV]DIGITS(.DIGITS)+ then the end or a "-+~_" suffix */
static int is_version(struct word w)
{
	size_t i = 0, parts = 0;

	if (w.len > 0 && (w.s[0] == 'v' || w.s[0] == 'V'))
		i++;
	for (;;) {
		size_t start = i;

		while (i < w.len && IS_DIGIT(w.s[i]))
			i++;
		if (i == start)
			return 0;
		parts++;
		if (i == w.len || w.s[i] != '.')
			break;
		i++;
	}
	if (parts < 2 || is_ipv4(w))
		return 0;
	return i == w.len || strchr("-+~_", w.s[i]) != NULL;
}

/* contains - NEEDLE (at least 3 octets, so "3" is no version) inside W */
static int contains(struct word w, const char *needle)
{
	size_t n = needle ? strlen(needle) : 0, i;

	if (n < 3 || w.len < n)
		return 0;
	for (i = 0; i + n <= w.len; i++)
		if (strncasecmp(w.s + i, needle, n) == 0)
			return 1;
	return 0;
}

struct leak {
	char software[64], version[64], os[64];
};

/* keep - remember the first word that showed each kind of leak */
static void keep(char *slot, size_t size, struct word w)
{
	if (slot[0] == '\0')
		snprintf(slot, size, "%.*s", (int) (w.len < 60 ? w.len : 60), w.s);
}

/* judge - one word of the banner */
static void judge(const struct sc_postconf *pc, struct word w, struct leak *l)
{
	const char *host = sc_postconf_get(pc, "myhostname");
	const char *name = sc_postconf_get(pc, "mail_name");
	size_t i;

	if (host && strlen(host) == w.len && strncasecmp(host, w.s, w.len) == 0)
		return;
	if ((name && word_is(w, name)) || word_is(w, "Postfix"))
		keep(l->software, sizeof(l->software), w);
	for (i = 0; i < sizeof(os_names) / sizeof(os_names[0]); i++)
		if (word_is(w, os_names[i]))
			keep(l->os, sizeof(l->os), w);
	if (contains(w, sc_postconf_get(pc, "mail_version")) || is_version(w))
		keep(l->version, sizeof(l->version), w);
}

void sc_pf_banner(struct sc_report *r, const struct sc_postconf *pc)
{
	const char *banner = sc_postconf_get(pc, "smtpd_banner");
	const char *p;
	struct leak l;
	struct word w;

	if (banner == NULL)
		return;
	memset(&l, 0, sizeof(l));
	for (p = banner; *p != '\0';) {
		while (*p != '\0' && !IS_WORD(*p))
			p++;
		for (w.s = p; IS_WORD(*p); p++)
			;
		w.len = (size_t) (p - w.s);
		if (w.len > 0)
			judge(pc, w, &l);
	}
	if (l.software[0] || l.version[0] || l.os[0])
		sc_found(r, SC_ID_POSTFIX_BANNER_LEAK,
			 "smtpd_banner = %.300s\nsoftware: %s; version: %s; OS: %s",
			 banner, l.software[0] ? l.software : "-",
			 l.version[0] ? l.version : "-", l.os[0] ? l.os : "-");
}
