/*
 * dkim_suite - policy/dkim_verify against published DKIM vectors, keys
 * from files (libopendkim's query file), time fixed at 2024-11-14:
 *  - RFC 8463 Appendix A: the Ed25519 and the RSA signature both pass;
 *  - RFC 6376 Appendix A.2, which is known not to verify (ORIGIN.md);
 *  - dkimpy's pre-signed messages (LF files, made CRLF);
 *  - the Mail::DKIM verifier corpus, one case per DKIM message: our
 *    per-signature results against Mail::DKIM's verdict. Where RFC 6376
 *    or RFC 8301 makes the answer differ from Mail::DKIM's (it accepts
 *    pre-RFC drafts, rsa-sha1 and 512-bit keys, and still applies the g=
 *    rules RFC 6376 removed), the row says what we must answer and why;
 *    every other row must agree with Mail::DKIM. Only messages that
 *    carry no DKIM signature at all (DomainKeys, RFC 4870) are left out,
 *    each named in a comment.
 * Ends with "# dkim-corpus: N passed, M failed" over the corpus rows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "policy/dkim_verify.h"
#include "tests/lib/testsign.h"
#include "tests/lib/tap.h"

#define FIXED_TIME 1731542400       /* 2024-11-14, the corpus snapshot */

static const char *dir;             /* $CONFORMANCE_DIR/dkim */

/*
 * Our answer for each Mail::DKIM corpus message. UPSTREAM is the TSV's
 * verdict (checked against the file, so the table cannot drift). OURS is
 * our result for each signature, top to bottom. WHY is empty when we
 * agree with Mail::DKIM (then OURS must also map onto UPSTREAM: pass to
 * pass, fail to fail, invalid to neutral, permerror or temperror).
 * REASON, where the cause is known from the rule or from the corpus's
 * own comment, is what every signature's reason must start with.
 */
struct corpus_row {
	const char *file;
	const char *upstream;
	const char *ours;
	const char *why;
	const char *reason;         /* every signature's reason starts so;
	                             * NULL: not checked */
};

#define DRAFT "pre-RFC draft without v= (RFC 6376 3.5: v= is required)"
#define V05 "pre-RFC draft v=0.5 (RFC 6376 3.5: v=1)"
#define SHA1 "rsa-sha1 (RFC 8301 3.1), judged before any key lookup"
#define SHA1G "rsa-sha1 (RFC 8301); the g= rule it tests is gone in RFC 6376"

static const struct corpus_row corpus[] = {
	{"good_ietf00_1.txt", "pass", "neutral", DRAFT, "signature syntax error"},
	{"good_ietf00_2.txt", "pass", "neutral", DRAFT, "signature syntax error"},
	{"good_ietf00_3.txt", "pass", "neutral", DRAFT, "signature syntax error"},
	{"good_ietf00_4.txt", "pass", "neutral", DRAFT, "signature syntax error"},
	{"good_ietf00_5.txt", "pass", "neutral", DRAFT, "signature syntax error"},
	{"mine_ietf01_1.txt", "pass", "neutral", DRAFT, "signature syntax error"},
	{"mine_ietf01_2.txt", "pass", "neutral", DRAFT, "signature syntax error"},
	{"mine_ietf01_3.txt", "pass", "neutral", DRAFT, "signature syntax error"},
	{"mine_ietf01_4.txt", "pass", "neutral", DRAFT, "signature syntax error"},
	{"mine_ietf05_1.txt", "pass", "permerror", V05,
	 "unsupported signature version"},
	{"good_ietf01_1.txt", "pass", "neutral", DRAFT, "signature syntax error"},
	{"good_ietf01_2.txt", "pass", "neutral", DRAFT, "signature syntax error"},
	{"good_rfc4871_3.txt", "pass", "fail", SHA1, "rsa-sha1 not accepted"},
	{"good_rfc4871_4.txt", "pass", "fail", SHA1, "rsa-sha1 not accepted"},
	{"good_1878523.txt", "pass", "fail", SHA1, "rsa-sha1 not accepted"},
	{"good_83176.txt", "pass", "fail", SHA1, "rsa-sha1 not accepted"},
	{"multiple_1.txt", "pass", "neutral neutral neutral neutral", DRAFT,
	 "signature syntax error"},
	{"multiple_2.txt", "pass", "permerror fail fail neutral",
	 "c=foobar unsupported; then rsa-sha1 (RFC 8301) twice; \"synerr\"",
	 NULL},
	{"good_qp_1.txt", "pass", "fail", SHA1, "rsa-sha1 not accepted"},
	{"good_qp_2.txt", "pass", "fail", SHA1, "rsa-sha1 not accepted"},
	{"good_qp_3.txt", "pass", "fail", SHA1, "rsa-sha1 not accepted"},
	{"bad_ietf01_1.txt", "fail", "neutral", DRAFT, "signature syntax error"},
	{"bad_ietf01_2.txt", "fail", "neutral", DRAFT, "signature syntax error"},
	{"bad_ietf01_3.txt", "fail", "neutral", DRAFT, "signature syntax error"},
	{"bad_1.txt", "fail", "neutral", DRAFT, "signature syntax error"},
	{"bad_1878954.txt", "fail", "fail",
	 "rsa-sha1 (RFC 8301); Mail::DKIM fails it on the body hash",
	 "rsa-sha1 not accepted"},
	{"no_body_1.txt", "pass", "permerror", V05,
	 "unsupported signature version"},
	{"no_body_2.txt", "pass", "permerror", V05,
	 "unsupported signature version"},
	{"no_body_3.txt", "pass", "permerror", V05,
	 "unsupported signature version"},
	{"ignore_1.txt", "invalid", "permerror", "", "unsupported signature version"},
	{"ignore_2.txt", "invalid", "permerror", "", NULL},
	{"ignore_3.txt", "invalid", "permerror", "", NULL},
	{"ignore_4.txt", "invalid", "permerror", "", NULL},
	{"ignore_5.txt", "invalid", "permerror", "", "unsupported query method"},
	{"ignore_6.txt", "invalid", "permerror", "", "unsupported query method"},
	{"ignore_7.txt", "invalid", "fail",
	 "expired x= is fail here (RFC 6376 6.1.1 PERMFAIL, reported as fail)",
	 "signature expired"},
	{"ignore_8.txt", "invalid", "permerror", "", "i= not within d="},
	{"goodkey_1.txt", "pass", "fail", SHA1, "rsa-sha1 not accepted"},
	{"goodkey_2.txt", "pass", "fail", SHA1, "rsa-sha1 not accepted"},
	{"goodkey_3.txt", "pass", "fail", SHA1, "rsa-sha1 not accepted"},
	{"goodkey_4.txt", "pass", "fail", SHA1, "rsa-sha1 not accepted"},
	{"badkey_1.txt", "invalid", "permerror", "", NULL},
	{"badkey_2.txt", "invalid", "permerror", "", NULL},
	{"badkey_3.txt", "invalid", "permerror", "", NULL},
	{"badkey_4.txt", "invalid", "permerror", "", NULL},
	{"badkey_5.txt", "invalid", "permerror", "", NULL},
	{"badkey_6.txt", "invalid", "permerror", "", NULL},
	{"badkey_7.txt", "invalid", "permerror", "", NULL},
	{"badkey_8.txt", "invalid", "fail", SHA1G, "rsa-sha1 not accepted"},
	{"badkey_9.txt", "invalid", "fail", SHA1G, "rsa-sha1 not accepted"},
	{"badkey_10.txt", "invalid", "fail", SHA1, "rsa-sha1 not accepted"},
	{"badkey_11.txt", "invalid", "permerror", "", "key h= excludes"},
	{"badkey_12.txt", "invalid", "fail", SHA1G, "rsa-sha1 not accepted"},
	{"badkey_13.txt", "invalid", "fail", SHA1G, "rsa-sha1 not accepted"},
	{"badkey_14.txt", "invalid", "fail",
	 "rsa-sha1 (RFC 8301): refused before the key lookup that times out",
	 "rsa-sha1 not accepted"},
	{"badkey_15.txt", "invalid", "fail",
	 "rsa-sha1 (RFC 8301): refused before the key lookup that SERVFAILs",
	 "rsa-sha1 not accepted"},
	{"goodkey_ed25519.txt", "pass", "pass", "", ""},
	{"badkey1_ed25519.txt", "invalid", "permerror", "", "key cannot be decoded"},
	{"badkey2_ed25519.txt", "fail", "fail", "", "signature did not verify"},
	{"badkey3_ed25519.txt", "fail", "fail", "", "body hash mismatch"},
	{"badkey4_ed25519.txt", "invalid", "permerror", "", "no key"},
	{"badkey5_ed25519.txt", "invalid", "permerror", "", "key record syntax error"},
};

/* path - DIR/REL in a static buffer */
static const char *path(const char *rel)
{
	static char buf[4096];

	snprintf(buf, sizeof(buf), "%s/%s", dir, rel);
	return buf;
}

/* engine_for - key-file mode at the fixed time */
static struct dkimv_engine *engine_for(const char *keys)
{
	struct dkimv_options opt;
	struct dkimv_engine *e;
	char err[256];

	memset(&opt, 0, sizeof(opt));
	opt.key_file = keys;
	opt.fixed_time = FIXED_TIME;
	if ((e = dkimv_engine_new(&opt, err, sizeof(err))) == NULL)
		diag("engine: %s", err);
	return e;
}

/* verify_file - one message file; 0 on a clean run */
static int verify_file(struct dkimv_engine *e, const char *file, int lf,
		       struct dkimv_results *out)
{
	struct dkimv_check *c;
	struct tmsg m;
	size_t len;
	char *text = tmsg_read_file(file, &len);
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if (text == NULL) {
		diag("cannot read %s", file);
		return -1;
	}
	if (tmsg_parse(text, len, lf, &m) == 0
	    && (c = dkimv_check_new(e, file)) != NULL) {
		rc = tmsg_feed(c, &m, 0, out);
		dkimv_check_free(c);
	}
	tmsg_free(&m);
	free(text);
	return rc;
}

/* results_line - "pass fail ..." for OUT */
static const char *results_line(const struct dkimv_results *out)
{
	static char buf[1024];
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < out->count && n < sizeof(buf) - 16; i++)
		n += (size_t) snprintf(buf + n, sizeof(buf) - n, "%s%s",
				       i ? " " : "",
				       dkimv_result_name(out->sig[i].result));
	return buf;
}

/* reasons - every signature's reason, for the TAP comment */
static void reasons(const struct dkimv_results *out)
{
	size_t i;

	for (i = 0; i < out->count; i++)
		diag("  sig %zu: d=%s s=%s a=%s: %s (%s)", i + 1, out->sig[i].d,
		     out->sig[i].s, out->sig[i].a,
		     dkimv_result_name(out->sig[i].result), out->sig[i].reason);
}

/* test_rfc8463 - both signatures of Appendix A pass */
static void test_rfc8463(void)
{
	struct dkimv_results res;
	struct dkimv_engine *e = engine_for(path("rfc8463/keys-libopendkim-queryfile.txt"));

	ok(e != NULL && verify_file(e, path("rfc8463/signed-message.eml"), 0,
				    &res) == 0 && res.count == 2,
	   "RFC 8463 A.3: two signatures");
	ok(strcmp(res.sig[0].a, "ed25519-sha256") == 0
	   && res.sig[0].result == DKIMV_PASS, "RFC 8463: ed25519-sha256 (s=%s) passes",
	   res.sig[0].s);
	ok(strcmp(res.sig[1].a, "rsa-sha256") == 0
	   && res.sig[1].result == DKIMV_PASS, "RFC 8463: rsa-sha256 (s=%s) passes",
	   res.sig[1].s);
	if (res.count != 2 || res.sig[0].result != DKIMV_PASS
	    || res.sig[1].result != DKIMV_PASS)
		reasons(&res);
	dkimv_engine_free(e);

	e = engine_for(path("rfc6376/keys-libopendkim-queryfile.txt"));
	ok(e != NULL && verify_file(e, path("rfc6376/A.2-signed-message.eml"), 0,
				    &res) == 0 && res.count == 1
	   && res.sig[0].result == DKIMV_FAIL,
	   "RFC 6376 A.2 (known not to verify): fail (%s)", res.sig[0].reason);
	dkimv_engine_free(e);
}

/* write_line - "NAME VALUE" into the key file */
static void key_from_file(FILE *f, const char *name, const char *rel)
{
	size_t len;
	char *v = tmsg_read_file(path(rel), &len);

	if (v == NULL) {
		diag("cannot read %s", rel);
		return;
	}
	v[strcspn(v, "\r\n")] = '\0';
	fprintf(f, "%s %s\n", name, v);
	free(v);
}

/* test_dkimpy - the pre-signed messages of dkimpy's tests */
static void test_dkimpy(void)
{
	static const struct {
		const char *file, *want, *what;
	} cases[] = {
		{"dkimpy-data/rfc6376.signed.msg", "pass pass",
		 "draft RFC 8463 example (ed25519 + rsa, simple/simple)"},
		{"dkimpy-data/rfc6376.signed.rsa.msg", "pass", "rsa-sha256"},
		{"dkimpy-data/ed25519test2.msg", "pass", "Exim's Ed25519 signature"},
		{"dkimpy-data/test.message.baddomain", "neutral",
		 "d=legitimate.com(.attacker.com is not a domain"},
	};
	char keys[] = "/tmp/dkim_suite_dkimpy.XXXXXX";
	int fd = mkstemp(keys);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	struct dkimv_results res;
	struct dkimv_engine *e;
	size_t i;

	if (f == NULL) {
		ok(0, "dkimpy key file");
		return;
	}
	fprintf(f, "brisbane._domainkey.football.example.com v=DKIM1; "
		"k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n");
	key_from_file(f, "test._domainkey.football.example.com", "dkimpy-data/test.txt");
	key_from_file(f, "sed._domainkey.test.ex", "dkimpy-data/eximtest.dns");
	fclose(f);
	e = engine_for(keys);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		verify_file(e, path(cases[i].file), 1, &res);
		if (!is_str(results_line(&res), cases[i].want, "dkimpy %s: %s",
			    cases[i].file + 12, cases[i].what))
			reasons(&res);
	}
	dkimv_engine_free(e);
	unlink(keys);
}

/* fake_dns_line - one FAKE_DNS.dat line into the key file: its special
 * values (NXDOMAIN, timeouts, SERVFAIL) become absent names, "" an empty
 * record */
static void fake_dns_line(FILE *f, char *line)
{
	char *name, *value;

	line[strcspn(line, "\r\n")] = '\0';
	name = line + strspn(line, " \t");
	if (*name == '#' || *name == '\0')
		return;
	value = name + strcspn(name, " \t");
	if (*value != '\0')
		*value++ = '\0';
	value += strspn(value, " \t");
	if (strcmp(value, "NXDOMAIN") == 0 || strncmp(value, "~~", 2) == 0)
		return;
	if (strcmp(value, "\"\"") == 0)
		value = "";
	fprintf(f, "%s %s\n", name, value);
}

/* corpus_keys - FAKE_DNS.dat as a key file; 0 or -1 */
static int corpus_keys(char *keys)
{
	char line[4096];
	FILE *in = fopen(path("mail-dkim-corpus/FAKE_DNS.dat"), "r"), *out;
	int fd = mkstemp(keys);

	if (in == NULL || fd < 0 || (out = fdopen(fd, "w")) == NULL) {
		if (in != NULL)
			fclose(in);
		return -1;
	}
	while (fgets(line, sizeof(line), in) != NULL)
		fake_dns_line(out, line);
	fclose(in);
	return fclose(out) == 0 ? 0 : -1;
}

/* upstream_of - the TSV's verdict for FILE, and whether it is DKIM */
static int upstream_of(const char *file, char *verdict, size_t vlen, int *dk)
{
	char line[4096], *f[6], *p;
	FILE *tsv = fopen(path("mail-dkim-corpus/expected-results.tsv"), "r");
	int i, found = 0;

	while (tsv != NULL && !found && fgets(line, sizeof(line), tsv) != NULL) {
		if (line[0] == '#')
			continue;
		for (p = line, i = 0; i < 6; i++) {
			f[i] = p;
			p += strcspn(p, "\t\n");
			if (*p != '\0')
				*p++ = '\0';
		}
		if (strcmp(f[0], file) == 0) {
			snprintf(verdict, vlen, "%s", f[1]);
			*dk = strncmp(f[4], "DK,", 3) == 0;
			found = 1;
		}
	}
	if (tsv != NULL)
		fclose(tsv);
	return found ? 0 : -1;
}

/* agrees - our best result maps onto Mail::DKIM's verdict */
static int agrees(const struct dkimv_results *out, const char *upstream)
{
	int pass = 0, fail = 0;
	size_t i;

	for (i = 0; i < out->count; i++) {
		pass |= out->sig[i].result == DKIMV_PASS;
		fail |= out->sig[i].result == DKIMV_FAIL;
	}
	if (pass)
		return strcmp(upstream, "pass") == 0;
	if (fail)
		return strcmp(upstream, "fail") == 0;
	return out->count > 0 && strcmp(upstream, "invalid") == 0;
}

/* reasons_start - every signature's reason starts with PREFIX */
static int reasons_start(const struct dkimv_results *out, const char *prefix)
{
	size_t i;

	for (i = 0; prefix != NULL && i < out->count; i++)
		if (strncmp(out->sig[i].reason, prefix, strlen(prefix)) != 0)
			return 0;
	return 1;
}

/* corpus_row - one message, one case */
static int corpus_row(struct dkimv_engine *e, const struct corpus_row *row)
{
	struct dkimv_results res;
	char file[512], upstream[32];
	int dk = 0, good;

	snprintf(file, sizeof(file), "mail-dkim-corpus/corpus/%s", row->file);
	if (upstream_of(row->file, upstream, sizeof(upstream), &dk) < 0
	    || strcmp(upstream, row->upstream) != 0 || dk) {
		ok(0, "%s: in the TSV as a DKIM message with verdict %s",
		   row->file, row->upstream);
		return 0;
	}
	/* only bad_1878954.txt has LF line ends (ORIGIN.md) */
	verify_file(e, path(file), strcmp(row->file, "bad_1878954.txt") == 0, &res);
	good = strcmp(results_line(&res), row->ours) == 0
		&& reasons_start(&res, row->reason)
		&& (row->why[0] != '\0' || agrees(&res, upstream));
	if (!ok(good, "%s: Mail::DKIM %s, ours %s%s%s", row->file, upstream,
		row->ours, row->why[0] ? " - " : "", row->why)) {
		diag("  got: %s", results_line(&res));
		reasons(&res);
	}
	return good;
}

/* dk_only - messages with only DomainKey-Signature: excluded, and not
 * taken for DKIM */
static void dk_only(struct dkimv_engine *e)
{
	static const char *const files[] = {
		"good_dk_gmail.txt", "good_dk_yahoo.txt", "good_dk_1.txt",
		"good_dk_2.txt", "good_dk_3.txt", "good_dk_4.txt", "good_dk_5.txt",
		"good_dk_6.txt", "good_dk_7.txt", "dk_headers_1.txt",
		"dk_headers_2.txt", "bad_dk_1.txt", "bad_dk_2.txt", "bad_dk_3.txt",
		"bad_dk_4.txt", "bad_dk_5.txt", "dk_multiple_1.txt",
	};
	struct dkimv_results res;
	char file[512], upstream[32];
	size_t i, none = 0;
	int dk;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		diag("excluded %s: DomainKeys (RFC 4870) signature only, no "
		     "DKIM-Signature; libopendkim does not implement DomainKeys",
		     files[i]);
		snprintf(file, sizeof(file), "mail-dkim-corpus/corpus/%s", files[i]);
		dk = 0;
		if (upstream_of(files[i], upstream, sizeof(upstream), &dk) == 0 && dk
		    && verify_file(e, path(file), 0, &res) == 0 && res.count == 0)
			none++;
	}
	is_int((long) none, (long) (sizeof(files) / sizeof(files[0])),
	       "the 17 DomainKeys-only messages: listed as DK in the TSV, "
	       "no DKIM result from any");
}

/* test_corpus - the Mail::DKIM corpus */
static void test_corpus(void)
{
	char keys[] = "/tmp/dkim_suite_corpus.XXXXXX";
	struct dkimv_engine *e;
	size_t i, passed = 0, failed = 0;

	if (corpus_keys(keys) < 0 || (e = engine_for(keys)) == NULL) {
		ok(0, "Mail::DKIM corpus key file from FAKE_DNS.dat");
		return;
	}
	for (i = 0; i < sizeof(corpus) / sizeof(corpus[0]); i++) {
		if (corpus_row(e, &corpus[i]))
			passed++;
		else
			failed++;
	}
	dk_only(e);
	dkimv_engine_free(e);
	unlink(keys);
	diag("dkim-corpus: %zu passed, %zu failed", passed, failed);
}

/* main - the vectors under $CONFORMANCE_DIR/dkim */
int main(void)
{
	static char buf[4096];
	const char *base = getenv("CONFORMANCE_DIR");

	if (base == NULL || *base == '\0') {
		printf("Bail out! CONFORMANCE_DIR is not set\n");
		return 1;
	}
	snprintf(buf, sizeof(buf), "%s/dkim", base);
	dir = buf;
	if (access(path("mail-dkim-corpus/expected-results.tsv"), R_OK) != 0) {
		printf("Bail out! no DKIM vectors under %s\n", dir);
		return 1;
	}
	test_rfc8463();
	test_dkimpy();
	test_corpus();
	return tap_done();
}
