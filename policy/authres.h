/*
 * authres - RFC 8601 Authentication-Results fields: building ours and
 * reading the authserv-id of fields already in a message.
 *
 * The reader is what decides which fields we delete as forged, so it is
 * strict: comments (nested, with quoted-pairs) and quoted strings are
 * skipped by the RFC 5322 rules, and an authserv-id is only what the
 * grammar says it is (CVE-2020-12272: "example.net(.mx.example.org; ..."
 * does not claim mx.example.org). Pure functions; any thread may call.
 */
#ifndef AUTHMILTER_AUTHRES_H
#define AUTHMILTER_AUTHRES_H

#include <stddef.h>

#define AUTHRES_MAX_PROPS   6
#define AUTHRES_MAX_FIELD   8192  /* longest field value we build */
#define AUTHRES_MAX_VALUE   65536 /* longest field value the reader takes */
#define AUTHRES_MAX_DEPTH   64    /* deepest comment nesting it takes */
#define AUTHRES_LINE_MAX    78    /* folded lines stay under this */

struct authres_prop {
	const char *ptype;          /* "smtp", "header", "policy", ... */
	const char *property;       /* "mailfrom", "helo", "d", ... */
	const char *value;          /* quoted by the formatter when needed */
};

struct authres_entry {
	const char *method;         /* "spf", "dkim", "dmarc" */
	const char *result;         /* "pass", "fail", ... */
	const char *comment;        /* optional, written as "(...)" after the
	                             * result; parentheses and backslashes in it
	                             * are escaped */
	const char *reason;         /* optional reason="..." */
	struct authres_prop props[AUTHRES_MAX_PROPS];
	int nprops;
};

/* authres_is_token - 1 if S[0..LEN) is an RFC 2045 token: printable
 * US-ASCII without SPACE and tspecials, at least one character. An
 * authserv-id we write must be one (conf may check AuthservID with it). */
int authres_is_token(const char *s, size_t len);

/* authres_format - the field VALUE (without "Authentication-Results:"):
 * "authserv-id; method=result ...; ..." or "authserv-id; none" when N is 0.
 * Long values are folded as "\n\t" between tokens (libmilter and Postfix
 * accept LF folding in a header value): before a resinfo that does not
 * fit on the current line, between the pieces of one that does not fit
 * on a line of its own; lines are kept under AUTHRES_LINE_MAX columns
 * (counting the "Authentication-Results: " before the value, and a tab
 * as 8) where no single piece is longer. A property value is written
 * bare when it is a token or [local-part]@domain-name, else quoted;
 * comment and reason are escaped; in all three a control byte or a byte
 * >= 0x80 is written as '?'. A NULL or empty comment or reason is left
 * out. Returns the length, or -1 if the value would not fit in BUFLEN
 * or AUTHRES_MAX_FIELD, a line would pass RFC 5322's 998, or an input is
 * not representable (an authserv-id that is not a token; a method,
 * result, ptype or property that is not an RFC 5321 Keyword; a NULL
 * property value). On -1, BUF holds "" (when BUFLEN > 0). */
int authres_format(const char *authserv_id, const struct authres_entry *e,
		   size_t n, char *buf, size_t buflen);

/* authres_id_parse - the reader behind the two functions below, for a
 * caller that wants to know more than "valid or not". ID receives the
 * authserv-id, lowercased and unquoted, NUL-terminated. */
enum authres_idstat {
	AUTHRES_ID_TOOLONG = -2,    /* valid, but longer than IDLEN - 1 */
	AUTHRES_ID_MALFORMED = -1,  /* not authserv-id [CFWS version] [CFWS] */
	AUTHRES_ID_OK = 0,          /* authserv-id [CFWS version] [CFWS] ";" */
	AUTHRES_ID_NORESULT = 1,    /* the same, but the value ends where the
	                             * ";" should be (e.g. the results are all
	                             * inside a comment): the ABNF wants a ";",
	                             * yet the authserv-id is not in doubt */
};
enum authres_idstat authres_id_parse(const char *value, size_t len,
				     char *id, size_t idlen);

/* authres_authserv_id - extract the authserv-id of an existing field value
 * into ID (lowercased). Returns 0 (AUTHRES_ID_OK or _NORESULT), or -1 if
 * the value does not start with a syntactically valid authserv-id or the
 * id does not fit in IDLEN (see authres_claims for what such a field
 * claims). */
int authres_authserv_id(const char *value, size_t len, char *id, size_t idlen);

/* authres_claims - 1 if the field value's authserv-id equals OURS,
 * compared case-insensitively and normalised on both sides: white space
 * at either end of a quoted id and dots at its end are dropped, so
 * "MX.example.org.", "\" mx.example.org \"" and mx.example.org all claim
 * mx.example.org; 0 otherwise, and always 0 for an OURS that normalises
 * to nothing.
 * A malformed value claims OURS when its first word is OURS: after
 * leading white space and comments (skipped at any depth) and at most
 * one '"', the longest run of token characters equals OURS. Such a field
 * is deleted, so that a reader looser than ours downstream never sees a
 * field that looks like ours; a malformed value that does not start
 * with OURS claims nobody. */
int authres_claims(const char *value, size_t len, const char *ours);

#endif
