/*
 * smtp_relay - the relay probe battery and its verdicts; see smtp_relay.h.
 */
#include <stdio.h>
#include <string.h>

#include "util/ascii.h"
#include "util/dnsname.h"
#include "smtp_relay.h"

#define QUOTE_DEPTH 4		/* quoted local parts inside quoted ones */

/* literal_ok - S is an address literal: "[" hex digits, ":" and "."
 * (after an "IPv6:" tag) "]" */
static int literal_ok(const char *s)
{
	size_t n = strlen(s), i = 1;

	if (n < 3 || n > 60 || s[0] != '[' || s[n - 1] != ']')
		return 0;
	if (strncmp(s + 1, "IPv6:", 5) == 0)
		i += 5;
	for (; i < n - 1; i++)
		if (!ascii_is_digit((unsigned char) s[i]) && s[i] != '.' && s[i] != ':'
		    && !strchr("abcdefABCDEF", s[i]))
			return 0;
	return 1;
}

/* add - one probe, if its parts are known and fit */
static void add(struct smtp_relay_probe *out, size_t max, size_t *n,
		const char *name, int flags, const char *mail,
		const char *rcpt_fmt, const char *a, const char *b)
{
	struct smtp_relay_probe *p;
	int m, r;

	if (*n >= max || a == NULL || b == NULL)
		return;
	p = &out[*n];
	p->name = name;
	p->flags = flags;
	m = snprintf(p->mail, sizeof(p->mail), "%s", mail);
	r = snprintf(p->rcpt, sizeof(p->rcpt), rcpt_fmt, a, b);
	if (m > 0 && (size_t) m < sizeof(p->mail) && r > 0
	    && (size_t) r < sizeof(p->rcpt))
		(*n)++;
}

size_t smtp_relay_probes(const char *probe, const char *domain,
			 const char *server, struct smtp_relay_probe *out,
			 size_t max)
{
	char ext[SMTP_RELAY_PATH_MAX], own[SMTP_RELAY_PATH_MAX];
	size_t n = 0;

	if (!dnsname_valid(probe, DNSNAME_LDH)
	    || (domain != NULL
		&& (!dnsname_valid(domain, DNSNAME_LDH)
		    || dnsname_under(probe, domain, strlen(domain))))
	    || (server != NULL && !literal_ok(server)))
		return 0;
	snprintf(ext, sizeof(ext), "selfcheck@%s", probe);
	snprintf(own, sizeof(own), "postmaster@%s", domain ? domain : "");
	add(out, max, &n, "control: a user the mail domain does not have",
	    SMTP_PROBE_CONTROL, ext, "selfcheck-no-such-user%s@%s", "", domain);
	add(out, max, &n, "external sender to external recipient", 0, ext,
	    "relaytest@%s%s", probe, "");
	add(out, max, &n, "percent hack via the mail domain",
	    SMTP_PROBE_VIA_DOMAIN, ext, "relaytest%%%s@%s", probe, domain);
	add(out, max, &n, "percent hack via the server's address", 0, ext,
	    "relaytest%%%s@%s", probe, server);
	add(out, max, &n, "quoted local part", 0, ext,
	    "\"relaytest@%s\"%s", probe, "");
	add(out, max, &n, "quoted local part via the mail domain",
	    SMTP_PROBE_VIA_DOMAIN, ext, "\"relaytest@%s\"@%s", probe, domain);
	add(out, max, &n, "source route via the mail domain", 0, ext,
	    "@%s:relaytest@%s", domain, probe);
	if (domain != NULL)
		add(out, max, &n, "own domain as sender", 0, own,
		    "relaytest@%s%s", probe, "");
	return n;
}

/* copy_lower - S (N octets) into OUT lower-cased, cut at LEN-1 */
static void copy_lower(const char *s, size_t n, char *out, size_t len)
{
	size_t i;

	if (len == 0)
		return;
	if (n >= len)
		n = len - 1;
	for (i = 0; i < n; i++)
		out[i] = (char) ascii_lower((unsigned char) s[i]);
	out[n] = '\0';
}

/* unquote - the content of the quoted string at S (S[0] is '"'), with
 * backslash escapes undone, into OUT; returns the octet after the
 * closing quote, or NULL if it does not close */
static const char *unquote(const char *s, char *out, size_t len)
{
	size_t o = 0;

	for (s++; *s != '\0' && *s != '"'; s++) {
		if (*s == '\\' && s[1] != '\0')
			s++;
		if (o + 1 < len)
			out[o++] = *s;
	}
	out[o] = '\0';
	return *s == '"' ? s + 1 : NULL;
}

/* final_local - the destination named inside local part S (N octets):
 * user%a%b names b, a!b!user names a; 0 if it names none */
static int final_local(const char *s, size_t n, char *out, size_t len)
{
	const char *pct = NULL, *bang = memchr(s, '!', n);
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] == '%')
			pct = s + i;
	if (pct != NULL) {
		copy_lower(pct + 1, n - (size_t) (pct + 1 - s), out, len);
		return 1;
	}
	if (bang != NULL) {
		copy_lower(s, (size_t) (bang - s), out, len);
		return 1;
	}
	return 0;
}

/* final_at - smtp_relay_final_domain, DEPTH quoted levels deep */
static void final_at(const char *path, char *out, size_t len, int depth)
{
	char inner[SMTP_RELAY_PATH_MAX];
	const char *p = path, *rest, *at;

	out[0] = '\0';
	if (*p == '@') {			/* @relay,@relay:mailbox */
		if ((p = strchr(p, ':')) == NULL)
			return;
		p++;
	}
	if (*p == '"') {
		if ((rest = unquote(p, inner, sizeof(inner))) == NULL)
			return;
		if (depth < QUOTE_DEPTH && strpbrk(inner, "@%!") != NULL) {
			final_at(inner, out, len, depth + 1);
			return;
		}
		if (*rest == '@')
			copy_lower(rest + 1, strlen(rest + 1), out, len);
		return;
	}
	at = strrchr(p, '@');
	if (final_local(p, at ? (size_t) (at - p) : strlen(p), out, len))
		return;
	if (at != NULL)
		copy_lower(at + 1, strlen(at + 1), out, len);
}

void smtp_relay_final_domain(const char *path, char *out, size_t len)
{
	if (len == 0)
		return;
	final_at(path, out, len, 0);
}

/* next_hop - the domain after the last "@" outside quotes and the route:
 * where the server itself would send PATH */
static void next_hop(const char *path, char *out, size_t len)
{
	const char *p = path, *at;
	char inner[SMTP_RELAY_PATH_MAX];

	out[0] = '\0';
	if (*p == '@' && (p = strchr(p, ':')) != NULL)
		p++;
	if (p == NULL)
		return;
	if (*p == '"' && (p = unquote(p, inner, sizeof(inner))) == NULL)
		return;
	if ((at = strrchr(p, '@')) != NULL)
		copy_lower(at + 1, strlen(at + 1), out, len);
}

/* outside - DEST is a domain, not a literal, and not within DOMAIN */
static int outside(const char *dest, const char *domain)
{
	if (dest[0] == '\0' || dest[0] == '[')
		return 0;
	return domain == NULL || !dnsname_under(dest, domain, strlen(domain));
}

enum smtp_relay_verdict smtp_relay_classify(int mail_code, int rcpt_code,
					    const char *rcpt,
					    const char *domain)
{
	char final[SMTP_RELAY_PATH_MAX], hop[SMTP_RELAY_PATH_MAX];

	if (mail_code / 100 != 2)
		return mail_code / 100 == 4 ? SMTP_RELAY_DEFERRED
			: mail_code / 100 == 5 ? SMTP_RELAY_REFUSED
			: SMTP_RELAY_OTHER;
	if (rcpt_code / 100 == 4)
		return SMTP_RELAY_DEFERRED;
	if (rcpt_code / 100 == 5)
		return SMTP_RELAY_REFUSED;
	if (rcpt_code != 250 && rcpt_code != 251)
		return SMTP_RELAY_OTHER;
	smtp_relay_final_domain(rcpt, final, sizeof(final));
	next_hop(rcpt, hop, sizeof(hop));
	return outside(final, domain) || outside(hop, domain)
		? SMTP_RELAY_ACCEPTED : SMTP_RELAY_LOCAL;
}

enum smtp_relay_verdict smtp_relay_judge(const struct smtp_relay_probe *p,
					 int mail_code, int rcpt_code,
					 const char *domain, int catch_all)
{
	enum smtp_relay_verdict v = smtp_relay_classify(mail_code, rcpt_code,
							p->rcpt, domain);

	if (v == SMTP_RELAY_ACCEPTED && ((p->flags & SMTP_PROBE_CONTROL)
	    || (catch_all && (p->flags & SMTP_PROBE_VIA_DOMAIN))))
		return SMTP_RELAY_LOCAL;
	return v;
}

const char *smtp_relay_verdict_name(enum smtp_relay_verdict v)
{
	switch (v) {
	case SMTP_RELAY_ACCEPTED:
		return "relay accepted";
	case SMTP_RELAY_LOCAL:
		return "accepted for the mail domain";
	case SMTP_RELAY_REFUSED:
		return "refused";
	case SMTP_RELAY_DEFERRED:
		return "deferred (4xx: no answer)";
	case SMTP_RELAY_OTHER:
		return "unexpected answer";
	}
	return "unknown";
}
