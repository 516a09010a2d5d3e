/*
 * fuzz_sc_smtp_reply - the SMTP reply parser on whatever a server may
 * send, reply after reply, with what the checks then do with a reply
 * (first word, EHLO keywords, the VRFY judgement, the banner scan).
 * Whatever comes in: a parse stays inside the input, a parsed reply
 * holds 1..100 lines of at most 508 octets with no control octet but
 * TAB, and the verdict does not depend on how the octets are cut into
 * reads (checked octet by octet on short inputs).
 */
#include <string.h>

#include "selfcheck/smtp/smtp_banner.h"
#include "selfcheck/smtp/smtp_reply.h"
#include "selfcheck/smtp/smtp_verify.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

/* check_reply - the promises of a parsed reply */
static void check_reply(const struct smtp_reply *r)
{
	struct smtp_banner b;
	const char *line;
	char word[64];
	size_t i, k, n;

	CHECK(r->nlines >= 1 && r->nlines <= SMTP_REPLY_MAX_LINES);
	CHECK(r->code >= 200 && r->code <= 559);
	for (i = 0; i < r->nlines; i++) {
		line = smtp_reply_line(r, i);
		n = strlen(line);
		CHECK(n <= SMTP_REPLY_LINE_MAX - 4);
		for (k = 0; k < n; k++)
			CHECK((unsigned char) line[k] >= 0x20 || line[k] == '\t');
		smtp_banner_init(&b);
		smtp_banner_scan(line, n, &b);
		CHECK(strlen(b.software) < SMTP_BANNER_WORD);
		CHECK(strlen(b.version) < SMTP_BANNER_WORD);
		CHECK(strlen(b.os) < SMTP_BANNER_WORD);
	}
	smtp_reply_first_word(r, word, sizeof(word));
	CHECK(strlen(word) < sizeof(word));
	(void) smtp_reply_has_keyword(r, "STARTTLS");
	(void) smtp_verify_answers(r, "postmaster");
}

/* by_octets - the first non-PARTIAL status as the input grows */
static enum smtp_reply_status by_octets(const char *in, size_t len,
					struct smtp_reply *r)
{
	enum smtp_reply_status st = SMTP_REPLY_PARTIAL;
	size_t n, used;

	for (n = 1; n <= len && st == SMTP_REPLY_PARTIAL; n++)
		st = smtp_reply_parse(in, n, r, &used);
	return st;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static struct smtp_reply r, again;
	const char *in = (const char *) data;
	enum smtp_reply_status st, first = SMTP_REPLY_PARTIAL;
	size_t pos = 0, used;
	int replies = 0;

	while (pos < size) {
		used = (size_t) -1;
		st = smtp_reply_parse(in + pos, size - pos, &r, &used);
		if (replies++ == 0)
			first = st;
		if (st != SMTP_REPLY_OK)
			break;
		CHECK(used > 0 && used <= size - pos);
		check_reply(&r);
		pos += used;
	}
	if (size <= 4096)
		CHECK(by_octets(in, size, &again) == (size ? first : SMTP_REPLY_PARTIAL));
	return 0;
}
