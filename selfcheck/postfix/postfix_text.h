/*
 * postfix_text - building the evidence of the postfix checks in fixed
 * buffers: appending never overruns and cuts quietly, since evidence is
 * bounded anyway (SC_EVIDENCE_MAX).
 */
#ifndef AUTHMILTER_SC_POSTFIX_TEXT_H
#define AUTHMILTER_SC_POSTFIX_TEXT_H

#include <stddef.h>

/* sc_pf_append - append FMT (printf-style) to the string in BUF (SIZE
 * octets), after SEP when BUF is not empty. */
void sc_pf_append(char *buf, size_t size, const char *sep, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* sc_pf_set - BUF becomes FMT (printf-style), cut to fit. */
void sc_pf_set(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
