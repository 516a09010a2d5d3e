/*
 * vectors - read a tab-separated table of test vectors from the shared
 * conformance data (CONFORMANCE_DIR), one call per data row.
 */
#ifndef AUTHMILTER_VECTORS_H
#define AUTHMILTER_VECTORS_H

typedef void (*vectors_fn)(char **col, void *ctx);

/* vectors_read - every row of CONFORMANCE_DIR/RELPATH that is not blank
 * or a '#' comment, split at its first NCOLS-1 tabs (the last column
 * keeps the rest) and handed to FN. A short row is a failed TAP case, as
 * is a file that cannot be read (then -1 is returned). Returns the rows
 * handed to FN, for the caller to check against the count it expects. */
int vectors_read(const char *relpath, int ncols, vectors_fn fn, void *ctx);

#endif
