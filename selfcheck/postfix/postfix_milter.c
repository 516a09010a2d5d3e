/*
 * postfix_milter - postfix.milter_missing and postfix.milter_fail_open:
 * is authmilter's socket among smtpd_milters, and what happens to mail
 * when the milter does not answer?
 *
 * authmilter's Socket is libmilter's form: inet:PORT@HOST,
 * inet6:PORT@HOST, inet:PORT (every address), unix:/PATH or
 * local:/PATH. Postfix's smtpd_milters elements (milter8.c) are
 * inet:HOST:PORT (HOST may be [bracketed]; a bare PORT means
 * localhost), unix:PATH or local:PATH (a relative PATH is inside
 * queue_directory), or a "{ ADDRESS, name=value ... }" group with
 * per-milter settings. Postfix knows no other transport: "inet6:..." or
 * a bare /path is a milter smtpd cannot reach, so it never matches (the
 * evidence says why).
 *
 * They match when both are inet with the same port and the same host,
 * where "localhost" equals 127.0.0.1 and ::1 and authmilter listening
 * on every address (no host, 0.0.0.0, ::, *) matches any host; or both
 * are unix with the same path, also when Postfix's absolute path is
 * meant inside a chroot at queue_directory (Debian's smtpd runs
 * chrooted: unix:/authmilter/sock is queue_directory/authmilter/sock).
 * Only smtpd_milters counts: that is where mail from outside arrives;
 * non_smtpd_milters is shown in the evidence.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "netaddr.h"
#include "postfix.h"
#include "postfix_list.h"
#include "postfix_text.h"

enum ep_kind { EP_INET, EP_UNIX, EP_BAD };

struct endpoint {
	enum ep_kind kind;
	int any_host;                /* authmilter listens on all addresses */
	char host[256];
	char port[32];
	char path[512];
	const char *why;             /* EP_BAD: why smtpd cannot use it */
};

/* strip_brackets - "[x]" becomes "x" in place */
static void strip_brackets(char *s)
{
	size_t n = strlen(s);

	if (n >= 2 && s[0] == '[' && s[n - 1] == ']') {
		memmove(s, s + 1, n - 2);
		s[n - 2] = '\0';
	}
}

/* prefix - S starts with P (any case); returns what follows, or NULL */
static const char *prefix(const char *s, const char *p)
{
	size_t n = strlen(p);

	return strncasecmp(s, p, n) == 0 ? s + n : NULL;
}

/* parse_socket - authmilter's Socket value */
static void parse_socket(const char *s, struct endpoint *e)
{
	const char *rest, *at;

	memset(e, 0, sizeof(*e));
	if ((rest = prefix(s, "unix:")) || (rest = prefix(s, "local:"))) {
		e->kind = EP_UNIX;
		sc_pf_set(e->path, sizeof(e->path), "%s", rest);
		return;
	}
	if (!(rest = prefix(s, "inet:")) && !(rest = prefix(s, "inet6:"))) {
		e->kind = EP_BAD;
		e->why = "not a socket form authmilter knows";
		return;
	}
	e->kind = EP_INET;
	at = strchr(rest, '@');
	sc_pf_set(e->port, sizeof(e->port), "%.*s",
		 (int) (at ? (size_t) (at - rest) : strlen(rest)), rest);
	sc_pf_set(e->host, sizeof(e->host), "%s", at ? at + 1 : "");
	strip_brackets(e->host);
	e->any_host = e->host[0] == '\0' || strcmp(e->host, "0.0.0.0") == 0
	    || strcmp(e->host, "::") == 0 || strcmp(e->host, "*") == 0;
}

/* all_digits - a non-empty decimal number */
static int all_digits(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

/* parse_inet - Postfix's HOST:PORT, [HOST]:PORT, :PORT or PORT */
static void parse_inet(const char *s, struct endpoint *e)
{
	const char *colon;

	e->kind = EP_INET;
	if (all_digits(s)) {
		sc_pf_set(e->host, sizeof(e->host), "localhost");
		sc_pf_set(e->port, sizeof(e->port), "%s", s);
		return;
	}
	colon = s[0] == '[' ? strstr(s, "]:") : strrchr(s, ':');
	if (colon && s[0] == '[')
		colon++;
	if (colon == NULL || colon[1] == '\0') {
		e->kind = EP_BAD;
		e->why = "no port: Postfix needs inet:HOST:PORT";
		return;
	}
	sc_pf_set(e->host, sizeof(e->host), "%.*s", (int) (colon - s), s);
	sc_pf_set(e->port, sizeof(e->port), "%s", colon + 1);
	strip_brackets(e->host);
	if (e->host[0] == '\0')
		sc_pf_set(e->host, sizeof(e->host), "localhost");
}

/* parse_postfix - one smtpd_milters address; transport names are
 * compared as milter8.c does, case and all */
static void parse_postfix(const char *s, const char *qdir, struct endpoint *e)
{
	const char *rest = NULL;

	memset(e, 0, sizeof(*e));
	if (strncmp(s, "inet:", 5) == 0) {
		parse_inet(s + 5, e);
		return;
	}
	if (strncmp(s, "unix:", 5) == 0)
		rest = s + 5;
	else if (strncmp(s, "local:", 6) == 0)
		rest = s + 6;
	if (rest != NULL) {
		e->kind = EP_UNIX;
		if (rest[0] != '/' && qdir != NULL && qdir[0] != '\0')
			sc_pf_set(e->path, sizeof(e->path), "%s/%s", qdir, rest);
		else
			sc_pf_set(e->path, sizeof(e->path), "%s", rest);
		return;
	}
	e->kind = EP_BAD;
	if (prefix(s, "inet6:"))
		e->why = "inet6: is libmilter's form; Postfix writes inet:[ADDR]:PORT";
	else if (prefix(s, "inet:") || prefix(s, "unix:") || prefix(s, "local:"))
		e->why = "transport names are lowercase in Postfix";
	else if (s[0] == '/')
		e->why = "no transport: Postfix needs unix:/PATH";
	else
		e->why = "Postfix milters are inet:HOST:PORT, unix:PATH or local:PATH";
}

/* loopback_pair - A is "localhost" and B a loopback address */
static int loopback_pair(const char *a, const char *b)
{
	return strcasecmp(a, "localhost") == 0
	    && (strcmp(b, "127.0.0.1") == 0 || strcmp(b, "::1") == 0);
}

/* host_eq - the same host, as far as text can tell */
static int host_eq(const char *a, const char *b)
{
	struct netaddr x, y;

	if (strcasecmp(a, b) == 0)
		return 1;
	if (netaddr_parse(a, &x) == 0 && netaddr_parse(b, &y) == 0)
		return x.family == y.family && memcmp(x.bytes, y.bytes, 16) == 0;
	return loopback_pair(a, b) || loopback_pair(b, a);
}

/* port_eq - numerically when both are numbers (08893 = 8893) */
static int port_eq(const char *a, const char *b)
{
	if (all_digits(a) && all_digits(b) && strlen(a) < 10 && strlen(b) < 10)
		return atol(a) == atol(b);
	return strcasecmp(a, b) == 0;
}

/* match - authmilter's endpoint A is Postfix's P */
static int match(const struct endpoint *a, const struct endpoint *p,
		 const char *qdir)
{
	size_t q;

	if (a->kind != p->kind || a->kind == EP_BAD)
		return 0;
	if (a->kind == EP_INET)
		return port_eq(a->port, p->port)
		    && (a->any_host || host_eq(a->host, p->host));
	if (strcmp(a->path, p->path) == 0)
		return 1;
	q = qdir ? strlen(qdir) : 0;
	while (q > 1 && qdir[q - 1] == '/')
		q--;
	return q > 0 && p->path[0] == '/' && strncmp(a->path, qdir, q) == 0
	    && strcmp(a->path + q, p->path) == 0;
}

struct scan {
	size_t count;                /* elements of smtpd_milters */
	size_t usable;               /* of which smtpd can reach */
	int matched;
	char unusable[512];          /* elements smtpd cannot use, and why */
	char kept[512];              /* the usable ones, for the fix */
	char accepting[512];         /* milters that fail open */
};

/* one_milter - the address ADDR (TEXT as written in the list) with its
 * per-milter default action (NULL: milter_default_action applies) */
static void one_milter(const char *addr, const char *text, const char *action,
		       const struct sc_postconf *pc, const struct endpoint *am,
		       struct scan *s)
{
	const char *global = sc_postconf_get(pc, "milter_default_action");
	const char *qdir = sc_postconf_get(pc, "queue_directory");
	struct endpoint p;

	s->count++;
	parse_postfix(addr, qdir, &p);
	if (p.kind == EP_BAD) {
		char why[200];

		sc_pf_set(why, sizeof(why), " (%s)", p.why);
		sc_pf_append(s->unusable, sizeof(s->unusable), "; ", "%.120s%s",
			     addr, why);
		return;
	}
	s->usable++;
	sc_pf_append(s->kept, sizeof(s->kept), ", ", "%s", text);
	if (am != NULL && match(am, &p, qdir))
		s->matched = 1;
	if (action == NULL)
		action = global;
	if (action != NULL && strcasecmp(action, "accept") == 0)
		sc_pf_append(s->accepting, sizeof(s->accepting), "; ", "%.120s%s",
			     addr, action == global ? ""
			     : " (its own default_action=accept)");
}

/* trim - white space off both ends of TOK/LEN */
static void trim(const char **tok, size_t *len)
{
	while (*len > 0 && strchr(" \t\r\n", **tok) != NULL) {
		(*tok)++;
		(*len)--;
	}
	while (*len > 0 && strchr(" \t\r\n", (*tok)[*len - 1]) != NULL)
		(*len)--;
}

/* group - TEXT is "{ ADDRESS, name = value, ... }", IN its inside: the
 * address and its default_action */
static void group(const char *text, const char *in, size_t inlen,
		  const struct sc_postconf *pc, const struct endpoint *am,
		  struct scan *s)
{
	char buf[1024], addr[512], kv[256], action[64];
	const char *cur = buf, *tok, *v;
	size_t len;
	int first = 1;

	if (sc_postfix_list_copy(in, inlen, buf, sizeof(buf)) != 0)
		buf[0] = '\0';
	addr[0] = action[0] = '\0';
	while (sc_postfix_list_next(&cur, ",", &tok, &len)) {
		trim(&tok, &len);
		if (first) {
			(void) sc_postfix_list_copy(tok, len, addr, sizeof(addr));
			first = 0;
		} else if (sc_postfix_list_copy(tok, len, kv, sizeof(kv)) == 0
			   && strncmp(kv, "default_action", 14) == 0
			   && (v = strchr(kv, '=')) != NULL) {
			for (v++; *v == ' ' || *v == '\t'; v++)
				;
			sc_pf_set(action, sizeof(action), "%s", v);
		}
	}
	one_milter(addr[0] ? addr : "{ }", text, action[0] ? action : NULL, pc,
		   am, s);
}

/* scan_milters - every element of smtpd_milters */
static void scan_milters(const char *list, const struct sc_postconf *pc,
			 const struct endpoint *am, struct scan *s)
{
	const char *cur = list, *tok, *in;
	char text[512];
	size_t len, inlen;

	while (s->count < 64 && sc_postfix_list_next(&cur, SC_POSTFIX_LIST_SEP, &tok, &len)) {
		if (sc_postfix_list_copy(tok, len, text, sizeof(text)) != 0)
			sc_pf_set(text, sizeof(text), "(an element too long to show)");
		if (sc_postfix_list_group(tok, len, &in, &inlen))
			group(text, in, inlen, pc, am, s);
		else
			one_milter(text, text, NULL, pc, am, s);
	}
}

/* postfix_form - how smtpd_milters names authmilter's endpoint; a unix
 * socket under queue_directory is named as Debian's chrooted smtpd sees
 * it (unix:/var/spool/postfix/authmilter/authmilter.sock is
 * unix:/authmilter/authmilter.sock), with the full path for an smtpd
 * that does not run chrooted */
static void postfix_form(const struct endpoint *a, const char *qdir,
			 char *buf, size_t size)
{
	struct netaddr x;
	size_t q = qdir ? strlen(qdir) : 0;
	int v6;

	while (q > 1 && qdir[q - 1] == '/')
		q--;
	if (a->kind == EP_UNIX && q > 1 && strncmp(a->path, qdir, q) == 0
	    && a->path[q] == '/' && a->path[q + 1] != '\0') {
		snprintf(buf, size, "unix:%s (inside smtpd's chroot at %.*s;"
			 " unix:%s when smtpd does not run chrooted)",
			 a->path + q, (int) q, qdir, a->path);
		return;
	}
	if (a->kind == EP_UNIX) {
		snprintf(buf, size, "unix:%s", a->path);
		return;
	}
	v6 = netaddr_parse(a->host, &x) == 0 && x.family != AF_INET;
	snprintf(buf, size, "inet:%s%s%s:%s", v6 ? "[" : "",
		 a->any_host ? "127.0.0.1" : a->host, v6 ? "]" : "", a->port);
}

/* missing - report postfix.milter_missing */
static void missing(struct sc_report *r, const struct sc_postconf *pc,
		    const struct sc_pf_milter_ref *ref, const struct endpoint *am,
		    const struct scan *s)
{
	const char *list = sc_postconf_get(pc, "smtpd_milters");
	const char *non = sc_postconf_get(pc, "non_smtpd_milters");
	char want[600], fix[1000], who[700];

	if (am != NULL) {
		postfix_form(am, sc_postconf_get(pc, "queue_directory"), want, sizeof(want));
		sc_pf_set(who, sizeof(who), "authmilter listens on %.300s (%.300s)",
			 ref->socket, ref->source ? ref->source : "authmilter.conf");
	} else {
		sc_pf_set(want, sizeof(want), "inet:127.0.0.1:8893");
		sc_pf_set(who, sizeof(who), "authmilter's socket is not known%s%.300s",
			 ref && ref->note ? ": " : "", ref && ref->note ? ref->note : "");
	}
	sc_pf_set(fix, sizeof(fix), "Add authmilter's socket (the Socket in"
		  " authmilter.conf): smtpd_milters = %.300s%s%s", s->kept,
		  s->kept[0] ? ", " : "", want);
	sc_found_fix(r, SC_ID_POSTFIX_MILTER_MISSING, fix,
		     "%s\nsmtpd_milters = %.400s\n  -> %s%s%s\nnon_smtpd_milters = %.200s",
		     who, list[0] ? list : "(empty)",
		     s->count == 0 ? "no milter at all"
		     : s->usable == 0 ? "no milter smtpd can use"
		     : "none of them is authmilter's socket",
		     s->unusable[0] ? "; unusable: " : "", s->unusable,
		     non && non[0] ? non : "(empty)");
}

/* fail_open - report postfix.milter_fail_open */
static void fail_open(struct sc_report *r, const struct sc_postconf *pc,
		      const struct scan *s)
{
	const char *global = sc_postconf_get(pc, "milter_default_action");

	if (s->usable > 0 && s->accepting[0] != '\0')
		sc_found(r, SC_ID_POSTFIX_MILTER_FAIL_OPEN,
			 "milter_default_action = %.40s\n  -> mail is accepted"
			 " unchecked when this milter fails: %s",
			 global ? global : "(not printed)", s->accepting);
	else if (s->usable == 0 && global && strcasecmp(global, "accept") == 0)
		sc_found(r, SC_ID_POSTFIX_MILTER_FAIL_OPEN,
			 "milter_default_action = accept\n  -> (no milter is in"
			 " smtpd_milters now: this applies once one is)");
}

void sc_pf_milter(struct sc_report *r, const struct sc_postconf *pc,
		  const struct sc_pf_milter_ref *ref)
{
	const char *list = sc_postconf_get(pc, "smtpd_milters");
	struct endpoint am;
	struct scan s;
	int known = 0;

	if (list == NULL)
		return;
	if (ref != NULL && ref->socket != NULL) {
		parse_socket(ref->socket, &am);
		known = am.kind != EP_BAD;
	}
	memset(&s, 0, sizeof(s));
	scan_milters(list, pc, known ? &am : NULL, &s);
	if (s.usable == 0 || (known && !s.matched))
		missing(r, pc, ref, known ? &am : NULL, &s);
	fail_open(r, pc, &s);
}
