/*
 * runtime - reference-counted configuration + resolver; see runtime.h.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime.h"

struct shared_resolver {
	struct resolver *r;
	char *nameservers;              /* what it was built from */
	unsigned timeout_ms;
	int refs;
};

static pthread_mutex_t runtime_lock = PTHREAD_MUTEX_INITIALIZER;
static struct runtime *runtime_current;

static int same_dns(const struct shared_resolver *s, const struct conf *c)
{
	const char *a = s->nameservers ? s->nameservers : "";
	const char *b = c->nameservers ? c->nameservers : "";

	return s->timeout_ms == c->dns_timeout_ms && strcmp(a, b) == 0;
}

/* resolver_for - share PREV's resolver or build a new one */
static struct shared_resolver *resolver_for(const struct conf *c,
					    const struct runtime *prev,
					    char *err, size_t errlen)
{
	struct shared_resolver *s;

	if (prev != NULL && same_dns(prev->res, c)) {
		pthread_mutex_lock(&runtime_lock);
		prev->res->refs++;
		pthread_mutex_unlock(&runtime_lock);
		return prev->res;
	}
	if ((s = calloc(1, sizeof(*s))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	s->r = resolver_new(c->nameservers, c->dns_timeout_ms, err, errlen);
	s->nameservers = c->nameservers ? strdup(c->nameservers) : NULL;
	if (s->r == NULL || (c->nameservers && s->nameservers == NULL)) {
		if (s->r != NULL)
			resolver_free(s->r);
		free(s->nameservers);
		free(s);
		return NULL;
	}
	s->timeout_ms = c->dns_timeout_ms;
	s->refs = 1;
	return s;
}

/* runtime_destroy - called with the lock NOT held, refs already zero */
static void runtime_destroy(struct runtime *rt, int drop_resolver)
{
	if (rt->dkim != NULL)
		dkimv_engine_free(rt->dkim);
	publicsuffix_free(rt->psl);
	if (drop_resolver) {
		resolver_free(rt->res->r);
		free(rt->res->nameservers);
		free(rt->res);
	}
	conf_free(rt->conf);
	free(rt);
}

/* release_resolver - one reference less; 1 when it was the last */
static int release_resolver(struct shared_resolver *s)
{
	int last;

	pthread_mutex_lock(&runtime_lock);
	last = --s->refs == 0;
	pthread_mutex_unlock(&runtime_lock);
	return last;
}

/* exempt / override - the configuration's allowances, for msgauth */
static int exempt(const void *ctx, const char *domain)
{
	return conf_domain_exempt(ctx, domain);
}

static int override(const void *ctx, const char *domain,
		    enum dmarc_disposition *dis)
{
	const struct conf_override *o = conf_override_for(ctx, domain);

	if (o != NULL)
		*dis = o->policy;
	return o != NULL;
}

/* build_methods - the DKIM engine and, in psl mode, the suffix list */
static int build_methods(struct runtime *rt, char *err, size_t errlen)
{
	struct dkimv_options o;

	memset(&o, 0, sizeof(o));
	o.max_signatures = rt->conf->max_dkim_signatures;
	o.min_key_bits = rt->conf->min_key_bits;
	o.allow_unsigned_dups = rt->conf->dkim_allow_unsigned_dups;
	o.resolver = rt->res->r;
	if ((rt->dkim = dkimv_engine_new(&o, err, errlen)) == NULL)
		return -1;
	if (rt->conf->dmarc_orgdomain == DMARC_ORG_PSL
	    && (rt->psl = publicsuffix_load(rt->conf->psl_file, err, errlen)) == NULL)
		return -1;
	return 0;
}

/* bind_options - what every message of this configuration works with */
static void bind_options(struct runtime *rt)
{
	const struct conf *c = rt->conf;
	struct msgauth_options *m = &rt->mopt;

	m->authserv_id = c->authserv_id;
	m->dns = &rt->dns;
	m->spf_helo_check = c->spf_helo_check;
	m->dkim = rt->dkim;
	m->org_mode = c->dmarc_orgdomain;
	m->psl = rt->psl;
	m->verdict.reject_failures = c->reject_failures;
	m->verdict.quarantine = c->quarantine_action;
	m->verdict.report_only = c->report_only;
	m->verdict.tempfail_on_dns_error = c->tempfail_on_dns_error;
	m->verdict.multiple_from = c->multiple_from;
	m->exempt = exempt;
	m->override = override;
	m->allow_ctx = c;
}

struct runtime *runtime_build(struct conf *conf, const struct runtime *prev,
			      char *err, size_t errlen)
{
	struct runtime *rt = calloc(1, sizeof(*rt));

	if (rt == NULL) {
		snprintf(err, errlen, "out of memory");
		conf_free(conf);
		return NULL;
	}
	rt->res = resolver_for(conf, prev, err, errlen);
	if (rt->res == NULL) {
		conf_free(conf);
		free(rt);
		return NULL;
	}
	rt->conf = conf;
	rt->dns = resolver_client(rt->res->r);
	if (build_methods(rt, err, errlen) != 0) {
		runtime_destroy(rt, release_resolver(rt->res));
		return NULL;
	}
	bind_options(rt);
	rt->refs = 1;
	return rt;
}


void runtime_release(struct runtime *rt)
{
	int last, last_res = 0;

	if (rt == NULL)
		return;
	pthread_mutex_lock(&runtime_lock);
	last = --rt->refs == 0;
	if (last)
		last_res = --rt->res->refs == 0;
	pthread_mutex_unlock(&runtime_lock);
	if (last)
		runtime_destroy(rt, last_res);
}

void runtime_install(struct runtime *rt)
{
	struct runtime *old;

	pthread_mutex_lock(&runtime_lock);
	old = runtime_current;
	runtime_current = rt;
	pthread_mutex_unlock(&runtime_lock);
	runtime_release(old);
}

struct runtime *runtime_acquire(void)
{
	struct runtime *rt;

	pthread_mutex_lock(&runtime_lock);
	rt = runtime_current;
	if (rt != NULL)
		rt->refs++;
	pthread_mutex_unlock(&runtime_lock);
	return rt;
}

void runtime_shutdown(void)
{
	runtime_install(NULL);
}
