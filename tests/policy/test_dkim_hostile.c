/*
 * test_dkim_hostile - the hostile-input table of test_dkim_verify:
 * DKIM-Signature fields an attacker writes (repeated tags, bad bytes,
 * oversized values, format directives, many signatures), checked through
 * the whole verifier for result, reason and what is reported.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy/dkim_tags.h"
#include "policy/dkim_verify.h"
#include "tests/lib/testsign.h"
#include "tests/lib/tap.h"

void test_hostile(struct dkimv_engine *e, DKIM_LIB *lib,
		  const struct testkey *k2048);

static const char msg_text[] =
	"From: Mallory <mallory@example.com>\r\n"
	"To: Bob <bob@example.net>\r\n"
	"Subject: hostile\r\n"
	"\r\n"
	"body\r\n";

#define SIGMIN "v=1; a=rsa-sha256; d=example.com; s=k2048; h=from; bh=AAAA; b=AAAA"

/* One field and what must come of it. */
struct hostile {
	const char *what;
	const char *value;          /* NULL: built by the case itself */
	enum dkimv_result want;
	const char *reason;         /* prefix of the reason */
};

static const struct hostile table[] = {
	{"empty field", "", DKIMV_NEUTRAL, "signature syntax error"},
	{"only whitespace", " \r\n\t ", DKIMV_NEUTRAL, "signature syntax error"},
	{"required tags missing", " v=1; a=rsa-sha256", DKIMV_NEUTRAL,
	 "signature syntax error"},
	{"no v=", " a=rsa-sha256; d=example.com; s=k2048; h=from; bh=AAAA; b=AAAA",
	 DKIMV_NEUTRAL, "signature syntax error"},
	{"d= twice (first victim)", " d=victim.example; " SIGMIN, DKIMV_NEUTRAL,
	 "signature syntax error (tag repeated)"},
	{"d= twice (second victim)", " " SIGMIN "; d=victim.example", DKIMV_NEUTRAL,
	 "signature syntax error (tag repeated)"},
	{"D= and d=", " D=victim.example; " SIGMIN, DKIMV_NEUTRAL,
	 "signature syntax error (tag repeated)"},
	{"8-bit byte in a tag", " v=1; a=rsa-sha256; d=exa\xffmple.com; s=k2048; "
	 "h=from; bh=AAAA; b=AAAA", DKIMV_NEUTRAL, "signature syntax error"},
	{"control byte in d=", " v=1; a=rsa-sha256; d=exa\001mple.com; s=k2048; "
	 "h=from; bh=AAAA; b=AAAA", DKIMV_NEUTRAL, "signature syntax error"},
	{"tag without value at the end", " " SIGMIN "; x", DKIMV_NEUTRAL,
	 "signature syntax error"},
	{"v=2", " v=2; a=rsa-sha256; d=example.com; s=k2048; h=from; bh=AAAA; b=AAAA",
	 DKIMV_PERMERROR, "unsupported signature version"},
	{"a=rsa-md5", " v=1; a=rsa-md5; d=example.com; s=k2048; h=from; bh=AAAA; "
	 "b=AAAA", DKIMV_PERMERROR, "unsupported algorithm"},
	{"c=future", " " SIGMIN "; c=future", DKIMV_PERMERROR,
	 "unsupported canonicalization"},
	{"q=http", " " SIGMIN "; q=http", DKIMV_PERMERROR, "unsupported query method"},
	{"From not in h=", " v=1; a=rsa-sha256; d=example.com; s=k2048; h=to:subject; "
	 "bh=AAAA; b=AAAA", DKIMV_PERMERROR, "From not signed"},
	{"i= outside d=", " " SIGMIN "; i=x@evil.example", DKIMV_PERMERROR,
	 "i= not within d="},
	{"t= far in the future", " " SIGMIN "; t=99999999999", DKIMV_NEUTRAL,
	 "signature timestamp in the future"},
	{"x= in the past", " " SIGMIN "; x=1000", DKIMV_FAIL, "signature expired"},
	{"l= past the body", " " SIGMIN "; l=999999", DKIMV_PERMERROR,
	 "l= exceeds the body"},
	{"bad t= value", " " SIGMIN "; t=12abc", DKIMV_NEUTRAL, "signature syntax error"},
	{"format directives in d=", " v=1; a=rsa-sha256; d=%s%n%x.example; s=k2048; "
	 "h=from; bh=AAAA; b=AAAA", DKIMV_NEUTRAL, "signature syntax error"},
	{"selector with no key", " v=1; a=rsa-sha256; d=example.com; s=none; "
	 "h=from; bh=AAAA; b=AAAA", DKIMV_PERMERROR, "no key"},
	{"b= of the wrong length", " " SIGMIN, DKIMV_FAIL, "signature did not verify"},
	{"b= not base64", " v=1; a=rsa-sha256; d=example.com; s=k2048; h=from; "
	 "bh=AAAA; b=!!AAAA", DKIMV_NEUTRAL, "signature syntax error (b= or bh="},
	{"bh= not base64", " v=1; a=rsa-sha256; d=example.com; s=k2048; h=from; "
	 "bh=AA.AA; b=AAAA", DKIMV_NEUTRAL, "signature syntax error (b= or bh="},
	{"i= ending in '=' (libopendkim reads past the end)", " " SIGMIN
	 "; i=x@example.com=", DKIMV_NEUTRAL, "signature syntax error (i= not an"},
	{"i= with '=' and one hex digit", " " SIGMIN "; i=x=4@example.com",
	 DKIMV_NEUTRAL, "signature syntax error (i= not an"},
	{"i= twice, the second ending in '='", " " SIGMIN
	 "; i=@example.com; i=@exa=", DKIMV_NEUTRAL, "signature syntax error"},
};

/* run_one - the base message with VALUE on top; 0 on a clean run */
static int run_one(struct dkimv_engine *e, const char *name,
		   const char *value, struct dkimv_results *out)
{
	struct dkimv_check *c = dkimv_check_new(e, "hostile");
	struct tmsg m;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if (c != NULL && tmsg_parse(msg_text, sizeof(msg_text) - 1, 0, &m) == 0) {
		if (tmsg_add_field(&m, 0, name, value) == 0)
			rc = tmsg_feed(c, &m, 0, out);
		tmsg_free(&m);
	}
	dkimv_check_free(c);
	return rc;
}

/* table_cases - each row: one signature, its result and reason */
static void table_cases(struct dkimv_engine *e)
{
	struct dkimv_results res;
	size_t i;
	int rc;

	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		rc = run_one(e, "DKIM-Signature", table[i].value, &res);
		if (!ok(rc == 0 && res.count == 1
			&& res.sig[0].result == table[i].want
			&& strncmp(res.sig[0].reason, table[i].reason,
				   strlen(table[i].reason)) == 0,
			"hostile: %s -> %s (%s)", table[i].what,
			dkimv_result_name(table[i].want), table[i].reason))
			diag("  rc %d count %zu: %s (%s)", rc, res.count,
			     dkimv_result_name(res.sig[0].result), res.sig[0].reason);
	}
}

/* reported_fields - what reaches header.* from hostile tags */
static void reported_fields(struct dkimv_engine *e)
{
	struct dkimv_results res;
	char v[1200];

	run_one(e, "DKIM-Signature", " v=1; a=rsa-sha256; d=%s%n%x.example; "
		"s=k2048; h=from; bh=AAAA; b=AAAA", &res);
	is_str(res.sig[0].d, "%s%n%x.example", "format directives reported as text");
	run_one(e, "DKIM-Signature", " v=1; a=rsa-sha256; d=exa\001mple.com; "
		"s=k\377; h=from; bh=AAAA; b=AAAA", &res);
	is_str(res.sig[0].d, "exa?mple.com", "control byte in header.d shown as ?");
	is_str(res.sig[0].s, "k?", "8-bit byte in header.s shown as ?");
	snprintf(v, sizeof(v), " v=1; a=rsa-sha256; d=%0300d.example; s=%0100d; "
		 "h=from; bh=AAAA; b=AAAA", 0, 0);
	run_one(e, "DKIM-Signature", v, &res);
	ok(res.count == 1 && strlen(res.sig[0].d) == sizeof(res.sig[0].d) - 1
	   && strlen(res.sig[0].s) == sizeof(res.sig[0].s) - 1
	   && res.sig[0].result != DKIMV_PASS,
	   "over-long d= and s= cut to fit, not passed (%s)", res.sig[0].reason);
	run_one(e, "DKIM-Signature", " " SIGMIN "; i==61lice@exam ple.com", &res);
	is_str(res.sig[0].i, "alice@example.com",
	       "header.i: quoted-printable decoded, whitespace dropped");
	run_one(e, "DKIM-Signature", " v=1; a=rsa-sha256; d=example.com; s=x; "
		"h=from; bh=AAAA; b=Ab\r\n\tCd EfGh+/xyz", &res);
	is_str(res.sig[0].b, "AbCdEfGh", "header.b: 8 characters, folding dropped");
	run_one(e, "DKIM-Signature", " v=1; a=rsa-sha256; d=example.com; s=x; "
		"h=from; bh=AAAA; b=AbC", &res);
	is_str(res.sig[0].b, "AbC", "header.b: shorter b= as it is");
	run_one(e, "DKIM-Signature", " v=1; a=rsa-sha256; d=example.com; s=x; "
		"h=from; bh=AAAA; b=AbC; i=%s%s%s%s%s%s", &res);
	is_str(res.sig[0].i, "%s%s%s%s%s%s", "format directives in i= as text");
}

/* field_names - names no MTA sends never count as signatures */
static void field_names(struct dkimv_engine *e)
{
	static const char *const names[] = {
		"DKIM-Signature ", "DKIM:Signature", "", "DKIM-Signature\001",
		" DKIM-Signature", "DKIM-Signature\377",
	};
	struct dkimv_results res;
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		ok(run_one(e, names[i], " " SIGMIN, &res) == 0 && res.count == 0,
		   "field name %zu (not RFC 5322) is not a signature", i);
	ok(run_one(e, "dkim-SIGNATURE", " " SIGMIN, &res) == 0 && res.count == 1,
	   "the field name in any case is a signature");
}

/* sizes - one huge field, and more signatures than we report */
static void sizes(struct dkimv_engine *e)
{
	struct dkimv_results res;
	struct dkimv_check *c;
	struct tmsg m;
	size_t len = 300 * 1024, i;
	char *big = malloc(len + 1);
	int rc = 0;

	memset(big, 'A', len);
	memcpy(big, " v=1; b=", 8);
	big[len] = '\0';
	rc = run_one(e, "DKIM-Signature", big, &res);
	if (!ok(rc == 0 && res.count == 1 && res.sig[0].result == DKIMV_NEUTRAL
		&& strcmp(res.sig[0].reason, "signature field too long") == 0,
		"a 300 KB signature field: neutral, too long"))
		diag("  rc %d count %zu: %s", rc, res.count, res.sig[0].reason);
	ok(run_one(e, "Subject", big, &res) == 0 && res.count == 0,
	   "a 300 KB other field: no harm");
	free(big);

	c = dkimv_check_new(e, "many");
	tmsg_parse(msg_text, sizeof(msg_text) - 1, 0, &m);
	for (i = 0; i < 70 && rc == 0; i++)
		rc = dkimv_check_header(c, "DKIM-Signature", " " SIGMIN);
	for (i = 0; i < m.nfields && rc == 0; i++)
		rc = dkimv_check_header(c, m.name[i], m.value[i]);
	ok(rc == 0 && dkimv_check_eom(c, &res) == 0, "70 signatures: verified");
	is_int((long) res.count, DKIMV_MAX_SIGNATURES, "70 signatures: 64 reported");
	is_int((long) res.ignored, 62, "70 signatures: 62 ignored");
	ok(res.sig[7].result == DKIMV_FAIL && res.sig[8].result == DKIMV_NEUTRAL
	   && res.sig[63].result == DKIMV_NEUTRAL, "the eighth verified, the rest not");
	dkimv_check_free(c);
	tmsg_free(&m);
}

/* odd_values - header values with bare CR or LF reach the library safely */
static void odd_values(struct dkimv_engine *e, DKIM_LIB *lib,
		       const struct testkey *k2048)
{
	struct dkimv_results res;
	struct dkimv_check *c;
	struct signreq r;
	struct tmsg m;
	char err[256], *v;

	memset(&r, 0, sizeof(r));
	r.selector = "k2048";
	r.domain = "example.com";
	r.key = k2048;
	r.alg = DKIM_SIGN_RSASHA256;
	r.hcanon = r.bcanon = DKIM_CANON_RELAXED;
	tmsg_parse(msg_text, sizeof(msg_text) - 1, 0, &m);
	v = testsign(lib, &r, &m, err, sizeof(err));
	ok(v != NULL, "signed the hostile base message");
	ok(run_one(e, "DKIM-Signature", v ? v : "", &res) == 0
	   && res.sig[0].result == DKIMV_PASS, "control: it passes");
	tmsg_free(&m);
	tmsg_parse(msg_text, sizeof(msg_text) - 1, 0, &m);
	tmsg_add_field(&m, 0, "DKIM-Signature", v ? v : "");
	free(m.value[3]);
	m.value[3] = strdup(" hos\rtile\n");
	c = dkimv_check_new(e, "odd");
	ok(c != NULL && tmsg_feed(c, &m, 0, &res) == 0
	   && res.sig[0].result == DKIMV_FAIL,
	   "bare CR and trailing LF in Subject: fails, no harm (%s)",
	   res.sig[0].reason);
	dkimv_check_free(c);
	free(v);
	tmsg_free(&m);
}

/* One tag-list for dkim_tags_read alone, and what it must read. */
struct tags_case {
	const char *value;
	enum dkim_tags_status status;
	const char *d, *i, *s, *a, *b;
};

static const struct tags_case tags_table[] = {
	{"", DKIM_TAGS_OK, "", "", "", "", ""},
	{";;;", DKIM_TAGS_OK, "", "", "", "", ""},
	{"d", DKIM_TAGS_OK, "", "", "", "", ""},
	{"d=", DKIM_TAGS_OK, "", "", "", "", ""},
	{"=x; ==; d==", DKIM_TAGS_OK, "=", "", "", "", ""},
	{" d = ex am\r\n\tple.com ; s=\tsel ", DKIM_TAGS_OK, "example.com", "",
	 "sel", "", ""},
	{"d=a; d=b", DKIM_TAGS_REPEATED, "a", "", "", "", ""},
	{"d=a; D=b", DKIM_TAGS_REPEATED, "a", "", "", "", ""},
	{"D=a; d=b", DKIM_TAGS_REPEATED, "", "", "", "", ""},
	{"b h=x; bh=y", DKIM_TAGS_REPEATED, "", "", "", "", ""},
	{"foo=1; foo=2; d=x", DKIM_TAGS_OK, "x", "", "", "", ""},
	{"verylongtagname=1; d=x", DKIM_TAGS_OK, "x", "", "", "", ""},
	{"b=ab cd\r\n ef gh ij", DKIM_TAGS_OK, "", "", "", "", "abcdefgh"},
	{"b=a\"b", DKIM_TAGS_NOT_BASE64, "", "", "", "", "a\"b"},
	{"bh=a_b", DKIM_TAGS_NOT_BASE64, "", "", "", "", ""},
	{"i==40=2=zz=4", DKIM_TAGS_BAD_I, "", "@=2=zz=4", "", "", ""},
	{"i=a=4 1b=\r\n 3d", DKIM_TAGS_OK, "", "aAb=", "", "", ""},
	{"i=ab=", DKIM_TAGS_BAD_I, "", "ab=", "", "", ""},
	{"i=ab= ", DKIM_TAGS_BAD_I, "", "ab=", "", "", ""},
	{"i==", DKIM_TAGS_BAD_I, "", "=", "", "", ""},
	{"i=a=00b=7fc=ffd", DKIM_TAGS_OK, "", "a?b?c?d", "", "", ""},
	{"d=\001\177\377x", DKIM_TAGS_OK, "???x", "", "", "", ""},
	{"a=%n%s%p", DKIM_TAGS_OK, "", "", "", "%n%s%p", ""},
};

/* tags_direct - the tag reader on its own, with its hostile table */
static void tags_direct(void)
{
	struct dkimv_signature sig;
	enum dkim_tags_status st;
	char big[4096];
	size_t i;

	for (i = 0; i < sizeof(tags_table) / sizeof(tags_table[0]); i++) {
		const struct tags_case *t = &tags_table[i];

		memset(&sig, 'X', sizeof(sig));
		st = dkim_tags_read(t->value, &sig);
		if (!ok(st == t->status && strcmp(sig.d, t->d) == 0
			&& strcmp(sig.i, t->i) == 0 && strcmp(sig.s, t->s) == 0
			&& strcmp(sig.a, t->a) == 0 && strcmp(sig.b, t->b) == 0,
			"tags %zu: d=%s i=%s s=%s a=%s b=%s", i, t->d, t->i,
			t->s, t->a, t->b))
			diag("  got status %d d=%s i=%s s=%s a=%s b=%s", st, sig.d,
			     sig.i, sig.s, sig.a, sig.b);
	}
	snprintf(big, sizeof(big), "i=@%0253d", 0);
	ok(dkim_tags_read(big, &sig) == DKIM_TAGS_OK && strlen(sig.i) == 254,
	   "tags: an i= of 254 octets is an address");
	snprintf(big, sizeof(big), "i=@%0254d", 0);
	ok(dkim_tags_read(big, &sig) == DKIM_TAGS_BAD_I,
	   "tags: an i= of 255 octets is not (libopendkim would overrun)");
	snprintf(big, sizeof(big), "i=@%0250d=41=4 2\r\n\t=43", 0);
	ok(dkim_tags_read(big, &sig) == DKIM_TAGS_OK && strlen(sig.i) == 254,
	   "tags: 254 octets once decoded, folding dropped");
	snprintf(big, sizeof(big), "i=@%0250d=41=42=43=44", 0);
	ok(dkim_tags_read(big, &sig) == DKIM_TAGS_BAD_I,
	   "tags: 255 octets once decoded");
	memset(big, 'q', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	memcpy(big, "i=", 2);
	ok(dkim_tags_read(big, &sig) == DKIM_TAGS_BAD_I
	   && strlen(sig.i) == sizeof(sig.i) - 1,
	   "tags: a 4 KB i= is refused, and what is shown is cut to fit");
	memcpy(big, "a=", 2);
	dkim_tags_read(big, &sig);
	ok(strlen(sig.a) == sizeof(sig.a) - 1 && sig.i[0] == '\0',
	   "tags: a 4 KB a= is cut to fit, and fields start empty");
}

/* test_hostile - all of the above */
void test_hostile(struct dkimv_engine *e, DKIM_LIB *lib,
		  const struct testkey *k2048)
{
	tags_direct();
	table_cases(e);
	reported_fields(e);
	field_names(e);
	sizes(e);
	odd_values(e, lib, k2048);
}
