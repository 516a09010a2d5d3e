/* test_sc_core - the parts of authmilter-selfcheck every group relies on:
 * the finding list and its exit status, the catalog, the command line,
 * and the three output forms (the JSON read back as a script would). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "tests/lib/tap.h"
#include "selfcheck/core/catalog.h"
#include "selfcheck/core/finding.h"
#include "selfcheck/core/options.h"
#include "selfcheck/core/report.h"

/* captured - what PRINT wrote for R, as a string (caller frees) */
static char *captured(int (*print)(FILE *, const struct sc_report *, const struct sc_target *),
		      const struct sc_report *r, const struct sc_target *t)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (f == NULL)
		return NULL;
	if (print(f, r, t) != 0) {
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	return buf;
}

static int starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int nagios(FILE *out, const struct sc_report *r, const struct sc_target *t)
{
	(void) t;
	return sc_report_nagios(out, r);
}

/* enum_names - each entry's NAME as the table writes it (SC_ID_NAME) */
static const char *const enum_names[] = {
#define NAME_OF(name, id, severity, title, fix) #name,
	SC_CATALOG(NAME_OF)
#undef NAME_OF
};

/* as_enum_name - ID ("spf.plus_all") as its enum NAME ("SPF_PLUS_ALL") */
static const char *as_enum_name(const char *id, char *buf, size_t len)
{
	size_t o = 0;

	for (; *id != '\0' && o + 1 < len; id++)
		buf[o++] = *id == '.' ? '_' : *id >= 'a' && *id <= 'z' ? (char) (*id - 'a' + 'A') : *id;
	buf[o] = '\0';
	return buf;
}

static void test_catalog(void)
{
	size_t i, j, bad = 0, dup = 0, misnamed = 0;
	char want[128];

	for (i = 0; i < SC_ID_COUNT; i++) {
		const struct sc_catalog_entry *e = &sc_catalog[i];
		const char *dot = e->name ? strchr(e->name, '.') : NULL;

		if (dot == NULL || dot == e->name || strspn(dot + 1, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(dot + 1)
		    || strlen(dot + 1) == 0 || e->title[0] == '\0' || e->fix[0] == '\0'
		    || strlen(e->title) > 100) {
			diag("bad catalog entry %zu %s", i, e->name ? e->name : "(none)");
			bad++;
			continue;
		}
		if (strcmp(as_enum_name(e->name, want, sizeof(want)), enum_names[i]) != 0) {
			diag("SC_ID_%s names %s", enum_names[i], e->name);
			misnamed++;
		}
		for (j = i + 1; j < SC_ID_COUNT; j++)
			if (sc_catalog[j].name && strcmp(e->name, sc_catalog[j].name) == 0)
				dup++;
	}
	is_int((long) bad, 0, "every catalog id is GROUP.name, with a title and a fix");
	is_int((long) misnamed, 0, "every SC_ID_NAME is its id in upper case, '_' for '.'");
	is_int((long) dup, 0, "no catalog id twice");
	is_int((long) SC_ID_COUNT, 61, "the catalog holds the 60 ids of issue 4 and dkim.invalid_key");
	is_str(sc_catalog[SC_ID_SMTP_OPEN_RELAY].name, "smtp.open_relay", "the table is indexed by the enum");
	ok(sc_catalog[SC_ID_SMTP_OPEN_RELAY].severity == SC_CRITICAL, "an open relay is critical");
	ok(sc_catalog[SC_ID_SPF_PLUS_ALL].severity == SC_CRITICAL, "+all is critical");
	ok(sc_catalog[SC_ID_DMARC_MISSING].severity == SC_HIGH, "a DMARC gap is high");
	ok(sc_catalog[SC_ID_SMTP_VRFY_ENABLED].severity == SC_MEDIUM, "VRFY is medium");
	ok(sc_catalog[SC_ID_CAA_MISSING].severity == SC_LOW, "CAA is low");
}

static void test_findings(void)
{
	struct sc_report r;
	char big[5000];

	sc_report_init(&r);
	is_int(sc_exit_status(&r), 0, "nothing found: status 0");
	is_int(sc_found(&r, SC_ID_MX_EQUAL_PRIORITY, "two at 10"), 0, "an info finding is added");
	is_int(sc_exit_status(&r), 0, "info only: status 0");
	sc_found(&r, SC_ID_CAA_MISSING, "no CAA");
	is_int(sc_exit_status(&r), 0, "low only: status 0");
	sc_found(&r, SC_ID_SMTP_VRFY_ENABLED, "C: VRFY postmaster\nS: 252 2.0.0 postmaster");
	is_int(sc_exit_status(&r), 1, "a medium finding: status 1");
	sc_unrun(&r, "dns", "timeout");
	is_int(sc_exit_status(&r), 3, "a check that could not run outranks medium: status 3");
	sc_found_sev(&r, SC_ID_DKIM_WEAK_KEY, SC_HIGH, "768 bits");
	is_int(sc_exit_status(&r), 2, "a high finding: status 2, even with a check not run");
	is_int(sc_found(&r, SC_ID_COUNT, "x"), -1, "an id outside the catalog is refused");
	ok(sc_has(&r, SC_ID_DKIM_WEAK_KEY) && !sc_has(&r, SC_ID_SPF_MISSING), "sc_has tells what was found");
	sc_found(&r, SC_ID_SMTP_BANNER_SOFTWARE, "S: 220 mx \x1b[31mPostfix\x01");
	ok(strcmp(r.f[r.n - 1].evidence, "S: 220 mx \\x1b[31mPostfix\\x01") == 0,
	   "control octets in evidence are escaped: %s", r.f[r.n - 1].evidence);
	memset(big, 'A', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	sc_found(&r, SC_ID_SPF_SYNTAX, "%s", big);
	ok(strlen(r.f[r.n - 1].evidence) < SC_EVIDENCE_MAX, "evidence is bounded");
	/* 2042 octets and two escapes: the old copy cut at octet 2044 and
	 * ended "AA\\x..." (half an escape); printable_n cuts before the
	 * escape that does not fit, so the text ends after the last 'A' */
	memset(big, 'A', 2042);
	memcpy(big + 2042, "\x01\x02", 3);
	sc_found(&r, SC_ID_SPF_SYNTAX, "%s", big);
	is_int((long) strlen(r.f[r.n - 1].evidence), 2045, "cut evidence: 2042 octets and \"...\"");
	ok(strcmp(r.f[r.n - 1].evidence + 2041, "A...") == 0,
	   "an escape is not split at the cut: %s", r.f[r.n - 1].evidence + 2038);
	sc_unrun(&r, "smtp", "%s", big);
	ok(strcmp(r.nu > 0 ? r.u[r.nu - 1].why + 2041 : "", "A...") == 0,
	   "the why of a check not run is cut the same way");
	sc_found_fix(&r, SC_ID_POSTFIX_BANNER_LEAK, "smtpd_banner = $myhostname ESMTP", "x");
	is_str(r.f[r.n - 1].fix, "smtpd_banner = $myhostname ESMTP", "a case-specific fix replaces the catalog's");
	sc_sort(&r);
	is_str(r.f[0].name, "dkim.weak_key", "sorted: highest severity first");
	ok(r.f[0].id == SC_ID_DKIM_WEAK_KEY, "a finding keeps its enum id");
	is_str(r.f[r.n - 1].name, "mx.equal_priority", "sorted: info last");
	is_int((long) sc_count(&r, SC_LOW), 3, "counted by severity");
	sc_report_free(&r);
}

/* parse - sc_options_parse on a NULL-terminated list of words */
static int parse(struct sc_cli *cli, const char *mail_config, const char *const *words)
{
	char *argv[32], err[512];
	int argc = 0;

	argv[argc++] = (char *) "authmilter-selfcheck";
	while (*words != NULL)
		argv[argc++] = (char *) *words++;
	argv[argc] = NULL;
	return sc_options_parse(cli, argc, argv, mail_config, err, sizeof(err));
}

#define PARSE(cli, mc, ...) parse(cli, mc, (const char *const[]) { __VA_ARGS__, NULL })

static void test_options(void)
{
	static const struct { const char *arg, *host; unsigned port; int addr; } good[] = {
		{ "127.0.0.1", "127.0.0.1", 25, 1 },
		{ "127.0.0.2:2525", "127.0.0.2", 2525, 1 },
		{ "mx.example.org", "mx.example.org", 25, 0 },
		{ "mx.example.org:587", "mx.example.org", 587, 0 },
		{ "[::1]:2525", "::1", 2525, 1 },
		{ "[2001:db8::25]", "2001:db8::25", 25, 1 },
		{ "::1", "::1", 25, 1 },
	};
	static const char *const bad[] = {
		"", ":25", "host:", "host:0", "host:65536", "host:25x", "[::1", "[::1]x",
		"[]:25", "not::an:address", "[::1]:-1",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	};
	struct sc_cli cli;
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		struct sc_options o;

		memset(&o, 0, sizeof(o));
		ok(sc_options_target(&o, good[i].arg) == 0 && strcmp(o.smtp_host, good[i].host) == 0
		   && o.smtp_port == good[i].port && o.smtp_host_is_addr == good[i].addr,
		   "--smtp %s: host %s port %u", good[i].arg, good[i].host, good[i].port);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct sc_options o;

		memset(&o, 0, sizeof(o));
		is_int(sc_options_target(&o, bad[i]), -1, "--smtp '%.20s' is refused", bad[i]);
	}
	is_int(PARSE(&cli, NULL, "--json"), 0, "defaults parse");
	ok(strcmp(cli.opt.smtp_host, "127.0.0.1") == 0 && cli.opt.smtp_port == 25
	   && cli.groups == SC_GROUP_ALL && cli.output == SC_OUT_JSON && cli.postfix_asked == -1,
	   "defaults: 127.0.0.1:25, every group, postfix when found");
	is_int(PARSE(&cli, "/etc/postfix-out", "--only", "dns,postfix"), 0, "--only dns,postfix");
	ok(cli.groups == (SC_GROUP_DNS | SC_GROUP_POSTFIX), "--only selects groups");
	is_str(cli.opt.postfix_config, "/etc/postfix-out", "MAIL_CONFIG names the Postfix instance");
	is_int(PARSE(&cli, "/etc/postfix-out", "--postfix-config", "/etc/p2"), 0, "--postfix-config");
	is_str(cli.opt.postfix_config, "/etc/p2", "--postfix-config beats MAIL_CONFIG");
	is_int(PARSE(&cli, NULL, "--selector", "s1,s2,2024", "--dnsbl", "bl.test", "--timeout", "3"), 0,
	       "lists and timeout");
	ok(cli.opt.nselectors == 3 && strcmp(cli.opt.selectors[2], "2024") == 0 && cli.opt.ndnsbl == 1
	   && cli.opt.timeout_ms == 3000, "--selector split on commas, --timeout in seconds");
	is_int(PARSE(&cli, NULL, "--only", "smtp,ftp"), -1, "--only with an unknown group is refused");
	is_int(PARSE(&cli, NULL, "--only", ""), -1, "--only empty is refused");
	is_int(PARSE(&cli, NULL, "--timeout", "0"), -1, "--timeout 0 is refused");
	is_int(PARSE(&cli, NULL, "--timeout", "10s"), -1, "--timeout 10s is refused");
	is_int(PARSE(&cli, NULL, "--selector", ",,,"), -1, "--selector with no names is refused");
	is_int(PARSE(&cli, NULL, "--frobnicate"), -1, "an unknown option is refused");
	is_int(PARSE(&cli, NULL, "--smtp"), -1, "a missing argument is refused");
	is_int(PARSE(&cli, NULL, "extra"), -1, "a stray argument is refused");
	is_int(PARSE(&cli, NULL, "--postfix", "--only", "dns"), -1, "--postfix with --only dns is refused");
	is_int(PARSE(&cli, NULL, "--selector", "a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q"), -1,
	       "more than 16 selectors are refused");
}

static void fill(struct sc_report *r)
{
	sc_report_init(r);
	sc_found(r, SC_ID_SMTP_OPEN_RELAY, "C: RCPT TO:<relaytest@probe.example>\nS: 250 2.1.5 Ok");
	sc_found(r, SC_ID_SPF_SOFTFAIL_ALL, "v=spf1 mx ~all | \"quoted\"");
	sc_unrun(r, "dns", "_dmarc.example.org TXT: timeout\nafter 5 s");
	sc_sort(r);
}

static void test_json(void)
{
	struct sc_target t = { "127.0.0.1:2525", "example.org", NULL, 0 };
	struct sc_report r;
	json_error_t jerr;
	json_t *doc, *f;
	char *out;

	fill(&r);
	out = captured(sc_report_json, &r, &t);
	doc = out ? json_loads(out, 0, &jerr) : NULL;
	ok(doc != NULL, "the JSON output parses");
	f = json_array_get(json_object_get(doc, "findings"), 0);
	is_str(json_string_value(json_object_get(f, "id")), "smtp.open_relay", "findings[0].id");
	is_str(json_string_value(json_object_get(f, "severity")), "critical", "findings[0].severity");
	ok(json_string_value(json_object_get(f, "evidence")) && strstr(json_string_value(json_object_get(f, "evidence")), "S: 250 2.1.5 Ok"),
	   "findings[0].evidence keeps the transcript");
	ok(json_object_get(f, "title") && json_object_get(f, "fix") && json_object_size(f) == 5,
	   "a finding has exactly id, severity, title, evidence, fix");
	is_int((long) json_integer_value(json_object_get(doc, "status")), 2, "status 2 in the JSON");
	is_int((long) json_integer_value(json_object_get(json_object_get(doc, "counts"), "low")), 1, "counts.low");
	is_str(json_string_value(json_object_get(json_array_get(json_object_get(doc, "not_run"), 0), "check")),
	       "dns", "not_run[0].check");
	ok(json_is_null(json_object_get(json_object_get(doc, "target"), "postfix_config")), "an absent target is null");
	json_decref(doc);
	free(out);
	sc_report_free(&r);
}

static void test_text_and_nagios(void)
{
	struct sc_target t = { "127.0.0.1:2525", "example.org", NULL, 0 };
	struct sc_report r;
	char *out;

	fill(&r);
	out = captured(sc_report_text, &r, &t);
	ok(out && strstr(out, "critical (1)\n  smtp.open_relay: ") != NULL, "text: grouped by severity");
	ok(out && strstr(out, "    fix: Allow relaying only") != NULL, "text: the fix is shown");
	ok(out && strstr(out, "checks that could not run (1)\n  dns: _dmarc.example.org TXT: timeout") != NULL,
	   "text: what could not run is said");
	ok(out && strstr(out, "status 2 (CRITICAL)") != NULL, "text: the status is said");
	free(out);
	out = captured(nagios, &r, &t);
	ok(out && starts(out, "SELFCHECK CRITICAL - 1 critical, 0 high, 0 medium, 1 low, 0 info: smtp.open_relay;"),
	   "nagios: status word, counts, ids: %s", out ? out : "(null)");
	ok(out && strchr(out, '\n') == out + strlen(out) - 1, "nagios: one line, even with a multi-line reason");
	ok(out && strstr(out, " | critical=1;;;0 high=0;;;0 medium=0;;;0 low=1;;;0 info=0;;;0 not_run=1;;;0\n") != NULL,
	   "nagios: performance data after one '|'");
	ok(out && strchr(out, '|') == strrchr(out, '|'), "nagios: no other '|' in the text");
	free(out);
	sc_report_free(&r);
	sc_report_init(&r);
	out = captured(nagios, &r, &t);
	ok(out && starts(out, "SELFCHECK OK - 0 critical"), "nagios: OK when nothing is found");
	free(out);
	sc_report_free(&r);
}

int main(void)
{
	test_catalog();
	test_findings();
	test_options();
	test_json();
	test_text_and_nagios();
	return tap_done();
}
