/*
 * dmarc_record - one DMARC policy record (RFC 9989 section 4.7, with the
 * RFC 7489 tags kept for PSL mode) parsed into a struct.
 *
 * The text comes from the sender's DNS: bounded, strict where RFC 9989
 * says "invalid", lenient where it says "ignore" (unknown tags, unknown
 * values of known tags that RFC 9989 says to treat as absent). Pure
 * functions; any thread may call them. The DMARC evaluator (dmarc.c) is
 * the caller; tests and fuzzers call it too.
 */
#ifndef AUTHMILTER_DMARC_RECORD_H
#define AUTHMILTER_DMARC_RECORD_H

#include <stddef.h>

#define DMARC_RECORD_MAX 4096        /* bytes; longer: invalid */
#define DMARC_RECORD_MAX_TAGS 64     /* tags (any kind); more: invalid */
#define DMARC_RECORD_MAX_URIS 8      /* URIs kept per rua/ruf; more: ignored */

enum dmarc_policy {
	DMARC_POLICY_UNSET,          /* tag absent (or invalid, see p_invalid) */
	DMARC_POLICY_NONE,
	DMARC_POLICY_QUARANTINE,
	DMARC_POLICY_REJECT,
};

enum dmarc_psd {
	DMARC_PSD_UNSET,             /* psd= absent: "u" */
	DMARC_PSD_Y,
	DMARC_PSD_N,
};

enum dmarc_record_status {
	DMARC_RECORD_OK,
	DMARC_RECORD_NOT_DMARC,      /* does not start with v=DMARC1: not ours,
	                              * ignored like any other TXT record */
	DMARC_RECORD_INVALID,        /* starts like DMARC, cannot be used:
	                              * too long, too many tags, a tag given
	                              * twice, a NUL octet */
};

struct dmarc_record {
	enum dmarc_policy p, sp, np;
	int p_invalid;               /* p= present with an unknown value */
	int sp_invalid, np_invalid;  /* the same for sp= and np= */
	char adkim, aspf;            /* 'r' (default) or 's' */
	int pct;                     /* 0..100, default 100 (RFC 7489 mode) */
	int testing;                 /* t=y */
	enum dmarc_psd psd;
	int has_rua;                 /* at least one valid rua URI */
	int has_ruf;                 /* at least one valid ruf URI */
	char rua[512];               /* the valid URIs, comma-separated, with
	                              * any obsolete "!size" suffix dropped;
	                              * at most DMARC_RECORD_MAX_URIS, bounded */
	char ruf[512];
	char fo[16];                 /* default "0" */
	char rf[32];                 /* default "afrf" */
	unsigned long ri;            /* default 86400 */
};

/* dmarc_record_parse - TEXT of LEN bytes (a TXT record's strings joined).
 * On DMARC_RECORD_INVALID a reason goes to ERR. OUT always holds the
 * defaults at least. */
enum dmarc_record_status dmarc_record_parse(const char *text, size_t len,
					    struct dmarc_record *out,
					    char *err, size_t errlen);

/* dmarc_record_applies - the rule for an unusable policy tag (RFC 9989
 * section 4.10.1; RFC 7489 section 6.6.3 step 6 when RFC7489 is set, where
 * an absent p= is invalid too): 1 if the record applies, with an absent p=
 * read as none and, when p=, sp= or np= is invalid but a valid rua URI
 * exists, every policy reset to none; 0 if no DMARC processing happens. */
int dmarc_record_applies(struct dmarc_record *r, int rfc7489);

const char *dmarc_policy_name(enum dmarc_policy p);

#endif
