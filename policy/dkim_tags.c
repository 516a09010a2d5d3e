/*
 * dkim_tags - the reporting tags of a DKIM-Signature value; see dkim_tags.h.
 *
 * The reading follows libopendkim's own tag-list scanner where that
 * decides which value is used: whitespace anywhere in a name or value is
 * dropped (its dkim_collapse()), names are matched with case, and a
 * second occurrence of a name (compared without case) would replace the
 * first inside the library. That last case is the dangerous one: a
 * signature could be verified with one d= and reported with another, so
 * it is refused as a whole.
 */
#include <string.h>

#include "util/ascii.h"
#include "util/printable.h"
#include "dkim_tags.h"

/* The tags RFC 6376 3.5 defines; a repeat of any of them is an error. */
static const char *const dkim_known_tags[] = {
	"v", "a", "b", "bh", "c", "d", "h", "i", "l", "q", "s", "t", "x", "z",
};

#define DKIM_NKNOWN (sizeof(dkim_known_tags) / sizeof(dkim_known_tags[0]))
#define DKIM_NAME_MAX 8             /* longer names are not DKIM tags */
#define DKIM_RAW_I_MAX 768          /* i= before decoding: 3 per octet */
#define DKIM_MAX_I 254              /* longest address (RFC 5321 4.5.3.1.3) */

/* collapse - bytes [S, END) without whitespace into BUF, cut to fit */
static void collapse(const char *s, const char *end, char *buf,
		     size_t buflen)
{
	size_t n = 0;

	for (; s < end; s++)
		if (!ascii_is_space((unsigned char) *s) && n + 1 < buflen)
			buf[n++] = *s;
	buf[n] = '\0';
}

/* hexval - one hex digit, or -1 */
static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* qp_decode - dkim-quoted-printable (RFC 6376 2.11) RAW into printable
 * OUT; a '=' not followed by two hex digits stays as written */
static void qp_decode(const char *raw, char *out, size_t outlen)
{
	size_t n = 0;
	int hi, lo;

	while (*raw != '\0' && n + 1 < outlen) {
		if (raw[0] == '=' && (hi = hexval(raw[1])) >= 0
		    && (lo = hexval(raw[2])) >= 0) {
			out[n++] = (char) printable_char(hi * 16 + lo, PRINTABLE_NOSPACE);
			raw += 3;
		} else {
			out[n++] = (char) printable_char((unsigned char) *raw++,
							  PRINTABLE_NOSPACE);
		}
	}
	out[n] = '\0';
}

/* base64_ok - [V, VEND) is base64 text with whitespace (RFC 6376 2.4) */
static int base64_ok(const char *v, const char *vend)
{
	unsigned char c;

	for (; v < vend; v++) {
		c = (unsigned char) *v;
		if (!(ascii_is_alnum(c) || c == '+' || c == '/' || c == '='
		      || ascii_is_space(c)))
			return 0;
	}
	return 1;
}

/* i_ok - [V, VEND), whitespace dropped as libopendkim drops it, is
 * dkim-quoted-printable (RFC 6376 2.11: every '=' starts a hex-octet)
 * and decodes to at most DKIM_MAX_I octets */
static int i_ok(const char *v, const char *vend)
{
	size_t octets = 0;
	int want = 0;               /* hex digits still owed to a '=' */

	for (; v < vend; v++) {
		if (ascii_is_space((unsigned char) *v))
			continue;
		if (want > 0) {
			if (hexval(*v) < 0)
				return 0;
			want--;
			continue;
		}
		if (*v == '=')
			want = 2;
		if (++octets > DKIM_MAX_I)
			return 0;
	}
	return want == 0;
}

/* known_index - the position of NAME (compared without case) among the
 * DKIM tags, or -1 */
static int known_index(const char *name)
{
	char low[DKIM_NAME_MAX + 1];
	size_t i, len = strlen(name);

	if (len == 0 || len > DKIM_NAME_MAX)
		return -1;
	for (i = 0; i <= len; i++)
		low[i] = (char) ascii_lower((unsigned char) name[i]);
	for (i = 0; i < DKIM_NKNOWN; i++)
		if (strcmp(low, dkim_known_tags[i]) == 0)
			return (int) i;
	return -1;
}

/* store - keep the value of one reporting tag NAME (exact case) */
static void store(struct dkimv_signature *sig, const char *name,
		  const char *v, const char *vend)
{
	char raw[DKIM_RAW_I_MAX];
	char *dst = NULL;
	size_t len = 0;

	if (strcmp(name, "d") == 0)
		dst = sig->d, len = sizeof(sig->d);
	else if (strcmp(name, "s") == 0)
		dst = sig->s, len = sizeof(sig->s);
	else if (strcmp(name, "a") == 0)
		dst = sig->a, len = sizeof(sig->a);
	else if (strcmp(name, "b") == 0)
		dst = sig->b, len = sizeof(sig->b);
	if (dst != NULL) {
		collapse(v, vend, dst, len);
		printable(dst, dst, len, PRINTABLE_QMARK);
	} else if (strcmp(name, "i") == 0) {
		collapse(v, vend, raw, sizeof(raw));
		qp_decode(raw, sig->i, sizeof(sig->i));
	}
}

/* next_tag - the next "name=value" of the tag-list at *P: its name
 * (white space dropped, cut to fit NAME) and value [*V, *VEND); 0, or -1
 * at the end. Elements without '=' carry nothing and are passed over. */
static int next_tag(const char **pp, char name[DKIM_NAME_MAX + 2],
		    const char **v, const char **vend)
{
	const char *p = *pp, *n, *nend;

	while (*p != '\0') {
		n = p;
		while (*p != '\0' && *p != '=' && *p != ';')
			p++;
		nend = p;
		if (*p != '=') {
			if (*p == ';')
				p++;
			continue;
		}
		*v = ++p;
		while (*p != '\0' && *p != ';')
			p++;
		*vend = p;
		*pp = *p == ';' ? p + 1 : p;
		collapse(n, nend, name, DKIM_NAME_MAX + 2);
		return 0;
	}
	*pp = p;
	return -1;
}

/* dkim_tags_find - the first value of one tag */
int dkim_tags_find(const char *value, const char *name, const char **v,
		   const char **vend)
{
	char got[DKIM_NAME_MAX + 2];
	const char *p = value;

	while (next_tag(&p, got, v, vend) == 0)
		if (strcmp(got, name) == 0)
			return 0;
	return -1;
}

/* dkim_tags_read - one pass over the tag-list */
enum dkim_tags_status dkim_tags_read(const char *value,
				     struct dkimv_signature *sig)
{
	enum dkim_tags_status status = DKIM_TAGS_OK;
	char name[DKIM_NAME_MAX + 2];
	const char *p = value, *v, *vend;
	unsigned long seen = 0;
	int idx;

	sig->d[0] = sig->i[0] = sig->s[0] = sig->a[0] = sig->b[0] = '\0';
	while (next_tag(&p, name, &v, &vend) == 0) {
		if ((idx = known_index(name)) >= 0) {
			if (seen & (1UL << idx))
				status = DKIM_TAGS_REPEATED;
			else
				store(sig, name, v, vend);
			seen |= 1UL << idx;
			if ((strcmp(name, "b") == 0 || strcmp(name, "bh") == 0)
			    && !base64_ok(v, vend) && status == DKIM_TAGS_OK)
				status = DKIM_TAGS_NOT_BASE64;
			if (strcmp(name, "i") == 0 && !i_ok(v, vend)
			    && status == DKIM_TAGS_OK)
				status = DKIM_TAGS_BAD_I;
		}
	}
	return status;
}
