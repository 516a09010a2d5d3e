/*
 * standalone - replay a fuzz harness's corpus as TAP cases, without
 * libFuzzer, so every saved hostile input runs in `make check` (and under
 * the sanitizer build). FUZZ_NAME selects tests/fuzz/corpus/FUZZ_NAME/.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tests/lib/tap.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf;
	long size;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0) {
		if (f)
			fclose(f);
		return -1;
	}
	rewind(f);
	buf = malloc((size_t) size + 1);
	if (buf == NULL || fread(buf, 1, (size_t) size, f) != (size_t) size) {
		free(buf);
		fclose(f);
		return -1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(buf, (size_t) size);
	free(buf);
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

int main(int argc, char **argv)
{
	const char *top = getenv("top_srcdir");
	char dir[4096], path[8192];
	char *names[4096];
	size_t n = 0, i;
	struct dirent *de;
	DIR *d;

	if (argc > 1) {
		for (i = 1; i < (size_t) argc; i++)
			ok(run_file(argv[i]) == 0, "%s", argv[i]);
		return tap_done();
	}
	snprintf(dir, sizeof(dir), "%s/tests/fuzz/corpus/%s", top ? top : ".",
		 FUZZ_NAME);
	if ((d = opendir(dir)) == NULL) {
		ok(0, "corpus directory %s exists", dir);
		return tap_done();
	}
	while ((de = readdir(d)) != NULL && n < sizeof(names) / sizeof(names[0]))
		if (de->d_name[0] != '.')
			names[n++] = strdup(de->d_name);
	closedir(d);
	qsort(names, n, sizeof(names[0]), by_name);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		ok(run_file(path) == 0, "%s input %s handled", FUZZ_NAME, names[i]);
		free(names[i]);
	}
	return tap_done();
}
