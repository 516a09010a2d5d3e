/* test_sc_docs - authmilter-selfcheck(8) lists every finding id of the
 * catalog with the catalog's severity, and no id the program cannot
 * report: monitoring setups are written from the man page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/lib/tap.h"
#include "selfcheck/core/catalog.h"
#include "selfcheck/core/finding.h"

static char *read_man(void)
{
	const char *top = getenv("top_srcdir");
	char path[4096];
	char *buf = NULL;
	size_t len = 0, n;
	FILE *f, *m;
	char chunk[4096];

	snprintf(path, sizeof(path), "%s/man/authmilter-selfcheck.8", top ? top : ".");
	if ((f = fopen(path, "r")) == NULL || (m = open_memstream(&buf, &len)) == NULL) {
		if (f)
			fclose(f);
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		fwrite(chunk, 1, n, m);
	fclose(f);
	fclose(m);
	return buf;
}

/* known - 1 if ID is a name in the catalog */
static int known(const char *id)
{
	size_t i;

	for (i = 0; i < SC_ID_COUNT; i++)
		if (strcmp(sc_catalog[i].name, id) == 0)
			return 1;
	return 0;
}

/* roff - S as the man page writes it: '-' as "\-", '\' as "\e" */
static const char *roff(const char *s, char *buf, size_t len)
{
	size_t o = 0;

	for (; *s != '\0' && o + 3 < len; s++) {
		if (*s == '-' || *s == '\\') {
			buf[o++] = '\\';
			buf[o++] = *s == '-' ? '-' : 'e';
		} else {
			buf[o++] = *s;
		}
	}
	buf[o] = '\0';
	return buf;
}

int main(void)
{
	char *man = read_man(), *p, want[512], title[256];
	size_t i, listed = 0;

	if (!ok(man != NULL, "the man page is readable"))
		return tap_done();
	for (i = 0; i < SC_ID_COUNT; i++) {
		const struct sc_catalog_entry *e = &sc_catalog[i];

		snprintf(want, sizeof(want), ".TP\n.B %s\n(%s) %s.\n", e->name, sc_severity_name(e->severity),
			 roff(e->title, title, sizeof(title)));
		ok(strstr(man, want) != NULL, "man page: %s (%s) with the catalog's title", e->name,
		   sc_severity_name(e->severity));
	}
	for (p = strstr(man, ".SH FINDINGS"); p && (p = strstr(p, "\n.TP\n.B ")) != NULL; p += 8) {
		char id[128];

		if (sscanf(p + 8, "%127[a-z0-9_.]", id) != 1)
			continue;
		if (strchr(id, '.') == NULL)
			continue;
		listed++;
		if (!known(id))
			ok(0, "the man page lists %s, which the catalog does not have", id);
	}
	is_int((long) listed, (long) SC_ID_COUNT, "the man page lists as many ids as the catalog");
	free(man);
	return tap_done();
}
