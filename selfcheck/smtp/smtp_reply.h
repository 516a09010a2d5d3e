/*
 * smtp_reply - the parser of SMTP server replies (RFC 5321 section 4.2),
 * for authmilter-selfcheck's SMTP client.
 *
 * The server under audit is remote data: every reply is held to hard
 * bounds (SMTP_REPLY_LINE_MAX octets a line including CRLF, as RFC 5321
 * 4.5.3.1.5 sets; SMTP_REPLY_MAX_LINES lines), a code of three digits
 * shared by all lines, and no control octets. Anything else is a defined
 * error, found as early as the octets allow, so that a garbage greeting
 * fails at once instead of at the timeout. A bare LF ends a line as CRLF
 * does (Postfix's own client accepts both). Pure functions; any caller.
 */
#ifndef AUTHMILTER_SC_SMTP_REPLY_H
#define AUTHMILTER_SC_SMTP_REPLY_H

#include <stddef.h>

#define SMTP_REPLY_LINE_MAX  512	/* octets of one line, CRLF included */
#define SMTP_REPLY_MAX_LINES 100
#define SMTP_REPLY_TEXT_MAX  (SMTP_REPLY_LINE_MAX * SMTP_REPLY_MAX_LINES)

enum smtp_reply_status {
	SMTP_REPLY_OK,		/* one whole reply parsed */
	SMTP_REPLY_PARTIAL,	/* valid so far; more octets needed */
	SMTP_REPLY_LONG_LINE,	/* a line over SMTP_REPLY_LINE_MAX octets */
	SMTP_REPLY_TOO_MANY,	/* more than SMTP_REPLY_MAX_LINES lines */
	SMTP_REPLY_BAD_CODE,	/* a line not starting "[2-5][0-5][0-9]" then
				 * SP, "-" or the end of the line */
	SMTP_REPLY_MIXED,	/* lines of one reply with different codes */
	SMTP_REPLY_BAD_OCTET,	/* NUL, a CR not before LF, or another
				 * control octet (TAB is text) */
};

struct smtp_reply {
	int code;		/* 200..599 */
	size_t nlines;		/* 1..SMTP_REPLY_MAX_LINES */
	size_t off[SMTP_REPLY_MAX_LINES]; /* each line's text in TEXT */
	char text[SMTP_REPLY_TEXT_MAX];	/* the text after code and
				 * separator of each line, NUL-terminated */
};

/* smtp_reply_parse - parse the first reply in BUF (LEN octets). On
 * SMTP_REPLY_OK, *USED is the octets it took (what follows belongs to
 * the next reply) and R holds it; on any other status R is undefined. */
enum smtp_reply_status smtp_reply_parse(const char *buf, size_t len,
					struct smtp_reply *r, size_t *used);

/* smtp_reply_status_text - what went wrong, for a person */
const char *smtp_reply_status_text(enum smtp_reply_status st);

/* smtp_reply_line - the text of line I (0-based), "" past the end */
const char *smtp_reply_line(const struct smtp_reply *r, size_t i);

/* smtp_reply_first_word - the first word of line 0's text (a greeting's
 * or EHLO reply's host name), at most LEN-1 octets; "" if none. */
void smtp_reply_first_word(const struct smtp_reply *r, char *out, size_t len);

/* smtp_reply_has_keyword - 1 if an EHLO reply (lines after the first)
 * announces KEYWORD (e.g. "STARTTLS"), ASCII case-insensitive. */
int smtp_reply_has_keyword(const struct smtp_reply *r, const char *keyword);

#endif
