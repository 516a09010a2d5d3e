/*
 * postfix_text - evidence text in fixed buffers; see postfix_text.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "postfix_text.h"

void sc_pf_append(char *buf, size_t size, const char *sep, const char *fmt, ...)
{
	size_t used = strnlen(buf, size);
	va_list ap;

	if (used + 1 >= size)
		return;
	if (used > 0) {
		snprintf(buf + used, size - used, "%s", sep);
		used = strlen(buf);
		if (used + 1 >= size)
			return;
	}
	va_start(ap, fmt);
	vsnprintf(buf + used, size - used, fmt, ap);
	va_end(ap);
}

void sc_pf_set(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;

	if (size == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, size, fmt, ap);
	va_end(ap);
}
