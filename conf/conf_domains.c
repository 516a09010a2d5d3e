/*
 * conf_domains - the keys that hold domain names: ExemptDomains, and the
 * PolicyOverrides file (one "domain policy" line each), read when the
 * configuration is, so its errors carry its own FILE:LINE.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/array.h"
#include "util/ascii.h"
#include "util/dnsname.h"
#include "conf_priv.h"

/* lower_name - lowercase in place, drop one trailing dot */
static void lower_name(char *s)
{
	size_t n = strlen(s);

	for (; *s; s++)
		*s = (char) ascii_lower((unsigned char) *s);
	if (n > 1 && s[-1] == '.')
		s[-1] = '\0';
}

/* conf_parse_domains - a list of names, repeated lines append */
void conf_parse_domains(struct conf_ctx *x, const struct conf_key *k, char *v)
{
	char **field = &CONF_FIELD(x, k, char *);
	char *cur = v, *item, *joined, q[CONF_QUOTE_BUF];
	size_t have;

	while ((item = conf_next_item(&cur)) != NULL) {
		if (!conf_hostname_ok(item)) {
			conf_error(x, "%s: %s is not a domain name", k->name,
				   conf_quote(item, q, sizeof(q)));
			continue;
		}
		lower_name(item);
		have = *field ? strlen(*field) : 0;
		if ((joined = realloc(*field, have + strlen(item) + 2)) == NULL) {
			x->oom = 1;
			return;
		}
		if (have == 0)
			strcpy(joined, item);
		else
			sprintf(joined + have, " %s", item);
		*field = joined;
	}
}

int conf_domain_exempt(const struct conf *c, const char *domain)
{
	const char *p = c->exempt_domains;
	size_t len;

	while (p != NULL && *p) {
		len = strcspn(p, " ");
		if (dnsname_under(domain, p, len))
			return 1;
		p += len;
		p += *p == ' ';
	}
	return 0;
}

const struct conf_override *conf_override_for(const struct conf *c,
					      const char *domain)
{
	const struct conf_override *best = NULL;
	size_t i;

	for (i = 0; i < c->noverrides; i++)
		if (dnsname_under(domain, c->overrides[i].domain,
				  strlen(c->overrides[i].domain))
		    && (best == NULL || strlen(c->overrides[i].domain) > strlen(best->domain)))
			best = &c->overrides[i];
	return best;
}

static const struct conf_word override_words[] = {
	{ "none", DMARC_DIS_NONE }, { "quarantine", DMARC_DIS_QUARANTINE },
	{ "reject", DMARC_DIS_REJECT }, { NULL, 0 },
};

/* given - the line NAME was overridden on already, or 0. Linear: the
 * file is read once per load, and two lines for one domain would leave
 * the admin guessing which one applies. */
static size_t given(const struct conf *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->noverrides; i++)
		if (strcmp(c->overrides[i].domain, name) == 0)
			return c->overrides[i].line;
	return 0;
}

/* override_line - "domain policy"; errors name the override file's line */
static int override_line(struct conf *c, char *line, const char *file,
			 size_t lineno, struct conf_errors *errs)
{
	char msg[512], q[CONF_QUOTE_BUF], *cur = line, *name, *word;
	const struct conf_word *w;
	size_t first;

	if ((name = conf_next_item(&cur)) == NULL)
		return 0;
	lower_name(name);
	word = conf_next_item(&cur);
	for (w = override_words; word != NULL && w->word; w++)
		if (strcasecmp(w->word, word) == 0)
			break;
	if (!conf_hostname_ok(name))
		snprintf(msg, sizeof(msg), "%s:%zu: %s is not a domain name", file,
			 lineno, conf_quote(name, q, sizeof(q)));
	else if (word == NULL || w->word == NULL || conf_next_item(&cur) != NULL)
		snprintf(msg, sizeof(msg), "%s:%zu: expected \"DOMAIN none|quarantine|reject\"",
			 file, lineno);
	else if (c->noverrides >= CONF_MAX_OVERRIDES)
		snprintf(msg, sizeof(msg), "%s:%zu: more than %d overrides", file,
			 lineno, CONF_MAX_OVERRIDES);
	else if ((first = given(c, name)) != 0)
		snprintf(msg, sizeof(msg), "%s:%zu: %s already given on line %zu",
			 file, lineno, conf_quote(name, q, sizeof(q)), first);
	else {
		if ((c->overrides[c->noverrides].domain = strdup(name)) == NULL)
			return -1;
		c->overrides[c->noverrides].line = lineno;
		c->overrides[c->noverrides++].policy = (enum dmarc_disposition) w->value;
		return 0;
	}
	conf_errors_add(errs, msg);
	return 1;
}

/* override_room - make room for one more entry (CONF_MAX_OVERRIDES is
 * enforced by override_line, with a message; this cap only keeps the
 * octets from overflowing) */
static int override_room(struct conf *c, size_t *cap)
{
	return ARRAY_RESERVE(c->overrides, *cap, c->noverrides + 1, 16,
			     SIZE_MAX / sizeof(*c->overrides)) == ARRAY_OK ? 0 : -1;
}

/* conf_load_overrides - read c->override_file (a plain file of at most
 * CONF_MAX_FILE bytes, as the main file); returns the problems found */
size_t conf_load_overrides(struct conf *c, struct conf_errors *errs)
{
	char *text, *line, *end, msg[512];
	size_t len, room = 0, lineno = 0, bad = 0;
	int rc;

	if (c->override_file == NULL)
		return 0;
	if ((text = conf_read_file(c->override_file, &len, errs)) == NULL)
		return 1;
	text[len] = '\0';
	for (line = text; line < text + len; line = end + 1) {
		lineno++;
		if ((end = memchr(line, '\n', (size_t) (text + len - line))) == NULL)
			end = text + len;
		*end = '\0';
		if (strlen(line) != (size_t) (end - line) || end - line > CONF_MAX_LINE) {
			snprintf(msg, sizeof(msg), "%s:%zu: NUL byte or line longer "
				 "than %d bytes", c->override_file, lineno, CONF_MAX_LINE);
			conf_errors_add(errs, msg);
			bad++;
			continue;
		}
		line[strcspn(line, "#\r")] = '\0';
		rc = override_room(c, &room) < 0 ? -1
		    : override_line(c, line, c->override_file, lineno, errs);
		if (rc < 0) {
			conf_errors_add(errs, "out of memory");
			bad++;
			break;
		}
		bad += (size_t) rc;
	}
	free(text);
	return bad;
}

void conf_free_overrides(struct conf *c)
{
	size_t i;

	for (i = 0; i < c->noverrides; i++)
		free(c->overrides[i].domain);
	free(c->overrides);
	c->overrides = NULL;
	c->noverrides = 0;
}
