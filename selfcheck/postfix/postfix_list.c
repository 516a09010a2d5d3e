/*
 * postfix_list - splitting Postfix list values; see postfix_list.h.
 */
#include <string.h>

#include "util/ascii.h"
#include "postfix_list.h"

/* list_space - isspace() without VT and FF, which Postfix does not skip
 * around a list element either */
static inline int list_space(int c)
{
	return ascii_is_space(c) && c != '\v' && c != '\f';
}

int sc_postfix_list_next(const char **cur, const char *seps, const char **tok,
			 size_t *len)
{
	const char *p = *cur, *start;
	size_t depth = 0;

	while (*p != '\0' && strchr(seps, *p) != NULL)
		p++;
	if (*p == '\0') {
		*cur = p;
		return 0;
	}
	for (start = p; *p != '\0'; p++) {
		if (*p == '{')
			depth++;
		else if (*p == '}' && depth > 0)
			depth--;
		else if (depth == 0 && strchr(seps, *p) != NULL)
			break;
	}
	*tok = start;
	*len = (size_t) (p - start);
	*cur = p;
	return 1;
}

int sc_postfix_list_copy(const char *tok, size_t len, char *buf, size_t size)
{
	if (size == 0)
		return -1;
	if (len >= size) {
		buf[0] = '\0';
		return -1;
	}
	memcpy(buf, tok, len);
	buf[len] = '\0';
	return 0;
}

int sc_postfix_list_group(const char *tok, size_t len, const char **in,
			  size_t *inlen)
{
	const char *s, *e;

	if (len < 2 || tok[0] != '{' || tok[len - 1] != '}')
		return 0;
	s = tok + 1;
	e = tok + len - 1;
	while (s < e && list_space((unsigned char) *s))
		s++;
	while (e > s && list_space((unsigned char) e[-1]))
		e--;
	*in = s;
	*inlen = (size_t) (e - s);
	return 1;
}
