/*
 * smtp_transcript - the evidence of an SMTP exchange as an admin reads
 * it: "C: " lines for what we sent, "S: " lines for what came back.
 *
 * Bounded like a finding's evidence (SC_EVIDENCE_MAX): what does not fit
 * is cut, never grown. Any caller.
 */
#ifndef AUTHMILTER_SC_SMTP_TRANSCRIPT_H
#define AUTHMILTER_SC_SMTP_TRANSCRIPT_H

#include <stddef.h>

#include "selfcheck/core/finding.h"
#include "util/textbuf.h"
#include "smtp_reply.h"

/* TB writes into TEXT: a transcript is not to be copied. TB.LEN is
 * nonzero once a line was appended. */
struct smtp_transcript {
	char text[SC_EVIDENCE_MAX];
	struct textbuf tb;          /* over TEXT */
};

void smtp_transcript_init(struct smtp_transcript *t);

/* smtp_transcript_line - append one line (printf-style) */
void smtp_transcript_line(struct smtp_transcript *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* smtp_transcript_reply - append R as "S: " lines, at most MAX_LINES of
 * them (then "S: ... (N more lines)") */
void smtp_transcript_reply(struct smtp_transcript *t,
			   const struct smtp_reply *r, size_t max_lines);

#endif
