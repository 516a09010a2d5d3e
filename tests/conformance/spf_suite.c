/*
 * spf_suite - run the OpenSPF conformance suite through spf_check_mailfrom.
 *
 * Every test of the suite file is one TAP case, "scenario/test: got X
 * want Y"; a list of results accepts any member, and an explanation in
 * the test is compared too. Each scenario's zonedata is served by an
 * in-process zone with the driver conventions of ORIGIN.md; the default
 * explanation is "DEFAULT", as in pyspf's driver. The suite file is
 * $CONFORMANCE_DIR/spf/SPF_SUITE (rfc7208-tests.json unless the build
 * names another), or the last argument.
 *
 * Over the wire (spf_wire.sh drives these, one real unbound per scenario):
 *   spf_suite --count [SUITE]          prints the number of scenarios
 *   spf_suite --zone N [SUITE]         prints scenario N's zonedata as
 *                                      tests/lib/dns-server.sh DATA
 *   spf_suite --scenario N --nameserver IP@PORT [SUITE]
 *                                      runs scenario N through
 *                                      policy/resolver (libunbound) asking
 *                                      that server, as the daemon would
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "policy/resolver.h"
#include "policy/spf.h"
#include "tests/lib/zone.h"
#include "tests/lib/zone_data.h"
#include "tests/lib/tap.h"

/* The resolver's bound on one query over the wire: the suite's TIMEOUT
 * names never answer, and each costs this much. */
#define WIRE_TIMEOUT_MS 700

#ifndef SPF_SUITE
#define SPF_SUITE "rfc7208-tests.json"
#endif

struct tally {
	int passed;
	int failed;
};

/* want_text - the expected result(s) as text, "a|b" for a list */
static void want_text(const json_t *want, char *buf, size_t len)
{
	const json_t *v;
	size_t i, o = 0;

	buf[0] = '\0';
	if (json_is_string(want)) {
		snprintf(buf, len, "%s", json_string_value(want));
		return;
	}
	json_array_foreach(want, i, v)
		if (o < len)
			o += (size_t) snprintf(buf + o, len - o, "%s%s",
					       i ? "|" : "",
					       json_string_value(v));
}

/* result_ok - GOT is the wanted result or one of the wanted list */
static int result_ok(const char *got, const json_t *want)
{
	const json_t *v;
	size_t i;

	if (json_is_string(want))
		return strcmp(got, json_string_value(want)) == 0;
	json_array_foreach(want, i, v)
		if (json_is_string(v) && strcmp(got, json_string_value(v)) == 0)
			return 1;
	return 0;
}

/* str_field - a string member of a test, or DFLT */
static const char *str_field(const json_t *test, const char *key,
			     const char *dflt)
{
	const json_t *v = json_object_get(test, key);

	return json_is_string(v) ? json_string_value(v) : dflt;
}

/* run_test - one test against the scenario's zone */
static void run_test(const struct dns_client *dns, const char *scenario,
		     const char *id, const json_t *test, struct tally *t)
{
	const char *exp = str_field(test, "explanation", NULL);
	const json_t *want = json_object_get(test, "result");
	struct spf_request req;
	struct spf_outcome out;
	char wanted[64];
	int good;

	memset(&req, 0, sizeof(req));
	req.sender = str_field(test, "mailfrom", "");
	req.helo = str_field(test, "helo", "");
	req.default_explanation = "DEFAULT";
	want_text(want, wanted, sizeof(wanted));
	if (netaddr_parse(str_field(test, "host", ""), &req.ip) != 0) {
		ok(0, "%s/%s: host %s parses", scenario, id,
		   str_field(test, "host", ""));
		t->failed++;
		return;
	}
	spf_check_mailfrom(dns, &req, &out);
	good = result_ok(spf_result_name(out.result), want)
	    && (exp == NULL || strcmp(exp, out.explanation) == 0);
	ok(good, "%s/%s: got %s want %s", scenario, id,
	   spf_result_name(out.result), wanted);
	if (exp && strcmp(exp, out.explanation) != 0)
		diag("  explanation: got '%s' want '%s'", out.explanation, exp);
	if (!good)
		diag("  reason: %s", out.reason);
	if (good)
		t->passed++;
	else
		t->failed++;
}

/* run_tests - every test of SC against DNS */
static void run_tests(const json_t *sc, const struct dns_client *dns,
		      struct tally *t)
{
	const char *name = str_field(sc, "description", "?");
	const json_t *tests = json_object_get(sc, "tests"), *test;
	const char *id;

	json_object_foreach((json_t *) tests, id, test)
		run_test(dns, name, id, test, t);
}

/* run_scenario - load the zone, run every test */
static void run_scenario(const json_t *sc, struct tally *t)
{
	struct dns_client dns;
	struct zone *z = zone_new();
	char err[256];

	if (z == NULL || zone_load_json(z, json_object_get(sc, "zonedata"),
					err, sizeof(err)) < 0) {
		ok(0, "%s: zonedata loads (%s)", str_field(sc, "description", "?"),
		   z ? err : "no memory");
		t->failed++;
		zone_free(z);
		return;
	}
	zone_client(z, &dns);
	run_tests(sc, &dns, t);
	zone_free(z);
}

/* run_wire - the tests of SC through the resolver, asking NAMESERVER */
static void run_wire(const json_t *sc, const char *nameserver,
		     struct tally *t)
{
	struct resolver *r;
	struct dns_client dns;
	char err[256];

	r = resolver_new(nameserver, WIRE_TIMEOUT_MS, err, sizeof(err));
	if (r == NULL) {
		ok(0, "resolver for %s: %s", nameserver, err);
		t->failed++;
		return;
	}
	dns = resolver_client(r);
	run_tests(sc, &dns, t);
	resolver_free(r);
}

/* write_zone - SC's zonedata as dns-server.sh DATA on stdout */
static int write_zone(const json_t *sc)
{
	char err[256];

	if (zone_data_write(json_object_get(sc, "zonedata"), stdout, err,
			    sizeof(err)) < 0) {
		fprintf(stderr, "spf_suite: %s: %s\n",
			str_field(sc, "description", "?"), err);
		return 1;
	}
	return 0;
}

/* suite_label - "rfc7208-tests" from ".../rfc7208-tests.json" */
static const char *suite_label(const char *path, char *buf, size_t len)
{
	const char *base = strrchr(path, '/');
	size_t n;

	base = base ? base + 1 : path;
	n = strlen(base);
	if (n > 5 && strcmp(base + n - 5, ".json") == 0)
		n -= 5;
	snprintf(buf, len, "%.*s", (int) n, base);
	return buf;
}

/* The command line: a mode and the suite file. */
struct args {
	enum { RUN_ALL, COUNT, ZONE, WIRE } mode;
	long scenario;
	const char *nameserver;
	const char *path;
};

/* parse_args - 0, or -1 on a usage error */
static int parse_args(int argc, char **argv, struct args *a)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--count") == 0)
			a->mode = COUNT;
		else if (strcmp(argv[i], "--zone") == 0 && i + 1 < argc) {
			a->mode = ZONE;
			a->scenario = strtol(argv[++i], NULL, 10);
		} else if (strcmp(argv[i], "--scenario") == 0 && i + 1 < argc) {
			a->mode = WIRE;
			a->scenario = strtol(argv[++i], NULL, 10);
		} else if (strcmp(argv[i], "--nameserver") == 0 && i + 1 < argc)
			a->nameserver = argv[++i];
		else if (argv[i][0] != '-')
			a->path = argv[i];
		else
			return -1;
	}
	return a->mode == WIRE && a->nameserver == NULL ? -1 : 0;
}

/* run - what the mode asks of the loaded suite; the exit status */
static int run(const struct args *a, const json_t *suite, struct tally *t)
{
	const json_t *sc = json_array_get(suite, (size_t) a->scenario);
	size_t i;

	if ((a->mode == ZONE || a->mode == WIRE) && (a->scenario < 0 || sc == NULL)) {
		fprintf(stderr, "spf_suite: no scenario %ld\n", a->scenario);
		return 2;
	}
	switch (a->mode) {
	case COUNT:
		printf("%zu\n", json_array_size(suite));
		return 0;
	case ZONE:
		return write_zone(sc);
	case WIRE:
		run_wire(sc, a->nameserver, t);
		break;
	case RUN_ALL:
		json_array_foreach(suite, i, sc)
			run_scenario(sc, t);
		break;
	}
	return -1;
}

/* main - load the suite, do what the arguments ask, print the tally */
int main(int argc, char **argv)
{
	const char *dir = getenv("CONFORMANCE_DIR");
	struct args a = { RUN_ALL, 0, NULL, NULL };
	char path[4096], label[256];
	struct tally t = {0, 0};
	json_error_t jerr;
	json_t *suite;
	int rc;

	if (parse_args(argc, argv, &a) < 0) {
		fprintf(stderr, "usage: spf_suite [--count | --zone N | --scenario N"
			" --nameserver IP@PORT] [SUITE.json]\n");
		return 2;
	}
	if (a.path != NULL)
		snprintf(path, sizeof(path), "%s", a.path);
	else
		snprintf(path, sizeof(path), "%s/spf/%s",
			 dir ? dir : "tests/conformance/data", SPF_SUITE);
	suite = json_load_file(path, JSON_ALLOW_NUL, &jerr);
	if (!json_is_array(suite)) {
		if (a.mode == COUNT || a.mode == ZONE) {
			fprintf(stderr, "spf_suite: %s: %s\n", path, jerr.text);
			return 2;
		}
		ok(0, "suite %s loads: %s", path, jerr.text);
		return tap_done();
	}
	rc = run(&a, suite, &t);
	json_decref(suite);
	if (rc >= 0)
		return rc;
	diag("%s: %d passed, %d failed", suite_label(path, label, sizeof(label)),
	     t.passed, t.failed);
	return tap_done();
}
