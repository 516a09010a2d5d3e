/*
 * dkim_judge - the result and reason of one signature that libopendkim
 * has been through, for dkim_verify only.
 *
 * libopendkim's verdict is read from the signature's error code, flags
 * and body-hash state (DKIM_SIG_CHECK), never from the PASSED flag alone,
 * and then our own rules are laid over it: rsa-sha1 never passes (RFC
 * 8301 3.1), nor does an RSA key under the minimum size (RFC 8301 3.2),
 * nor a signature whose d= differs from the one we report. Pure; any
 * thread may call with its own signature.
 */
#ifndef AUTHMILTER_DKIM_JUDGE_H
#define AUTHMILTER_DKIM_JUDGE_H

#include <time.h>

#include <dkim.h>

#include "dkim_verify.h"

/* What the judge needs besides the signature. */
struct dkim_judge_ctx {
	unsigned min_key_bits;      /* RSA only */
	time_t fixed_time;          /* tests: "now" for x= and t=; 0: real */
	int over_budget;            /* left unverified: DNS time used up */
};

/* Reasons shared with dkim_verify. */
#define DKIM_REASON_SHA1     "rsa-sha1 not accepted (RFC 8301)"
#define DKIM_REASON_TOO_MANY "too many signatures"

/* dkim_judge - fill OUT's result, key_bits, key_security and reason; its
 * d, i, s, a and b are already set from the field text. */
void dkim_judge(DKIM_SIGINFO *sig, const struct dkim_judge_ctx *ctx,
		struct dkimv_signature *out);

/* dkim_judge_is_sha1 - 1 if libopendkim read SIG's a= as rsa-sha1 (only
 * meaningful while the signature has no error yet) */
int dkim_judge_is_sha1(DKIM_SIGINFO *sig);

#endif
