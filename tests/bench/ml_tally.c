/*
 * ml_tally - milterload's counts; see ml_tally.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ml_tally.h"

const char *const ml_vname[ML_V_N] = {"accept", "reject", "tempfail",
	"quarantine", "discard", "error"};

int ml_tally_init(struct ml_tally *t, size_t ncase)
{
	memset(t, 0, sizeof(*t));
	stats_init(&t->lat);
	t->ncase = ncase;
	t->cases = calloc(ncase ? ncase : 1, sizeof(*t->cases));
	return t->cases ? 0 : -1;
}

void ml_tally_free(struct ml_tally *t)
{
	free(t->cases);
	stats_free(&t->lat);
}

void ml_tally_name(struct ml_tally *t, const char *name, long n)
{
	int i;

	for (i = 0; i < t->nnames; i++)
		if (strcasecmp(t->names[i], name) == 0)
			break;
	if (i == t->nnames) {
		if (t->nnames == ML_MAX_NAMES)
			return;
		snprintf(t->names[t->nnames++], ML_NAME_LEN, "%s", name);
	}
	t->namecount[i] += n;
}

int ml_tally_merge(struct ml_tally *into, const struct ml_tally *from)
{
	size_t i;
	int k;

	into->messages += from->messages;
	into->errors += from->errors;
	into->mismatches += from->mismatches;
	for (k = 0; k < ML_A_N; k++)
		into->actions[k] += from->actions[k];
	into->nadd += from->nadd;
	into->nins += from->nins;
	into->nchg += from->nchg;
	for (k = 0; k < from->nnames; k++)
		ml_tally_name(into, from->names[k], from->namecount[k]);
	for (i = 0; i < into->ncase; i++) {
		into->cases[i].n += from->cases[i].n;
		into->cases[i].mismatches += from->cases[i].mismatches;
		for (k = 0; k < ML_V_COLUMNS; k++)
			into->cases[i].v[k] += from->cases[i].v[k];
	}
	return stats_merge(&into->lat, &from->lat);
}

void ml_tally_print(const struct ml_tally *t, const char *const *casename)
{
	static const char *const an[ML_A_N] = {"continue", "accept", "reject",
		"tempfail", "quarantine", "discard"};
	size_t i;
	int k;

	printf("actions:");
	for (k = 0; k < ML_A_N; k++)
		printf(" %s=%ld", an[k], t->actions[k]);
	printf("\nheaders: add=%ld insert=%ld change=%ld", t->nadd, t->nins,
	       t->nchg);
	for (k = 0; k < t->nnames; k++)
		printf(" %s=%ld", t->names[k], t->namecount[k]);
	printf("\n");
	for (i = 0; i < t->ncase; i++) {
		printf("case: %s n=%ld", casename[i], t->cases[i].n);
		for (k = 0; k < ML_V_COLUMNS; k++)
			printf(" %s=%ld", ml_vname[k], t->cases[i].v[k]);
		printf(" mismatches=%ld\n", t->cases[i].mismatches);
	}
}
