/*
 * ml_tally - what milterload counts of the answers it gets back: final
 * actions, header changes (with the names of the fields added), the
 * verdict per corpus case against its expect=, errors and latencies.
 * Each worker keeps its own tally; they are merged and printed at the
 * end, so that a fast wrong answer shows next to the rate.
 *
 * Test and benchmark tool only.
 */
#ifndef AUTHMILTER_ML_TALLY_H
#define AUTHMILTER_ML_TALLY_H

#include <stddef.h>

#include "stats.h"

#define ML_MAX_NAMES	8	/* distinct added field names counted */
#define ML_NAME_LEN	64

/* the final action, as in the "actions:" line */
enum { ML_A_CONTINUE, ML_A_ACCEPT, ML_A_REJECT, ML_A_TEMPFAIL,
	ML_A_QUARANTINE, ML_A_DISCARD, ML_A_N };
/* the verdict, as expect= says it; the first four are per-case columns */
enum { ML_V_ACCEPT, ML_V_REJECT, ML_V_TEMPFAIL, ML_V_QUARANTINE,
	ML_V_DISCARD, ML_V_ERROR, ML_V_N };
#define ML_V_COLUMNS	4

extern const char *const ml_vname[ML_V_N];

struct ml_case {
	long n, v[ML_V_COLUMNS], mismatches;
};

struct ml_tally {
	long messages, errors, mismatches, actions[ML_A_N];
	long nadd, nins, nchg, namecount[ML_MAX_NAMES];
	char names[ML_MAX_NAMES][ML_NAME_LEN];
	int nnames;
	struct ml_case *cases;
	size_t ncase;
	struct stats lat;
};

/* ml_tally_init - an empty tally with NCASE case rows; 0 or -1 */
int ml_tally_init(struct ml_tally *t, size_t ncase);
void ml_tally_free(struct ml_tally *t);

/* ml_tally_name - count N added fields called NAME (the first
 * ML_MAX_NAMES distinct names only) */
void ml_tally_name(struct ml_tally *t, const char *name, long n);

/* ml_tally_merge - add FROM (with as many cases) into INTO; 0 or -1 */
int ml_tally_merge(struct ml_tally *into, const struct ml_tally *from);

/* ml_tally_print - the "actions:", "headers:" and "case:" lines;
 * CASENAME[i] names case row i */
void ml_tally_print(const struct ml_tally *t, const char *const *casename);

#endif
