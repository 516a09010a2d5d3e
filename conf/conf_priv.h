/*
 * conf_priv - what the conf modules share among themselves: the parse
 * context, the key table and the value checkers. Only the conf sources and the
 * conf unit test include this; everyone else uses conf.h.
 *
 * A key is one row of conf_keys[] (conf_keys.c): its name, the parser
 * that checks a value and stores it in struct conf, its default written
 * as it would appear in the file, and one line of help. Defaults go
 * through the same parser as file values, so they obey the same rules.
 */
#ifndef AUTHMILTER_CONF_PRIV_H
#define AUTHMILTER_CONF_PRIV_H

#include <stddef.h>

#include "conf.h"

/* Where one source (a file, a buffer, the defaults) is being read. */
struct conf_ctx {
	struct conf *conf;
	const char *name;           /* source name in messages */
	size_t line;                /* current line from 1; 0: not a line */
	int first;                  /* this is the key's first line here */
	struct conf_errors *errs;   /* NULL while applying defaults */
	size_t nerr;                /* problems found in this source */
	int oom;                    /* an allocation failed */
	int stopped;                /* CONF_MAX_ERRORS reached */
	size_t *seen;               /* per key: line it was first given on */
	size_t *none_line;          /* per list key: where "none" was given */
	unsigned char *full;        /* per list key: overflow reported */
};

struct conf_key;

/* A parser gets the value trimmed, comment removed, never empty; it may
 * scribble on it. It stores into ctx->conf or calls conf_error. */
typedef void (*conf_parse_fn)(struct conf_ctx *, const struct conf_key *,
			      char *);

#define CONF_KEY_STRING  1  /* the field is an owned char *, freed with us */
#define CONF_KEY_LIST    2  /* may be repeated: each line appends */

struct conf_key {
	const char *name;
	conf_parse_fn parse;
	size_t off;                 /* offsetof the struct conf field */
	const void *arg;            /* parser's own data: words, range */
	const char *def;            /* default as file text, or NULL */
	const char *help;           /* one line, for the sample and docs */
	unsigned flags;
};

/* For conf_parse_word: a NULL-terminated list of accepted words. */
struct conf_word {
	const char *word;
	int value;
};

/* For conf_parse_uint: accepted range, and how to store it. */
struct conf_range {
	unsigned min;
	unsigned max;
	unsigned scale;             /* stored value = given value * scale */
	const char *unit;           /* for messages: "seconds" */
};

/* White space between key and value, and around items; CR too, so a
 * stray one in a CRLF file never becomes part of a value. */
#define CONF_IS_SPACE(c) ((c) == ' ' || (c) == '\t' || (c) == '\r' \
			  || (c) == '\v' || (c) == '\f')

#define CONF_FIELD(x, k, type) (*(type *) ((char *) (x)->conf + (k)->off))

/* Quoted values in messages are cut to this and made printable. */
#define CONF_QUOTE_MAX  64
#define CONF_QUOTE_BUF  (CONF_QUOTE_MAX * 4 + 8)

extern const struct conf_key conf_keys[];
extern const size_t conf_nkeys;

/* conf.c */
void conf_error(struct conf_ctx *x, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void conf_errors_add(struct conf_errors *errs, const char *msg);

char *conf_read_file(const char *path, size_t *len, struct conf_errors *errs);

/* conf_domains.c */
void conf_parse_domains(struct conf_ctx *x, const struct conf_key *k, char *v);
size_t conf_load_overrides(struct conf *c, struct conf_errors *errs);
void conf_free_overrides(struct conf *c);

/* conf_foreign.c */
const char *conf_foreign(const char *key);

/* conf_suggest.c */
const struct conf_key *conf_key_find(const char *name);
const char *conf_suggest(const char *name);

/* conf_value.c */
const char *conf_quote(const char *s, char *buf, size_t len);
int conf_set_string(struct conf_ctx *x, const struct conf_key *k,
		    const char *value);
char *conf_next_item(char **cursor);
int conf_port_parse(const char *s, unsigned *port);
int conf_hostname_ok(const char *s);
int conf_authserv_ok(const char *s);
void conf_parse_bool(struct conf_ctx *x, const struct conf_key *k, char *v);
void conf_parse_uint(struct conf_ctx *x, const struct conf_key *k, char *v);
void conf_parse_word(struct conf_ctx *x, const struct conf_key *k, char *v);
void conf_parse_abspath(struct conf_ctx *x, const struct conf_key *k,
			char *v);

#endif
