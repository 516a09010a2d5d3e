/*
 * fuzz_spf_record - spf_record_parse() on arbitrary record text, then
 * every domain-spec of an accepted record through spf_macro_expand(), and
 * the raw input as explanation text. Whatever comes in, an accepted
 * record must keep its promises: terms point inside the record, CIDR
 * lengths are in range, expansions are bounded and NUL-terminated, and a
 * refused record leaves nothing allocated and a printable message.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "policy/spf_macro.h"
#include "policy/spf_record.h"
#include "tests/lib/fuzzcheck.h"

/* LLVMFuzzerTestOneInput - parse, check, expand */
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

/* ptr_name - a fixed %{p} */
static const char *ptr_name(void *arg)
{
	(void) arg;
	return "mail.example.org";
}

/* env - fixed macro values */
static struct spf_macro_env env(void)
{
	struct spf_macro_env e;

	memset(&e, 0, sizeof(e));
	e.sender = "strong-bad@email.example.com";
	e.local = "strong-bad";
	e.sender_domain = "email.example.com";
	e.domain = "email.example.com";
	e.ip_macro = "192.0.2.3";
	e.ip_text = "192.0.2.3";
	e.ip_version = "in-addr";
	e.helo = "mx.example.org";
	e.now = 1;
	e.ptr_name = ptr_name;
	return e;
}

/* inside - [P, P+N) lies within the record copy */
static void inside(const struct spf_record *rec, size_t len, const char *p,
		   size_t n)
{
	CHECK(p >= rec->buf && p + n <= rec->buf + len);
}

/* expand - a domain-spec the parser accepted must expand cleanly */
static void expand(const struct spf_macro_env *e, const char *s, size_t n)
{
	char out[SPF_MACRO_DOMAIN_SIZE];
	enum spf_macro_status st;

	st = spf_macro_expand(e, s, n, SPF_MACRO_DOMAIN, out, sizeof(out));
	CHECK(st != SPF_MACRO_SYNTAX);
	CHECK(strlen(out) <= 253);
}

/* check_terms - the promises of an accepted record */
static void check_terms(const struct spf_record *rec, size_t len)
{
	struct spf_macro_env e = env();
	const struct spf_term *t;
	size_t i;

	CHECK(rec->nterms <= len / 2);
	for (i = 0; i < rec->nterms; i++) {
		t = &rec->terms[i];
		inside(rec, len, t->text, t->textlen);
		CHECK(t->cidr4 >= 0 && t->cidr4 <= 32);
		CHECK(t->cidr6 >= 0 && t->cidr6 <= 128);
		if (t->mech == SPF_MECH_IP4)
			CHECK(t->net.family == AF_INET);
		if (t->mech == SPF_MECH_IP6)
			CHECK(t->net.family == AF_INET6);
		if (t->spec) {
			inside(rec, len, t->spec, t->speclen);
			expand(&e, t->spec, t->speclen);
		}
	}
	if (rec->redirect)
		expand(&e, rec->redirect, rec->redirectlen);
	if (rec->exp)
		expand(&e, rec->exp, rec->explen);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	const char *text = (const char *) data;
	struct spf_macro_env e = env();
	struct spf_record rec;
	char err[128], out[SPF_EXPLAIN_MAX];
	enum spf_record_status st;

	st = spf_record_parse(text, size, &rec, err, sizeof(err));
	if (st == SPF_RECORD_OK) {
		check_terms(&rec, size);
		spf_record_free(&rec);
	} else {
		CHECK(rec.buf == NULL && rec.terms == NULL);
		fuzz_printable(err, sizeof(err), 0x20);
	}
	if (spf_macro_expand(&e, text, size, SPF_MACRO_EXPLAIN, out,
			     sizeof(out)) == SPF_MACRO_OK)
		CHECK(strlen(out) < sizeof(out));
	return 0;
}
