/*
 * test_dmarc_align - libopendmarc's 10 alignment vectors (read from
 * CONFORMANCE_DIR) through dmarc_aligned() in both modes: tree walk, with
 * DMARC records where the registrable domains publish them, and PSL.
 * Where our answer differs from libopendmarc's, the case says why. Then
 * the tree walk's own meaning: with no records anywhere, every name is its
 * own organizational domain (RFC 9989 4.10.2).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy/dmarc.h"
#include "policy/publicsuffix.h"
#include "tests/lib/zone.h"
#include "tests/lib/tap.h"
#include "tests/lib/vectors.h"

static struct publicsuffix *psl;
static struct zone *z;
static struct dns_client dns;

/* Rows where we differ from libopendmarc, and why. */
static const struct {
	int id;
	int aligned;
	const char *why;
} differ[] = {
	{5, 0, "'.mac.com.' has an empty label: not a host name, never "
	 "aligned (libopendmarc strips the dots)"},
	{6, 0, "'....mac.com....' has empty labels: not a host name"},
};

/* expected - our answer for row ID, given libopendmarc's */
static int expected(int id, int libopendmarc, const char **why)
{
	size_t i;

	*why = NULL;
	for (i = 0; i < sizeof(differ) / sizeof(differ[0]); i++)
		if (differ[i].id == id) {
			*why = differ[i].why;
			return differ[i].aligned;
		}
	return libopendmarc == 0;
}

/* row - one vector, both modes, both argument orders */
static void row(int id, const char *d1, const char *d2, const char *mode,
		int libopendmarc)
{
	char how = strstr(mode, "STRICT") ? 's' : 'r';
	const char *why;
	int want = expected(id, libopendmarc, &why);

	if (strstr(mode, "RELAXED") == NULL && how != 's') {
		ok(0, "row %d: mode %s is known", id, mode);
		return;
	}
	is_int(dmarc_aligned(&dns, DMARC_ORG_TREEWALK, NULL, d1, d2, how), want,
	       "row %d tree walk: %s %s %c%s%s", id, d1, d2, how,
	       why ? ": differs, " : "", why ? why : "");
	is_int(dmarc_aligned(&dns, DMARC_ORG_TREEWALK, NULL, d2, d1, how), want,
	       "row %d tree walk, swapped", id);
	is_int(dmarc_aligned(&dns, DMARC_ORG_PSL, psl, d1, d2, how), want,
	       "row %d PSL: %s %s %c%s%s", id, d1, d2, how,
	       why ? ": differs, " : "", why ? why : "");
	is_int(dmarc_aligned(&dns, DMARC_ORG_PSL, psl, d2, d1, how), want,
	       "row %d PSL, swapped", id);
}

/* vectors - alignment.tsv: "id<TAB>d1<TAB>d2<TAB>mode<TAB>expected" */
static void vector_row(char **col, void *ctx)
{
	(void) ctx;
	row(atoi(col[0]), col[1], col[2], col[3], atoi(col[4]));
}

static void vectors(void)
{
	is_int(vectors_read("dmarc/opendmarc-vectors/alignment.tsv", 5, vector_row, NULL), 10,
	       "all 10 libopendmarc alignment vectors were read");
}

/* no_records - the tree walk finds no organization, so only equal names
 * align; PSL mode does not care */
static void no_records(void)
{
	struct zone *empty = zone_new();
	struct dns_client e;

	if (empty == NULL)
		abort();
	zone_client(empty, &e);
	is_int(dmarc_aligned(&e, DMARC_ORG_TREEWALK, NULL, "a.foo.com",
			     "b.foo.com", 'r'), 0,
	       "no records: a.foo.com and b.foo.com are two organizations");
	is_int(dmarc_aligned(&e, DMARC_ORG_TREEWALK, NULL, "foo.com",
			     "a.foo.com", 'r'), 0,
	       "no records: not even parent and child");
	is_int(dmarc_aligned(&e, DMARC_ORG_PSL, psl, "a.foo.com", "b.foo.com",
			     'r'), 1, "PSL: one registrable domain");
	zone_add_status(empty, "_dmarc.foo.com", DNS_T_TXT, DNS_SERVFAIL);
	is_int(dmarc_aligned(&e, DMARC_ORG_TREEWALK, NULL, "a.foo.com",
			     "b.foo.com", 'r'), -1, "DNS trouble: -1");
	is_int(dmarc_aligned(&e, DMARC_ORG_TREEWALK, NULL, "a.foo.com",
			     "A.FOO.COM.", 's'), 1,
	       "strict: the same name in another case needs no DNS");
	is_int(dmarc_aligned(&e, DMARC_ORG_TREEWALK, NULL, "a.foo.com",
			     "b.foo.org", 'r'), 0,
	       "DNS trouble cannot make another TLD align");
	zone_free(empty);
}

int main(void)
{
	char err[256];

	if ((psl = publicsuffix_load(NULL, err, sizeof(err))) == NULL) {
		ok(0, "the default list loads: %s", err);
		return tap_done();
	}
	if ((z = zone_new()) == NULL)
		abort();
	zone_client(z, &dns);
	/* registrable domains publish their policy, as they do in the wild */
	zone_add_txt(z, "_dmarc.bcx.com", "v=DMARC1; p=none", 16);
	zone_add_txt(z, "_dmarc.foo.com", "v=DMARC1; p=none", 16);
	zone_add_txt(z, "_dmarc.b.com", "v=DMARC1; p=none", 16);
	zone_add_txt(z, "_dmarc.mac.com", "v=DMARC1; p=none", 16);
	vectors();
	no_records();
	zone_free(z);
	publicsuffix_free(psl);
	return tap_done();
}
