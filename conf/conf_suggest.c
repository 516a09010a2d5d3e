/*
 * conf_suggest - find a key by name, and guess which key a mistyped one
 * meant, so "Sokcet" gets "did you mean 'Socket'?" instead of a bare
 * "unknown key".
 */
#include <string.h>
#include <strings.h>

#include "util/ascii.h"
#include "conf_priv.h"

/* Longer names are not typos of ours; this also bounds the work. */
#define SUGGEST_MAX_LEN 64
#define SUGGEST_MAX_DIST 2

/* fold - ASCII lower case, locale-free */
static unsigned char fold(char c)
{
	return (unsigned char) ascii_lower((unsigned char) c);
}

/* min3 - smallest of three */
static size_t min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;

	return m < c ? m : c;
}

/* distance - edit distance, case-folded, where swapping two neighbours
 * counts as one edit (the commonest typo: "Sokcet") */
static size_t distance(const char *a, size_t la, const char *b, size_t lb)
{
	size_t d[SUGGEST_MAX_LEN + 1][SUGGEST_MAX_LEN + 1];
	size_t i, j, cost;

	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++) {
		for (j = 1; j <= lb; j++) {
			cost = fold(a[i - 1]) != fold(b[j - 1]);
			d[i][j] = min3(d[i - 1][j] + 1, d[i][j - 1] + 1,
				       d[i - 1][j - 1] + cost);
			if (i > 1 && j > 1 && fold(a[i - 1]) == fold(b[j - 2])
			    && fold(a[i - 2]) == fold(b[j - 1])
			    && d[i - 2][j - 2] + 1 < d[i][j])
				d[i][j] = d[i - 2][j - 2] + 1;
		}
	}
	return d[la][lb];
}

/* same_letters - A is B with its letters moved about ("ServAuthID") */
static int same_letters(const char *a, size_t la, const char *b, size_t lb)
{
	int count[256] = { 0 };
	size_t i;

	if (la != lb)
		return 0;
	for (i = 0; i < la; i++) {
		count[fold(a[i])]++;
		count[fold(b[i])]--;
	}
	for (i = 0; i < 256; i++)
		if (count[i] != 0)
			return 0;
	return 1;
}

/* conf_key_find - the table row for NAME, any case; NULL if unknown */
const struct conf_key *conf_key_find(const char *name)
{
	size_t i;

	for (i = 0; i < conf_nkeys; i++)
		if (strcasecmp(name, conf_keys[i].name) == 0)
			return &conf_keys[i];
	return NULL;
}

/* conf_suggest - the known key NAME most likely meant, or NULL */
const char *conf_suggest(const char *name)
{
	size_t ln = strlen(name), lk, i, dist, best_dist = SUGGEST_MAX_DIST + 1;
	const char *best = NULL;

	if (ln > SUGGEST_MAX_LEN)
		return NULL;
	for (i = 0; i < conf_nkeys; i++) {
		lk = strlen(conf_keys[i].name);
		if (same_letters(name, ln, conf_keys[i].name, lk))
			return conf_keys[i].name;
		if (lk > SUGGEST_MAX_LEN || (ln > lk ? ln - lk : lk - ln)
		    > SUGGEST_MAX_DIST)
			continue;
		dist = distance(name, ln, conf_keys[i].name, lk);
		if (dist < best_dist) {
			best_dist = dist;
			best = conf_keys[i].name;
		}
	}
	return best;
}
