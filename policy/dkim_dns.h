/*
 * dkim_dns - libopendkim's key queries answered by policy/resolver, for
 * dkim_verify only.
 *
 * libopendkim asks through four hooks of its DKIM_LIB (start, wait,
 * cancel, and the service handle they all receive). The service is our
 * resolver, which is thread-safe and shared by SPF and DMARC, so the
 * cache, the timeout and DNSSEC state are common to all methods. The
 * query runs to completion inside the start hook (bounded by the
 * resolver's timeout); its outcome lives in the query handle it returns,
 * never in shared state, so any number of threads may verify at once.
 * With no resolver every query fails at once as a DNS error: the
 * library's own stub resolver is never used, so no packet leaves the
 * process by a path we did not choose.
 */
#ifndef AUTHMILTER_DKIM_DNS_H
#define AUTHMILTER_DKIM_DNS_H

#include <dkim.h>

struct resolver;

/* dkim_dns_install - point LIB's queries at R (NULL: fail them all). Also
 * clears the library's init and close hooks, or dkim_close() would hand R
 * to its own resolver shutdown. */
void dkim_dns_install(DKIM_LIB *lib, struct resolver *r);

#endif
