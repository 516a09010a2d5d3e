/*
 * dns_dkim - the DKIM key analysis; see dns.h.
 *
 * Without selectors from the admin, a short list of common ones is
 * tried: selectors cannot be enumerated, so dkim.missing says which
 * were checked and asks for --selector. A key counts as found when
 * its record parses and p= holds a key of its k= type; a record that
 * does not is named in the evidence of dkim.missing, since no verifier
 * could use it either.
 */
#include <stdio.h>
#include <string.h>

#include "dns.h"
#include "dns_dkimkey.h"
#include "dns_name.h"
#include "dns_text.h"

static const char *const common_selectors[] = {
	"default", "dkim", "mail", "selector1", "selector2", "google",
	"k1", "k2", "s1", "s2", "smtp", "key1",
};

/* What looking at the selectors came to. */
struct dkim_scan {
	int found;                  /* usable keys */
	int failed;                 /* lookups that did not answer */
	int timeouts;               /* of them, timeouts */
	struct sc_dns_text checked; /* every selector, and what it held */
};

/* unusable - why no verifier could use K, or NULL if one could */
static const char *unusable(const struct sc_dkim_key *k, int *bits)
{
	*bits = 0;
	if (!k->email)
		return "s= excludes email";
	switch (k->k) {
	case SC_DKIM_K_RSA:
		if ((*bits = sc_dns_dkimkey_rsa_bits(k)) <= 0)
			return "p= holds no RSA public key";
		return NULL;
	case SC_DKIM_K_ED25519:
		return k->keylen == 32 ? NULL
		    : "p= is not a 32-octet Ed25519 key";
	case SC_DKIM_K_OTHER:
		break;
	}
	return "k= names an unknown key type";
}

/* judge - one key record of NAME */
static void judge(const char *name, const struct dns_rr *rr,
		  struct dkim_scan *s, struct sc_report *r)
{
	struct sc_dkim_key key, *k = &key;
	const char *why;
	char err[96];
	int bits;

	if (sc_dns_dkimkey_parse(rr->text, rr->textlen, k, err, sizeof(err))
	    != SC_DKIM_KEY_OK) {
		sc_dns_text_add(&s->checked, " (invalid record: %s)", err);
		sc_found(r, SC_ID_DKIM_INVALID_KEY, "%s: %s", name, err);
		return;
	}
	if (k->revoked) {
		sc_dns_text_add(&s->checked, " (revoked)");
		sc_found(r, SC_ID_DKIM_REVOKED, "%s: p= is empty", name);
		return;
	}
	if ((why = unusable(k, &bits)) != NULL) {
		sc_dns_text_add(&s->checked, " (unusable: %s)", why);
		sc_found(r, SC_ID_DKIM_INVALID_KEY, "%s: %s", name, why);
		return;
	}
	s->found++;
	sc_dns_text_add(&s->checked, " (%s key%s)", k->kname,
			k->testing ? ", t=y" : "");
	if (k->testing)
		sc_found(r, SC_ID_DKIM_TESTING, "%s: t=y", name);
	if (bits > 0 && bits < 2048)
		sc_found_sev(r, SC_ID_DKIM_WEAK_KEY,
			     bits < 1024 ? SC_HIGH : SC_MEDIUM,
			     "%s: RSA key of %d bits", name, bits);
}

/* selector - look at SEL._domainkey.DOMAIN */
static void selector(const struct dns_client *dns, const char *domain,
		     const char *sel, struct dkim_scan *s, struct sc_report *r)
{
	char name[SC_DNS_NAME_SIZE], base[SC_DNS_NAME_SIZE];
	struct dns_answer a;
	size_t i, keys = 0;

	sc_dns_text_add(&s->checked, "%s%s", s->checked.tb.len ? ", " : "",
			sel);
	if (sc_dns_name_join(base, sizeof(base), "_domainkey", domain) < 0
	    || sc_dns_name_join(name, sizeof(name), sel, base) < 0) {
		s->failed++;
		sc_unrun(r, "dns.dkim",
			 "selector %.64s: not a name DNS can ask for", sel);
		return;
	}
	dns_lookup(dns, name, DNS_T_TXT, &a);
	if (sc_dns_failed(a.status)) {
		s->failed++;
		s->timeouts += a.status == DNS_TIMEOUT;
		sc_unrun(r, "dns.dkim", "%s TXT: %s", name,
			 dns_status_name(a.status));
	}
	/* one key record per selector; a name that holds several is
	 * looked at record by record, as verifiers differ in which one
	 * they take */
	for (i = 0; a.status == DNS_OK && i < a.count; i++)
		if (a.rr[i].text != NULL) {
			judge(name, &a.rr[i], s, r);
			keys++;
		}
	if (keys == 0 && !sc_dns_failed(a.status))
		sc_dns_text_add(&s->checked, " (none)");
	dns_answer_free(&a);
}

/* sc_dns_dkim - every selector, then dkim.missing if none had a key */
void sc_dns_dkim(const struct dns_client *dns, const char *domain,
		 const char *const *selectors, size_t n, struct sc_report *r)
{
	struct dkim_scan s;
	size_t i;

	if (n == 0) {
		selectors = common_selectors;
		n = sizeof(common_selectors) / sizeof(common_selectors[0]);
	}
	memset(&s, 0, sizeof(s));
	sc_dns_text_init(&s.checked);
	/* a server that drops queries would cost a timeout per selector:
	 * after two, the rest are said to be unasked */
	for (i = 0; i < n && i < 32 && s.timeouts < 2; i++)
		selector(dns, domain, selectors[i], &s, r);
	if (i < n && s.timeouts >= 2)
		sc_unrun(r, "dns.dkim", "%zu more selectors not asked after "
			 "two timeouts", n - i);
	if (s.found == 0 && s.failed == 0)
		sc_found(r, SC_ID_DKIM_MISSING,
			 "no usable key at SELECTOR._domainkey.%s for the "
			 "selectors checked: %s", domain, s.checked.s);
}
