/*
 * am_message - read a fixture message; see am_message.h.
 */
#include <stdlib.h>
#include <string.h>

#include "tests/conformance/am_message.h"

/* msg_add_line - a header line: a new field, or a folded continuation */
int msg_add_line(struct msg *m, const char *line, size_t len)
{
	const char *colon;
	size_t nlen, old;
	char *grown;

	if ((line[0] == ' ' || line[0] == '\t') && m->n > 0) {
		old = strlen(m->value[m->n - 1]);
		if ((grown = realloc(m->value[m->n - 1], old + len + 2)) == NULL)
			return -1;
		grown[old] = '\n';      /* Postfix hands folds over as LF */
		memcpy(grown + old + 1, line, len);
		grown[old + len + 1] = '\0';
		m->value[m->n - 1] = grown;
		return 0;
	}
	if ((colon = memchr(line, ':', len)) == NULL || m->n == MAX_FIELDS)
		return colon == NULL ? 0 : -1;
	/* Postfix drops white space between the name and the colon. */
	for (nlen = (size_t) (colon - line); nlen > 0
	     && (line[nlen - 1] == ' ' || line[nlen - 1] == '\t'); nlen--)
		;
	m->name[m->n] = strndup(line, nlen);
	m->value[m->n] = strndup(colon + 1, len - (size_t) (colon - line) - 1);
	if (m->name[m->n] == NULL || m->value[m->n] == NULL)
		return -1;
	m->n++;
	return 0;
}

/* msg_body - the rest of TEXT with every line ending in CRLF */
int msg_body(struct msg *m, const char *p, const char *end)
{
	size_t n = 0;

	if ((m->body = malloc(2 * (size_t) (end - p) + 3)) == NULL)
		return -1;
	for (; p < end; p++) {
		if (*p == '\n' && (n == 0 || m->body[n - 1] != '\r'))
			m->body[n++] = '\r';
		m->body[n++] = *p;
	}
	if (n > 0 && m->body[n - 1] != '\n') {
		m->body[n++] = '\r';
		m->body[n++] = '\n';
	}
	m->bodylen = n;
	return 0;
}

/* msg_parse - fields (value after the colon, leading space kept, CR
 * dropped) up to the first empty line, then the body */
int msg_parse(const char *text, size_t len, struct msg *m)
{
	const char *p = text, *end = text + len, *eol;
	size_t l;

	memset(m, 0, sizeof(*m));
	while (p < end) {
		eol = memchr(p, '\n', (size_t) (end - p));
		if (eol == NULL)
			eol = end;
		l = (size_t) (eol - p);
		if (l > 0 && p[l - 1] == '\r')
			l--;
		if (l == 0)
			return msg_body(m, eol < end ? eol + 1 : end, end);
		if (msg_add_line(m, p, l) != 0)
			return -1;
		p = eol < end ? eol + 1 : end;
	}
	return msg_body(m, end, end);
}

/* msg_free - the fields and the body */
void msg_free(struct msg *m)
{
	size_t i;

	for (i = 0; i < m->n; i++) {
		free(m->name[i]);
		free(m->value[i]);
	}
	free(m->body);
}

