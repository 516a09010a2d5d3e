/*
 * fuzz_dmarc_eval - dmarc_evaluate() with attacker-written DMARC records.
 *
 * The input is newline-separated: the From domain, the SPF domain, a DKIM
 * domain, then up to six records served as TXT at the _dmarc names of a
 * small tree (fuzz.example, its parent, two subdomains, a deep one and a
 * PSD-like one), beside a SERVFAIL, a timeout and an existing host. The
 * first byte's bits pick PSL mode, the SPF and DKIM results and the pct
 * sample. Whatever comes in, the evaluation must stay within its query
 * budget, and its outcome must be consistent and printable.
 */
#include <stdlib.h>
#include <string.h>

#include "policy/dmarc.h"
#include "policy/publicsuffix.h"
#include "tests/lib/zone.h"
#include "tests/lib/fuzzcheck.h"

/* LLVMFuzzerTestOneInput - serve the records, evaluate, check */
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

/* 8 for the From domain's walk, 16 for identifiers, 1 existence test */
#define MAX_QUERIES 25

static const char *const owners[] = {
	"_dmarc.fuzz.example", "_dmarc.example", "_dmarc.a.fuzz.example",
	"_dmarc.b.a.fuzz.example", "_dmarc.f.g.h.i.j.k.a.fuzz.example",
	"_dmarc.psd.example",
};

/* fixed_zone - what the fuzzed names can run into */
static int fixed_zone(struct zone *z)
{
	int rc = 0;

	rc |= zone_add_addr(z, "fuzz.example", "192.0.2.1");
	rc |= zone_add_addr(z, "a.fuzz.example", "192.0.2.2");
	rc |= zone_add_status(z, "_dmarc.broken.fuzz.example", DNS_T_TXT,
			      DNS_SERVFAIL);
	rc |= zone_add_timeout(z, "_dmarc.slow.fuzz.example");
	rc |= zone_add_status(z, "slow.fuzz.example", DNS_T_A, DNS_TIMEOUT);
	rc |= zone_add_cname(z, "_dmarc.loop.fuzz.example",
			     "_dmarc.loop.fuzz.example");
	return rc;
}

/* line - the next newline-terminated piece of [*P, END) as a C string */
static char *line(const char **p, const char *end)
{
	const char *nl;
	char *s;
	size_t n;

	if (*p >= end)
		return NULL;
	if ((nl = memchr(*p, '\n', (size_t) (end - *p))) == NULL)
		nl = end;
	n = (size_t) (nl - *p);
	if ((s = malloc(n + 1)) == NULL)
		return NULL;
	memcpy(s, *p, n);
	s[n] = '\0';
	*p = nl + 1;
	return s;
}

/* consistent - what an outcome may say together */
static void consistent(const struct dmarc_outcome *o)
{
	fuzz_printable(o->reason, sizeof(o->reason), 0x20);
	CHECK(memchr(o->policy_domain, '\0', sizeof(o->policy_domain)));
	CHECK(memchr(o->org_domain, '\0', sizeof(o->org_domain)));
	CHECK(o->dns_queries >= 0 && o->dns_queries <= MAX_QUERIES);
	if (o->result == DMARC_RESULT_PASS)
		CHECK(o->found && (o->spf_aligned || o->dkim_aligned));
	if (o->result == DMARC_RESULT_FAIL)
		CHECK(o->found && !o->spf_aligned && !o->dkim_aligned);
	if (o->result == DMARC_RESULT_PASS || o->result == DMARC_RESULT_FAIL)
		CHECK(o->policy != DMARC_POLICY_UNSET);
	if (o->disposition != DMARC_DIS_NONE)
		CHECK(o->result == DMARC_RESULT_FAIL);
	if (o->disposition == DMARC_DIS_REJECT)
		CHECK(o->policy == DMARC_POLICY_REJECT);
	if (o->found)
		CHECK(o->policy_domain[0] != '\0');
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static struct publicsuffix *psl;
	const char *p, *end = (const char *) data + size;
	char *from = NULL, *spf = NULL, *dkim = NULL, *rec;
	struct dmarc_dkim sig;
	struct dmarc_request req;
	struct dmarc_outcome out;
	struct dns_client dns;
	struct zone *z;
	unsigned bits;
	size_t i;

	if (size < 1)
		return 0;
	if (psl == NULL && (psl = publicsuffix_load(NULL, NULL, 0)) == NULL)
		return 0;
	if ((z = zone_new()) == NULL || fixed_zone(z) != 0) {
		zone_free(z);
		return 0;
	}
	bits = data[0];
	p = (const char *) data + 1;
	from = line(&p, end);
	spf = line(&p, end);
	dkim = line(&p, end);
	for (i = 0; i < sizeof(owners) / sizeof(owners[0]); i++) {
		if ((rec = line(&p, end)) == NULL)
			break;
		zone_add_txt(z, owners[i], rec, strlen(rec));
		free(rec);
	}
	zone_client(z, &dns);
	memset(&req, 0, sizeof(req));
	req.from_domain = from ? from : "fuzz.example";
	req.spf = bits & 1 ? SPF_PASS : bits & 2 ? SPF_TEMPERROR : SPF_FAIL;
	req.spf_domain = spf;
	sig.domain = dkim;
	sig.pass = (bits & 4) != 0;
	sig.temperror = (bits & 8) != 0;
	req.dkim = &sig;
	req.ndkim = dkim ? 1 : 0;
	req.mode = bits & 16 ? DMARC_ORG_PSL : DMARC_ORG_TREEWALK;
	req.psl = psl;
	req.sample = (bits >> 5) * 14;
	dmarc_evaluate(&dns, &req, &out);
	consistent(&out);
	CHECK(zone_queries(z) == (unsigned long) out.dns_queries);
	zone_free(z);
	free(from);
	free(spf);
	free(dkim);
	return 0;
}
