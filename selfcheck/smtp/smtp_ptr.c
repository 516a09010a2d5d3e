/*
 * smtp_ptr - reverse DNS of the SMTP server; see smtp_ptr.h.
 */
#include <stdarg.h>
#include <string.h>
#include <sys/socket.h>

#include "util/textbuf.h"
#include "smtp_addr.h"
#include "smtp_ptr.h"

/* say - append one line (printf-style) to T, cut at its end; none is
 * begun once only its NUL fits */
static void say(struct textbuf *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void say(struct textbuf *t, const char *fmt, ...)
{
	va_list ap;

	if (t->len + 1 >= t->cap)
		return;
	if (t->len > 0)
		textbuf_putc(t, '\n');
	va_start(ap, fmt);
	textbuf_vprintf(t, fmt, ap);
	va_end(ap);
}

/* Forward confirmation of one PTR name. */
enum forward { FWD_YES, FWD_NO, FWD_UNKNOWN };

/* confirm - do NAME's A (or AAAA) records hold ADDR? */
static enum forward confirm(const struct dns_client *dns, const char *name,
			    const struct netaddr *addr, struct textbuf *t)
{
	enum dns_type type = addr->family == AF_INET ? DNS_T_A : DNS_T_AAAA;
	size_t n = addr->family == AF_INET ? 4 : 16, i;
	char shown[NETADDR_STRLEN];
	struct netaddr got;
	struct dns_answer a;
	enum forward f = FWD_NO;

	dns_lookup(dns, name, type, &a);
	if (a.status == DNS_TIMEOUT || a.status == DNS_SERVFAIL)
		f = FWD_UNKNOWN;
	if (a.status != DNS_OK)
		say(t, "%s %s: %s", dns_type_name(type), name,
		    dns_status_name(a.status));
	for (i = 0; i < a.count; i++) {
		if (memcmp(a.rr[i].addr, addr->bytes, n) == 0)
			f = FWD_YES;
		memset(&got, 0, sizeof(got));
		got.family = addr->family;
		memcpy(got.bytes, a.rr[i].addr, n);
		say(t, "%s %s: %s", dns_type_name(type), name,
		    netaddr_format(&got, shown, sizeof(shown)));
	}
	dns_answer_free(&a);
	return f;
}

/* judge_names - the verdict over the PTR names of answer P */
static enum smtp_ptr_verdict judge_names(const struct dns_client *dns,
					 const struct dns_answer *p,
					 const struct netaddr *addr,
					 const char *greeting, const char *ehlo,
					 struct textbuf *t)
{
	enum smtp_ptr_verdict v = SMTP_PTR_MISMATCH;
	enum forward f;
	size_t i;
	int named;

	for (i = 0; i < p->count && i < SMTP_PTR_MAX_NAMES; i++) {
		named = smtp_addr_same_host(p->rr[i].name, greeting)
			|| smtp_addr_same_host(p->rr[i].name, ehlo);
		f = confirm(dns, p->rr[i].name, addr, t);
		if (named && f == FWD_YES)
			return SMTP_PTR_OK;
		if (named && f == FWD_UNKNOWN)
			v = SMTP_PTR_UNKNOWN;
	}
	return v;
}

enum smtp_ptr_verdict smtp_ptr_check(const struct dns_client *dns,
				     const struct netaddr *addr,
				     const char *greeting, const char *ehlo,
				     char *evidence, size_t len)
{
	char rev[SMTP_ADDR_REVERSE_MAX], shown[NETADDR_STRLEN];
	struct textbuf t;
	enum smtp_ptr_verdict v;
	struct dns_answer p;
	size_t i;

	textbuf_init(&t, evidence, len);
	smtp_addr_reverse_name(addr, rev, sizeof(rev));
	dns_lookup(dns, rev, DNS_T_PTR, &p);
	netaddr_format(addr, shown, sizeof(shown));
	if (p.status != DNS_OK) {
		say(&t, "PTR %s (%s): %s", rev, shown, dns_status_name(p.status));
		v = p.status == DNS_NXDOMAIN || p.status == DNS_NODATA
			? SMTP_PTR_MISSING : SMTP_PTR_UNKNOWN;
		dns_answer_free(&p);
		return v;
	}
	for (i = 0; i < p.count; i++)
		say(&t, "PTR %s (%s): %s", rev, shown, p.rr[i].name);
	v = judge_names(dns, &p, addr, greeting, ehlo, &t);
	say(&t, "server announces: greeting %s, EHLO %s",
	    greeting[0] ? greeting : "(none)", ehlo[0] ? ehlo : "(none)");
	dns_answer_free(&p);
	return v;
}
