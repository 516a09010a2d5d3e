/*
 * am_table - how the authentication_milter fixtures map onto our
 * configuration, which expected files stand in for others, and where we
 * answer otherwise on purpose, with the reason. Data for am_fixtures.
 */
#ifndef AUTHMILTER_AM_TABLE_H
#define AUTHMILTER_AM_TABLE_H

#include <stddef.h>

#define AM_ABSENT "(not reported)"   /* a method their field leaves out */
#define AM_MAX_DIFFS 64

struct amconf {
	const char *name;           /* cases.json milter_config */
	const char *authserv_id;
	int enforce;                /* 0: ReportOnly (they reject nothing) */
	const char *trusted;        /* their TrustedIP list: TrustedNetworks */
	const char *forwarders;     /* their DMARC "whitelisted" IPs:
	                             * TrustedForwarders */
	const char *theirs;         /* what the config does that we do not */
};

/* Where we answer otherwise, on purpose. */
struct amdiff {
	const char *dest;
	const char *what;           /* spf dkim dmarc action would */
	const char *theirs;         /* checked against the fixture */
	const char *ours;           /* what we must answer */
	const char *why;
};

struct amref { const char *dest, *ref, *why; };

extern const struct amconf am_confs[];
extern const size_t am_nconfs;
extern const struct amref am_refs[];
extern const size_t am_nrefs;
extern const struct amdiff am_diffs[];
extern const size_t am_ndiffs;

#endif
