/*
 * am_field - Authentication-Results fields read back, ours and
 * authentication_milter's with one reader, and summarized per method so
 * that the two can be compared. Test code for am_fixtures only.
 */
#ifndef AUTHMILTER_AM_FIELD_H
#define AUTHMILTER_AM_FIELD_H

#include <stddef.h>

/* Authentication-Results as read back: ours and theirs, one reader. */
#define AR_MAX_RES 16
#define AR_MAX_PROPS 8

struct am_prop { char key[64]; char value[256]; };
struct am_res {
	char method[32], result[32];
	struct am_prop prop[AR_MAX_PROPS];
	size_t nprop;
};
struct am_field {
	char id[256];
	struct am_res res[AR_MAX_RES];
	size_t nres;
};

/* am_field_parse - authserv-id and resinfos of VALUE; -1 without an id. */
int am_field_parse(const char *value, struct am_field *f);
/* am_prop - the value of KEY in R, or NULL. */
const char *am_prop(const struct am_res *r, const char *key);
/* am_summary - METHOD's results in F as one comparable string. */
void am_summary(const struct am_field *f, const char *method,
		       char *buf, size_t len);
/* am_disposition - the strongest value of KEY over F's dmarc results. */
void am_disposition(const struct am_field *f, const char *key,
			   char *buf, size_t len);

#endif
