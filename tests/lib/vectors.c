/* vectors - tab-separated test vectors; see vectors.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/lib/tap.h"
#include "tests/lib/vectors.h"

#define VECTORS_MAX_COLS 16

/* split - LINE into NCOLS columns in place; 0, or -1 if it has fewer */
static int split(char *line, int ncols, char **col)
{
	int i;

	col[0] = line;
	for (i = 1; i < ncols; i++) {
		if ((col[i] = strchr(col[i - 1], '\t')) == NULL)
			return -1;
		*col[i]++ = '\0';
	}
	return 0;
}

int vectors_read(const char *relpath, int ncols, vectors_fn fn, void *ctx)
{
	const char *dir = getenv("CONFORMANCE_DIR");
	char path[4096], line[8192], *col[VECTORS_MAX_COLS];
	int n = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir ? dir : "tests/conformance/data", relpath);
	if (ncols < 1 || ncols > VECTORS_MAX_COLS || (f = fopen(path, "r")) == NULL) {
		ok(0, "%s can be read", path);
		return -1;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if (split(line, ncols, col) != 0) {
			ok(0, "%s: row has %d columns: %s", relpath, ncols, line);
			continue;
		}
		fn(col, ctx);
		n++;
	}
	fclose(f);
	return n;
}
