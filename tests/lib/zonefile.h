/*
 * zonefile - load RFC 1035 master-file text into an in-process test zone
 * (tests/conformance/zone), as the authentication_milter fixtures write
 * it for Net::DNS::Resolver::Mock.
 *
 * One record per line: NAME [TTL] [CLASS] TYPE RDATA, where TTL and
 * CLASS may come in either order and a line that starts with white space
 * reuses the previous owner. Names are absolute whether or not they end
 * in a dot ($ORIGIN and $TTL are refused, not guessed at). A TXT record
 * is a run of character-strings, quoted or bare, with \X and \DDD
 * escapes, optionally inside ( ... ), which may also span lines; the
 * strings are joined as DNS answers join them. A record with no RDATA
 * only makes its name exist (NODATA, not NXDOMAIN). NS records do the
 * same: the zone serves no NS. ";ERROR,NAME,TYPE,RCODE" (NXDOMAIN,
 * SERVFAIL, REFUSED) forces that answer; as Net::DNS does, an IP address
 * given as NAME of a PTR stands for its reverse name. Anything else
 * after ';' is a comment. Any line this reader does not understand is an
 * error with its line number: a fixture is never half loaded.
 *
 * For test programs only.
 */
#ifndef AUTHMILTER_TESTS_ZONEFILE_H
#define AUTHMILTER_TESTS_ZONEFILE_H

#include <stddef.h>

#include "tests/lib/zone.h"

/* Called for each TXT record loaded (NAME lower case, no trailing dot;
 * TEXT the joined strings, LEN octets); a nonzero return stops the load
 * as an error. */
typedef int (*zonefile_txt_fn)(void *ctx, const char *name,
			       const char *text, size_t len);

/* zonefile_load_text - add the records of TEXT (LEN octets) to Z. WHAT
 * names the source in messages. TXT_FN may be NULL. Returns the number
 * of lines that added something, or -1 with "WHAT:LINE: why" in ERR. */
int zonefile_load_text(struct zone *z, const char *text, size_t len,
		       const char *what, zonefile_txt_fn txt_fn, void *ctx,
		       char *err, size_t errlen);

/* zonefile_load - the same for the file PATH. */
int zonefile_load(struct zone *z, const char *path, zonefile_txt_fn txt_fn,
		  void *ctx, char *err, size_t errlen);

#endif
