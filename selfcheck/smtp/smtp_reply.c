/*
 * smtp_reply - SMTP reply parser; see smtp_reply.h.
 *
 * One pass over the octets: each line is checked as far as it has
 * arrived (code, separator, octets), so an error shows as soon as its
 * octet is there; only a line still valid at its end asks for more.
 */
#include <stdio.h>
#include <string.h>

#include "util/ascii.h"
#include "smtp_reply.h"

/* One line as found in the input. */
struct line {
	int code;
	int last;		/* separator was SP or the line ended */
	const char *text;	/* after code and separator */
	size_t textlen;
	size_t next;		/* offset just past the LF */
};

/* bad_octet - octets a reply line may not carry: controls but TAB */
static int bad_octet(unsigned char c)
{
	return (c < 0x20 && c != '\t') || c == 0x7f;
}

/* check_code - the first N octets of a line (N < 4 while it arrives)
 * against "[2-5][0-5][0-9]" and a separator; -1 if they cannot start one */
static int check_code(const char *s, size_t n, int ended)
{
	static const char lo[] = "200", hi[] = "559";
	size_t i;

	for (i = 0; i < n && i < 3; i++)
		if (s[i] < lo[i] || s[i] > hi[i])
			return -1;
	if (ended && n < 3)
		return -1;
	if (n > 3 && s[3] != ' ' && s[3] != '-')
		return -1;
	return 0;
}

/* parse_line - the line at BUF[POS]; content excludes the LF and one CR
 * before it. The checks run in the order the octets arrive in (code,
 * then text, then length), so a verdict does not depend on how much of
 * the line a read brought. */
static enum smtp_reply_status parse_line(const char *buf, size_t len,
					 size_t pos, struct line *l)
{
	size_t avail = len - pos, i, n;
	size_t window = avail < SMTP_REPLY_LINE_MAX ? avail : SMTP_REPLY_LINE_MAX;
	const char *s = buf + pos;
	const char *lf = memchr(s, '\n', window);

	n = lf ? (size_t) (lf - s) : window;
	/* a CR is the end of the line when LF follows or may yet follow
	 * (without LF in the window the line is too long anyway) */
	if (n > 0 && s[n - 1] == '\r')
		n--;
	if (check_code(s, n, lf != NULL) < 0)
		return SMTP_REPLY_BAD_CODE;
	for (i = 0; i < n; i++)
		if (bad_octet((unsigned char) s[i]))
			return SMTP_REPLY_BAD_OCTET;
	if (lf == NULL)
		return window == SMTP_REPLY_LINE_MAX ? SMTP_REPLY_LONG_LINE
			: SMTP_REPLY_PARTIAL;
	l->code = (s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0');
	l->last = n == 3 || s[3] == ' ';
	l->text = n > 4 ? s + 4 : s + n;
	l->textlen = n > 4 ? n - 4 : 0;
	l->next = pos + (size_t) (lf - s) + 1;
	return SMTP_REPLY_OK;
}

enum smtp_reply_status smtp_reply_parse(const char *buf, size_t len,
					struct smtp_reply *r, size_t *used)
{
	enum smtp_reply_status st;
	struct line l;
	size_t pos = 0, o = 0;

	r->nlines = 0;
	r->code = 0;
	for (;;) {
		if (r->nlines == SMTP_REPLY_MAX_LINES)
			return SMTP_REPLY_TOO_MANY;
		if (pos == len)
			return SMTP_REPLY_PARTIAL;
		if ((st = parse_line(buf, len, pos, &l)) != SMTP_REPLY_OK)
			return st;
		if (r->nlines > 0 && l.code != r->code)
			return SMTP_REPLY_MIXED;
		r->code = l.code;
		r->off[r->nlines++] = o;
		memcpy(r->text + o, l.text, l.textlen);
		o += l.textlen;
		r->text[o++] = '\0';
		pos = l.next;
		if (l.last) {
			*used = pos;
			return SMTP_REPLY_OK;
		}
	}
}

const char *smtp_reply_status_text(enum smtp_reply_status st)
{
	switch (st) {
	case SMTP_REPLY_OK:
		return "ok";
	case SMTP_REPLY_PARTIAL:
		return "reply incomplete";
	case SMTP_REPLY_LONG_LINE:
		return "reply line over 512 octets";
	case SMTP_REPLY_TOO_MANY:
		return "reply of more than 100 lines";
	case SMTP_REPLY_BAD_CODE:
		return "not an SMTP reply (no reply code)";
	case SMTP_REPLY_MIXED:
		return "reply lines with different codes";
	case SMTP_REPLY_BAD_OCTET:
		return "control octet in reply";
	}
	return "unknown reply error";
}

const char *smtp_reply_line(const struct smtp_reply *r, size_t i)
{
	return i < r->nlines ? r->text + r->off[i] : "";
}

void smtp_reply_first_word(const struct smtp_reply *r, char *out, size_t len)
{
	const char *s = smtp_reply_line(r, 0);
	size_t n;

	if (len == 0)
		return;
	while (ascii_is_wsp((unsigned char) *s))
		s++;
	n = strcspn(s, " \t");
	if (n >= len)
		n = len - 1;
	memcpy(out, s, n);
	out[n] = '\0';
}

int smtp_reply_has_keyword(const struct smtp_reply *r, const char *keyword)
{
	const char *s;
	size_t i;

	for (i = 1; i < r->nlines; i++) {
		s = smtp_reply_line(r, i);
		if (ascii_same_word(s, strcspn(s, " \t"), keyword))
			return 1;
	}
	return 0;
}
