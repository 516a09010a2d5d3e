/*
 * am_fixtures - authentication_milter's 33 end-to-end fixtures
 * ($CONFORMANCE_DIR/dmarc/authentication_milter, see ORIGIN.md there)
 * through policy/msgauth, the calls the milter and `authmilter -t` make:
 * connect, HELO, MAIL FROM, every header field as Postfix hands it over,
 * the body in CRLF chunks, end of message. DNS is the fixtures' zonefile
 * in process (tests/conformance/zonefile), DKIM keys come from the same
 * zonefile through libopendkim's query file, and time is pinned just
 * after the Google signature of January 2015.
 *
 * Compared with the expected message's Authentication-Results field
 * (the first one under the config's authserv-id): the MAIL FROM spf=
 * result, the dkim= results as a multiset of (header.d, result), the
 * dmarc= results with header.from; and the action. Their config dirs are
 * mapped onto our keys (table am_confs[]); what they enforce and we do not,
 * or the reverse, is a TAP line of its own with a diag. Where RFC 8301,
 * RFC 9989 or our documented behaviour makes us answer otherwise, table
 * am_diffs[] says what we must answer and why, and what they answered is
 * checked against the fixture so the table cannot drift. Methods we do
 * not implement (iprev, x-*, dkim-adsp, senderid, ...) are not compared.
 * Ends with "# authentication_milter-fixtures: N passed, M failed".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <sys/socket.h>

#include <jansson.h>

#include "policy/msgauth.h"
#include "policy/netaddr.h"
#include "policy/publicsuffix.h"
#include "tests/conformance/am_field.h"
#include "tests/conformance/am_message.h"
#include "tests/conformance/am_table.h"
#include "tests/lib/zone.h"
#include "tests/lib/zonefile.h"
#include "tests/lib/tap.h"

/* 2015-01-26 00:00 UTC: a day after the Google signature's t=. */
#define FIXED_TIME 1422230400
#define CHUNK 65535                 /* Postfix's MILTER_CHUNK_SIZE */
#define REPLY_TAG "Message rejected with code : "
#define RUN_SKIP 1                  /* client in TrustedNetworks */
#define RUN_MFROM_REJECT 2          /* MultipleFrom reject */
#define RUN_PSL 4                   /* DMARCOrgDomain psl */

/* Their config dirs in our terms. Our own TrustedNetworks default
 * (127.0.0.0/8, ::1) applies to all. */
struct amrun {
	char ar[AUTHRES_MAX_FIELD];
	enum verdict_action action, would;
	enum msgauth_skip skipped;
	char reply[320];
	char note[160];
	size_t remove[16];
	size_t nremove;
	int rc;
};

static const char *dir;             /* the fixtures */
static struct zone *zone;
static struct dns_client dns;
static struct dkimv_engine *engine;
static struct publicsuffix *psl;    /* for the PSL-mode rerun, if any */
static int case_failed;
static int psl_cases;               /* DMARC differs in PSL mode */
static int diff_used[AM_MAX_DIFFS];

static int check_str(const char *got, const char *want, const char *fmt,
		     const char *a, const char *b)
	__attribute__((format(printf, 3, 0)));

/* check_str, check - TAP lines that also count toward the case */
static int check_str(const char *got, const char *want, const char *fmt,
		     const char *a, const char *b)
{
	char name[512];

	snprintf(name, sizeof(name), fmt, a, b);
	if (!is_str(got, want, "%s", name))
		case_failed = 1;
	return strcmp(got, want) == 0;
}

/* check - see check_str */
static int check(int cond, const char *what, const char *dest)
{
	if (!ok(cond, "%s: %s", dest, what))
		case_failed = 1;
	return cond;
}

/* slurp - DIR/SUB/NAME into memory, NUL added */
static char *slurp(const char *sub, const char *name, size_t *len)
{
	char path[4096];
	FILE *f;
	char *text;
	long size;

	snprintf(path, sizeof(path), "%s/%s%s%s", dir, sub, *sub ? "/" : "", name);
	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0
	    || fseek(f, 0, SEEK_SET) != 0
	    || (text = malloc((size_t) size + 1)) == NULL) {
		fclose(f);
		return NULL;
	}
	*len = fread(text, 1, (size_t) size, f);
	text[*len] = '\0';
	fclose(f);
	return text;
}

/* find_conf - the mapping of a milter_config */
static const struct amconf *find_conf(const char *name)
{
	size_t i;

	for (i = 0; i < am_nconfs; i++)
		if (strcmp(am_confs[i].name, name) == 0)
			return &am_confs[i];
	return NULL;
}

/* in_list - is IP in the space-separated CIDR LIST? */
static int in_list(const char *ip, const char *list)
{
	struct netaddr a;
	struct netaddr_cidr net;
	char item[64];
	size_t n;

	if (list == NULL || netaddr_parse(ip, &a) != 0)
		return 0;
	while (*list != '\0') {
		n = strcspn(list, " ");
		snprintf(item, sizeof(item), "%.*s", (int) n, list);
		if (netaddr_cidr_parse(item, &net) == 0 && netaddr_in_cidr(&a, &net))
			return 1;
		list += n + (list[n] == ' ');
	}
	return 0;
}

/* strip_brackets - MAIL FROM as the milter hands it to msgauth */
static void strip_brackets(const char *from, char *buf, size_t len)
{
	size_t n = strlen(from);

	if (n >= 2 && from[0] == '<' && from[n - 1] == '>')
		snprintf(buf, len, "%.*s", (int) n - 2, from + 1);
	else
		snprintf(buf, len, "%s", from);
}

/* amcase - one entry of cases.json */
struct amcase {
	const char *desc, *source, *dest, *ip, *helo, *from, *config;
};

/* feed - the message, as the milter's callbacks pass it on */
static int feed(struct msgauth *ma, const struct msg *m)
{
	size_t i, n;

	for (i = 0; i < m->n; i++)
		if (msgauth_header(ma, m->name[i], m->value[i]) != 0)
			return -1;
	for (i = 0; i < m->bodylen; i += n) {
		n = m->bodylen - i < CHUNK ? m->bodylen - i : CHUNK;
		if (msgauth_body(ma, (const unsigned char *) m->body + i, n) != 0)
			return -1;
	}
	return 0;
}

/* run - one SMTP transaction under CF, varied by HOW (RUN_*) */
static void run(const struct amcase *c, const struct amconf *cf,
		const struct msg *m, int how, struct amrun *r)
{
	struct msgauth_options opt;
	struct msgauth_verdict v;
	struct msgauth *ma;
	struct netaddr a;
	char sender[512];
	size_t i;

	memset(r, 0, sizeof(*r));
	memset(&opt, 0, sizeof(opt));
	opt.authserv_id = cf->authserv_id;
	opt.dns = &dns;
	opt.spf_helo_check = 1;
	opt.dkim = engine;
	opt.org_mode = how & RUN_PSL ? DMARC_ORG_PSL : DMARC_ORG_TREEWALK;
	opt.psl = psl;
	opt.verdict.reject_failures = 1;
	opt.verdict.quarantine = VERDICT_Q_HOLD;
	opt.verdict.report_only = !cf->enforce;
	opt.verdict.tempfail_on_dns_error = 1;
	opt.verdict.multiple_from = how & RUN_MFROM_REJECT ? VERDICT_MULTIFROM_REJECT
	    : VERDICT_MULTIFROM_EVALUATE_ALL;
	r->rc = -1;
	if ((ma = msgauth_new(&opt)) == NULL || netaddr_parse(c->ip, &a) != 0) {
		msgauth_free(ma);
		return;
	}
	msgauth_connect(ma, &a);
	if (how & RUN_SKIP)
		msgauth_skip(ma, MSGAUTH_SKIP_TRUSTED);
	if (in_list(c->ip, cf->forwarders))
		msgauth_forwarder(ma);
	msgauth_helo(ma, c->helo);
	strip_brackets(c->from, sender, sizeof(sender));
	if (msgauth_mailfrom(ma, sender) == 0 && feed(ma, m) == 0
	    && (r->rc = msgauth_eom(ma, &v)) == 0) {
		snprintf(r->ar, sizeof(r->ar), "%s", v.ar_value);
		r->action = v.verdict.action;
		r->would = v.verdict.would;
		r->skipped = v.skipped;
		if (v.verdict.smtp_code != NULL)
			snprintf(r->reply, sizeof(r->reply), "%s %s %s", v.verdict.smtp_code,
				 v.verdict.smtp_xcode ? v.verdict.smtp_xcode : "",
				 v.verdict.smtp_text);
		snprintf(r->note, sizeof(r->note), "%s", v.verdict.note);
		for (i = 0; i < v.nremove && i < 16; i++)
			r->remove[r->nremove++] = v.remove[i];
	}
	msgauth_free(ma);
}

/* expected_field - the first Authentication-Results field of M under ID */
static int expected_field(const struct msg *m, const char *id,
			  struct am_field *f)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		if (strcasecmp(m->name[i], "Authentication-Results") == 0
		    && am_field_parse(m->value[i], f) == 0
		    && strcasecmp(f->id, id) == 0)
			return 0;
	return -1;
}

/* find_diff - our deliberate difference for DEST and WHAT, or NULL */
static const struct amdiff *find_diff(const char *dest, const char *what)
{
	size_t i;

	for (i = 0; i < am_ndiffs; i++)
		if (strcmp(am_diffs[i].dest, dest) == 0 && strcmp(am_diffs[i].what, what) == 0)
			return &am_diffs[i];
	return NULL;
}

/* compare - one value: theirs must match ours, or the diff row must
 * describe both */
static void compare(const char *dest, const char *what, const char *ours,
		    const char *theirs)
{
	const struct amdiff *d = find_diff(dest, what);

	if (d != NULL)
		diff_used[d - am_diffs] = 1;
	if (d == NULL) {
		check_str(ours, theirs, "%s: %s as authentication_milter", dest, what);
		return;
	}
	if (!check_str(theirs, d->theirs, "%s: %s: authentication_milter's "
		       "answer is the one the table names", dest, what))
		return;
	check_str(ours, d->ours, "%s: %s: ours differs on purpose", dest, what);
	diag("  %s %s: authentication_milter '%s', ours '%s': %s", dest, what,
	     theirs, ours, d->why);
}

/* methods - compare spf, dkim and dmarc; ONLY_THEIRS limits it to the
 * methods their field reports */
static void methods(const char *dest, const struct am_field *ours,
		    const struct am_field *theirs, int only_theirs)
{
	static const char *const names[] = { "spf", "dkim", "dmarc" };
	char o[1024], t[1024];
	size_t i;

	for (i = 0; i < 3; i++) {
		am_summary(theirs, names[i], t, sizeof(t));
		if (only_theirs && strcmp(t, AM_ABSENT) == 0) {
			diag("  %s %s: not reported by authentication_milter here", dest,
			     names[i]);
			continue;
		}
		am_summary(ours, names[i], o, sizeof(o));
		compare(dest, names[i], o, t);
	}
}

/* action_str - "accept", "quarantine", "reject 550" (code only: the
 * enhanced code and text are ours to choose) */
static const char *action_str(enum verdict_action a, const char *reply)
{
	static char buf[64];

	if (a != VERDICT_REJECT && a != VERDICT_TEMPFAIL)
		return verdict_action_name(a);
	snprintf(buf, sizeof(buf), "%s %.3s", verdict_action_name(a), reply);
	return buf;
}

/* their_action - what authentication_milter did: the SMTP reply, else
 * the disposition it applied */
static const char *their_action(const char *dest_text, const struct am_field *f)
{
	static char buf[64];
	char dis[32];

	if (strncmp(dest_text, REPLY_TAG, strlen(REPLY_TAG)) == 0) {
		snprintf(buf, sizeof(buf), "reject %.3s", dest_text + strlen(REPLY_TAG));
		return buf;
	}
	am_disposition(f, "policy.applied-disposition", dis, sizeof(dis));
	return strcmp(dis, "none") == 0 ? "accept" : strcmp(dis, "reject") == 0
	    ? "reject 550" : "quarantine";
}

/* actions - what the MTA is told, and what we would tell it */
static void actions(const char *dest, const struct amconf *cf,
		    const struct amrun *r, const char *dtext,
		    const struct am_field *theirs)
{
	char dis[32];
	const char *ta = their_action(dtext, theirs);

	if (cf->enforce) {
		compare(dest, "action", action_str(r->action, r->reply), ta);
		if (r->reply[0] != '\0')
			diag("  %s: our reply \"%s\"", dest, r->reply);
		if (strncmp(dtext, REPLY_TAG, strlen(REPLY_TAG)) == 0)
			diag("  %s: their reply \"%.*s\"", dest,
			     (int) strcspn(dtext + strlen(REPLY_TAG), "\r\n"),
			     dtext + strlen(REPLY_TAG));
		if (r->note[0] != '\0')
			diag("  %s: our note: %s", dest, r->note);
		return;
	}
	check(r->action == VERDICT_ACCEPT, "ReportOnly: accepted", dest);
	if (strcmp(ta, "accept") != 0)
		diag("  %s: authentication_milter: %s (%s)", dest, ta, cf->theirs);
	am_disposition(theirs, "policy.evaluated-disposition", dis, sizeof(dis));
	compare(dest, "would", action_str(r->would, r->reply),
		strcmp(dis, "none") == 0 ? "accept" : strcmp(dis, "reject") == 0
		? "reject 550" : "quarantine");
}

/* append - S to the space-separated list in BUF */
static void append(char *buf, size_t len, const char *s)
{
	size_t used = strlen(buf);

	snprintf(buf + used, len - used, "%s%s", used ? " " : "", s);
}

/* removals - the fields we delete are those that claim our authserv-id,
 * numbered among the Authentication-Results fields, highest first */
static void removals(const char *dest, const struct amconf *cf,
		     const struct msg *src, const struct msg *exp,
		     const struct amrun *r)
{
	struct am_field *f = malloc(sizeof(*f));
	char want[256] = "", got[256] = "", theirs[512] = "", num[24];
	size_t i, k = 0, idx[64], n = 0;

	for (i = 0; f != NULL && i < src->n; i++)
		if (strcasecmp(src->name[i], "Authentication-Results") == 0
		    && (++k, am_field_parse(src->value[i], f) == 0)
		    && strcasecmp(f->id, cf->authserv_id) == 0 && n < 64)
			idx[n++] = k;
	for (i = 0; f != NULL && i < exp->n; i++)
		if (strcasecmp(exp->name[i], "X-Received-Authentication-Results") == 0
		    && am_field_parse(exp->value[i], f) == 0)
			append(theirs, sizeof(theirs), f->id);
	free(f);
	if (k == 0)
		return;
	for (i = n; i-- > 0;) {
		snprintf(num, sizeof(num), "%zu", idx[i]);
		append(want, sizeof(want), num);
	}
	for (i = 0; i < r->nremove; i++) {
		snprintf(num, sizeof(num), "%zu", r->remove[i]);
		append(got, sizeof(got), num);
	}
	check_str(got, want, "%s: deletes %s", dest,
		  "the fields that claim our authserv-id, highest first");
	diag("  %s: authentication_milter renamed the fields of: %s (its Sanitize "
	     "hosts_to_remove); we delete only those claiming %s", dest, theirs,
	     cf->authserv_id);
}

/* trusted - a client in TrustedNetworks: not evaluated (doc/DESIGN.md,
 * "One message, in order"); where
 * authentication_milter still reported, compare what it reported with
 * our evaluation of the same message without the skip */
static void trusted(const struct amcase *c, const struct amconf *cf,
		    const struct msg *src, const struct amrun *r,
		    const struct am_field *theirs)
{
	struct am_field *ours = malloc(sizeof(*ours));
	struct amrun *again = malloc(sizeof(*again));

	check(r->skipped == MSGAUTH_SKIP_TRUSTED && r->ar[0] == '\0'
	      && r->action == VERDICT_ACCEPT,
	      "trusted client: not evaluated, no field of ours, accepted", c->dest);
	if (theirs == NULL)
		diag("  %s: authentication_milter added no field either (%s)",
		     c->dest, cf->theirs);
	else {
		diag("  %s: authentication_milter still reports for a trusted "
		     "client; its results against ours without the skip:", c->dest);
		if (ours != NULL && again != NULL)
			run(c, cf, src, 0, again);
		if (check(ours != NULL && again != NULL && again->rc == 0
			  && am_field_parse(again->ar, ours) == 0,
			  "evaluated without the skip", c->dest))
			methods(c->dest, ours, theirs, 1);
	}
	free(ours);
	free(again);
}

/* unfold - a folded field value on one line, for diag */
static const char *unfold(const char *v, char *buf, size_t len)
{
	size_t n = 0;

	for (; *v != '\0' && n + 1 < len; v++)
		if (!(*v == '\t' && n > 0 && buf[n - 1] == ' '))
			buf[n++] = *v == '\n' || *v == '\t' ? ' ' : *v;
	buf[n] = '\0';
	return buf;
}

/* reference - the field to compare with when DEST has none */
static const char *reference(const char *dest, struct msg *refm,
			     struct am_field *f, const char *id)
{
	size_t i, len, n = am_nrefs;
	char *text;
	int found;

	for (i = 0; i < n && strcmp(am_refs[i].dest, dest) != 0; i++)
		;
	if (i == n || (text = slurp("expected", am_refs[i].ref, &len)) == NULL)
		return NULL;
	found = msg_parse(text, len, refm) == 0 && expected_field(refm, id, f) == 0;
	free(text);
	if (!found)
		return NULL;
	diag("  %s: %s; results compared with %s", dest, am_refs[i].why, am_refs[i].ref);
	return am_refs[i].ref;
}

/* variants - the message under our other settings: MultipleFrom reject
 * (our default; the fixtures evaluate every From domain, as they do),
 * and RFC 7489 PSL mode, which tells whether a case needs the PSL */
static void variants(const struct amcase *c, const struct amconf *cf,
		     const struct msg *src, const struct am_field *ours)
{
	struct amrun *again = malloc(sizeof(*again));
	struct am_field *f = malloc(sizeof(*f));
	char o[1024], p[1024];

	am_summary(ours, "dmarc", o, sizeof(o));
	if (strchr(o, ',') != NULL) {
		if (again != NULL)
			run(c, cf, src, RUN_MFROM_REJECT, again);
		check(again != NULL && again->would == VERDICT_REJECT
		      && strstr(again->reply, "From") != NULL,
		      "MultipleFrom reject (our default): refused", c->dest);
	}
	if (psl != NULL && again != NULL && f != NULL) {
		run(c, cf, src, RUN_PSL, again);
		am_summary(am_field_parse(again->ar, f) == 0 ? f : NULL, "dmarc",
			   p, sizeof(p));
		if (strcmp(o, p) != 0) {
			psl_cases++;
			diag("  %s: needs psl: dmarc '%s' in PSL mode", c->dest, p);
		}
	}
	free(again);
	free(f);
}

/* evaluated - the comparisons for a client we evaluate */
static void evaluated(const struct amcase *c, const struct amconf *cf,
		      const struct msg *src, const struct msg *exp,
		      const char *dtext, const struct amrun *r,
		      struct am_field *theirs, int have)
{
	struct am_field *ours = malloc(sizeof(*ours));
	struct msg refm;
	char o[AUTHRES_MAX_FIELD];

	memset(&refm, 0, sizeof(refm));
	if (!have && reference(c->dest, &refm, theirs, cf->authserv_id) == NULL)
		check(0, "the expected file has a field to compare with", c->dest);
	else if (check(ours != NULL && am_field_parse(r->ar, ours) == 0
			  && strcmp(ours->id, cf->authserv_id) == 0,
			  "our field is under our authserv-id", c->dest)) {
		diag("  ours: %s", unfold(r->ar, o, sizeof(o)));
		methods(c->dest, ours, theirs, 0);
		actions(c->dest, cf, r, dtext, theirs);
		removals(c->dest, cf, src, exp, r);
		variants(c, cf, src, ours);
	}
	msg_free(&refm);
	free(ours);
}

/* one_case - read, run, compare; 0 when every line passed */
static int one_case(const struct amcase *c, size_t n)
{
	const struct amconf *cf = find_conf(c->config);
	struct am_field *theirs = malloc(sizeof(*theirs));
	struct amrun *r = malloc(sizeof(*r));
	struct msg src, exp;
	char *stext = NULL, *dtext = NULL;
	size_t slen, dlen;
	int have, trust;

	case_failed = 0;
	memset(&src, 0, sizeof(src));
	memset(&exp, 0, sizeof(exp));
	diag("[%zu] %s: \"%s\", %s, client %s", n, c->dest, c->desc, c->config, c->ip);
	if (!check(cf != NULL && theirs != NULL && r != NULL,
		   "milter_config known", c->dest)
	    || !check((stext = slurp("source", c->source, &slen)) != NULL
		      && (dtext = slurp("expected", c->dest, &dlen)) != NULL
		      && msg_parse(stext, slen, &src) == 0
		      && msg_parse(dtext, dlen, &exp) == 0, "fixture read", c->dest))
		goto out;
	trust = in_list(c->ip, "127.0.0.0/8 ::1") || in_list(c->ip, cf->trusted);
	run(c, cf, &src, trust ? RUN_SKIP : 0, r);
	have = expected_field(&exp, cf->authserv_id, theirs) == 0;
	if (!check(r->rc == 0, "msgauth reached a verdict", c->dest))
		goto out;
	if (trust)
		trusted(c, cf, &src, r, have ? theirs : NULL);
	else
		evaluated(c, cf, &src, &exp, dtext, r, theirs, have);
out:
	msg_free(&src);
	msg_free(&exp);
	free(stext);
	free(dtext);
	free(theirs);
	free(r);
	return case_failed;
}

/* write_key - a DKIM key record into libopendkim's query file */
static int write_key(void *ctx, const char *name, const char *text, size_t len)
{
	const char *dk = strstr(name, "._domainkey.");

	if (dk == NULL || dk == name || strcmp(dk, "._domainkey.") == 0)
		return 0;
	if (memchr(text, '\n', len) != NULL || memchr(text, '\0', len) != NULL)
		return -1;
	return fprintf((FILE *) ctx, "%s %.*s\n", name, (int) len, text) < 0;
}

/* lookup - one query of the loaded zone, as "STATUS" or "STATUS n first" */
static const char *lookup(struct zone *z, const char *name, enum dns_type t)
{
	static char buf[1024];
	struct dns_answer a;
	struct dns_client cl;
	char addr[NETADDR_STRLEN];
	struct netaddr na;

	zone_client(z, &cl);
	dns_lookup(&cl, name, t, &a);
	snprintf(buf, sizeof(buf), "%s", dns_status_name(a.status));
	if (a.count > 0 && t == DNS_T_TXT)
		snprintf(buf, sizeof(buf), "%zu %.*s", a.count, 1000, a.rr[0].text);
	if (a.count > 0 && (t == DNS_T_A || t == DNS_T_AAAA)) {
		na.family = t == DNS_T_A ? AF_INET : AF_INET6;
		memcpy(na.bytes, a.rr[0].addr, sizeof(na.bytes));
		snprintf(buf, sizeof(buf), "%zu %s", a.count,
			 netaddr_format(&na, addr, sizeof(addr)));
	}
	if (a.count > 0 && (t == DNS_T_MX || t == DNS_T_PTR))
		snprintf(buf, sizeof(buf), "%zu %s", a.count, a.rr[0].name);
	dns_answer_free(&a);
	return buf;
}

/* The zonefile reader on the forms the fixture uses, and on broken ones
 * (a fixture is never half loaded). */
static const struct {
	const char *text;
	int added;                  /* zonefile_load_text's return */
	const char *name;
	enum dns_type type;
	const char *answer;         /* lookup(), after a good load */
} zf_cases[] = {
	{"a.example. 300 IN TXT ( \"v=DKIM1; \" p=AB\n CD )\n", 1, "a.example",
	 DNS_T_TXT, "1 v=DKIM1; p=ABCD"},
	{"a.example IN 60 TXT \"q\\\"\\065;\" ; comment\n", 1, "a.example",
	 DNS_T_TXT, "1 q\"A;"},
	{"_domainkey.a.example TXT\n", 1, "_domainkey.a.example", DNS_T_TXT,
	 "nodata"},
	{";ERROR,192.0.2.1,PTR,NXDOMAIN\n", 1, "1.2.0.192.in-addr.arpa",
	 DNS_T_PTR, "nxdomain"},
	{";ERROR,_dmarc.a.example,TXT,SERVFAIL\r\n", 1, "_dmarc.a.example",
	 DNS_T_TXT, "servfail"},
	{"a.example. A 192.0.2.1\n\tAAAA 2001:db8::1\n", 2, "a.example",
	 DNS_T_AAAA, "1 2001:db8::1"},
	{"a.example. MX 10 MX.A.Example.\nb.example CNAME a.example\n", 2,
	 "b.example", DNS_T_MX, "1 mx.a.example"},
	{"a.example. TXT \"open\n", -1, NULL, DNS_T_TXT, NULL},
	{"a.example. TXT ( \"x\"\n", -1, NULL, DNS_T_TXT, NULL},
	{"a.example. TXT \"x\" )\n", -1, NULL, DNS_T_TXT, NULL},
	{"a.example. TXT \"\\256\"\n", -1, NULL, DNS_T_TXT, NULL},
	{"a.example. A 2001:db8::1\n", -1, NULL, DNS_T_TXT, NULL},
	{"a.example. MX mx.a.example.\n", -1, NULL, DNS_T_TXT, NULL},
	{"a.example. SOA ns.a.example. host.a.example. 1 2 3 4 5\n", -1, NULL,
	 DNS_T_TXT, NULL},
	{"$ORIGIN example.\n", -1, NULL, DNS_T_TXT, NULL},
	{" TXT \"no owner\"\n", -1, NULL, DNS_T_TXT, NULL},
	{"a..example. A 192.0.2.1\n", -1, NULL, DNS_T_TXT, NULL},
	{";ERROR,a.example,TXT,NOERROR\n", -1, NULL, DNS_T_TXT, NULL},
	{";ERROR,a.example,TXT\n", -1, NULL, DNS_T_TXT, NULL},
	{"a.example. 300 IN\n", -1, NULL, DNS_T_TXT, NULL},
};

/* zonefile_checks - the table above, then the fixture's own odd lines */
static void zonefile_checks(struct zone *fixture)
{
	char err[256];
	size_t i;
	int rc;

	for (i = 0; i < sizeof(zf_cases) / sizeof(zf_cases[0]); i++) {
		struct zone *z = zone_new();

		rc = zonefile_load_text(z, zf_cases[i].text, strlen(zf_cases[i].text),
					"case", NULL, NULL, err, sizeof(err));
		if (is_int(rc, zf_cases[i].added, "zonefile %zu: %s", i,
			   rc < 0 ? err : "loads") && zf_cases[i].name != NULL)
			is_str(lookup(z, zf_cases[i].name, zf_cases[i].type),
			       zf_cases[i].answer, "zonefile %zu: %s answers", i,
			       zf_cases[i].name);
		zone_free(z);
	}
	ok(strstr(lookup(fixture, "tfe2._domainkey.marcbradshaw.net", DNS_T_TXT),
		  "qEJ4jNkIah3g9Fg4+") != NULL, "fixture: bare TXT words joined");
	is_str(lookup(fixture, "mail-we0-f172.google.com", DNS_T_A),
	       "1 74.125.82.172", "fixture: CNAME to a name written without dot");
	is_str(lookup(fixture, "_policy._domainkey.goestheweasel.com", DNS_T_TXT),
	       "nodata", "fixture: a line without data makes the name exist");
}

/* setup - the zone and the DKIM engine (keys from the zone, time pinned) */
static int setup(char *keys)
{
	struct dkimv_options opt;
	char path[4096], err[512];
	int fd = mkstemp(keys);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	int n;

	snprintf(path, sizeof(path), "%s/zonefile", dir);
	zone = zone_new();
	n = f == NULL || zone == NULL ? -1
	    : zonefile_load(zone, path, write_key, f, err, sizeof(err));
	if (f == NULL || fclose(f) != 0 || !ok(n > 0, "zonefile: %d lines loaded",
					       n)) {
		diag("%s", n < 0 ? err : "cannot write the key file");
		return -1;
	}
	zone_client(zone, &dns);
	if ((psl = publicsuffix_load(NULL, err, sizeof(err))) == NULL)
		diag("no PSL mode reruns: %s", err);
	memset(&opt, 0, sizeof(opt));
	opt.key_file = keys;
	opt.fixed_time = FIXED_TIME;
	if ((engine = dkimv_engine_new(&opt, err, sizeof(err))) == NULL)
		diag("DKIM engine: %s", err);
	return ok(engine != NULL, "DKIM engine with the zone's keys") ? 0 : -1;
}

/* field - a string member of a case, "" if absent */
static const char *field(json_t *c, const char *key)
{
	const char *s = json_string_value(json_object_get(c, key));

	return s != NULL ? s : "";
}

/* main - the fixtures, then the tables' own checks, then the count */
int main(void)
{
	const char *cdir = getenv("CONFORMANCE_DIR");
	char dirbuf[2048], path[4096], keys[] = "/tmp/am_fixtures_keys.XXXXXX";
	json_t *root, *cases;
	json_error_t jerr;
	struct amcase c;
	size_t i, failed = 0;

	snprintf(dirbuf, sizeof(dirbuf), "%s/dmarc/authentication_milter",
		 cdir != NULL ? cdir : "tests/conformance/data");
	dir = dirbuf;
	snprintf(path, sizeof(path), "%s/cases.json", dir);
	root = json_load_file(path, 0, &jerr);
	cases = json_object_get(root, "cases");
	if (!ok(json_array_size(cases) == 33, "cases.json: the 33 fixtures"))
		diag("%s: %s", path, root ? "no 33 cases" : jerr.text);
	if (setup(keys) == 0) {
		zonefile_checks(zone);
		for (i = 0; i < json_array_size(cases); i++) {
			json_t *j = json_array_get(cases, i);

			c.desc = field(j, "desc");
			c.source = field(j, "source");
			c.dest = field(j, "dest");
			c.ip = field(j, "ip");
			c.helo = field(j, "name");
			c.from = field(j, "from");
			c.config = field(j, "milter_config");
			failed += one_case(&c, i + 1) != 0;
		}
		for (i = 0; i < am_ndiffs; i++)
			ok(diff_used[i], "differences table row met: %s %s",
			   am_diffs[i].dest, am_diffs[i].what);
		diag("cases whose DMARC results differ in RFC 7489 PSL mode: %d%s",
		     psl_cases, psl ? "" : " (not tried: no PSL)");
		printf("# authentication_milter-fixtures: %zu passed, %zu failed\n",
		       json_array_size(cases) - failed, failed);
	}
	dkimv_engine_free(engine);
	publicsuffix_free(psl);
	zone_free(zone);
	unlink(keys);
	json_decref(root);
	return tap_done();
}
