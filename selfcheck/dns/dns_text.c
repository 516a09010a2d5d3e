/*
 * dns_text - bounded evidence text; see dns_text.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "dns_text.h"

/* sc_dns_text_init - empty text */
void sc_dns_text_init(struct sc_dns_text *t)
{
	t->s[0] = '\0';
	t->n = 0;
	t->cut = 0;
}

/* mark_cut - end the text with "..." once something did not fit */
static void mark_cut(struct sc_dns_text *t)
{
	if (t->cut)
		return;
	t->cut = 1;
	if (t->n > sizeof(t->s) - 4)
		t->n = sizeof(t->s) - 4;
	memcpy(t->s + t->n, "...", 4);
	t->n += 3;
}

/* sc_dns_text_add - append, cut if full */
void sc_dns_text_add(struct sc_dns_text *t, const char *fmt, ...)
{
	size_t room;
	va_list ap;
	int n;

	if (t->cut)
		return;
	room = sizeof(t->s) - t->n;
	va_start(ap, fmt);
	n = vsnprintf(t->s + t->n, room, fmt, ap);
	va_end(ap);
	if (n < 0) {
		t->s[t->n] = '\0';
		return;
	}
	if ((size_t) n >= room) {
		t->n = sizeof(t->s) - 1;
		mark_cut(t);
		return;
	}
	t->n += (size_t) n;
}

/* put - one octet of quoted text, escaped where needed */
static void put(struct sc_dns_text *t, unsigned char c)
{
	if (c == '"' || c == '\\')
		sc_dns_text_add(t, "\\%c", c);
	else if (c >= 0x20 && c < 0x7f)
		sc_dns_text_add(t, "%c", c);
	else
		sc_dns_text_add(t, "\\x%02x", c);
}

/* sc_dns_text_quote - a record, quoted and bounded */
void sc_dns_text_quote(struct sc_dns_text *t, const char *s, size_t len,
		       size_t max)
{
	size_t i;

	sc_dns_text_add(t, "\"");
	for (i = 0; i < len && i < max && !t->cut; i++)
		put(t, (unsigned char) s[i]);
	sc_dns_text_add(t, len > max ? "...\"" : "\"");
}
