/*
 * dkim_verify - DKIM verification on libopendkim; see dkim_verify.h.
 *
 * The library is set up so that nothing it does is left to its defaults
 * where they hurt us:
 *  - every DKIM-Signature field stays in its signature list, even a
 *    malformed one (DKIM_LIBFLAGS_BADSIGHANDLES), so that the Nth
 *    signature we were given is the Nth it reports and each gets a result;
 *  - no key is fetched before the body is complete
 *    (DKIM_LIBFLAGS_DELAYSIGPROC); then our "final" callback fetches them
 *    one signature at a time and stops starting lookups once the
 *    message's DNS time budget is used up;
 *  - before any lookup, our "prescreen" callback sets aside signatures
 *    that cannot pass whatever the key says: rsa-sha1 (RFC 8301) and
 *    fields we found malformed. So a signature that can never pass costs
 *    no DNS query and is never a temperror that would defer mail.
 * Only the first max_signatures DKIM-Signature fields reach the library
 * at all: each one it holds costs a header hash and possibly a body hash
 * of its own (distinct l= values), so the cap bounds the work an attacker
 * can ask for (OpenDKIM #271). The others are counted and reported as
 * neutral from the tags we read ourselves (dkim_tags). Nor do fields we
 * found malformed ourselves (repeated tags, b= that is not base64, an
 * i= that is not quoted-printable or too long: libopendkim's decoder
 * reads past the end of those). The one price: a signature
 * that signed such DKIM-Signature fields, or ones past the cap, does not
 * verify; that takes a malformed or a surplus signature under it.
 * Callbacks find their check through the DKIM handle's user context; the
 * engine is read-only once built, so checks on other threads never meet.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <dkim.h>

#include "util/array.h"
#include "util/printable.h"
#include "dkim_dns.h"
#include "dkim_fields.h"
#include "dkim_judge.h"
#include "dkim_tags.h"
#include "dkim_verify.h"
#include "resolver.h"

#define DKIMV_MAX_FIELD (256 * 1024)    /* longest field we rebuild */

struct dkimv_engine {
	DKIM_LIB *lib;
	unsigned max_sigs;
	unsigned min_bits;
	unsigned budget_ms;
	int allow_dups;
	time_t fixed_time;
	char *key_file;
};

enum dkimv_stage {
	STAGE_HEADERS,
	STAGE_BODY,
	STAGE_DONE,
};

/* What we know of one DKIM-Signature field besides its result. */
struct dkimv_meta {
	unsigned char refused;      /* malformed: result and reason are set */
	unsigned char judged;       /* libopendkim's verdict was read */
	unsigned char over_budget;  /* set aside: DNS time used up */
	struct dkim_fields h;       /* what its h= names */
};

struct dkimv_check {
	struct dkimv_engine *e;
	DKIM *dkim;
	char *id;
	enum dkimv_stage stage;
	int lib_failed;             /* the library gave up on the message */
	int lib_verify;             /* it has signatures to verify at eom */
	struct dkim_fields fields;  /* the header section's fields */
	int over_fields;            /* more than DKIM_MAX_FIELDS of them */
	size_t entries;             /* h= entries of the signatures the
	                             * library holds */
	size_t nsigs;               /* DKIM-Signature fields seen */
	size_t nlib;                /* of them handed to the library */
	unsigned char libmap[DKIMV_MAX_SIGNATURES];  /* its index -> ours */
	struct dkimv_meta meta[DKIMV_MAX_SIGNATURES];
	/* One entry per signature field, tags filled as fields arrive;
	 * grown as they come (most mail has one to three), not the 64 of
	 * a dkimv_results: hundreds of messages may be in flight at once. */
	struct dkimv_signature *sig;
	size_t sigcap;
	size_t count;               /* reported, set by finish() */
	size_t ignored;
	struct timespec deadline;   /* for key lookups, set at eom */
	size_t bodylen;             /* body octets given to the library */
	unsigned char tail[2];      /* the last two of them */
	char *buf;                  /* one field, rebuilt */
	size_t bufsize;
};

/* lib_failure - statuses that mean memory or a library bug, not data */
static int lib_failure(DKIM_STAT st)
{
	return st == DKIM_STAT_NORESOURCE || st == DKIM_STAT_INTERNAL;
}

/* set_reason - one verdict */
static void set_reason(struct dkimv_signature *s, enum dkimv_result r,
		       const char *reason)
{
	s->result = r;
	printable(reason, s->reason, sizeof(s->reason), PRINTABLE_QMARK);
}

/* lib_sig_meta - our record of the library's signature number K */
static struct dkimv_meta *lib_sig_meta(struct dkimv_check *c, int k)
{
	if (c == NULL || k < 0 || (size_t) k >= c->nlib)
		return NULL;
	return &c->meta[c->libmap[k]];
}

/* prescreen - set aside what cannot pass, before any key is fetched */
static DKIM_CBSTAT prescreen(DKIM *dkim, DKIM_SIGINFO **sigs, int nsigs)
{
	struct dkimv_check *c = dkim_get_user_context(dkim);
	struct dkimv_meta *m;
	int k;

	for (k = 0; k < nsigs; k++) {
		m = lib_sig_meta(c, k);
		if ((m != NULL && m->refused)
		    || (dkim_sig_geterror(sigs[k]) == DKIM_SIGERROR_UNKNOWN
			&& dkim_judge_is_sha1(sigs[k])))
			dkim_sig_ignore(sigs[k]);
	}
	return DKIM_CBSTAT_CONTINUE;
}

/* past_deadline - 1 once the check's DNS budget is used up */
static int past_deadline(const struct dkimv_check *c)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec > c->deadline.tv_sec
		|| (now.tv_sec == c->deadline.tv_sec
		    && now.tv_nsec >= c->deadline.tv_nsec);
}

/* final - fetch keys and verify, one signature at a time, within the
 * budget; the library's own pass over the list then finds them done */
static DKIM_CBSTAT final(DKIM *dkim, DKIM_SIGINFO **sigs, int nsigs)
{
	struct dkimv_check *c = dkim_get_user_context(dkim);
	struct dkimv_meta *m;
	int k;

	for (k = 0; k < nsigs; k++) {
		if ((dkim_sig_getflags(sigs[k]) & DKIM_SIGFLAG_IGNORE) != 0
		    || dkim_sig_geterror(sigs[k]) != DKIM_SIGERROR_UNKNOWN)
			continue;
		if (c != NULL && past_deadline(c)) {
			dkim_sig_ignore(sigs[k]);
			if ((m = lib_sig_meta(c, k)) != NULL)
				m->over_budget = 1;
			continue;
		}
		(void) dkim_sig_process(dkim, sigs[k]);
	}
	return DKIM_CBSTAT_CONTINUE;
}

/* engine_opts - libopendkim options from ours */
static int engine_opts(struct dkimv_engine *e, char *err, size_t errlen)
{
	uint32_t flags = DKIM_LIBFLAGS_BADSIGHANDLES
		| DKIM_LIBFLAGS_DELAYSIGPROC;
	uint64_t fixed = (uint64_t) e->fixed_time;
	u_int bits = e->min_bits;
	dkim_query_t qm = DKIM_QUERY_FILE;

	if (dkim_options(e->lib, DKIM_OP_SETOPT, DKIM_OPTS_FLAGS, &flags,
			 sizeof(flags)) != DKIM_STAT_OK
	    || dkim_options(e->lib, DKIM_OP_SETOPT, DKIM_OPTS_MINKEYBITS, &bits,
			    sizeof(bits)) != DKIM_STAT_OK
	    || dkim_options(e->lib, DKIM_OP_SETOPT, DKIM_OPTS_FIXEDTIME, &fixed,
			    sizeof(fixed)) != DKIM_STAT_OK) {
		snprintf(err, errlen, "libopendkim refuses our options");
		return -1;
	}
	if (e->key_file != NULL
	    && (dkim_options(e->lib, DKIM_OP_SETOPT, DKIM_OPTS_QUERYMETHOD, &qm,
			     sizeof(qm)) != DKIM_STAT_OK
		|| dkim_options(e->lib, DKIM_OP_SETOPT, DKIM_OPTS_QUERYINFO,
				e->key_file, strlen(e->key_file))
		   != DKIM_STAT_OK)) {
		snprintf(err, errlen, "libopendkim refuses the key file");
		return -1;
	}
	return 0;
}

/* engine_check_opts - the options make sense */
static int engine_check_opts(const struct dkimv_options *opt, char *err,
			     size_t errlen)
{
	if ((opt->resolver == NULL) == (opt->key_file == NULL)) {
		snprintf(err, errlen,
			 "DKIM needs either a resolver or a key file");
		return -1;
	}
	if (opt->max_signatures > DKIMV_MAX_SIGNATURES) {
		snprintf(err, errlen, "MaxDKIMSignatures must be 1..%d",
			 DKIMV_MAX_SIGNATURES);
		return -1;
	}
	if (opt->key_file != NULL && strlen(opt->key_file) >= 1024) {
		snprintf(err, errlen, "DKIM key file name too long");
		return -1;
	}
	return 0;
}

/* dkimv_engine_new - one DKIM_LIB, set up once */
struct dkimv_engine *dkimv_engine_new(const struct dkimv_options *opt,
				      char *err, size_t errlen)
{
	struct dkimv_engine *e;

	if (engine_check_opts(opt, err, errlen) < 0)
		return NULL;
	if ((e = calloc(1, sizeof(*e))) == NULL
	    || (opt->key_file != NULL
		&& (e->key_file = strdup(opt->key_file)) == NULL)) {
		snprintf(err, errlen, "out of memory");
		free(e);
		return NULL;
	}
	e->max_sigs = opt->max_signatures ? opt->max_signatures
		: DKIMV_DEFAULT_MAX_SIGNATURES;
	e->min_bits = opt->min_key_bits ? opt->min_key_bits
		: DKIMV_DEFAULT_MIN_KEY_BITS;
	e->budget_ms = opt->dns_budget_ms ? opt->dns_budget_ms
		: DKIMV_DEFAULT_DNS_BUDGET_MS;
	e->fixed_time = opt->fixed_time;
	e->allow_dups = opt->allow_unsigned_dups;
	if ((e->lib = dkim_init(NULL, NULL)) == NULL) {
		snprintf(err, errlen, "libopendkim: cannot initialize");
		dkimv_engine_free(e);
		return NULL;
	}
	if (!dkim_libfeature(e->lib, DKIM_FEATURE_SHA256)
	    || !dkim_libfeature(e->lib, DKIM_FEATURE_ED25519)) {
		snprintf(err, errlen,
			 "libopendkim lacks rsa-sha256 or Ed25519");
		dkimv_engine_free(e);
		return NULL;
	}
	/* hooks first: from here on dkim_close() leaves the resolver alone */
	dkim_dns_install(e->lib, opt->key_file != NULL ? NULL : opt->resolver);
	if (engine_opts(e, err, errlen) < 0) {
		dkimv_engine_free(e);
		return NULL;
	}
	dkim_set_prescreen(e->lib, prescreen);
	dkim_set_final(e->lib, final);
	return e;
}

/* dkimv_engine_free - the library, then us */
void dkimv_engine_free(struct dkimv_engine *e)
{
	if (e == NULL)
		return;
	if (e->lib != NULL)
		dkim_close(e->lib);
	free(e->key_file);
	free(e);
}

/* dkimv_check_new - one DKIM verify handle for one message */
struct dkimv_check *dkimv_check_new(struct dkimv_engine *e, const char *id)
{
	struct dkimv_check *c;
	DKIM_STAT st;

	if ((c = calloc(1, sizeof(*c))) == NULL)
		return NULL;
	c->e = e;
	if ((c->id = strdup(id != NULL ? id : "")) == NULL
	    || (c->dkim = dkim_verify(e->lib, (const unsigned char *) c->id,
				      NULL, &st)) == NULL
	    || dkim_set_user_context(c->dkim, c) != DKIM_STAT_OK) {
		dkimv_check_free(c);
		return NULL;
	}
	return c;
}

/* dkimv_check_free - the handle and our copies */
void dkimv_check_free(struct dkimv_check *c)
{
	if (c == NULL)
		return;
	if (c->dkim != NULL)
		dkim_free(c->dkim);
	free(c->sig);
	free(c->buf);
	free(c->id);
	free(c);
}

/* field_name_ok - RFC 5322 ftext only: then the library and we agree on
 * which fields are DKIM-Signature fields */
static int field_name_ok(const char *name)
{
	const unsigned char *p = (const unsigned char *) name;

	if (*p == '\0')
		return 0;
	for (; *p != '\0'; p++)
		if (*p < 33 || *p > 126 || *p == ':')
			return 0;
	return 1;
}

/* rebuild - "NAME:VALUE" in C->buf with every line end CRLF; the length,
 * or 0 when the field is over DKIMV_MAX_FIELD, or -1 without memory */
static long rebuild(struct dkimv_check *c, const char *name,
		    const char *value)
{
	size_t nlen = strlen(name), vlen = strlen(value), need, n;
	char *p;

	if (nlen + vlen > DKIMV_MAX_FIELD)
		return 0;
	need = nlen + 1 + 2 * vlen + 1;
	if (need > c->bufsize) {
		if ((p = realloc(c->buf, need)) == NULL)
			return -1;
		c->buf = p;
		c->bufsize = need;
	}
	memcpy(c->buf, name, nlen);
	n = nlen;
	c->buf[n++] = ':';
	for (; *value != '\0'; value++) {
		if (*value == '\n' && (n == 0 || c->buf[n - 1] != '\r'))
			c->buf[n++] = '\r';
		c->buf[n++] = *value;
	}
	c->buf[n] = '\0';
	return (long) n;
}

/* bound_entries - the h= bounds of dkim_fields.h, decided as the field
 * arrives, before the library holds it: a signature set aside later
 * would still cost the library its selection */
static void bound_entries(struct dkimv_check *c, size_t idx, const char *value)
{
	struct dkimv_meta *m = &c->meta[idx];

	dkim_fields_hlist(value, &m->h);
	if (m->refused || idx >= c->e->max_sigs)
		return;
	if (m->h.total > DKIM_MAX_H) {
		m->refused = 1;
		set_reason(&c->sig[idx], DKIMV_PERMERROR, "h= names more than "
			   DKIM_STR(DKIM_MAX_H) " fields");
	} else if (c->entries + m->h.total > DKIM_MAX_ENTRIES) {
		m->refused = 1;
		set_reason(&c->sig[idx], DKIMV_PERMERROR, "the message's "
			   "signatures name more than " DKIM_STR(DKIM_MAX_ENTRIES)
			   " h= fields");
	} else {
		c->entries += m->h.total;
	}
}

/* new_signature - record one DKIM-Signature field; its index, -1 when it
 * is past what we report, -2 when out of memory */
static long new_signature(struct dkimv_check *c, const char *value)
{
	struct dkimv_signature *s;
	size_t idx = c->nsigs;

	if (idx >= DKIMV_MAX_SIGNATURES) {
		c->nsigs++;
		return -1;
	}
	if (ARRAY_RESERVE(c->sig, c->sigcap, idx + 1, 4, DKIMV_MAX_SIGNATURES)
	    != ARRAY_OK)
		return -2;
	c->nsigs++;
	s = &c->sig[idx];
	memset(s, 0, sizeof(*s));
	set_reason(s, DKIMV_NEUTRAL, "not verified");
	switch (dkim_tags_read(value, s)) {
	case DKIM_TAGS_OK:
		break;
	case DKIM_TAGS_REPEATED:
		c->meta[idx].refused = 1;
		set_reason(s, DKIMV_NEUTRAL,
			   "signature syntax error (tag repeated)");
		break;
	case DKIM_TAGS_NOT_BASE64:
		c->meta[idx].refused = 1;
		set_reason(s, DKIMV_NEUTRAL,
			   "signature syntax error (b= or bh= not base64)");
		break;
	case DKIM_TAGS_BAD_I:
		c->meta[idx].refused = 1;
		set_reason(s, DKIMV_NEUTRAL,
			   "signature syntax error (i= not an address)");
		break;
	}
	bound_entries(c, idx, value);
	return (long) idx;
}

/* lib_refused - the library would not parse signature IDX */
static void lib_refused(struct dkimv_check *c, long idx)
{
	char why[sizeof(c->sig[0].reason)];
	const char *msg = dkim_geterror(c->dkim);

	if (c->meta[idx].refused)
		return;
	c->meta[idx].refused = 1;
	snprintf(why, sizeof(why), "signature syntax error (%s)",
		 msg != NULL && *msg != '\0' ? msg : "unreadable");
	set_reason(&c->sig[idx], DKIMV_NEUTRAL, why);
}

/* dkimv_check_header - one field to the library, signatures noted */
int dkimv_check_header(struct dkimv_check *c, const char *name,
		       const char *value)
{
	long len, idx = -1;
	int is_sig;
	DKIM_STAT st;

	if (c->stage != STAGE_HEADERS)
		return -1;
	if (!field_name_ok(name))
		return 0;               /* no such field in a real message */
	dkim_fields_add(&c->fields, name);
	c->over_fields |= c->fields.total > DKIM_MAX_FIELDS;
	is_sig = strcasecmp(name, DKIM_SIGNHEADER) == 0;
	if (is_sig && (idx = new_signature(c, value)) < 0)
		return idx == -1 ? 0 : -1;
	if ((len = rebuild(c, name, value)) < 0)
		return -1;
	if (len == 0) {                 /* too long for anyone to sign */
		if (idx >= 0) {
			c->meta[idx].refused = 1;
			set_reason(&c->sig[idx], DKIMV_NEUTRAL,
				   "signature field too long");
		}
		return 0;
	}
	/* what we refused, the library never parses; nor, past the field
	 * bound, anything: no signature will be verified */
	if (c->lib_failed || c->over_fields || (idx >= 0 && ((size_t) idx >= c->e->max_sigs
					   || c->meta[idx].refused)))
		return 0;
	st = dkim_header(c->dkim, (unsigned char *) c->buf, (size_t) len);
	if (idx >= 0)
		c->libmap[c->nlib++] = (unsigned char) idx;
	if (lib_failure(st)) {
		c->lib_failed = 1;
		return -1;
	}
	if (st != DKIM_STAT_OK && idx >= 0)
		lib_refused(c, idx);
	return 0;
}

/* end_headers - the library sets up its signatures; 0 or -1 */
static int end_headers(struct dkimv_check *c)
{
	DKIM_STAT st;

	c->stage = STAGE_BODY;
	if (c->lib_failed || c->over_fields)
		return 0;
	st = dkim_eoh(c->dkim);
	if (st == DKIM_STAT_OK) {
		c->lib_verify = 1;
		return 0;
	}
	if (st != DKIM_STAT_NOSIG)
		c->lib_failed = 1;
	return lib_failure(st) ? -1 : 0;
}

/* dkimv_check_body - straight to the library's hashes */
int dkimv_check_body(struct dkimv_check *c, const unsigned char *chunk,
		     size_t len)
{
	if (c->stage == STAGE_DONE)
		return -1;
	if (c->stage == STAGE_HEADERS && end_headers(c) < 0)
		return -1;
	if (len == 0 || !c->lib_verify)
		return 0;
	if (dkim_body(c->dkim, (unsigned char *) chunk, len) != DKIM_STAT_OK) {
		c->lib_failed = 1;
		c->lib_verify = 0;
		return -1;
	}
	if (len >= 2) {
		c->tail[0] = chunk[len - 2];
		c->tail[1] = chunk[len - 1];
	} else {
		c->tail[0] = c->tail[1];
		c->tail[1] = chunk[0];
	}
	c->bodylen += len;
	return 0;
}

/* end_body - RFC 6376 3.4.3 and 3.4.4: both canonicalizations add the
 * CRLF a non-empty body lacks at its end. libopendkim instead refuses
 * such a body (without verifying anything) unless it also rewrites every
 * bare CR and LF, which we do not want; SMTP bodies end in CRLF anyway. */
static int end_body(struct dkimv_check *c)
{
	static unsigned char crlf[] = "\r\n";

	if (c->bodylen == 0 || (c->tail[0] == '\r' && c->tail[1] == '\n'))
		return 0;
	return dkim_body(c->dkim, crlf, 2) == DKIM_STAT_OK ? 0 : -1;
}

/* run_eom - body done: the library fetches keys and verifies */
static int run_eom(struct dkimv_check *c)
{
	DKIM_STAT st;
	unsigned ms = c->e->budget_ms;

	clock_gettime(CLOCK_MONOTONIC, &c->deadline);
	c->deadline.tv_sec += ms / 1000;
	c->deadline.tv_nsec += (long) (ms % 1000) * 1000000L;
	if (c->deadline.tv_nsec >= 1000000000L) {
		c->deadline.tv_sec++;
		c->deadline.tv_nsec -= 1000000000L;
	}
	if (end_body(c) < 0) {
		c->lib_failed = 1;
		return -1;
	}
	st = dkim_eom(c->dkim, NULL);
	if (lib_failure(st)) {
		c->lib_failed = 1;
		return -1;
	}
	return 0;
}

/* judge_all - each signature the library holds; -1 if its list is not
 * the one we handed it */
static int judge_all(struct dkimv_check *c)
{
	struct dkim_judge_ctx ctx;
	DKIM_SIGINFO **sigs;
	struct dkimv_meta *m;
	int n, k;

	if (c->nlib == 0 || c->lib_failed || c->over_fields
	    || dkim_getsiglist(c->dkim, &sigs, &n) != DKIM_STAT_OK)
		return 0;
	if (n != (int) c->nlib)
		return -1;
	ctx.min_key_bits = c->e->min_bits;
	ctx.fixed_time = c->e->fixed_time;
	for (k = 0; k < n; k++) {
		m = &c->meta[c->libmap[k]];
		if (m->refused)
			continue;
		ctx.over_budget = m->over_budget;
		dkim_judge(sigs[k], &ctx, &c->sig[c->libmap[k]]);
		m->judged = 1;
	}
	return 0;
}

/* unsigned_dup - a pass that did not sign every instance of a
 * once-only field it signed becomes policy (RFC 6376 8.15) */
static void unsigned_dup(struct dkimv_check *c, size_t i)
{
	char why[sizeof(c->sig[0].reason)];
	const char *name;

	if (c->sig[i].result != DKIMV_PASS || c->e->allow_dups
	    || (name = dkim_fields_unsigned_dup(&c->fields, &c->meta[i].h)) == NULL)
		return;
	snprintf(why, sizeof(why), "unsigned duplicate %s field, RFC 6376 8.15",
		 name);
	set_reason(&c->sig[i], DKIMV_POLICY, why);
}

/* finish - the signatures the library did not judge, and the counts */
static void finish(struct dkimv_check *c)
{
	size_t i, n = c->nsigs < DKIMV_MAX_SIGNATURES
		? c->nsigs : DKIMV_MAX_SIGNATURES;

	for (i = 0; i < n; i++) {
		if (i >= c->e->max_sigs)
			set_reason(&c->sig[i], DKIMV_NEUTRAL,
				   DKIM_REASON_TOO_MANY);
		else if (!c->meta[i].refused && c->over_fields)
			set_reason(&c->sig[i], DKIMV_PERMERROR, "more than "
				   DKIM_STR(DKIM_MAX_FIELDS) " header fields");
		else if (!c->meta[i].refused && !c->meta[i].judged
			 && c->lib_failed)
			set_reason(&c->sig[i], DKIMV_NEUTRAL,
				   "message not verifiable");
		unsigned_dup(c, i);
	}
	c->count = n;
	c->ignored = c->nsigs > c->e->max_sigs
		? c->nsigs - c->e->max_sigs : 0;
}

/* dkimv_check_eom - verify once; later calls repeat the results */
int dkimv_check_eom(struct dkimv_check *c, struct dkimv_results *out)
{
	if (c->stage == STAGE_HEADERS && end_headers(c) < 0)
		return -1;
	if (c->stage != STAGE_DONE) {
		c->stage = STAGE_DONE;
		if (c->lib_verify && run_eom(c) < 0)
			return -1;
		if (judge_all(c) < 0)
			return -1;
		finish(c);
	}
	out->count = c->count;
	out->ignored = c->ignored;
	if (c->count > 0)
		memcpy(out->sig, c->sig, c->count * sizeof(*c->sig));
	return 0;
}

/* dkimv_result_name - RFC 8601 2.7.1 names */
const char *dkimv_result_name(enum dkimv_result r)
{
	switch (r) {
	case DKIMV_NONE:
		return "none";
	case DKIMV_PASS:
		return "pass";
	case DKIMV_FAIL:
		return "fail";
	case DKIMV_NEUTRAL:
		return "neutral";
	case DKIMV_POLICY:
		return "policy";
	case DKIMV_TEMPERROR:
		return "temperror";
	case DKIMV_PERMERROR:
		return "permerror";
	}
	return "permerror";
}
