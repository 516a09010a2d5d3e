/*
 * dkim_verify - DKIM signature verification (RFC 6376, RFC 8301, RFC 8463)
 * on libopendkim, with its DNS going through policy/resolver.
 *
 * One engine per process (libopendkim's DKIM_LIB), one check per message.
 * Headers and body chunks are streamed in as the MTA hands them over and
 * never buffered whole. Every signature gets a result of its own, judged
 * by its flags and body-hash state, not by the library's "passed" bit
 * alone; rsa-sha1 never passes (RFC 8301), RSA keys under the configured
 * minimum never pass, and only the first MaxDKIMSignatures signatures are
 * verified (the rest: neutral, "too many signatures"). The work of
 * selecting signed fields is bounded (policy/dkim_fields: header fields,
 * h= entries, their product per message: permerror past each), and a
 * signature that signed fewer instances of a once-only field than the
 * message holds is policy, not pass (RFC 6376 8.15). Prefix dkimv_,
 * because libopendkim owns dkim_. Thread-safe: one check per thread.
 *
 * Results: a malformed DKIM-Signature field is neutral (RFC 8601 2.7.1
 * puts signature syntax errors there); a well-formed one that cannot be
 * verified for a lasting reason (unsupported version, algorithm or
 * canonicalization, i= outside d=, no key, an unusable key record) is
 * permerror; a key lookup that failed for DNS reasons, or was not started
 * because the message's DNS time budget was used up, is temperror.
 */
#ifndef AUTHMILTER_DKIM_VERIFY_H
#define AUTHMILTER_DKIM_VERIFY_H

#include <stddef.h>
#include <time.h>

#include "dns.h"

struct resolver;

#define DKIMV_MAX_SIGNATURES 64      /* hard cap on what one message reports */

enum dkimv_result {
	DKIMV_NONE,          /* (only as the overall result: no signature) */
	DKIMV_PASS,
	DKIMV_FAIL,          /* bad signature, body hash mismatch, expired,
	                      * key too short, rsa-sha1, revoked key */
	DKIMV_NEUTRAL,       /* not verified: too many signatures, syntax */
	DKIMV_POLICY,        /* valid but refused by local policy */
	DKIMV_TEMPERROR,     /* key lookup failed for DNS reasons */
	DKIMV_PERMERROR,     /* key missing (NXDOMAIN) or unusable, bad tags */
};

struct dkimv_options {
	unsigned max_signatures;     /* default 8 */
	unsigned min_key_bits;       /* default 1024 (RSA only) */
	struct resolver *resolver;   /* key lookups; NULL with key_file */
	const char *key_file;        /* tests: "selector._domainkey.domain TXT"
	                              * lines instead of DNS (libopendkim's
	                              * query file) */
	time_t fixed_time;           /* tests: "now" for x= and t=; 0 = real */
	int allow_unsigned_dups;     /* a pass stays a pass despite unsigned
	                              * duplicates of singleton fields */
	unsigned dns_budget_ms;      /* all key lookups of one message; past
	                              * it no new lookup starts and the
	                              * signature is temperror; 0 = 20000 */
};

#define DKIMV_DEFAULT_MAX_SIGNATURES 8
#define DKIMV_DEFAULT_MIN_KEY_BITS   1024
#define DKIMV_DEFAULT_DNS_BUDGET_MS  20000

struct dkimv_signature {
	enum dkimv_result result;
	char d[256];                 /* header.d */
	char i[256];                 /* header.i, "" if absent */
	char s[64];                  /* header.s */
	char a[32];                  /* header.a, e.g. "rsa-sha256" */
	char b[9];                   /* first 8 characters of b= (RFC 6008) */
	unsigned key_bits;           /* 0 for Ed25519 or unknown */
	enum dns_security key_security; /* DNSSEC state of the key answer
	                              * (insecure in key_file mode) */
	char reason[128];            /* why, for fail/neutral/errors; "" on
	                              * pass */
};

struct dkimv_results {
	struct dkimv_signature sig[DKIMV_MAX_SIGNATURES];
	size_t count;                /* signatures reported */
	size_t ignored;              /* found beyond max_signatures */
};

struct dkimv_engine;
struct dkimv_check;

/* dkimv_engine_new - NULL with a reason in ERR. Exactly one of
 * OPT->resolver and OPT->key_file must be set; a zero max_signatures,
 * min_key_bits or dns_budget_ms takes the default above, and
 * max_signatures may not exceed DKIMV_MAX_SIGNATURES. The engine keeps
 * OPT->resolver (the caller frees it after the engine). */
struct dkimv_engine *dkimv_engine_new(const struct dkimv_options *opt,
				      char *err, size_t errlen);
void dkimv_engine_free(struct dkimv_engine *e);

/* dkimv_check_new - start a message. ID names it in library messages. */
struct dkimv_check *dkimv_check_new(struct dkimv_engine *e, const char *id);

/* dkimv_check_header - one field: NAME and VALUE as the MTA gave them
 * (the value may start with the space after the colon, and may be folded
 * with LF or CRLF; line ends are made CRLF). 0, or -1 on internal error. */
int dkimv_check_header(struct dkimv_check *c, const char *name,
		       const char *value);

/* dkimv_check_body - a body chunk (CRLF line ends, as in SMTP). */
int dkimv_check_body(struct dkimv_check *c, const unsigned char *chunk,
		     size_t len);

/* dkimv_check_eom - verify; fills OUT (count 0 when unsigned). 0, or -1
 * on internal error. Key lookups happen here. */
int dkimv_check_eom(struct dkimv_check *c, struct dkimv_results *out);

void dkimv_check_free(struct dkimv_check *c);

/* dkimv_result_name - the RFC 8601 name ("pass", "temperror", ...). */
const char *dkimv_result_name(enum dkimv_result r);

#endif
