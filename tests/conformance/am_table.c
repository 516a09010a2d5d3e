/*
 * am_table - the fixture mapping and our deliberate differences; see
 * am_table.h.
 */
#include "tests/conformance/am_table.h"


const struct amconf am_confs[] = {
	{"config/normal", "test.module", 0, "123.123.12.3", NULL,
	 "no hard_reject: a p=reject failure is held as quarantine"},
	{"config/timeout", "test.module", 0, NULL, NULL,
	 "dryrun with only a TestTimeout handler (1 s timeouts): adds no field"},
	{"config/dmarc_reject", "test.module", 1, "123.123.12.3", "99.0.0.0/8",
	 "hard_reject, DMARC whitelist 99.0.0.0/8"},
	{"config/dmarc_reject_wl", "test.module", 1, "123.123.12.3",
	 "99.0.0.0/8", "hard_reject, DMARC whitelist 99.0.0.0/8 and "
	 "dkim:marcbradshaw.net (no equivalent here)"},
	{"config/dryrun", "test.module", 0, "123.123.12.3", NULL,
	 "dryrun: adds no field, enforces nothing"},
	{"config/hide_none", "mx.example.net", 0, NULL, NULL,
	 "hide_none: none results left out; authserv-id mx.example.net"},
};

/* Where the expected file has no field to compare with, the same input
 * under config/normal gives the results. */
const struct amref am_refs[] = {
	{"google_apps_good_dryrun.eml", "google_apps_good.eml",
	 "dryrun adds no field; ReportOnly still writes ours"},
	{"dmarc_reject_hard.eml", "dmarc_reject.eml",
	 "the expected output is the SMTP reply alone"},
};


#define HIDE_NONE "their hide_none leaves none results out; we always write them"
#define NO_FROM "the From field names no domain: our verdict refuses such a " \
	"message (RFC 5322 3.6: one From mailbox), they only report permerror"
#define IP_MAP "their ip_map turns this client into 74.125.82.171; we judge " \
	"the real client, which marcbradshaw.net's SPF does not list (~all)"

const struct amdiff am_diffs[] = {
	{"google_apps_good_map.eml", "spf", "pass", "softfail", IP_MAP},
	{"google_apps_good_map_cidr.eml", "spf", "pass", "softfail", IP_MAP},
	{"google_apps_bad_space.eml", "spf", "pass", "none",
	 "MAIL FROM marc@ marcbradshaw.net: \" marcbradshaw.net\" is no domain, "
	 "so RFC 7208 4.3 gives none; authentication_milter drops the space"},
	{"google_apps_bad_space.eml", "dmarc", "pass header.from=marcbradshaw.net",
	 "fail header.from=marcbradshaw.net", "no aligned pass is left: SPF is "
	 "none (above) and the DKIM signature fails for both of us"},
	{"dmarc_multi_2.eml", "spf", "none", "softfail", "MAIL FROM is two "
	 "addresses; SPF checks the domain after the last '@' (marcbradshaw.net, "
	 "~all), they give up (smtp.mailfrom=\"\"). Postfix refuses such a MAIL "
	 "FROM (501) before a milter sees it"},
	{"dmarc_reject_wl.eml", "dkim", "marcbradshaw.net:pass",
	 "marcbradshaw.net:fail", "a=rsa-sha1: RFC 8301 3.1, verifiers must not "
	 "accept it"},
	{"dmarc_reject_wl.eml", "action", "accept", "reject 550", "their whitelist "
	 "entry dkim:marcbradshaw.net has no equivalent here (and the signature "
	 "fails, RFC 8301): goestheweasel.com's p=reject applies"},
	{"google_apps_nodkim_hide_none.eml", "dkim", AM_ABSENT, "none", HIDE_NONE},
	{"google_apps_nospf_hide_none.eml", "spf", AM_ABSENT, "none", HIDE_NONE},
	{"spam_headers_spf_hide_none.eml", "dkim", AM_ABSENT, "none", HIDE_NONE},
	{"spam_headers_spf_hide_none.eml", "would", "accept", "reject 550", NO_FROM},
	{"spam_headers_hide_none.eml", "spf", AM_ABSENT, "none", HIDE_NONE},
	{"spam_headers_hide_none.eml", "dkim", AM_ABSENT, "none", HIDE_NONE},
	{"spam_headers_hide_none.eml", "would", "accept", "reject 550", NO_FROM},
};


const size_t am_nconfs = sizeof(am_confs) / sizeof(am_confs[0]);
const size_t am_nrefs = sizeof(am_refs) / sizeof(am_refs[0]);
const size_t am_ndiffs = sizeof(am_diffs) / sizeof(am_diffs[0]);
