/*
 * runtime - what a session works with: the configuration and the resolver
 * built from it, swapped as one on reload.
 *
 * A session takes a reference at connect and keeps that runtime until it
 * closes, so a reload never changes the rules under a message in flight.
 * A reload that leaves Nameservers and DNSTimeout alone keeps the same
 * resolver (and its warm cache). Each configuration has its own DKIM
 * engine (its key-size and signature limits are the configuration's), as
 * OpenDKIM does on reload.
 */
#ifndef AUTHMILTER_RUNTIME_H
#define AUTHMILTER_RUNTIME_H

#include "conf.h"
#include "dkim_verify.h"
#include "dns.h"
#include "msgauth.h"
#include "publicsuffix.h"
#include "resolver.h"

struct runtime {
	struct conf *conf;
	struct shared_resolver *res;
	struct dns_client dns;
	struct dkimv_engine *dkim;      /* DKIM_LIB for this configuration */
	struct publicsuffix *psl;       /* DMARCOrgDomain psl only */
	struct msgauth_options mopt;
	int refs;                       /* guarded by the module's lock */
};

/* runtime_build - a runtime for CONF (taking ownership of it), reusing
 * PREV's resolver when the DNS settings are unchanged. NULL with ERR set
 * when the resolver cannot be made. */
struct runtime *runtime_build(struct conf *conf, const struct runtime *prev,
			      char *err, size_t errlen);

/* runtime_install - make RT current; the previous one is released. */
void runtime_install(struct runtime *rt);

/* runtime_acquire - a reference to the current runtime (never NULL once
 * one is installed). runtime_release - give it back. */
struct runtime *runtime_acquire(void);
void runtime_release(struct runtime *rt);

/* runtime_shutdown - release the current runtime at exit. */
void runtime_shutdown(void);

#endif
