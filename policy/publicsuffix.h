/*
 * publicsuffix - the organizational domain by the Public Suffix List
 * (RFC 7489 section 3.2), on libpsl and Debian's list file; used only when
 * DMARCOrgDomain is "psl". Prefix publicsuffix_, because libpsl owns psl_.
 * Load once per process; lookups are thread-safe.
 */
#ifndef AUTHMILTER_PUBLICSUFFIX_H
#define AUTHMILTER_PUBLICSUFFIX_H

#include <stddef.h>

#define PUBLICSUFFIX_DEFAULT_FILE "/usr/share/publicsuffix/public_suffix_list.dat"

struct publicsuffix;

/* publicsuffix_load - PATH (NULL: the default file); NULL with ERR set. */
struct publicsuffix *publicsuffix_load(const char *path, char *err,
				       size_t errlen);
void publicsuffix_free(struct publicsuffix *p);

/* publicsuffix_orgdomain - the registrable domain of NAME into OUT
 * (lowercased); 0, or -1 if NAME is itself a public suffix or invalid. */
int publicsuffix_orgdomain(const struct publicsuffix *p, const char *name,
			   char *out, size_t outlen);

#endif
