/*
 * smtp_banner - software, version and OS names in an SMTP greeting; see
 * smtp_banner.h.
 *
 * The text is cut into words at spaces, punctuation, controls and 8-bit
 * octets (a no-break space separates as a space does); a word that is a
 * host name, an IPv4 address or an address literal ("[192.0.2.1]") is
 * passed over; the rest is cut again at "-", "_", "+" and "~"
 * ("Debian-22", "2.11.0~beta2") and each piece compared with the table
 * below, alone or with the piece before it ("Red Hat"). A name counts
 * with a number glued on ("Ubuntu22.04", "exim4"), not with letters
 * ("Postfixed"). Any other "[" is punctuation, so a bracket cannot hide
 * the rest of a banner.
 */
#include <stdio.h>
#include <string.h>

#include "util/ascii.h"
#include "smtp_banner.h"

#define PIECE_MAX 32		/* longer pieces match nothing */
#define LITERAL_MAX 64		/* an address literal's octets, "[" to "]" */

struct name {
	const char *first, *second;	/* second NULL: one word */
	int kind;			/* SMTP_BANNER_SOFTWARE or _OS */
};

static const struct name names[] = {
	{ "postfix", NULL, SMTP_BANNER_SOFTWARE },
	{ "sendmail", NULL, SMTP_BANNER_SOFTWARE },
	{ "exim", NULL, SMTP_BANNER_SOFTWARE },
	{ "microsoft", NULL, SMTP_BANNER_SOFTWARE },
	{ "exchange", "server", SMTP_BANNER_SOFTWARE },
	{ "msexchange", NULL, SMTP_BANNER_SOFTWARE },
	{ "qmail", NULL, SMTP_BANNER_SOFTWARE },
	{ "netqmail", NULL, SMTP_BANNER_SOFTWARE },
	{ "opensmtpd", NULL, SMTP_BANNER_SOFTWARE },
	{ "haraka", NULL, SMTP_BANNER_SOFTWARE },
	{ "mdaemon", NULL, SMTP_BANNER_SOFTWARE },
	{ "hmailserver", NULL, SMTP_BANNER_SOFTWARE },
	{ "zimbra", NULL, SMTP_BANNER_SOFTWARE },
	{ "courier", NULL, SMTP_BANNER_SOFTWARE },
	{ "communigate", NULL, SMTP_BANNER_SOFTWARE },
	{ "kerio", NULL, SMTP_BANNER_SOFTWARE },
	{ "mailenable", NULL, SMTP_BANNER_SOFTWARE },
	{ "smartermail", NULL, SMTP_BANNER_SOFTWARE },
	{ "imail", NULL, SMTP_BANNER_SOFTWARE },
	{ "axigen", NULL, SMTP_BANNER_SOFTWARE },
	{ "domino", NULL, SMTP_BANNER_SOFTWARE },
	{ "icewarp", NULL, SMTP_BANNER_SOFTWARE },
	{ "merak", NULL, SMTP_BANNER_SOFTWARE },
	{ "surgemail", NULL, SMTP_BANNER_SOFTWARE },
	{ "ironport", NULL, SMTP_BANNER_SOFTWARE },
	{ "mercury", NULL, SMTP_BANNER_SOFTWARE },
	{ "argosoft", NULL, SMTP_BANNER_SOFTWARE },
	{ "xmail", NULL, SMTP_BANNER_SOFTWARE },
	{ "coremail", NULL, SMTP_BANNER_SOFTWARE },
	{ "zmailer", NULL, SMTP_BANNER_SOFTWARE },
	{ "sun", "java", SMTP_BANNER_SOFTWARE },
	{ "debian", NULL, SMTP_BANNER_OS },
	{ "ubuntu", NULL, SMTP_BANNER_OS },
	{ "raspbian", NULL, SMTP_BANNER_OS },
	{ "centos", NULL, SMTP_BANNER_OS },
	{ "red", "hat", SMTP_BANNER_OS },
	{ "redhat", NULL, SMTP_BANNER_OS },
	{ "rhel", NULL, SMTP_BANNER_OS },
	{ "fedora", NULL, SMTP_BANNER_OS },
	{ "almalinux", NULL, SMTP_BANNER_OS },
	{ "suse", NULL, SMTP_BANNER_OS },
	{ "opensuse", NULL, SMTP_BANNER_OS },
	{ "gentoo", NULL, SMTP_BANNER_OS },
	{ "slackware", NULL, SMTP_BANNER_OS },
	{ "linux", NULL, SMTP_BANNER_OS },
	{ "freebsd", NULL, SMTP_BANNER_OS },
	{ "openbsd", NULL, SMTP_BANNER_OS },
	{ "netbsd", NULL, SMTP_BANNER_OS },
	{ "dragonfly", NULL, SMTP_BANNER_OS },
	{ "windows", NULL, SMTP_BANNER_OS },
	{ "win32", NULL, SMTP_BANNER_OS },
	{ "win64", NULL, SMTP_BANNER_OS },
	{ "solaris", NULL, SMTP_BANNER_OS },
	{ "sunos", NULL, SMTP_BANNER_OS },
	{ "macos", NULL, SMTP_BANNER_OS },
	{ "darwin", NULL, SMTP_BANNER_OS },
	{ "aix", NULL, SMTP_BANNER_OS },
	{ "hp", "ux", SMTP_BANNER_OS },
	{ "gnu", NULL, SMTP_BANNER_OS },
	{ "devuan", NULL, SMTP_BANNER_OS },
	{ "sles", NULL, SMTP_BANNER_OS },
	{ "rockylinux", NULL, SMTP_BANNER_OS },
	{ "archlinux", NULL, SMTP_BANNER_OS },
	{ "alpine", NULL, SMTP_BANNER_OS },
};

/* The scan's state across words. */
struct scan {
	struct smtp_banner *out;
	const struct smtp_banner_own *own;	/* never NULL */
	char prev[PIECE_MAX];	/* the piece before, for two-word names */
	size_t words;
};

/* word_octet - octets that stay inside a word */
static int word_octet(unsigned char c)
{
	return ascii_is_alpha(c) || ascii_is_digit(c)
		|| c == '.' || c == '-' || c == '_' || c == '+' || c == '~';
}

/* piece_break - where a word is cut into pieces */
static int piece_break(char c)
{
	return c == '-' || c == '_' || c == '+' || c == '~';
}

/* keep - copy the piece S (N octets) into FIELD unless already set */
static void keep(char *field, const char *s, size_t n)
{
	if (field[0] != '\0')
		return;
	if (n >= SMTP_BANNER_WORD)
		n = SMTP_BANNER_WORD - 1;
	memcpy(field, s, n);
	field[n] = '\0';
}

/* digits - length of the run of digits at S (at most N octets) */
static size_t digits(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && ascii_is_digit((unsigned char) s[i]))
		i++;
	return i;
}

/* is_version - "4.96", "8.15.2", "v3.2", "3.7.10rc1": digits, one or more
 * ".digits", then letters or digits; a first number "00" is not one */
static int is_version(const char *s, size_t n)
{
	size_t i = 0, d, dots = 0;

	if (n > 1 && (s[0] == 'v' || s[0] == 'V'))
		i = 1;
	d = digits(s + i, n - i);
	if (d == 0 || (d > 1 && s[i] == '0'))
		return 0;
	i += d;
	while (i + 1 < n && s[i] == '.' && (d = digits(s + i + 1, n - i - 1)) > 0) {
		i += 1 + d;
		dots++;
	}
	if (dots == 0)
		return 0;
	for (; i < n; i++)
		if (!ascii_is_alpha((unsigned char) s[i])
		    && !ascii_is_digit((unsigned char) s[i]) && s[i] != '.')
			return 0;
	return 1;
}

/* is_ipv4 - four dot-separated numbers of 1..3 digits */
static int is_ipv4(const char *s, size_t n)
{
	size_t i = 0, d;
	int parts = 0;

	for (;;) {
		d = digits(s + i, n - i);
		if (d == 0 || d > 3)
			return 0;
		i += d;
		parts++;
		if (i == n)
			return parts == 4;
		if (s[i] != '.')
			return 0;
		i++;
	}
}

/* is_status_code - an RFC 3463 enhanced status code: [245].d{1,3}.d{1,3} */
static int is_status_code(const char *s, size_t n)
{
	size_t i, d;

	if (n < 5 || (s[0] != '2' && s[0] != '4' && s[0] != '5') || s[1] != '.')
		return 0;
	i = 2;
	d = digits(s + i, n - i);
	if (d == 0 || d > 3 || i + d >= n || s[i + d] != '.')
		return 0;
	i += d + 1;
	d = digits(s + i, n - i);
	return d > 0 && d <= 3 && i + d == n;
}

/* is_host - a dotted word whose last label starts with a letter (a TLD):
 * mx.example.org, postfix.example.net; not 4.96, not Postfix-3.7.10 */
static int is_host(const char *s, size_t n)
{
	const char *dot = NULL;
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] == '.')
			dot = s + i;
	return dot != NULL && dot + 1 < s + n
		&& ascii_is_alpha((unsigned char) dot[1]);
}

/* name_at - the octets NAME takes at S (REST octets to the end of the
 * word), or 0: alone, or followed by a number ("Ubuntu22.04",
 * "Postfix.3"), or by a cut ("Debian-22"; so a name with a cut in it,
 * "My-MTA", is found too) */
static size_t name_at(const char *s, size_t rest, const char *name)
{
	size_t k = name ? strlen(name) : 0;

	if (k == 0 || k > rest || !ascii_same_n(s, name, k))
		return 0;
	if (k == rest || ascii_is_digit((unsigned char) s[k])
	    || piece_break(s[k]))
		return k;
	return s[k] == '.' && k + 1 < rest
		&& ascii_is_digit((unsigned char) s[k + 1]) ? k : 0;
}

/* contains - NEEDLE (at least 3 octets, so "3" is no version) inside S */
static int contains(const char *s, size_t n, const char *needle)
{
	size_t k = needle ? strlen(needle) : 0, i;

	if (k < 3 || n < k)
		return 0;
	for (i = 0; i + k <= n; i++)
		if (ascii_same_n(s + i, needle, k))
			return 1;
	return 0;
}

/* found - set the field of entry E to the piece S (N octets), after the
 * piece before it for a two-word name ("Red Hat") */
static void found(struct scan *sc, const struct name *e, const char *s,
		  size_t n)
{
	char both[2 * PIECE_MAX + 1];
	char *field = e->kind == SMTP_BANNER_OS ? sc->out->os
		: sc->out->software;

	if (e->second == NULL) {
		keep(field, s, n);
		return;
	}
	snprintf(both, sizeof(both), "%s %.*s", sc->prev, (int) n, s);
	keep(field, both, strlen(both));
}

/* look_piece - compare one piece (N octets at S, REST to the end of
 * its word) with the owner's name and the table */
static void look_piece(struct scan *sc, const char *s, size_t n, size_t rest)
{
	size_t i, k, pn = strlen(sc->prev);
	const struct name *e;

	if (n >= PIECE_MAX) {
		sc->prev[0] = '\0';
		return;
	}
	if (is_version(s, n))
		keep(sc->out->version, s, n);
	if ((k = name_at(s, rest, sc->own->software)) > 0)
		keep(sc->out->software, s, k > n ? k : n);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		e = &names[i];
		if (e->second == NULL ? name_at(s, n, e->first)
		    : name_at(s, n, e->second)
		    && ascii_same_word(sc->prev, pn, e->first)) {
			found(sc, e, s, n);
			break;
		}
	}
	memcpy(sc->prev, s, n);
	sc->prev[n] = '\0';
}

/* look_word - one word: pass over names and addresses, else its pieces */
static void look_word(struct scan *sc, const char *s, size_t n)
{
	size_t i, start;

	while (n > 0 && s[n - 1] == '.')	/* end of a sentence */
		n--;
	if (n == 0 || is_host(s, n) || is_ipv4(s, n)
	    || (sc->words == 1 && is_status_code(s, n))
	    || (sc->own->host && ascii_same_word(s, n, sc->own->host))) {
		sc->prev[0] = '\0';
		return;
	}
	for (i = start = 0; i <= n; i++) {
		if (i < n && !piece_break(s[i]))
			continue;
		if (i > start)
			look_piece(sc, s + start, i - start, n - start);
		start = i + 1;
	}
	if (contains(s, n, sc->own->version))
		keep(sc->out->version, s, n);
}

/* literal_octet - what an address literal holds after "IPv6:" */
static int literal_octet(unsigned char c)
{
	return ascii_is_digit(c) || c == '.' || c == ':'
		|| (ascii_lower(c) >= 'a' && ascii_lower(c) <= 'f');
}

/* literal_end - past the "]" of the address literal whose "[" is at
 * TEXT[I] ("[192.0.2.1]", "[IPv6:2001:db8::1]"), or I if there is none */
static size_t literal_end(const char *text, size_t len, size_t i)
{
	size_t end = len - i > LITERAL_MAX ? i + LITERAL_MAX : len;
	size_t j = i + 1, start;

	if (end - j > 5 && ascii_same_n(text + j, "IPv6:", 5))
		j += 5;
	for (start = j; j < end && literal_octet((unsigned char) text[j]); j++)
		;
	return j > start && j < end && text[j] == ']' ? j + 1 : i;
}

int smtp_banner_scan_own(const char *text, size_t len,
			 const struct smtp_banner_own *own,
			 struct smtp_banner *out)
{
	static const struct smtp_banner_own none;
	struct scan sc;
	size_t i = 0, start;

	memset(&sc, 0, sizeof(sc));
	sc.out = out;
	sc.own = own ? own : &none;
	while (i < len && sc.words < SMTP_BANNER_MAX_WORDS) {
		if (text[i] == '[') {	/* a literal, or punctuation */
			start = literal_end(text, len, i);
			i = start > i ? start : i + 1;
			sc.prev[0] = '\0';
			continue;
		}
		if (!word_octet((unsigned char) text[i])) {
			i++;
			continue;
		}
		for (start = i; i < len && word_octet((unsigned char) text[i]); i++)
			;
		sc.words++;
		look_word(&sc, text + start, i - start);
	}
	return (out->software[0] ? SMTP_BANNER_SOFTWARE : 0)
		| (out->version[0] ? SMTP_BANNER_VERSION : 0)
		| (out->os[0] ? SMTP_BANNER_OS : 0);
}

int smtp_banner_scan(const char *text, size_t len, struct smtp_banner *out)
{
	return smtp_banner_scan_own(text, len, NULL, out);
}

void smtp_banner_init(struct smtp_banner *out)
{
	memset(out, 0, sizeof(*out));
}
