/*
 * corpus - a benchmark corpus read into memory (format: tests/bench/README.md).
 *
 * The load generators (milterload, smtpload) send the same corpus; each
 * message is read once, before the clock starts, and split into the
 * parts a milter client needs (header fields, body) while the raw text
 * stays available for SMTP.
 */
#ifndef AUTHMILTER_BENCH_CORPUS_H
#define AUTHMILTER_BENCH_CORPUS_H

#include <stddef.h>

struct corpus_header {
	char *name;             /* field name, NUL-terminated */
	char *value;            /* value after the colon, leading white space
	                         * kept, folded lines joined by "\n" (as
	                         * Postfix hands them to a milter) */
};

struct corpus_msg {
	char *file;             /* as in the index, e.g. "msg/000017" */
	char *kase;             /* case= */
	char *expect;           /* expect= (accept, reject, quarantine, tempfail) */
	char *client;           /* client= (IPv4 or IPv6 literal) */
	char *helo;
	char *from;             /* may be "" */
	char *rcpt;
	char *raw;              /* the message as stored, CRLF line ends */
	size_t rawlen;
	struct corpus_header *hdr;
	size_t nhdr;
	const char *body;       /* into raw: after the empty line, CRLF ends */
	size_t bodylen;
};

struct corpus {
	struct corpus_msg *msg;
	size_t nmsg;
};

/* corpus_load - read DIR/index and every message it names. Returns NULL
 * and writes a "FILE:LINE: reason" message to ERR on any error. */
struct corpus *corpus_load(const char *dir, char *err, size_t errlen);

void corpus_free(struct corpus *c);

#endif
