/*
 * fuzz_authres - the Authentication-Results reader on raw bytes, and the
 * formatter on values cut from the same bytes (split at NUL).
 *
 * The reader must agree with itself (authres_id_parse, authres_authserv_id
 * and authres_claims, which compares ids with white space at either end
 * and dots at the end dropped), never read past SIZE (the buffer libFuzzer hands
 * over is exactly SIZE bytes), and give back a lowercase, NUL-free id.
 * The formatter's output must hold no CR, no LF but "\n\t" folds, no
 * control or 8-bit byte, exactly one top-level ';' per resinfo (an
 * injected ';' would add one), no line over 998 bytes, and must read back
 * as the authserv-id it was given. Any breach aborts, so libFuzzer keeps
 * the input.
 */
#include <stdlib.h>
#include <string.h>

#include "policy/authres.h"

#define OURS		"mx.example.org"
#define MAX_SEGS	16
#define MAX_ENTRIES	8

/* check - a broken promise: stop here so the fuzzer saves the input */
static void check(int cond)
{
	if (!cond)
		abort();
}

/* norm - ID without the white space at its ends and the dots at its end,
 * as authres_claims compares it; its length, and *START */
static size_t norm(const char *id, const char **start)
{
	size_t n;

	while (*id == ' ' || *id == '\t')
		id++;
	n = strlen(id);
	while (n > 0 && (id[n - 1] == ' ' || id[n - 1] == '\t' || id[n - 1] == '.'))
		n--;
	*start = id;
	return n;
}

/* fuzz_reader - the three readers agree on raw bytes */
static void fuzz_reader(const char *data, size_t size)
{
	char id[256];
	enum authres_idstat st;
	const char *start;
	int claims;
	size_t i, n;

	st = authres_id_parse(data, size, id, sizeof(id));
	claims = authres_claims(data, size, OURS);
	check(authres_authserv_id(data, size, id, sizeof(id))
	      == ((st == AUTHRES_ID_OK || st == AUTHRES_ID_NORESULT) ? 0 : -1));
	if (st != AUTHRES_ID_OK && st != AUTHRES_ID_NORESULT) {
		check(id[0] == '\0');
		return;
	}
	check(id[0] != '\0' && size <= AUTHRES_MAX_VALUE);
	for (i = 0; id[i]; i++)
		check(id[i] < 'A' || id[i] > 'Z');
	n = norm(id, &start);
	check(claims == (n == strlen(OURS) && memcmp(start, OURS, n) == 0));
	check(authres_claims(data, size, id) == (n > 0));
}

/* top_semicolons - ';' outside quoted strings and comments */
static size_t top_semicolons(const char *v)
{
	size_t n = 0, depth = 0;
	int quoted = 0;

	for (; *v; v++) {
		if (*v == '\\' && (quoted || depth > 0) && v[1] != '\0')
			v++;
		else if (*v == '"' && depth == 0)
			quoted = !quoted;
		else if (quoted)
			continue;
		else if (*v == '(')
			depth++;
		else if (*v == ')' && depth > 0)
			depth--;
		else if (*v == ';' && depth == 0)
			n++;
	}
	check(!quoted && depth == 0);
	return n;
}

/* check_output - what authres_format promises about its output */
static void check_output(const char *id, const char *v, int len, size_t n)
{
	char *got;
	size_t i, line = 24;

	check(len >= 0 && strlen(v) == (size_t) len);
	for (i = 0; v[i]; i++) {
		unsigned char c = (unsigned char) v[i];

		if (c == '\n') {
			check(v[i + 1] == '\t' && i > 0 && v[i - 1] != ' ');
			line = 0;
			continue;
		}
		check((c >= 0x20 && c < 0x7f) || (c == '\t' && i > 0 && v[i - 1] == '\n'));
		check(++line <= 998);
	}
	check(top_semicolons(v) == (n == 0 ? 1 : n));
	if ((got = malloc((size_t) len + 1)) == NULL)
		return;
	check(authres_id_parse(v, (size_t) len, got, (size_t) len + 1) == AUTHRES_ID_OK);
	for (i = 0; id[i]; i++)
		check(got[i] == ((id[i] >= 'A' && id[i] <= 'Z') ? id[i] + 32 : id[i]));
	check(got[i] == '\0');
	check(authres_claims(v, (size_t) len, id) == 1);
	free(got);
}

/* grow - account for a piece of LEN input bytes: the most it can take
 * with every byte escaped, in the whole value and on a line of its own */
static void grow(size_t len, size_t *worst, size_t *widest)
{
	size_t piece = 2 * len + 40;

	*worst += piece + 2;
	if (piece > *widest)
		*widest = piece;
}

/* fuzz_format - entries built from the NUL-separated segments */
static void fuzz_format(const char *data, size_t size)
{
	static const char *methods[] = { "spf", "dkim", "dmarc", "iprev", "auth" };
	static const char *props[][2] = {
		{ "smtp", "mailfrom" }, { "smtp", "helo" }, { "header", "d" },
		{ "header", "from" }, { "policy", "iprev" },
	};
	struct authres_entry e[MAX_ENTRIES];
	const char *seg[MAX_SEGS];
	char *copy, *p, *end, *out;
	size_t nseg = 0, n, i, worst = 0, widest = 0;
	unsigned ctl = size > 0 ? (unsigned char) data[0] : 0;
	const char *id = OURS;
	int j, len;

	if ((copy = malloc(size + 1)) == NULL)
		return;
	memcpy(copy, data, size);
	copy[size] = '\0';
	for (p = copy, end = copy + size; nseg < MAX_SEGS; p += strlen(p) + 1) {
		seg[nseg++] = p;
		if (p + strlen(p) >= end)
			break;
	}
	/* bit 7: the authserv-id is the last segment, not ours */
	if ((ctl & 0x80) && nseg > 1)
		id = seg[--nseg];
	n = ctl % (MAX_ENTRIES + 1);
	memset(e, 0, sizeof(e));
	for (i = 0; i < n; i++) {
		e[i].method = methods[i % 5];
		e[i].result = (ctl & 0x10) ? "pass" : "temperror";
		e[i].comment = (ctl & 0x20) ? seg[(i * 3) % nseg] : NULL;
		e[i].reason = (ctl & 0x40) ? seg[(i * 3 + 1) % nseg] : NULL;
		e[i].nprops = (int) ((i + ctl / 9) % (AUTHRES_MAX_PROPS + 1));
		for (j = 0; j < e[i].nprops; j++) {
			e[i].props[j].ptype = props[(i + (size_t) j) % 5][0];
			e[i].props[j].property = props[(i + (size_t) j) % 5][1];
			e[i].props[j].value = seg[(i * 3 + 2 + (size_t) j) % nseg];
			grow(strlen(e[i].props[j].value), &worst, &widest);
		}
		if (e[i].comment != NULL)
			grow(strlen(e[i].comment), &worst, &widest);
		if (e[i].reason != NULL)
			grow(strlen(e[i].reason), &worst, &widest);
		grow(0, &worst, &widest);	/* method=result */
	}
	grow(strlen(id), &worst, &widest);
	if ((out = malloc(AUTHRES_MAX_FIELD + 1)) != NULL) {
		len = authres_format(id, e, n, out, AUTHRES_MAX_FIELD + 1);
		if (!authres_is_token(id, strlen(id)))
			check(len == -1 && out[0] == '\0');
		else if (len >= 0)
			check_output(id, out, len, n);
		else	/* only too long a value or too long a line may fail */
			check(worst > AUTHRES_MAX_FIELD || widest + strlen(id) > 998);
		free(out);
	}
	free(copy);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	fuzz_reader((const char *) data, size);
	fuzz_format((const char *) data, size);
	return 0;
}
