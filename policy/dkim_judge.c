/*
 * dkim_judge - one signature's result; see dkim_judge.h.
 *
 * Result names follow RFC 8601 2.7.1 with RFC 6376 6.1 and 6.3: a
 * signature that verified is pass; one that was checked and is wrong
 * (bad signature, body hash, expired, revoked key, refused algorithm or
 * key size) is fail; one whose field is malformed is neutral (RFC 8601
 * names "syntax errors" under neutral), and so is one that was not
 * verified at all; one that is well formed but cannot be verified for a
 * reason that will not go away (unsupported version or algorithm, no key,
 * an unusable key record, i= outside d=) is permerror; a key that could
 * not be fetched for DNS reasons is temperror.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "dkim_judge.h"

#define DKIM_CLOCK_DRIFT 300        /* libopendkim's default, in seconds */

/* How libopendkim's signature error codes read to a person. */
struct dkim_error_map {
	int err;
	enum dkimv_result result;
	const char *reason;
};

/* Short names for the table below. */
#define E(code) DKIM_SIGERROR_##code
#define FAIL DKIMV_FAIL
#define NEUT DKIMV_NEUTRAL
#define PERM DKIMV_PERMERROR
#define TEMP DKIMV_TEMPERROR

static const struct dkim_error_map dkim_errors[] = {
	{E(VERSION), PERM, "unsupported signature version"},
	{E(DOMAIN), PERM, "i= not within d="},
	{E(EXPIRED), FAIL, "signature expired"},
	{E(FUTURE), NEUT, "signature timestamp in the future"},
	{E(TIMESTAMPS), PERM, "x= before t="},
	{E(INVALID_HC), PERM, "unsupported canonicalization"},
	{E(INVALID_BC), PERM, "unsupported canonicalization"},
	{E(MISSING_A), NEUT, "signature syntax error (no a=)"},
	{E(INVALID_A), PERM, "unsupported algorithm"},
	{E(MISSING_H), NEUT, "signature syntax error (no h=)"},
	{E(INVALID_L), NEUT, "signature syntax error (l=)"},
	{E(INVALID_Q), PERM, "unsupported query method"},
	{E(INVALID_QO), PERM, "unsupported query method"},
	{E(MISSING_D), NEUT, "signature syntax error (no d=)"},
	{E(EMPTY_D), NEUT, "signature syntax error (empty d=)"},
	{E(MISSING_S), NEUT, "signature syntax error (no s=)"},
	{E(EMPTY_S), NEUT, "signature syntax error (empty s=)"},
	{E(MISSING_B), NEUT, "signature syntax error (no b=)"},
	{E(EMPTY_B), NEUT, "signature syntax error (empty b=)"},
	{E(CORRUPT_B), NEUT, "signature syntax error (b=)"},
	{E(NOKEY), PERM, "no key"},
	{E(DNSSYNTAX), PERM, "key record syntax error"},
	{E(KEYFAIL), TEMP, "key lookup failed"},
	{E(MISSING_BH), NEUT, "signature syntax error (no bh=)"},
	{E(EMPTY_BH), NEUT, "signature syntax error (empty bh=)"},
	{E(CORRUPT_BH), NEUT, "signature syntax error (bh=)"},
	{E(SUBDOMAIN), PERM, "key forbids i= in a subdomain (t=s)"},
	{E(MULTIREPLY), PERM, "more than one key record"},
	{E(EMPTY_H), NEUT, "signature syntax error (empty h=)"},
	{E(INVALID_H), PERM, "From not signed"},
	{E(TOOLARGE_L), PERM, "l= exceeds the body"},
	{E(KEYVERSION), PERM, "unsupported key version"},
	{E(KEYUNKNOWNHASH), PERM, "key h= names no known hash"},
	{E(KEYHASHMISMATCH), PERM, "key h= excludes the signature's hash"},
	{E(NOTEMAILKEY), PERM, "key not for email (s=)"},
	{E(KEYTYPEMISSING), PERM, "key type missing"},
	{E(KEYTYPEUNKNOWN), PERM, "unsupported key type"},
	{E(KEYREVOKED), FAIL, "key revoked"},
	{E(KEYDECODE), PERM, "key cannot be decoded"},
	{E(MISSING_V), NEUT, "signature syntax error (no v=)"},
	{E(EMPTY_V), NEUT, "signature syntax error (empty v=)"},
	{E(CONDITIONAL), PERM, "conditional signature not met"},
	{E(CONDLOOP), PERM, "conditional signature loop"},
};

#undef E
#undef FAIL
#undef NEUT
#undef PERM
#undef TEMP

/* set - one verdict */
static void set(struct dkimv_signature *out, enum dkimv_result r,
		const char *reason)
{
	out->result = r;
	snprintf(out->reason, sizeof(out->reason), "%s", reason);
}

/* dkim_judge_is_sha1 - the algorithm libopendkim parsed */
int dkim_judge_is_sha1(DKIM_SIGINFO *sig)
{
	dkim_alg_t alg;

	return dkim_sig_getsignalg(sig, &alg) == DKIM_STAT_OK
		&& alg == DKIM_SIGN_RSASHA1;
}

/* tag_time - a t= or x= value of SIG as a number; 0 when absent, and
 * the largest value when it does not fit */
static unsigned long long tag_time(DKIM_SIGINFO *sig, const char *tag)
{
	const unsigned char *v;
	unsigned long long n = 0;

	v = dkim_sig_gettagvalue(sig, 0, (u_char *) tag);
	if (v == NULL)
		return 0;
	for (; *v >= '0' && *v <= '9'; v++) {
		if (n > (~0ULL - 9) / 10)
			return ~0ULL;
		n = n * 10 + (unsigned) (*v - '0');
	}
	return n;
}

/* fixed_clock - with a fixed "now", x= and t= judged against it too
 * (libopendkim reads the real clock); 1 if that settled the result */
static int fixed_clock(DKIM_SIGINFO *sig, time_t now,
		       struct dkimv_signature *out)
{
	unsigned long long x, t;

	if (now <= 0)
		return 0;
	x = tag_time(sig, "x");
	t = tag_time(sig, "t");
	if (x != 0 && (unsigned long long) now >= x) {
		set(out, DKIMV_FAIL, "signature expired");
		return 1;
	}
	if (t > (unsigned long long) now + DKIM_CLOCK_DRIFT) {
		set(out, DKIMV_NEUTRAL, "signature timestamp in the future");
		return 1;
	}
	return 0;
}

/* key_facts - key size and DNSSEC state, once the key was read */
static void key_facts(DKIM_SIGINFO *sig, struct dkimv_signature *out)
{
	unsigned int bits = 0;

	out->key_bits = dkim_sig_getkeysize(sig, &bits) == DKIM_STAT_OK
		? bits : 0;
	switch (dkim_sig_getdnssec(sig)) {
	case DKIM_DNSSEC_SECURE:
		out->key_security = DNS_SEC_SECURE;
		break;
	case DKIM_DNSSEC_BOGUS:
		out->key_security = DNS_SEC_BOGUS;
		break;
	default:
		out->key_security = DNS_SEC_INSECURE;
		break;
	}
}

/* short_key - an RSA key under the minimum: fail, whatever else */
static int short_key(DKIM_SIGINFO *sig, unsigned min_bits,
		     struct dkimv_signature *out)
{
	dkim_alg_t alg;
	char why[64];

	if (out->key_bits == 0 || out->key_bits >= min_bits
	    || dkim_sig_getsignalg(sig, &alg) != DKIM_STAT_OK
	    || alg == DKIM_SIGN_ED25519SHA256)
		return 0;
	snprintf(why, sizeof(why), "key too short: %u bits", out->key_bits);
	set(out, DKIMV_FAIL, why);
	return 1;
}

/* verified - libopendkim's own verdict on a signature it processed */
static void verified(DKIM_SIGINFO *sig, int err, struct dkimv_signature *out)
{
	size_t i;

	if (err == DKIM_SIGERROR_OK && DKIM_SIG_CHECK(sig)) {
		set(out, DKIMV_PASS, "");
		return;
	}
	if (err == DKIM_SIGERROR_OK || err == DKIM_SIGERROR_BADSIG) {
		if (dkim_sig_getbh(sig) == DKIM_SIGBH_MISMATCH)
			set(out, DKIMV_FAIL, "body hash mismatch");
		else
			set(out, DKIMV_FAIL, "signature did not verify");
		return;
	}
	for (i = 0; i < sizeof(dkim_errors) / sizeof(dkim_errors[0]); i++) {
		if (dkim_errors[i].err == err) {
			set(out, dkim_errors[i].result, dkim_errors[i].reason);
			return;
		}
	}
	snprintf(out->reason, sizeof(out->reason),
		 "not verifiable (libopendkim error %d)", err);
	out->result = DKIMV_PERMERROR;
}

/* unprocessed - a signature libopendkim left alone: ignored on our
 * request, or one it could not start on */
static void unprocessed(DKIM_SIGINFO *sig, const struct dkim_judge_ctx *ctx,
			struct dkimv_signature *out)
{
	if ((dkim_sig_getflags(sig) & DKIM_SIGFLAG_IGNORE) == 0)
		set(out, DKIMV_NEUTRAL, "not verified");
	else if (ctx->over_budget)
		set(out, DKIMV_TEMPERROR, "DNS time budget used up");
	else if (dkim_judge_is_sha1(sig))
		set(out, DKIMV_FAIL, DKIM_REASON_SHA1);
	else
		set(out, DKIMV_NEUTRAL, "not verified");
}

/* dkim_judge - libopendkim's verdict, then ours on top */
void dkim_judge(DKIM_SIGINFO *sig, const struct dkim_judge_ctx *ctx,
		struct dkimv_signature *out)
{
	const unsigned char *d = dkim_sig_getdomain(sig);
	int err = dkim_sig_geterror(sig);

	out->key_bits = 0;
	out->key_security = DNS_SEC_INSECURE;
	if (err == DKIM_SIGERROR_UNKNOWN) {
		unprocessed(sig, ctx, out);
		return;
	}
	key_facts(sig, out);
	if (err == DKIM_SIGERROR_OK && dkim_judge_is_sha1(sig))
		set(out, DKIMV_FAIL, DKIM_REASON_SHA1);
	else if (!short_key(sig, ctx->min_key_bits, out))
		verified(sig, err, out);
	if (out->result == DKIMV_PASS && fixed_clock(sig, ctx->fixed_time, out))
		return;
	/* what we print must be what was verified */
	if (out->result == DKIMV_PASS
	    && (d == NULL || strcasecmp((const char *) d, out->d) != 0))
		set(out, DKIMV_PERMERROR, "ambiguous d=");
}
