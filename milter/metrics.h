/*
 * metrics - the daemon's counters, and their Prometheus text form.
 *
 * The mail path counts here (callbacks.c at end of message, main.c on
 * reload); metrics_http serves metrics_render() to scrapers. Every
 * counter is a lone atomic that only grows, and the end-of-message
 * histogram is a row of atomic buckets: counting is a few relaxed atomic
 * adds, never a lock, so a scrape, however slow, cannot hold up a
 * message. The price is that one scrape is not a snapshot: a message
 * counted while a scrape runs may show in one series and not yet in the
 * next (never in _bucket without _count: see metrics_render).
 * Nothing here knows libmilter or HTTP.
 */
#ifndef AUTHMILTER_METRICS_H
#define AUTHMILTER_METRICS_H

#include <stddef.h>

#include "msgauth.h"

/* metrics_message - one message reached end of message and got ACTION,
 * what the MTA was told (the internal-error fallback included); EOM_NS
 * is how long deciding and applying took, in nanoseconds. */
void metrics_message(enum verdict_action action, unsigned long long eom_ns);

/* metrics_verdict - what V found: the evaluation (or why there was
 * none), the SPF result for MAIL FROM, each DKIM signature's result
 * ("none" for an unsigned message) and the DMARC result of each From
 * domain. Only for a verdict msgauth_eom returned 0 for. */
void metrics_verdict(const struct msgauth_verdict *v);

/* metrics_forged_removed - N forged Authentication-Results fields went. */
void metrics_forged_removed(size_t n);

/* metrics_internal_error - the OnInternalError fallback was taken. */
void metrics_internal_error(void);

/* metrics_reload - a SIGHUP reload that took effect (GOOD) or was
 * refused (the old configuration kept). */
void metrics_reload(int good);

/* metrics_render - every series in the Prometheus text exposition
 * format 0.0.4, as a string the caller frees (LEN set to its length);
 * NULL when out of memory. Safe to call from any thread at any time. */
char *metrics_render(size_t *len);

#endif
