/*
 * dns_dkimkey - DKIM key record parser; see dns_dkimkey.h.
 *
 * RFC 6376 3.2: tag-spec = [FWS] tag-name [FWS] "=" [FWS] tag-value
 * [FWS], tag-name = ALPHA *(ALPHA / DIGIT / "_"), tag-value octets
 * %x21-3A / %x3C-7E with whitespace between. Tag names are compared
 * with case, as 3.2 says. Leniency where deployed records need it: an
 * empty segment (";;", a trailing "; ") is skipped, and p= may lack its
 * "=" padding.
 */
#include <stdio.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include "util/ascii.h"
#include "dns_dkimkey.h"

struct seg {
	const char *s;
	size_t n;
};

/* is_fws - whitespace a DNS record may carry inside a tag-list */
static int is_fws(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* trim - drop whitespace at both ends */
static void trim(struct seg *g)
{
	while (g->n > 0 && is_fws((unsigned char) g->s[0])) {
		g->s++;
		g->n--;
	}
	while (g->n > 0 && is_fws((unsigned char) g->s[g->n - 1]))
		g->n--;
}

/* fail - set ERR and return ST */
static enum sc_dkim_key_status fail(enum sc_dkim_key_status st, char *err,
				    size_t errlen, const char *why,
				    const struct seg *name)
{
	if (errlen == 0)
		return st;
	if (name != NULL)
		snprintf(err, errlen, "%s%.*s=", why,
			 (int) (name->n > 16 ? 16 : name->n), name->s);
	else
		snprintf(err, errlen, "%s", why);
	return st;
}

/* name_ok - ALPHA *(ALPHA / DIGIT / "_") */
static int name_ok(const struct seg *g)
{
	size_t i;

	if (g->n == 0 || !ascii_is_alpha((unsigned char) g->s[0]))
		return 0;
	for (i = 1; i < g->n; i++)
		if (!ascii_is_alpha((unsigned char) g->s[i])
		    && !ascii_is_digit((unsigned char) g->s[i])
		    && g->s[i] != '_')
			return 0;
	return 1;
}

/* value_ok - VALCHAR or whitespace only */
static int value_ok(const struct seg *g)
{
	size_t i;
	unsigned char c;

	for (i = 0; i < g->n; i++) {
		c = (unsigned char) g->s[i];
		if (!is_fws(c) && (c < 0x21 || c > 0x7e || c == ';'))
			return 0;
	}
	return 1;
}

/* b64 - the value of a base64 digit, or -1 */
static int b64(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	return c == '+' ? 62 : c == '/' ? 63 : -1;
}

/* decode - base64 with whitespace anywhere and "=" only at the end */
static enum sc_dkim_key_status decode(const struct seg *p,
				      struct sc_dkim_key *out)
{
	unsigned long acc = 0;
	size_t i, digits = 0, pads = 0;
	int v;

	out->keylen = 0;
	for (i = 0; i < p->n; i++) {
		int c = (unsigned char) p->s[i];

		if (is_fws(c))
			continue;
		if (c == '=') {
			if (++pads > 2)
				return SC_DKIM_KEY_BASE64;
			continue;
		}
		if (pads > 0 || (v = b64(c)) < 0)
			return SC_DKIM_KEY_BASE64;
		acc = (acc << 6) | (unsigned long) v;
		if (++digits % 4 == 0) {
			if (out->keylen + 3 > SC_DKIM_KEY_MAX)
				return SC_DKIM_KEY_TOOLONG;
			out->key[out->keylen++] = (unsigned char) (acc >> 16);
			out->key[out->keylen++] = (unsigned char) (acc >> 8);
			out->key[out->keylen++] = (unsigned char) acc;
			acc = 0;
		}
	}
	/* 1 digit left over cannot be; padding must complete a quantum */
	if (digits % 4 == 1 || (pads > 0 && (digits + pads) % 4 != 0))
		return SC_DKIM_KEY_BASE64;
	if (digits % 4 != 0 && out->keylen + 2 > SC_DKIM_KEY_MAX)
		return SC_DKIM_KEY_TOOLONG;
	if (digits % 4 == 2) {
		out->key[out->keylen++] = (unsigned char) (acc >> 4);
	} else if (digits % 4 == 3) {
		out->key[out->keylen++] = (unsigned char) (acc >> 10);
		out->key[out->keylen++] = (unsigned char) (acc >> 2);
	}
	return SC_DKIM_KEY_OK;
}

/* has_item - the colon-separated list G holds WORD (or "*" if STAR) */
static int has_item(const struct seg *g, const char *word, int star)
{
	struct seg item;
	size_t i, start = 0;

	for (i = 0; i <= g->n; i++) {
		if (i < g->n && g->s[i] != ':')
			continue;
		item.s = g->s + start;
		item.n = i - start;
		trim(&item);
		if (ascii_same_word(item.s, item.n, word)
		    || (star && item.n == 1 && item.s[0] == '*'))
			return 1;
		start = i + 1;
	}
	return 0;
}

/* apply - one known tag; unknown tags are ignored (3.2) */
static enum sc_dkim_key_status apply(const struct seg *name,
				     const struct seg *val,
				     struct sc_dkim_key *out, int *has_p)
{
	size_t i;

	if (name->n == 1 && name->s[0] == 'k') {
		/* whitespace may sit between the value's words */
		for (i = 0; i < val->n && i + 1 < sizeof(out->kname); i++)
			out->kname[i] = is_fws((unsigned char) val->s[i])
			    ? ' ' : val->s[i];
		out->kname[i] = '\0';
		out->k = ascii_same_word(val->s, val->n, "rsa") ? SC_DKIM_K_RSA
		    : ascii_same_word(val->s, val->n, "ed25519")
		    ? SC_DKIM_K_ED25519 : SC_DKIM_K_OTHER;
	} else if (name->n == 1 && name->s[0] == 't') {
		out->testing = has_item(val, "y", 0);
		out->strict = has_item(val, "s", 0);
	} else if (name->n == 1 && name->s[0] == 's') {
		out->email = has_item(val, "email", 1);
	} else if (name->n == 1 && name->s[0] == 'h') {
		out->sha256 = has_item(val, "sha256", 0);
	} else if (name->n == 1 && name->s[0] == 'p') {
		*has_p = 1;
		out->revoked = val->n == 0;
		return decode(val, out);
	}
	return SC_DKIM_KEY_OK;
}

/* split - one segment into name and value; -1 if it is not a tag-spec */
static int split(const struct seg *g, struct seg *name, struct seg *val)
{
	const char *eq = memchr(g->s, '=', g->n);

	if (eq == NULL)
		return -1;
	name->s = g->s;
	name->n = (size_t) (eq - g->s);
	val->s = eq + 1;
	val->n = g->n - name->n - 1;
	trim(name);
	trim(val);
	return name_ok(name) && value_ok(val) ? 0 : -1;
}

/* seen - NAME among the first N names */
static int seen(const struct seg *names, size_t n, const struct seg *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (names[i].n == name->n
		    && memcmp(names[i].s, name->s, name->n) == 0)
			return 1;
	return 0;
}

/* defaults - every tag absent (3.6.1) */
static void defaults(struct sc_dkim_key *out)
{
	memset(out, 0, sizeof(*out));
	out->k = SC_DKIM_K_RSA;
	strcpy(out->kname, "rsa");
	out->email = 1;
	out->sha256 = 1;
}

/* sc_dns_dkimkey_parse - segment by segment, then the required p= */
enum sc_dkim_key_status sc_dns_dkimkey_parse(const char *text, size_t len,
					     struct sc_dkim_key *out,
					     char *err, size_t errlen)
{
	struct seg names[SC_DKIM_TAGS_MAX], g, name, val;
	enum sc_dkim_key_status st;
	size_t pos = 0, n = 0;
	const char *semi;
	int has_p = 0;

	defaults(out);
	if (errlen > 0)
		err[0] = '\0';
	if (len > SC_DKIM_RECORD_MAX)
		return fail(SC_DKIM_KEY_TOOLONG, err, errlen,
			    "record longer than 8192 octets", NULL);
	while (pos < len) {
		semi = memchr(text + pos, ';', len - pos);
		g.s = text + pos;
		g.n = semi ? (size_t) (semi - g.s) : len - pos;
		pos += g.n + 1;
		trim(&g);
		if (g.n == 0)
			continue;
		if (split(&g, &name, &val) < 0)
			return fail(SC_DKIM_KEY_SYNTAX, err, errlen,
				    "not a tag=value list, or an octet that "
				    "may not be there", NULL);
		if (n == SC_DKIM_TAGS_MAX)
			return fail(SC_DKIM_KEY_TOOLONG, err, errlen,
				    "more than 32 tags", NULL);
		if (seen(names, n, &name))
			return fail(SC_DKIM_KEY_REPEATED, err, errlen,
				    "tag given twice: ", &name);
		if (name.n == 1 && name.s[0] == 'v'
		    && (n > 0 || val.n != 5 || memcmp(val.s, "DKIM1", 5) != 0))
			return fail(SC_DKIM_KEY_VERSION, err, errlen,
				    "v= must come first and be DKIM1", NULL);
		names[n++] = name;
		if ((st = apply(&name, &val, out, &has_p)) != SC_DKIM_KEY_OK)
			return fail(st, err, errlen, st == SC_DKIM_KEY_TOOLONG
				    ? "p= holds more than 2600 octets"
				    : "p= is not base64", NULL);
	}
	if (!has_p)
		return fail(SC_DKIM_KEY_NO_P, err, errlen, "no p= tag", NULL);
	return SC_DKIM_KEY_OK;
}

/* sc_dns_dkimkey_rsa_bits - SubjectPublicKeyInfo first, then RSAPublicKey */
int sc_dns_dkimkey_rsa_bits(const struct sc_dkim_key *k)
{
	const unsigned char *p = k->key;
	EVP_PKEY *pk;
	int bits = -1;

	if (k->keylen == 0)
		return -1;
	pk = d2i_PUBKEY(NULL, &p, (long) k->keylen);
	if (pk == NULL) {
		p = k->key;
		pk = d2i_PublicKey(EVP_PKEY_RSA, NULL, &p, (long) k->keylen);
	}
	ERR_clear_error();
	if (pk == NULL)
		return -1;
	if (EVP_PKEY_get_base_id(pk) == EVP_PKEY_RSA)
		bits = EVP_PKEY_get_bits(pk);
	EVP_PKEY_free(pk);
	return bits;
}
