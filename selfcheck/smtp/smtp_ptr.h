/*
 * smtp_ptr - whether the SMTP server's address has a PTR record naming
 * the host it announces, and whether that name leads back to the
 * address (forward-confirmed reverse DNS, which receivers check before
 * trusting a sender).
 *
 * The address's PTR names are looked up through the run's DNS client;
 * one that equals the greeting or the EHLO name (case-insensitive,
 * trailing dot ignored) and whose A/AAAA records hold the address makes
 * the answer OK. At most SMTP_PTR_MAX_NAMES PTR names are followed. Any
 * caller.
 */
#ifndef AUTHMILTER_SC_SMTP_PTR_H
#define AUTHMILTER_SC_SMTP_PTR_H

#include <stddef.h>

#include "policy/dns.h"
#include "netaddr.h"

#define SMTP_PTR_MAX_NAMES 4

enum smtp_ptr_verdict {
	SMTP_PTR_OK,
	SMTP_PTR_MISSING,	/* NXDOMAIN or no PTR record */
	SMTP_PTR_MISMATCH,	/* no PTR name both announced and confirmed */
	SMTP_PTR_UNKNOWN,	/* a DNS timeout or failure decided it */
};

/* smtp_ptr_check - judge ADDR's reverse DNS against the names the server
 * announced in its greeting (GREETING) and EHLO reply (EHLO; either may
 * be ""). EVIDENCE gets the lookups and what they returned, one a line
 * (for SMTP_PTR_UNKNOWN: the failed lookup). */
enum smtp_ptr_verdict smtp_ptr_check(const struct dns_client *dns,
				     const struct netaddr *addr,
				     const char *greeting, const char *ehlo,
				     char *evidence, size_t len);

#endif
