/*
 * address - RFC 5322 address lists, as found in From fields: which
 * mailboxes a field names and their domains.
 *
 * DMARC hangs on the From domain, so this is the parser attackers aim at
 * (CVE-2019-16378: a From with two addresses passed as the first one;
 * CVE-2021-34555: a malformed multi-value From crashed the filter). It
 * reads the whole grammar - display names (atoms, quoted strings, RFC 2047
 * encoded words), comments (nested), angle addresses with obsolete routes,
 * groups, the obsolete forms of RFC 5322 section 4 - with hard bounds, no
 * recursion an input can deepen, and reports what it found rather than
 * guessing. Pure functions; any thread may call them.
 *
 * What it decides, so that callers need not:
 *  - Groups are read (RFC 6854 allows them in From); their members count
 *    as mailboxes, an empty group adds none. A group must end with ';'.
 *  - A bare local part ("user", "Joe <user>") is a mailbox without a
 *    domain; so is a domain literal ("user@[192.0.2.1]"), which names no
 *    DMARC domain. "<>", "user@", "@example.com", "a@b@c", and a display
 *    name with no address after it are SYNTAX.
 *  - Domains are returned as written, ASCII letters lowercased, one
 *    trailing dot dropped; the atoms of an obsolete domain with comments
 *    around its dots are joined. Whether the result is a DNS name (label
 *    lengths, LDH) is the DMARC module's question, not this one's.
 *  - Bytes >= 0x80 are taken wherever RFC 6532 takes UTF-8 (atoms, quoted
 *    strings, comments, literals) and are not decoded or checked: a
 *    domain holding them comes back as-is and is never a DNS name.
 *  - A domain over 255 bytes cannot be any DNS name and would not fit:
 *    that mailbox has no domain (NODOMAIN); a domain is never cut.
 *  - The local part is informational: folds and quotes removed, the words
 *    of an obsolete local part joined by ".", cut to 255 bytes. Runs of
 *    dots in it are accepted (some carriers issue "a..b@"), since DMARC
 *    never looks at it. It may hold 8-bit and obsolete control bytes
 *    (never NUL, CR or LF): escape it before printing.
 *  - An RFC 2047 encoded word whose text holds '@' is one display-name
 *    word: "=?utf-8?q?a@b.example?= <c@d.example>" names d.example only,
 *    and such a word standing alone is SYNTAX, never an address. Encoded
 *    words holding other specials are read as plain RFC 5322 text, so no
 *    '<', '(' or '"' can hide in one.
 *  - NUL anywhere, a CR or LF that is not a fold (CRLF or LF, then space
 *    or tab), a quoted CR or LF, and comments nested deeper than
 *    ADDRESS_MAX_COMMENT_DEPTH are SYNTAX; a value is never truncated.
 *  - Reading stops at the first problem, which decides the status: a
 *    33rd mailbox makes TOOMANY even if junk follows it.
 */
#ifndef AUTHMILTER_ADDRESS_H
#define AUTHMILTER_ADDRESS_H

#include <stddef.h>

#define ADDRESS_MAX_MAILBOXES 32     /* more in one field: ADDRESS_TOOMANY */
#define ADDRESS_MAX_FIELD     (64 * 1024)  /* longer values: ADDRESS_SYNTAX */
#define ADDRESS_MAX_COMMENT_DEPTH 32 /* deeper nesting: ADDRESS_SYNTAX */

enum address_status {
	ADDRESS_OK,          /* one or more mailboxes, each with a domain */
	ADDRESS_EMPTY,       /* no mailbox at all (empty, or only empty groups) */
	ADDRESS_NODOMAIN,    /* a mailbox without a usable domain: "user", or a
	                      * domain literal "user@[192.0.2.1]" */
	ADDRESS_SYNTAX,      /* not an address list */
	ADDRESS_TOOMANY,     /* more than ADDRESS_MAX_MAILBOXES */
};

struct address_mailbox {
	char local[256];     /* local part as written, quotes removed, bounded */
	char domain[256];    /* lowercased, no trailing dot, "" if none */
};

struct address_list {
	struct address_mailbox box[ADDRESS_MAX_MAILBOXES];
	size_t count;
};

/* address_parse_list - parse a From (or Sender, Reply-To) field VALUE of
 * LEN bytes (may contain folding CRLF/LF + WSP). Fills OUT with every
 * mailbox found, in order, and returns the status.
 *
 * OUT holds mailboxes only for ADDRESS_OK and ADDRESS_NODOMAIN (there,
 * every mailbox, those without a domain with domain ""); for EMPTY,
 * SYNTAX and TOOMANY its count is 0, so nothing of a field that was not
 * read whole can be taken for its sender. */
enum address_status address_parse_list(const char *value, size_t len,
				       struct address_list *out);

/* address_status_name - "ok", "empty", "nodomain", "syntax", "toomany" */
const char *address_status_name(enum address_status s);

#endif
