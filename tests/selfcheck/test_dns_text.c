/*
 * test_dns_text - the dns group's evidence text (selfcheck/dns/dns_text):
 * the record quote's escapes and the "..." over a cut text, pinned to
 * what the checks printed before it was built on util/textbuf.
 */
#include <string.h>

#include "tests/lib/tap.h"
#include "selfcheck/dns/dns_text.h"

static void test_quote(void)
{
	struct sc_dns_text t;

	sc_dns_text_init(&t);
	is_str(t.s, "", "a new text is empty");
	sc_dns_text_add(&t, "%s TXT ", "_dmarc.example.org");
	sc_dns_text_quote(&t, "v=\"x\\y\x01\n\0z", 10, 100);
	is_str(t.s, "_dmarc.example.org TXT \"v=\\\"x\\\\y\\x01\\x0a\\x00z\"",
	       "quote: '\"' and '\\' take a backslash, the rest of the unprintable \\xhh");
	sc_dns_text_init(&t);
	sc_dns_text_quote(&t, "abcdef", 6, 3);
	is_str(t.s, "\"abc...\"", "quote: at most MAX octets shown, then ...");
	sc_dns_text_init(&t);
	sc_dns_text_quote(&t, "abc", 3, 3);
	is_str(t.s, "\"abc\"", "quote: exactly MAX octets is whole");
}

static void test_cut(void)
{
	static char big[3000];
	struct sc_dns_text t;
	size_t i;

	memset(big, 'x', sizeof(big) - 1);
	sc_dns_text_init(&t);
	sc_dns_text_add(&t, "%s", big);
	is_int((long) strlen(t.s), SC_EVIDENCE_MAX - 1, "a cut text fills the buffer");
	is_str(t.s + SC_EVIDENCE_MAX - 5, "x...", "and ends ... over its last octets");
	ok(t.tb.len > 0, "and is not empty");
	sc_dns_text_add(&t, "more");
	sc_dns_text_quote(&t, "q", 1, 10);
	is_str(t.s + SC_EVIDENCE_MAX - 5, "x...", "nothing is appended after the cut");

	sc_dns_text_init(&t);
	for (i = 0; i < SC_EVIDENCE_MAX - 8; i++)
		sc_dns_text_add(&t, "y");
	sc_dns_text_quote(&t, "\x01\x02", 2, 10);
	is_int((long) strlen(t.s), SC_EVIDENCE_MAX - 1, "a quote cut at the end");
	is_str(t.s + SC_EVIDENCE_MAX - 9, "y\"\\x0...",
	       "keeps the octets that fitted (an escape may be cut), then ...");
}

int main(void)
{
	test_quote();
	test_cut();
	return tap_done();
}
