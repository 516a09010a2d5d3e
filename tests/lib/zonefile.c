/*
 * zonefile - master-file text into a test zone; see zonefile.h.
 *
 * A lexer turns one logical record (a line, or several held together by
 * parentheses) into tokens, decoding quotes and escapes into a scratch
 * buffer as long as the text itself, which no record's tokens can
 * outgrow. The record is then read by its type. The pseudo-line
 * ";ERROR,..." is recognized before the lexer would take it for a
 * comment.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "policy/dns.h"
#include "policy/netaddr.h"
#include "tests/lib/zonefile.h"

#define ZF_MAX_TOKENS 128           /* tokens in one record */
#define ZF_ERROR_TAG ";ERROR,"

struct zf_token {
	const char *text;           /* NUL-terminated (may hold NULs) */
	size_t len;
	int quoted;
};

struct zf_lexer {
	const char *p, *end;
	size_t line;                /* line of P, from 1 */
	char *store;                /* decoded token text */
	size_t used;
};

struct zf_record {
	struct zf_token tok[ZF_MAX_TOKENS];
	size_t ntok;
	int indented;               /* owner omitted: the previous one */
	size_t line;                /* where the record starts */
};

/* zf_fail - "WHAT:LINE: message" into ERR; always -1 */
static int zf_fail(char *err, size_t errlen, const char *what, size_t line,
		   const char *msg)
{
	snprintf(err, errlen, "%s:%zu: %s", what, line, msg);
	return -1;
}

/* lex_escape - one \X or \DDD at P (after the backslash); the octet in
 * OUT. Returns the characters used, or 0 if malformed. */
static size_t lex_escape(const char *p, const char *end, unsigned char *out)
{
	unsigned v;

	if (p >= end || *p == '\n')
		return 0;
	if (*p < '0' || *p > '9') {
		*out = (unsigned char) *p;
		return 1;
	}
	if (end - p < 3 || p[1] < '0' || p[1] > '9' || p[2] < '0' || p[2] > '9')
		return 0;
	v = (unsigned) (p[0] - '0') * 100 + (unsigned) (p[1] - '0') * 10
	    + (unsigned) (p[2] - '0');
	if (v > 255)
		return 0;
	*out = (unsigned char) v;
	return 3;
}

/* is_delim - ends a bare token */
static int is_delim(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '('
	    || c == ')' || c == ';' || c == '"';
}

/* lex_token - one quoted or bare token into the store; NULL on success,
 * else what is wrong */
static const char *lex_token(struct zf_lexer *lx, struct zf_record *rec)
{
	struct zf_token *t;
	int quoted = *lx->p == '"';
	unsigned char c;
	size_t n;

	if (rec->ntok == ZF_MAX_TOKENS)
		return "too many tokens in one record";
	t = &rec->tok[rec->ntok++];
	t->text = lx->store + lx->used;
	t->len = 0;
	t->quoted = quoted;
	if (quoted)
		lx->p++;
	while (lx->p < lx->end && (quoted ? *lx->p != '"' : !is_delim(*lx->p))) {
		if (*lx->p == '\n')
			return "unterminated quoted string";
		c = (unsigned char) *lx->p;
		n = 1;
		if (c == '\\' && (n = lex_escape(lx->p + 1, lx->end, &c) + 1) == 1)
			return "malformed escape";
		lx->store[lx->used++] = (char) c;
		t->len++;
		lx->p += n;
	}
	if (quoted && lx->p == lx->end)
		return "unterminated quoted string";
	if (quoted)
		lx->p++;
	lx->store[lx->used++] = '\0';
	return NULL;
}

/* lex_record - the tokens of one logical record; NULL, or what is wrong
 * (the record's first line is in REC->line either way) */
static const char *lex_record(struct zf_lexer *lx, struct zf_record *rec)
{
	const char *why;
	int depth = 0;

	rec->ntok = 0;
	rec->line = lx->line;
	rec->indented = lx->p < lx->end && (*lx->p == ' ' || *lx->p == '\t');
	lx->used = 0;
	while (lx->p < lx->end) {
		switch (*lx->p) {
		case '\n':
			lx->p++;
			lx->line++;
			if (depth == 0)
				return NULL;
			break;
		case ' ': case '\t': case '\r':
			lx->p++;
			break;
		case ';':
			while (lx->p < lx->end && *lx->p != '\n')
				lx->p++;
			break;
		case '(':
			depth++;
			lx->p++;
			break;
		case ')':
			if (depth-- == 0)
				return "')' without '('";
			lx->p++;
			break;
		default:
			if ((why = lex_token(lx, rec)) != NULL)
				return why;
		}
	}
	return depth ? "'(' not closed" : NULL;
}

/* type_of - the types a record or an ;ERROR line may name */
static int type_of(const char *s, enum dns_type *t)
{
	static const struct { const char *name; enum dns_type type; } types[] = {
		{ "A", DNS_T_A }, { "AAAA", DNS_T_AAAA }, { "MX", DNS_T_MX },
		{ "PTR", DNS_T_PTR }, { "CNAME", DNS_T_CNAME }, { "TXT", DNS_T_TXT },
	};
	size_t i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strcasecmp(s, types[i].name) == 0) {
			*t = types[i].type;
			return 0;
		}
	return -1;
}

/* reverse_name - in-addr.arpa or ip6.arpa name of A */
static void reverse_name(const struct netaddr *a, char *buf, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t used = 0;
	int i;

	buf[0] = '\0';
	if (a->family == AF_INET) {
		snprintf(buf, len, "%u.%u.%u.%u.in-addr.arpa", a->bytes[3],
			 a->bytes[2], a->bytes[1], a->bytes[0]);
		return;
	}
	for (i = 15; i >= 0 && used + 4 < len; i--) {
		buf[used++] = hex[a->bytes[i] & 0xf];
		buf[used++] = '.';
		buf[used++] = hex[a->bytes[i] >> 4];
		buf[used++] = '.';
	}
	snprintf(buf + used, len - used, "ip6.arpa");
}

/* error_line - ";ERROR,NAME,TYPE,RCODE"; NULL or what is wrong */
static const char *error_line(struct zone *z, const char *line, size_t len)
{
	static const struct { const char *rcode; enum dns_status st; } rcodes[] = {
		{ "NXDOMAIN", DNS_NXDOMAIN }, { "SERVFAIL", DNS_SERVFAIL },
		{ "REFUSED", DNS_SERVFAIL },
	};
	char buf[600], rev[80], *part[4], *s;
	enum dns_type type;
	struct netaddr a;
	size_t i, n = 0;

	while (len > 0 && (line[len - 1] == '\r' || line[len - 1] == ' '
			   || line[len - 1] == '\t'))
		len--;
	if (len - strlen(ZF_ERROR_TAG) >= sizeof(buf))
		return "ERROR line too long";
	memcpy(buf, line + strlen(ZF_ERROR_TAG), len - strlen(ZF_ERROR_TAG));
	buf[len - strlen(ZF_ERROR_TAG)] = '\0';
	for (s = buf; n < 4; n++) {
		part[n] = s;
		if ((s = strchr(s, ',')) == NULL)
			break;
		*s++ = '\0';
	}
	if (n != 2)             /* the loop stops at the third part */
		return "expected ;ERROR,NAME,TYPE,RCODE";
	if (!dns_name_valid(part[0]) || type_of(part[1], &type) != 0)
		return "ERROR line: bad name or type";
	if (type == DNS_T_PTR && netaddr_parse(part[0], &a) == 0) {
		reverse_name(&a, rev, sizeof(rev));
		part[0] = rev;
	}
	for (i = 0; i < sizeof(rcodes) / sizeof(rcodes[0]); i++)
		if (strcasecmp(part[2], rcodes[i].rcode) == 0)
			return zone_add_status(z, part[0], type, rcodes[i].st)
			    ? "out of memory" : NULL;
	return "ERROR line: RCODE not NXDOMAIN, SERVFAIL or REFUSED";
}

/* is_ttl, is_class - the optional fields between owner and type */
static int is_ttl(const struct zf_token *t)
{
	return !t->quoted && t->len > 0 && t->len < 11
	    && strspn(t->text, "0123456789") == t->len;
}

static int is_class(const struct zf_token *t)
{
	return !t->quoted && (strcasecmp(t->text, "IN") == 0
			      || strcasecmp(t->text, "CH") == 0
			      || strcasecmp(t->text, "HS") == 0
			      || strcasecmp(t->text, "CS") == 0);
}

/* add_txt - join the character-strings, as an answer joins them */
static const char *add_txt(struct zone *z, const char *owner,
			   const struct zf_token *t, size_t n,
			   zonefile_txt_fn txt_fn, void *ctx)
{
	char text[DNS_MAX_TXT];
	size_t i, len = 0;

	for (i = 0; i < n; i++) {
		if (t[i].len > sizeof(text) - len)
			return "TXT record longer than DNS_MAX_TXT";
		memcpy(text + len, t[i].text, t[i].len);
		len += t[i].len;
	}
	if (zone_add_txt(z, owner, text, len) != 0)
		return "out of memory";
	if (txt_fn != NULL && txt_fn(ctx, owner, text, len) != 0)
		return "TXT record refused by the caller";
	return NULL;
}

/* add_rdata - one record of TYPE with the N tokens of RDATA */
static const char *add_rdata(struct zone *z, const char *owner,
			     const char *type, const struct zf_token *rd,
			     size_t n, zonefile_txt_fn txt_fn, void *ctx)
{
	struct netaddr a;
	size_t i;

	if (n == 0)
		return zone_add_name(z, owner) ? "out of memory" : NULL;
	if (strcasecmp(type, "TXT") == 0)
		return add_txt(z, owner, rd, n, txt_fn, ctx);
	for (i = 0; i < n; i++)
		if (rd[i].quoted || strlen(rd[i].text) != rd[i].len)
			return "quoted or NUL-bearing RDATA outside TXT";
	if (strcasecmp(type, "MX") == 0) {
		if (n != 2 || strspn(rd[0].text, "0123456789") != rd[0].len
		    || rd[0].len > 5 || atoi(rd[0].text) > 65535
		    || !dns_name_valid(rd[1].text))
			return "MX wants PREFERENCE HOST";
		return zone_add_mx(z, owner, atoi(rd[0].text), rd[1].text)
		    ? "out of memory" : NULL;
	}
	if (n != 1)
		return "too many RDATA fields";
	if (strcasecmp(type, "A") == 0 || strcasecmp(type, "AAAA") == 0) {
		if (netaddr_parse(rd[0].text, &a) != 0
		    || (a.family == AF_INET) != (strcasecmp(type, "A") == 0))
			return "address does not fit the type";
		return zone_add_addr(z, owner, rd[0].text) ? "out of memory" : NULL;
	}
	if (!dns_name_valid(rd[0].text))
		return "target is not a domain name";
	if (strcasecmp(type, "PTR") == 0)
		return zone_add_ptr(z, owner, rd[0].text) ? "out of memory" : NULL;
	if (strcasecmp(type, "CNAME") == 0)
		return zone_add_cname(z, owner, rd[0].text) ? "out of memory" : NULL;
	if (strcasecmp(type, "NS") == 0)
		return zone_add_name(z, owner) ? "out of memory" : NULL;
	return "record type not supported";
}

/* canon - NAME lower case without its trailing dot, as the zone keeps
 * it and as the TXT callback promises it */
static void canon(char *name)
{
	size_t n = strlen(name);

	if (n > 0 && name[n - 1] == '.')
		name[--n] = '\0';
	for (; n-- > 0;)
		if (name[n] >= 'A' && name[n] <= 'Z')
			name[n] = (char) (name[n] - 'A' + 'a');
}

/* add_record - owner, optional TTL and class, type, rdata */
static const char *add_record(struct zone *z, const struct zf_record *rec,
			      char *owner, size_t ownerlen,
			      zonefile_txt_fn txt_fn, void *ctx)
{
	size_t i = 0, opt;

	if (rec->indented && owner[0] == '\0')
		return "no previous owner to repeat";
	if (!rec->indented) {
		if (rec->tok[0].quoted || rec->tok[0].len >= ownerlen
		    || strlen(rec->tok[0].text) != rec->tok[0].len
		    || rec->tok[0].text[0] == '$')
			return "bad owner name (directives are not supported)";
		memcpy(owner, rec->tok[0].text, rec->tok[0].len + 1);
		if (!dns_name_valid(owner))
			return "bad owner name";
		canon(owner);
		i = 1;
	}
	for (opt = 0; opt < 2 && i < rec->ntok
	     && (is_ttl(&rec->tok[i]) || is_class(&rec->tok[i])); opt++)
		i++;
	if (i == rec->ntok || rec->tok[i].quoted)
		return "no record type";
	return add_rdata(z, owner, rec->tok[i].text, rec->tok + i + 1,
			 rec->ntok - i - 1, txt_fn, ctx);
}

/* zonefile_load_text - record by record; the first error ends the load */
int zonefile_load_text(struct zone *z, const char *text, size_t len,
		       const char *what, zonefile_txt_fn txt_fn, void *ctx,
		       char *err, size_t errlen)
{
	struct zf_lexer lx;
	struct zf_record *rec;
	char owner[DNS_MAX_NAME + 2] = "";
	const char *why = NULL, *eol;
	int added = 0;

	lx.p = text;
	lx.end = text + len;
	lx.line = 1;
	if ((lx.store = malloc(len + 1)) == NULL
	    || (rec = malloc(sizeof(*rec))) == NULL) {
		free(lx.store);
		return zf_fail(err, errlen, what, 0, "out of memory");
	}
	while (why == NULL && lx.p < lx.end) {
		rec->line = lx.line;
		if ((size_t) (lx.end - lx.p) >= strlen(ZF_ERROR_TAG)
		    && strncasecmp(lx.p, ZF_ERROR_TAG, strlen(ZF_ERROR_TAG)) == 0) {
			eol = memchr(lx.p, '\n', (size_t) (lx.end - lx.p));
			if (eol == NULL)
				eol = lx.end;
			why = error_line(z, lx.p, (size_t) (eol - lx.p));
			lx.p = eol < lx.end ? eol + 1 : eol;
			lx.line++;
			added += why == NULL;
		} else if ((why = lex_record(&lx, rec)) == NULL && rec->ntok > 0) {
			why = add_record(z, rec, owner, sizeof(owner), txt_fn, ctx);
			added += why == NULL;
		}
	}
	if (why != NULL)
		zf_fail(err, errlen, what, rec->line, why);
	free(rec);
	free(lx.store);
	return why != NULL ? -1 : added;
}

/* zonefile_load - the whole file into memory, then as text */
int zonefile_load(struct zone *z, const char *path, zonefile_txt_fn txt_fn,
		  void *ctx, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	char *text = NULL, *grown;
	size_t len = 0, cap = 0, n;
	int rc;

	if (f == NULL)
		return zf_fail(err, errlen, path, 0, "cannot open");
	do {
		if (len == cap) {
			cap = cap ? cap * 2 : 65536;
			if ((grown = realloc(text, cap)) == NULL) {
				free(text);
				fclose(f);
				return zf_fail(err, errlen, path, 0, "out of memory");
			}
			text = grown;
		}
		n = fread(text + len, 1, cap - len, f);
		len += n;
	} while (n > 0);
	rc = ferror(f) ? zf_fail(err, errlen, path, 0, "read error")
	    : zonefile_load_text(z, text, len, path, txt_fn, ctx, err, errlen);
	fclose(f);
	free(text);
	return rc;
}
