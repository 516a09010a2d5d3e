/*
 * msgauth_from - From fields into DMARC domains; see msgauth_from.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "address.h"
#include "domain.h"
#include "msgauth_from.h"

int msgauth_from_add(struct msgauth_from *f, const char *value)
{
	if (f->nfields < MSGAUTH_FROM_KEEP
	    && (f->value[f->nfields] = strdup(value)) == NULL)
		return -1;
	f->nfields++;
	return 0;
}

/* add_domain - a distinct domain; 0, or -1 when there are too many */
static int add_domain(struct msgauth_from *f, const char *domain)
{
	size_t i;

	for (i = 0; i < f->ndomains; i++)
		if (strcmp(f->domain[i], domain) == 0)
			return 0;
	if (f->ndomains == MSGAUTH_MAX_FROM)
		return -1;
	memcpy(f->domain[f->ndomains], domain, strlen(domain) + 1);
	f->domain_ptr[f->ndomains] = f->domain[f->ndomains];
	f->ndomains++;
	return 0;
}

/* alabel - one mailbox's domain as DMARC judges it; 0, or -1 with the
 * reason in F */
static int alabel(struct msgauth_from *f, const char *domain,
		  char out[DOMAIN_MAX + 1])
{
	const char *why;

	if (domain[0] == '\0')
		return -1;
	if (domain_alabel(domain, strlen(domain), out, &why) == 0)
		return 0;
	snprintf(f->problem_buf, sizeof(f->problem_buf),
		 "From domain is not a host name: %s", why);
	f->problem = f->problem_buf;
	return -1;
}

/* read_field - one field's mailboxes into the domain set: 0, -1 for a
 * field without usable domains, -2 for too many domains */
static int read_field(struct msgauth_from *f, const char *value)
{
	struct address_list *list = malloc(sizeof(*list));
	char name[DOMAIN_MAX + 1];
	size_t i;
	int rc = 0;

	if (list == NULL)
		return -1;
	if (address_parse_list(value, strlen(value), list) != ADDRESS_OK)
		rc = -1;
	for (i = 0; rc == 0 && i < list->count; i++)
		if (alabel(f, list->box[i].domain, name) != 0)
			rc = -1;
		else if (add_domain(f, name) != 0)
			rc = -2;
	free(list);
	return rc;
}

void msgauth_from_read(struct msgauth_from *f)
{
	size_t i;

	f->ndomains = 0;
	f->problem = NULL;
	f->status = VERDICT_FROM_ONE;
	if (f->nfields == 0) {
		f->status = VERDICT_FROM_MISSING;
		f->problem = "no From field";
		return;
	}
	for (i = 0; i < f->nfields && i < MSGAUTH_FROM_KEEP; i++) {
		int rc = read_field(f, f->value[i]);

		if (rc != 0) {
			f->status = VERDICT_FROM_NODOMAIN;
			if (rc == -2)
				f->problem = "too many From domains";
			else if (f->problem == NULL)
				f->problem = "no usable From domain";
			f->ndomains = 0;
			return;
		}
	}
	if (f->nfields > MSGAUTH_FROM_KEEP) {
		f->status = VERDICT_FROM_NODOMAIN;
		f->problem = "too many From fields";
		f->ndomains = 0;
	} else if (f->nfields > 1) {
		f->status = VERDICT_FROM_MULTIPLE;
		f->problem = "several From fields";
	} else if (f->ndomains > 1) {
		f->status = VERDICT_FROM_MULTIPLE;
		f->problem = "From names several domains";
	}
}

void msgauth_from_reset(struct msgauth_from *f)
{
	size_t i;

	for (i = 0; i < f->nfields && i < MSGAUTH_FROM_KEEP; i++)
		free(f->value[i]);
	memset(f, 0, sizeof(*f));
}
