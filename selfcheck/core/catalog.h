/*
 * catalog - every finding id authmilter-selfcheck can report, with its
 * severity, a one-line title and the fix in a sentence or two.
 *
 * The ids are an interface: monitoring setups key on them, so they are
 * never renamed. The man page lists the same table; a test keeps the two
 * in step.
 */
#ifndef AUTHMILTER_SC_CATALOG_H
#define AUTHMILTER_SC_CATALOG_H

#include <stddef.h>

#include "finding.h"

struct sc_catalog_entry {
	const char *id;
	enum sc_severity severity;
	const char *title;
	const char *fix;
};

extern const struct sc_catalog_entry sc_catalog[];
extern const size_t sc_catalog_count;

/* sc_catalog_find - the entry for ID, or NULL. */
const struct sc_catalog_entry *sc_catalog_find(const char *id);

#endif
