/*
 * fuzz_address - the From address-list parser on raw bytes.
 *
 * What address.h promises, checked on every input: at most
 * ADDRESS_MAX_MAILBOXES mailboxes, and none at all unless the status is
 * OK or NODOMAIN; OK means at least one mailbox and every domain
 * non-empty, NODOMAIN at least one empty; every domain lowercase, with no
 * '@', no white space or control byte, no leading, trailing or doubled
 * dot; parsing is deterministic (a second parse into a dirty struct
 * gives the same list). Then what the list claims must hold up: writing
 * each mailbox back as "quoted-local"@domain (or the bare quoted local
 * part) must parse to the same list, and a trailing "," (an empty list
 * element) must change nothing. Each domain then goes where the From
 * domain goes, into its A-label form (policy/domain): a refusal says
 * why; an A-label is lowercase letters, digits, inner hyphens and dots,
 * labels of 1..63 octets, 253 in all, and maps to itself. The raw input
 * is also tried as a domain. Any breach aborts, so libFuzzer keeps the
 * input.
 */
#include <stdlib.h>
#include <string.h>

#include "policy/address.h"
#include "policy/domain.h"

/* check - a broken promise: stop here so the fuzzer saves the input */
static void check(int cond)
{
	if (!cond)
		abort();
}

/* same - two parses name the same mailboxes */
static int same(const struct address_list *a, const struct address_list *b)
{
	size_t i;

	if (a->count != b->count)
		return 0;
	for (i = 0; i < a->count; i++)
		if (strcmp(a->box[i].local, b->box[i].local) != 0
		    || strcmp(a->box[i].domain, b->box[i].domain) != 0)
			return 0;
	return 1;
}

/* check_domain - what a returned domain may look like */
static void check_domain(const char *d)
{
	size_t i, n = strlen(d);

	check(n < 256);
	if (n == 0)
		return;
	check(d[0] != '.' && d[n - 1] != '.');
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char) d[i];

		check(c < 'A' || c > 'Z');
		check(c > 0x20 && c != 0x7f);
		check(strchr("@()<>[]:;,\\\"", c) == NULL);
		check(!(c == '.' && d[i + 1] == '.'));
	}
}

/* check_alabel - the A-label promises of domain.h */
static void check_alabel(const char *in, size_t len)
{
	char out[DOMAIN_MAX + 1], again[DOMAIN_MAX + 1];
	const char *why = NULL;
	size_t i, n, label = 0;

	if (domain_alabel(in, len, out, &why) != 0) {
		check(why != NULL && why[0] != '\0');
		return;
	}
	n = strlen(out);
	check(n > 0 && n <= DOMAIN_MAX);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char) out[i];

		if (c == '.') {
			check(label > 0 && out[i - 1] != '-');
			label = 0;
			continue;
		}
		check((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
		check(label > 0 || c != '-');
		check(++label <= 63);
	}
	check(label > 0 && out[n - 1] != '-');
	check(domain_alabel(out, n, again, &why) == 0 && strcmp(out, again) == 0);
}

/* check_list - the status and the list agree */
static void check_list(enum address_status st, const struct address_list *l)
{
	size_t i, empty = 0;

	check(l->count <= ADDRESS_MAX_MAILBOXES);
	for (i = 0; i < l->count; i++) {
		check(memchr(l->box[i].local, '\0', sizeof(l->box[i].local)) != NULL);
		check(strpbrk(l->box[i].local, "\r\n") == NULL);
		check_domain(l->box[i].domain);
		check_alabel(l->box[i].domain, strlen(l->box[i].domain));
		empty += (l->box[i].domain[0] == '\0');
	}
	switch (st) {
	case ADDRESS_OK:
		check(l->count > 0 && empty == 0);
		break;
	case ADDRESS_NODOMAIN:
		check(l->count > 0 && empty > 0);
		break;
	case ADDRESS_EMPTY:
	case ADDRESS_SYNTAX:
	case ADDRESS_TOOMANY:
		check(l->count == 0);
		break;
	default:
		check(0);
	}
}

/* rebuild - the list written back as RFC 5322, quoted locals */
static size_t rebuild(const struct address_list *l, char *buf)
{
	size_t i, o = 0;
	const char *p;

	for (i = 0; i < l->count; i++) {
		if (i > 0) {
			buf[o++] = ',';
			buf[o++] = ' ';
		}
		buf[o++] = '"';
		for (p = l->box[i].local; *p; p++) {
			if (*p == '"' || *p == '\\')
				buf[o++] = '\\';
			buf[o++] = *p;
		}
		buf[o++] = '"';
		if (l->box[i].domain[0] != '\0') {
			buf[o++] = '@';
			memcpy(buf + o, l->box[i].domain, strlen(l->box[i].domain));
			o += strlen(l->box[i].domain);
		}
	}
	return o;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

/* LLVMFuzzerTestOneInput - one input: its promises, then its rewrites */
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static struct address_list l, again;
	static char buf[ADDRESS_MAX_MAILBOXES * (2 * 256 + 260) + 1];
	enum address_status st, st2;
	char *copy;
	size_t n;

	if (size <= DOMAIN_MAX_INPUT + 16)
		check_alabel((const char *) data, size);
	st = address_parse_list((const char *) data, size, &l);
	check_list(st, &l);
	memset(&again, 0x5a, sizeof(again));
	st2 = address_parse_list((const char *) data, size, &again);
	check(st2 == st && same(&l, &again));

	if (st == ADDRESS_OK || st == ADDRESS_NODOMAIN) {
		n = rebuild(&l, buf);
		st2 = address_parse_list(buf, n, &again);
		check(st2 == st && same(&l, &again));
	}
	if (size < ADDRESS_MAX_FIELD && (copy = malloc(size + 1)) != NULL) {
		memcpy(copy, data, size);
		copy[size] = ',';
		st2 = address_parse_list(copy, size + 1, &again);
		check(st2 == st && same(&l, &again));
		free(copy);
	}
	return 0;
}
