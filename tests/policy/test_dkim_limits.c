/*
 * test_dkim_limits - the bounds on the work one message may ask of the
 * DKIM verifier (policy/dkim_fields: header fields, h= entries, their
 * product), and unsigned duplicates of once-only fields (RFC 6376 8.15):
 * a Subject put above a validly signed message.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy/dkim_fields.h"
#include "policy/dkim_verify.h"
#include "tests/lib/testsign.h"
#include "tests/lib/tap.h"

void test_limits(struct dkimv_engine *e, const char *key_file, DKIM_LIB *lib,
		 const struct testkey *k2048);

static const char base_text[] =
	"From: Alice <alice@example.com>\r\n"
	"To: Bob <bob@example.net>\r\n"
	"Subject: the real subject\r\n"
	"Date: Mon, 7 Dec 2026 10:00:00 +0000\r\n"
	"\r\n"
	"body\r\n";

/* signed_base - the base message (with EXTRA fields on top first, if
 * any) signed by example.com; 0 or -1 */
static int signed_base(DKIM_LIB *lib, const struct testkey *k, struct tmsg *m,
		       const char *extra_name, const char *extra_value)
{
	struct signreq r;
	char err[256], *v;
	int rc;

	if (tmsg_parse(base_text, sizeof(base_text) - 1, 0, m) < 0)
		return -1;
	if (extra_name != NULL && tmsg_add_field(m, 0, extra_name, extra_value) < 0)
		return -1;
	memset(&r, 0, sizeof(r));
	r.selector = "k2048";
	r.domain = "example.com";
	r.key = k;
	r.alg = DKIM_SIGN_RSASHA256;
	r.hcanon = r.bcanon = DKIM_CANON_RELAXED;
	if ((v = testsign(lib, &r, m, err, sizeof(err))) == NULL) {
		diag("sign: %s", err);
		return -1;
	}
	rc = tmsg_add_field(m, 0, "DKIM-Signature", v);
	free(v);
	return rc;
}

/* verify - the first signature's result for M through engine E */
static enum dkimv_result verify(struct dkimv_engine *e, const struct tmsg *m,
				struct dkimv_results *res)
{
	struct dkimv_check *c = dkimv_check_new(e, "limits");

	memset(res, 0, sizeof(*res));
	if (c == NULL || tmsg_feed(c, m, 0, res) != 0 || res->count == 0) {
		dkimv_check_free(c);
		return DKIMV_NONE;
	}
	dkimv_check_free(c);
	return res->sig[0].result;
}

/* duplicates - RFC 6376 8.15 through the whole verifier */
static void duplicates(struct dkimv_engine *e, struct dkimv_engine *allow,
		       DKIM_LIB *lib, const struct testkey *k)
{
	struct dkimv_results res;
	struct tmsg m;
	enum dkimv_result r;

	if (signed_base(lib, k, &m, NULL, NULL) < 0) {
		ok(0, "duplicates: signed the base message");
		return;
	}
	is_str(dkimv_result_name(verify(e, &m, &res)), "pass", "control: the signed message passes");
	tmsg_add_field(&m, 1, "Subject", " Urgent: wire the money today");
	r = verify(e, &m, &res);
	is_str(dkimv_result_name(r), "policy",
	       "a Subject put above a signed message: the signature is policy, not pass");
	is_str(res.sig[0].reason, "unsigned duplicate subject field, RFC 6376 8.15",
	       "  and the reason names the field");
	is_str(dkimv_result_name(verify(allow, &m, &res)), "pass",
	       "DKIMAllowUnsignedDuplicates yes: it passes");
	tmsg_free(&m);

	signed_base(lib, k, &m, NULL, NULL);
	tmsg_add_field(&m, m.nfields, "Date", " Tue, 8 Dec 2026 10:00:00 +0000");
	is_str(dkimv_result_name(verify(e, &m, &res)), "fail",
	       "a second Date below the signed one: signatures sign from the "
	       "bottom, so it is the one checked: fail");
	tmsg_free(&m);

	signed_base(lib, k, &m, NULL, NULL);
	tmsg_add_field(&m, 1, "Received", " from x by y; Mon, 7 Dec 2026 10:00:00 +0000");
	tmsg_add_field(&m, 1, "Received", " from a by b; Mon, 7 Dec 2026 10:00:00 +0000");
	is_str(dkimv_result_name(verify(e, &m, &res)), "pass",
	       "two Received fields added (not once-only): still pass");
	tmsg_free(&m);

	/* A signer that saw two Subjects signed both: nothing unsigned. */
	signed_base(lib, k, &m, "Subject", " a second subject");
	is_str(dkimv_result_name(verify(e, &m, &res)), "pass",
	       "both instances signed: pass");
	tmsg_free(&m);

	signed_base(lib, k, &m, "Keywords", " not signed by default");
	tmsg_add_field(&m, 1, "Bcc", " <x@example.org>");
	tmsg_add_field(&m, 1, "Bcc", " <y@example.org>");
	is_str(dkimv_result_name(verify(e, &m, &res)), "pass",
	       "two Bcc fields the signature does not sign at all: pass");
	tmsg_free(&m);
}

/* feed_many - signatures SIGS, then FIELDS filler fields, then the
 * base message; the results */
static int feed_many(struct dkimv_engine *e, char **sigs, size_t nsigs,
		     size_t fields, struct dkimv_results *res)
{
	struct dkimv_check *c = dkimv_check_new(e, "many");
	struct tmsg m;
	size_t i;
	int rc = 0;

	if (c == NULL || tmsg_parse(base_text, sizeof(base_text) - 1, 0, &m) < 0)
		return -1;
	for (i = 0; i < nsigs && rc == 0; i++)
		rc = dkimv_check_header(c, "DKIM-Signature", sigs[i]);
	for (i = 0; i < fields && rc == 0; i++)
		rc = dkimv_check_header(c, "X-Filler", " x");
	for (i = 0; i < m.nfields && rc == 0; i++)
		rc = dkimv_check_header(c, m.name[i], m.value[i]);
	if (rc == 0)
		rc = dkimv_check_body(c, (const unsigned char *) m.body, m.bodylen);
	if (rc == 0)
		rc = dkimv_check_eom(c, res);
	tmsg_free(&m);
	dkimv_check_free(c);
	return rc;
}

/* work - each bound, at it and one past it */
static void work(struct dkimv_engine *e)
{
	struct dkimv_results res;
	char *sig[3];
	size_t i;

	sig[0] = testsig_wide(DKIM_MAX_H);
	sig[1] = testsig_wide(DKIM_MAX_H + 1);
	ok(feed_many(e, sig, 1, 0, &res) == 0 && res.sig[0].result == DKIMV_FAIL,
	   "h= of %d entries: verified (fails on its b=: %s)", DKIM_MAX_H, res.sig[0].reason);
	ok(feed_many(e, sig + 1, 1, 0, &res) == 0 && res.sig[0].result == DKIMV_PERMERROR
	   && strcmp(res.sig[0].reason, "h= names more than 100 fields") == 0,
	   "h= of %d entries: permerror (%s)", DKIM_MAX_H + 1, res.sig[0].reason);
	free(sig[1]);
	sig[1] = testsig_wide(DKIM_MAX_H);
	ok(feed_many(e, sig, 2, DKIM_MAX_FIELDS - 6, &res) == 0
	   && res.sig[0].result == DKIMV_FAIL && res.sig[1].result == DKIMV_FAIL,
	   "2 x 100 entries (the message's bound) over 1000 fields: both verified");
	free(sig[1]);
	sig[1] = testsig_wide(10);
	ok(feed_many(e, sig + 1, 1, DKIM_MAX_FIELDS - 5, &res) == 0
	   && res.sig[0].result == DKIMV_FAIL,
	   "exactly %d header fields: verified (%s)", DKIM_MAX_FIELDS, res.sig[0].reason);
	ok(feed_many(e, sig + 1, 1, DKIM_MAX_FIELDS - 4, &res) == 0
	   && res.sig[0].result == DKIMV_PERMERROR
	   && strcmp(res.sig[0].reason, "more than 1000 header fields") == 0,
	   "%d header fields: permerror (%s)", DKIM_MAX_FIELDS + 1, res.sig[0].reason);
	free(sig[0]);
	free(sig[1]);
	/* 100 + 100 + 1 entries: the third takes the message past 200. */
	sig[0] = testsig_wide(DKIM_MAX_H);
	sig[1] = testsig_wide(DKIM_MAX_H);
	sig[2] = testsig_wide(1);
	ok(feed_many(e, sig, 3, 0, &res) == 0 && res.count == 3
	   && res.sig[0].result == DKIMV_FAIL && res.sig[1].result == DKIMV_FAIL
	   && res.sig[2].result == DKIMV_PERMERROR
	   && strcmp(res.sig[2].reason, "the message's signatures name more "
		     "than 200 h= fields") == 0,
	   "the signature that takes the message past its h= bound, and only it: "
	   "permerror (%s / %s / %s)", dkimv_result_name(res.sig[0].result),
	   dkimv_result_name(res.sig[1].result), res.sig[2].reason);
	for (i = 0; i < 3; i++)
		free(sig[i]);
}

/* hlist - the h= reader on its own */
static void hlist(void)
{
	struct dkim_fields h, msg;

	dkim_fields_hlist(" a=x; h = From : SUBJECT:\r\n\tsubject:to::x; b=y", &h);
	is_int((long) h.total, 6, "h=: entries counted, an empty one too");
	memset(&msg, 0, sizeof(msg));
	dkim_fields_add(&msg, "Subject");
	dkim_fields_add(&msg, "subject");
	dkim_fields_add(&msg, "SUBJECT");
	dkim_fields_add(&msg, "From");
	ok(dkim_fields_unsigned_dup(&msg, &h) != NULL
	   && strcmp(dkim_fields_unsigned_dup(&msg, &h), "subject") == 0,
	   "three Subjects, two signed: subject unsigned");
	dkim_fields_add(&msg, "To");
	dkim_fields_hlist("h=from:subject:subject:subject:to", &h);
	ok(dkim_fields_unsigned_dup(&msg, &h) == NULL, "all three signed: none");
	dkim_fields_hlist("v=1; H=subject; b=x", &h);
	is_int((long) h.total, 0, "H= is not h= (tag names have case)");
	dkim_fields_hlist("h=", &h);
	is_int((long) h.total, 1, "empty h=: one empty entry");
}

void test_limits(struct dkimv_engine *e, const char *key_file, DKIM_LIB *lib,
		 const struct testkey *k2048)
{
	struct dkimv_options opt;
	struct dkimv_engine *allow;
	char err[256];

	memset(&opt, 0, sizeof(opt));
	opt.key_file = key_file;
	opt.allow_unsigned_dups = 1;
	if ((allow = dkimv_engine_new(&opt, err, sizeof(err))) == NULL) {
		ok(0, "engine with DKIMAllowUnsignedDuplicates: %s", err);
		return;
	}
	duplicates(e, allow, lib, k2048);
	work(e);
	hlist();
	dkimv_engine_free(allow);
}
