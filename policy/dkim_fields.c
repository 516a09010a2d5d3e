/*
 * dkim_fields - field counts for DKIM's bounds and duplicates; see
 * dkim_fields.h.
 */
#include <string.h>
#include <strings.h>

#include "util/ascii.h"
#include "dkim_fields.h"
#include "dkim_tags.h"

/* RFC 5322 3.6: the fields a message may carry once at most. */
static const char *const dkim_single[DKIM_NSINGLE] = {
	"from", "sender", "reply-to", "to", "cc", "bcc", "subject", "date",
	"message-id", "in-reply-to", "references",
};

/* single_index - NAME (N octets) among the singletons, or -1 */
static int single_index(const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < DKIM_NSINGLE; i++)
		if (ascii_same_word(name, n, dkim_single[i]))
			return (int) i;
	return -1;
}

/* count - one field or entry of N octets */
static void count(struct dkim_fields *f, const char *name, size_t n)
{
	int k = single_index(name, n);

	f->total++;
	if (k >= 0 && f->single[k] < 255)
		f->single[k]++;
}

void dkim_fields_add(struct dkim_fields *f, const char *name)
{
	count(f, name, strlen(name));
}

/* dkim_fields_hlist - entries between ':', white space dropped as the
 * library drops it; an empty entry is still an entry */
void dkim_fields_hlist(const char *value, struct dkim_fields *h)
{
	char entry[64];
	const char *v, *vend;
	size_t n = 0, over = 0;

	memset(h, 0, sizeof(*h));
	if (dkim_tags_find(value, "h", &v, &vend) < 0)
		return;
	for (; v <= vend; v++) {
		if (v == vend || *v == ':') {
			/* a name longer than any singleton is no singleton */
			count(h, entry, over ? sizeof(entry) : n);
			n = over = 0;
		} else if (!ascii_is_wsp(*v) && *v != '\r' && *v != '\n') {
			if (n < sizeof(entry))
				entry[n++] = *v;
			else
				over = 1;
		}
	}
}

const char *dkim_fields_unsigned_dup(const struct dkim_fields *msg,
				     const struct dkim_fields *h)
{
	size_t i;

	for (i = 0; i < DKIM_NSINGLE; i++)
		if (msg->single[i] > 1 && h->single[i] > 0
		    && h->single[i] < msg->single[i])
			return dkim_single[i];
	return NULL;
}
