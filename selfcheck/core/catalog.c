/*
 * catalog - the table of catalog.h as data, indexed by enum sc_id.
 */
#include "catalog.h"

const struct sc_catalog_entry sc_catalog[SC_ID_COUNT] = {
#define SC_CATALOG_ENTRY(name, id, severity, title, fix) \
	[SC_ID_##name] = { id, severity, title, fix },
	SC_CATALOG(SC_CATALOG_ENTRY)
#undef SC_CATALOG_ENTRY
};
