/*
 * ascii - character classes for the parsers of protocol text (SPF and
 * DMARC records, addresses, Authentication-Results, configuration
 * values, SMTP replies).
 *
 * Protocol text is ASCII whatever the locale says: <ctype.h> would make a
 * Turkish or UTF-8 locale change what a record means. Header-only, so
 * each parser's inner loops keep them inline. Any module may include it.
 */
#ifndef AUTHMILTER_ASCII_H
#define AUTHMILTER_ASCII_H

#include <stddef.h>
#include <string.h>

/* ascii_is_wsp - RFC 5234 WSP: space or tab */
static inline int ascii_is_wsp(int c)
{
	return c == ' ' || c == '\t';
}

static inline int ascii_is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline int ascii_is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static inline int ascii_is_alnum(int c)
{
	return ascii_is_alpha(c) || ascii_is_digit(c);
}

/* ascii_is_space - what isspace() takes in the C locale: space, \t \n
 * \v \f \r */
static inline int ascii_is_space(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* ascii_lower - upper-case ASCII letters only */
static inline int ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* ascii_same_n - N octets of A and B equal, ASCII case-insensitive */
static inline int ascii_same_n(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (ascii_lower((unsigned char) a[i]) != ascii_lower((unsigned char) b[i]))
			return 0;
	return 1;
}

/* ascii_same_word - S (N octets) equals WORD, ASCII case-insensitive */
static inline int ascii_same_word(const char *s, size_t n, const char *word)
{
	return strlen(word) == n && ascii_same_n(s, word, n);
}

#endif
