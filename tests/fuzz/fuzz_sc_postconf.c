/*
 * fuzz_sc_postconf - the postconf output parser on arbitrary text, then
 * every postfix.* analysis on the table it made (so the restriction,
 * network, protocol and milter list parsers are fuzzed too), once with
 * authmilter's socket known and once without. The table must keep its
 * promises: names of the allowed characters, sorted and unique, values
 * trimmed one-line strings that lookups find; the analyses must add only
 * postfix.* findings with bounded, printable evidence.
 */
#include <string.h>

#include "selfcheck/core/finding.h"
#include "selfcheck/postfix/postfix.h"
#include "selfcheck/postfix/postconf.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

/* name_ok - [A-Za-z0-9_]{1,SC_POSTCONF_MAX_NAME} */
static int name_ok(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			  "0123456789_");

	return n > 0 && s[n] == '\0' && n <= SC_POSTCONF_MAX_NAME;
}

/* value_ok - one line, no blank at either end */
static int value_ok(const char *v)
{
	size_t n = strlen(v);

	if (strchr(v, '\n') != NULL)
		return 0;
	return n == 0 || (strchr(" \t\r", v[0]) == NULL
			  && strchr(" \t\r", v[n - 1]) == NULL);
}

/* check_table - the promises of a parsed table */
static void check_table(const struct sc_postconf *pc, const unsigned char *data,
			size_t size)
{
	size_t i, lines = 1;

	for (i = 0; i < size; i++)
		lines += data[i] == '\n';
	CHECK(pc->n <= SC_POSTCONF_MAX_PARAMS);
	CHECK(pc->n + pc->skipped <= lines);
	for (i = 0; i < pc->n; i++) {
		CHECK(name_ok(pc->param[i].name));
		CHECK(value_ok(pc->param[i].value));
		CHECK(i == 0 || strcmp(pc->param[i - 1].name, pc->param[i].name) < 0);
		CHECK(sc_postconf_get(pc, pc->param[i].name) == pc->param[i].value);
	}
}

/* check_report - only postfix.* findings, evidence bounded */
static void check_report(const struct sc_report *r)
{
	size_t i;

	CHECK(r->nu == 0);
	for (i = 0; i < r->n; i++) {
		CHECK(strncmp(r->f[i].name, "postfix.", 8) == 0);
		CHECK(strlen(r->f[i].evidence) < SC_EVIDENCE_MAX);
		CHECK(r->f[i].fix != NULL && r->f[i].fix[0] != '\0');
	}
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct sc_pf_milter_ref known = { "inet:8893@127.0.0.1", "fuzz", NULL };
	struct sc_pf_milter_ref any = { NULL, NULL, "fuzz" };
	struct sc_postconf pc;
	struct sc_report r;

	if (sc_postconf_parse((const char *) data, size, &pc) != SC_POSTCONF_OK) {
		CHECK(size > SC_POSTCONF_MAX_TEXT && pc.buf == NULL);
		return 0;
	}
	check_table(&pc, data, size);
	sc_report_init(&r);
	sc_postfix_analyze(&r, &pc, &known);
	check_report(&r);
	sc_report_free(&r);
	sc_postfix_analyze(&r, &pc, &any);
	check_report(&r);
	sc_report_free(&r);
	sc_postconf_free(&pc);
	return 0;
}
