/*
 * milterload - a milter-protocol load generator: sends a corpus
 * (tests/bench/README.md) to one filter or a chain of filters the way
 * Postfix 3.7 does (milter_protocol = 6), from -c concurrent workers,
 * and prints rate, latency percentiles, the filters' verdicts and, with
 * -p, the memory and threads of the filter processes.
 *
 * Each worker owns its connections; messages are dealt from one atomic
 * counter and every figure is kept per worker and merged at the end, so
 * the workers share nothing on the hot path but that counter. Sockets
 * are blocking, without TCP_NODELAY, and an answered command (with the
 * macros and unanswered commands before it) goes out in one write(), so
 * a filter pays the same Nagle/delayed-ACK costs as behind a Postfix.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "benchopt.h"
#include "corpus.h"
#include "hdrlist.h"
#include "milter_wire.h"
#include "ml_tally.h"
#include "stats.h"

#define ML_MAX_FILTERS	8
#define ML_MAX_PIDS	16
#define ML_REC_LEN	300	/* the -r line's header excerpt */
#define ML_MAX_ERRMSG	5	/* error reasons shown on stderr */

struct ml_filter {
	const char *spec;
	struct sockaddr_storage addr;
	socklen_t addrlen;
};

struct ml_opts {
	struct ml_filter filter[ML_MAX_FILTERS];
	int nfilter, conc, timeout_s, npid, check, quiet;
	long nmsg, warm, per_conn, every, pid[ML_MAX_PIDS];
	const char *rfile, *dir;
};

struct ml_rss {
	long messages, kb, threads;
};

/* the run, shared by the workers */
struct ml_load {
	const struct ml_opts *o;
	struct corpus *c;
	size_t *msgcase, ncase;
	const char **casename;
	long total;			/* warm-up + counted messages */
	atomic_long next;		/* the next message to deal */
	atomic_long done;		/* counted messages finished */
	atomic_long warm_done;
	atomic_int errmsgs;
	pthread_mutex_t lock;		/* rss, rf, warm-up wait */
	pthread_cond_t warmed;
	double t0;			/* the clock of elapsed/rate */
	struct ml_rss *rss;
	size_t nrss, rsscap;
	FILE *rf;
	int rf_failed;
};

/* one filter connection of a session */
enum { ML_CS_CLOSED, ML_CS_OPEN, ML_CS_ACCEPT, ML_CS_REJECT, ML_CS_TEMPFAIL };
struct ml_conn {
	struct mw_conn mw;
	int state;
	int abort_due;		/* the last message ended before EOM */
};

/* one message on its way through the chain */
struct ml_msg {
	struct hdrlist hl;
	int quarantine, accepted, counted;
	uint32_t leadspc;	/* the current filter wants the space */
	long nadd, nins, nchg;
	char first[ML_REC_LEN + 1];
	struct ml_tally *t;
};

struct ml_worker {
	pthread_t thread;
	struct ml_load *ld;
	int id;
	struct ml_conn conn[ML_MAX_FILTERS];
	long insession, sessions;
	unsigned long qid;
	struct ml_msg msg;
	struct ml_tally t;
};

static void rss_sample(struct ml_load *ld, long messages);

/* say_error - the first few error reasons go to stderr */
static void say_error(struct ml_load *ld, const struct ml_filter *f,
		      const char *what, int st)
{
	if (atomic_fetch_add(&ld->errmsgs, 1) < ML_MAX_ERRMSG)
		fprintf(stderr, "milterload: %s: %s: %s\n", f->spec, what,
			st == 0 ? strerror(errno) : mw_strerror(st));
}

/* msg_reset - nothing seen yet of the next message */
static void msg_reset(struct ml_msg *x)
{
	hdrlist_reset(&x->hl);
	x->quarantine = x->accepted = 0;
	x->nadd = x->nins = x->nchg = 0;
	x->first[0] = 0;
}

/* msg_edit - apply one modification reply to the header list */
static int msg_edit(void *ctx, struct mw_conn *c)
{
	struct ml_msg *x = ctx;
	const char *name, *value;
	uint32_t index;
	int st;

	if (c->cmd != SMFIR_ADDHEADER && c->cmd != SMFIR_INSHEADER
	    && c->cmd != SMFIR_CHGHEADER)
		return MW_OK;	/* recipients, sender, body: not counted */
	if (mw_hdr_reply(c, &index, &name, &value) != MW_OK)
		return MW_PROTO;
	if (c->cmd == SMFIR_CHGHEADER) {
		x->nchg++;
		st = hdrlist_change(&x->hl, index, name, value, x->leadspc);
		return st < 0 ? MW_NOMEM : MW_OK;
	}
	/* Sendmail's INSHEADER index 0 is the top; ADDHEADER appends */
	if (hdrlist_insert(&x->hl, c->cmd == SMFIR_ADDHEADER ? x->hl.n : index,
			   name, value, x->leadspc) < 0)
		return MW_NOMEM;
	if (c->cmd == SMFIR_ADDHEADER)
		x->nadd++;
	else
		x->nins++;
	if (x->counted)
		ml_tally_name(x->t, name, 1);
	if (x->first[0] == 0)
		hdrlist_squash(x->first, sizeof(x->first), name, value);
	return MW_OK;
}

/* step - macros, then the event unless the filter declined it, then its
 * reply unless the filter said it sends none; MW_CONTINUE if none due */
static int step(struct ml_conn *fc, struct ml_msg *x, int event,
		uint32_t nosend, uint32_t noreply)
{
	struct mw_conn *c = &fc->mw;

	if (c->proto & nosend)
		return MW_CONTINUE;
	if (c->proto & noreply)
		return MW_CONTINUE;
	return mw_await(c, event, &x->quarantine,
			event == SMFIC_BODYEOB ? msg_edit : NULL, x);
}

/* put_header - SMFIC_HEADER, the value as Postfix gives it */
static int put_header(struct mw_conn *c, const struct hdrlist_field *h)
{
	const char *v[2] = {h->name, h->value};

	/* Postfix eats one space (not a tab) unless asked not to */
	if (!(c->proto & SMFIP_HDR_LEADSPC) && v[1][0] == ' ')
		v[1]++;
	return mw_put_strs(c, SMFIC_HEADER, v, 2);
}

/* send_body - SMFIC_BODY chunks; stops early on SMFIR_SKIP */
static int send_body(struct ml_conn *fc, struct ml_msg *x,
		     const struct corpus_msg *m)
{
	size_t off, len;
	int st;

	if (fc->mw.proto & SMFIP_NOBODY)
		return MW_CONTINUE;
	for (off = 0; off < m->bodylen; off += len) {
		len = m->bodylen - off;
		if (len > MILTER_CHUNK_SIZE)
			len = MILTER_CHUNK_SIZE;
		if ((st = mw_put(&fc->mw, SMFIC_BODY, m->body + off, len)))
			return st;
		st = step(fc, x, SMFIC_BODY, 0, SMFIP_NR_BODY);
		if (st == MW_SKIP)
			break;
		if (st != MW_CONTINUE)
			return st;
	}
	return MW_CONTINUE;
}

/* transact - one message through one filter, MAIL to end of message;
 * an mw_outcome, or an mw_status < 0 */
static int transact(struct ml_conn *fc, struct ml_msg *x,
		    const struct corpus_msg *m, const char *qid)
{
	struct mw_conn *c = &fc->mw;
	char from[1024], rcpt[1024];
	const char *mac[2], *arg[1];
	size_t i;
	int st;

	snprintf(from, sizeof(from), "<%s>", m->from);
	snprintf(rcpt, sizeof(rcpt), "<%s>", m->rcpt);
	x->leadspc = c->proto & SMFIP_HDR_LEADSPC;
	/* as Postfix at the next MAIL after a transaction cut short */
	if (fc->abort_due && (st = mw_put(c, SMFIC_ABORT, NULL, 0)))
		return st;
	fc->abort_due = 1;
	mac[0] = "{mail_addr}", mac[1] = m->from, arg[0] = from;
	if ((st = mw_put_macros(c, SMFIC_MAIL, mac, 1))
	    || (!(c->proto & SMFIP_NOMAIL)
		&& (st = mw_put_strs(c, SMFIC_MAIL, arg, 1))))
		return st;
	if ((st = step(fc, x, SMFIC_MAIL, SMFIP_NOMAIL, SMFIP_NR_MAIL))
	    != MW_CONTINUE)
		return st;
	mac[0] = "{rcpt_addr}", mac[1] = m->rcpt, arg[0] = rcpt;
	if ((st = mw_put_macros(c, SMFIC_RCPT, mac, 1))
	    || (!(c->proto & SMFIP_NORCPT)
		&& (st = mw_put_strs(c, SMFIC_RCPT, arg, 1))))
		return st;
	if ((st = step(fc, x, SMFIC_RCPT, SMFIP_NORCPT, SMFIP_NR_RCPT))
	    != MW_CONTINUE)
		return st;
	mac[0] = "i", mac[1] = qid;
	if ((st = mw_put_macros(c, SMFIC_DATA, mac, 1))
	    || (!(c->proto & SMFIP_NODATA)
		&& (st = mw_put(c, SMFIC_DATA, NULL, 0))))
		return st;
	if ((st = step(fc, x, SMFIC_DATA, SMFIP_NODATA, SMFIP_NR_DATA))
	    != MW_CONTINUE)
		return st;
	for (i = 0; i < x->hl.n && !(c->proto & SMFIP_NOHDRS); i++) {
		if ((st = put_header(c, &x->hl.f[i])))
			return st;
		st = step(fc, x, SMFIC_HEADER, SMFIP_NOHDRS, SMFIP_NR_HDR);
		if (st == MW_SKIP)
			break;
		if (st != MW_CONTINUE)
			return st;
	}
	if ((st = mw_put_macros(c, SMFIC_EOH, mac, 1))
	    || (!(c->proto & SMFIP_NOEOH)
		&& (st = mw_put(c, SMFIC_EOH, NULL, 0))))
		return st;
	if ((st = step(fc, x, SMFIC_EOH, SMFIP_NOEOH, SMFIP_NR_EOH))
	    != MW_CONTINUE || (st = send_body(fc, x, m)) != MW_CONTINUE)
		return st;
	if ((st = mw_put_macros(c, SMFIC_BODYEOB, mac, 1))
	    || (st = mw_put(c, SMFIC_BODYEOB, NULL, 0)))
		return st;
	fc->abort_due = 0;
	return step(fc, x, SMFIC_BODYEOB, 0, 0);
}

/* conn_close - QUIT if it is still open, and close */
static void conn_close(struct ml_conn *fc, int quit)
{
	if (fc->state == ML_CS_CLOSED)
		return;
	if (quit && fc->mw.fd >= 0 && mw_put(&fc->mw, SMFIC_QUIT, NULL, 0) == 0)
		(void)mw_flush(&fc->mw);
	if (fc->mw.fd >= 0)
		close(fc->mw.fd);
	mw_free(&fc->mw);
	fc->mw.fd = -1;
	fc->state = ML_CS_CLOSED;
}

/* conn_level - a connect or HELO outcome into the connection's state */
static int conn_level(struct ml_conn *fc, int out)
{
	switch (out) {
	case MW_CONTINUE:
	case MW_SKIP:
		return 0;
	case MW_ACCEPT:
		fc->state = ML_CS_ACCEPT;
		break;
	case MW_REJECT:
		fc->state = ML_CS_REJECT;
		break;
	case MW_TEMPFAIL:
	case MW_SHUTDOWN:
		fc->state = ML_CS_TEMPFAIL;
		break;
	default:
		return out < 0 ? out : MW_PROTO;
	}
	/* as Postfix: no more events for this connection, close it */
	close(fc->mw.fd);
	fc->mw.fd = -1;
	return 0;
}

/* conn_open - connect, negotiate, send connect and HELO events */
static int conn_open(struct ml_worker *w, int k, const struct corpus_msg *m)
{
	const struct ml_filter *f = &w->ld->o->filter[k];
	struct ml_conn *fc = &w->conn[k];
	struct mw_conn *c = &fc->mw;
	struct timeval tv = {.tv_sec = w->ld->o->timeout_s};
	char host[80], under[100], xport[8];
	const char *mac[6];
	int fd, st, fam = strchr(m->client, ':') ? '6' : '4';
	unsigned port = 1024 + (unsigned)((w->id * 7919 + w->sessions) % 60000);
	struct ml_msg *x = &w->msg;

	if ((fd = socket(f->addr.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
		return MW_IO;
	/* a write that cannot finish must fail like a read that times out */
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	mw_init(c, fd, w->ld->o->timeout_s * 1000);
	fc->state = ML_CS_OPEN;
	fc->abort_due = 0;
	if (connect(fd, (const struct sockaddr *)&f->addr, f->addrlen) < 0)
		return MW_IO;
	if ((st = mw_optneg(c)) != MW_OK)
		return st;
	snprintf(host, sizeof(host), "[%s]", m->client);
	snprintf(under, sizeof(under), "unknown [%s]", m->client);
	snprintf(xport, sizeof(xport), "%u", port);
	mac[0] = "j", mac[1] = "mx.example.org";
	mac[2] = "{daemon_name}", mac[3] = "smtpd";
	mac[4] = "_", mac[5] = under;
	if ((st = mw_put_macros(c, SMFIC_CONNECT, mac, 3))
	    || (!(c->proto & SMFIP_NOCONNECT)
		&& (st = mw_put_connect(c, host, fam, port, m->client))))
		return st;
	st = step(fc, x, SMFIC_CONNECT, SMFIP_NOCONNECT, SMFIP_NR_CONN);
	if ((st = conn_level(fc, st)) != 0 || fc->state != ML_CS_OPEN)
		return st;
	mac[0] = m->helo;
	if (!(c->proto & SMFIP_NOHELO)
	    && (st = mw_put_strs(c, SMFIC_HELO, mac, 1)))
		return st;
	st = step(fc, x, SMFIC_HELO, SMFIP_NOHELO, SMFIP_NR_HELO);
	return conn_level(fc, st);
}

/* session_close - end every filter connection of the session */
static void session_close(struct ml_worker *w, int quit)
{
	int k;

	for (k = 0; k < w->ld->o->nfilter; k++)
		conn_close(&w->conn[k], quit);
	w->insession = 0;
}

/* session_open - one connection per filter, as an SMTP session opens */
static int session_open(struct ml_worker *w, const struct corpus_msg *m)
{
	int k, st;

	w->sessions++;
	msg_reset(&w->msg);
	for (k = 0; k < w->ld->o->nfilter; k++)
		if ((st = conn_open(w, k, m)) != 0) {
			say_error(w->ld, &w->ld->o->filter[k], "session", st);
			session_close(w, 0);
			return -1;
		}
	return 0;
}

/* chain - one message through the filters; a verdict and an action */
static int chain(struct ml_worker *w, const struct corpus_msg *m, int *action)
{
	struct ml_msg *x = &w->msg;
	char qid[32];
	int k, out;

	snprintf(qid, sizeof(qid), "%X%05lX", (unsigned)w->id, ++w->qid);
	msg_reset(x);
	if (hdrlist_load(&x->hl, m) < 0)
		return ML_V_ERROR;
	for (k = 0; k < w->ld->o->nfilter; k++) {
		struct ml_conn *fc = &w->conn[k];

		if (fc->state == ML_CS_ACCEPT)
			out = MW_ACCEPT;
		else if (fc->state == ML_CS_REJECT)
			out = MW_REJECT;
		else if (fc->state == ML_CS_TEMPFAIL)
			out = MW_TEMPFAIL;
		else
			out = transact(fc, x, m, qid);
		if (out < 0) {
			say_error(w->ld, &w->ld->o->filter[k], "message", out);
			return ML_V_ERROR;
		}
		if (out == MW_SHUTDOWN)		/* 421: as a rejected connect */
			conn_level(fc, out);
		if (out == MW_ACCEPT)
			x->accepted = 1;
		else if (out == MW_REJECT)
			return *action = ML_A_REJECT, ML_V_REJECT;
		else if (out == MW_TEMPFAIL || out == MW_SHUTDOWN)
			return *action = ML_A_TEMPFAIL, ML_V_TEMPFAIL;
		else if (out == MW_DISCARD)
			return *action = ML_A_DISCARD, ML_V_DISCARD;
		else if (out != MW_CONTINUE)
			return ML_V_ERROR;	/* SKIP at end of message */
	}
	if (x->quarantine)
		return *action = ML_A_QUARANTINE, ML_V_QUARANTINE;
	*action = x->accepted ? ML_A_ACCEPT : ML_A_CONTINUE;
	return ML_V_ACCEPT;
}

/* record - count one finished message and write its -r line */
static void record(struct ml_worker *w, long seq, size_t mi, int verdict,
		   int action, double ms)
{
	struct ml_load *ld = w->ld;
	const struct corpus_msg *m = &ld->c->msg[mi];
	struct ml_tally *t = &w->t;
	struct ml_case *cs = &t->cases[ld->msgcase[mi]];
	int bad;
	long d;

	t->messages++;
	cs->n++;
	if (verdict == ML_V_ERROR) {
		t->errors++;
	} else {
		t->actions[action]++;
		if (verdict < ML_V_COLUMNS)
			cs->v[verdict]++;
		(void)stats_add(&t->lat, ms);
		t->nadd += w->msg.nadd;
		t->nins += w->msg.nins;
		t->nchg += w->msg.nchg;
		bad = strcmp(ml_vname[verdict], m->expect) != 0;
		t->mismatches += bad;
		cs->mismatches += bad;
	}
	if (ld->rf) {
		pthread_mutex_lock(&ld->lock);
		if (fprintf(ld->rf, "%ld %s %s %s %.1f%s%s\n", seq, m->kase,
			    m->expect, ml_vname[verdict], ms,
			    w->msg.first[0] ? " " : "", w->msg.first) < 0)
			ld->rf_failed = 1;
		pthread_mutex_unlock(&ld->lock);
	}
	d = atomic_fetch_add(&ld->done, 1) + 1;
	if (ld->o->every > 0 && d % ld->o->every == 0)
		rss_sample(ld, d);
}

/* warm_wait - counted messages wait until the warm-up is over */
static void warm_wait(struct ml_load *ld)
{
	if (atomic_load(&ld->warm_done) >= ld->o->warm)
		return;
	pthread_mutex_lock(&ld->lock);
	while (atomic_load(&ld->warm_done) < ld->o->warm)
		pthread_cond_wait(&ld->warmed, &ld->lock);
	pthread_mutex_unlock(&ld->lock);
}

/* warm_one - one warm-up message done; the last starts the clock */
static void warm_one(struct ml_load *ld)
{
	if (atomic_fetch_add(&ld->warm_done, 1) + 1 != ld->o->warm)
		return;
	pthread_mutex_lock(&ld->lock);
	ld->t0 = stats_now_ms();
	pthread_cond_broadcast(&ld->warmed);
	pthread_mutex_unlock(&ld->lock);
}

/* worker_main - deal messages until the counter runs out */
static void *worker_main(void *arg)
{
	struct ml_worker *w = arg;
	struct ml_load *ld = w->ld;
	long idx;
	size_t mi;
	int verdict, action = ML_A_CONTINUE;
	double t0;

	w->msg.t = &w->t;
	while ((idx = atomic_fetch_add(&ld->next, 1)) < ld->total) {
		w->msg.counted = idx >= ld->o->warm;
		if (w->msg.counted)
			warm_wait(ld);
		mi = (size_t)idx % ld->c->nmsg;
		if (w->insession == 0 && session_open(w, &ld->c->msg[mi]) < 0) {
			verdict = ML_V_ERROR;
			t0 = stats_now_ms();
		} else {
			t0 = stats_now_ms();
			verdict = chain(w, &ld->c->msg[mi], &action);
			if (verdict == ML_V_ERROR)
				session_close(w, 0);
			else if (++w->insession >= ld->o->per_conn)
				session_close(w, 1);
		}
		if (w->msg.counted)
			record(w, idx - ld->o->warm, mi, verdict, action,
			       stats_now_ms() - t0);
		else
			warm_one(ld);
	}
	session_close(w, 1);
	hdrlist_free(&w->msg.hl);
	return NULL;
}

/* usage - the synopsis on stderr; exit status 2 */
static int usage(void)
{
	fprintf(stderr, "usage: milterload -s SOCKET [-s SOCKET]... [-c N] "
		"[-n N] [-w N] [-m N]\n\t[-t SECONDS] [-p PID]... [-e N] "
		"[-r FILE] [-k] [-q] CORPUS\n");
	return 2;
}

/* opt_one - one option other than -s and -p; -1 if bad */
static int opt_one(struct ml_opts *o, int ch, const char *arg)
{
	long v = 0;

	switch (ch) {
	case 'c': v = o->conc = (int)benchopt_num(arg, 1, 4096); break;
	case 'n': v = o->nmsg = benchopt_num(arg, 1, 1L << 40); break;
	case 'w': v = o->warm = benchopt_num(arg, 0, 1L << 40); break;
	case 'm': v = o->per_conn = benchopt_num(arg, 1, 1L << 40); break;
	case 't': v = o->timeout_s = (int)benchopt_num(arg, 1, 86400); break;
	case 'e': v = o->every = benchopt_num(arg, 1, 1L << 40); break;
	case 'r': o->rfile = arg; break;
	case 'k': o->check = 1; break;
	case 'q': o->quiet = 1; break;
	default: return -1;
	}
	return v < 0 ? -1 : 0;
}

/* parse_opts - the command line into O; -1 on a usage error */
static int parse_opts(struct ml_opts *o, int argc, char **argv)
{
	long v;
	int ch;

	memset(o, 0, sizeof(*o));
	o->conc = 16;
	o->per_conn = 1;
	o->timeout_s = 30;
	while ((ch = getopt(argc, argv, "s:c:n:w:m:t:p:e:r:kq")) != -1) {
		if (ch == 's') {
			if (o->nfilter == ML_MAX_FILTERS
			    || benchopt_milter_socket(optarg,
						      &o->filter[o->nfilter].addr,
						      &o->filter[o->nfilter].addrlen) < 0) {
				fprintf(stderr, "milterload: bad socket or too "
					"many -s: %s\n", optarg);
				return -1;
			}
			o->filter[o->nfilter++].spec = optarg;
		} else if (ch == 'p') {
			if (o->npid == ML_MAX_PIDS
			    || (v = benchopt_num(optarg, 1, 1L << 30)) < 0)
				return -1;
			o->pid[o->npid++] = v;
		} else if (opt_one(o, ch, optarg) < 0) {
			return -1;
		}
	}
	if (optind != argc - 1 || o->nfilter == 0)
		return -1;
	o->dir = argv[optind];
	return 0;
}

/* rss_sample - VmRSS and Threads summed over the -p processes */
static void rss_sample(struct ml_load *ld, long messages)
{
	struct ml_rss *r;
	long kb, th, sum_kb = 0, sum_th = 0;
	int i, seen = 0;

	if (ld->o->npid == 0)
		return;
	for (i = 0; i < ld->o->npid; i++)
		if (stats_rss(ld->o->pid[i], &kb, &th) == 0) {
			sum_kb += kb;
			sum_th += th;
			seen = 1;
		}
	pthread_mutex_lock(&ld->lock);
	if (ld->nrss < ld->rsscap) {
		r = &ld->rss[ld->nrss++];
		r->messages = messages;
		r->kb = seen ? sum_kb : -1;
		r->threads = seen ? sum_th : -1;
	}
	pthread_mutex_unlock(&ld->lock);
}

/* case_index - give each corpus message the number of its case */
static int case_index(struct ml_load *ld)
{
	const struct corpus *c = ld->c;
	size_t i, j;

	ld->msgcase = calloc(c->nmsg, sizeof(*ld->msgcase));
	ld->casename = calloc(c->nmsg, sizeof(*ld->casename));
	if (ld->msgcase == NULL || ld->casename == NULL)
		return -1;
	for (i = 0; i < c->nmsg; i++) {
		for (j = 0; j < ld->ncase; j++)
			if (strcmp(ld->casename[j], c->msg[i].kase) == 0)
				break;
		if (j == ld->ncase)
			ld->casename[ld->ncase++] = c->msg[i].kase;
		ld->msgcase[i] = j;
	}
	return 0;
}

/* report - the summary; returns the exit status */
static int report(const struct ml_load *ld, struct ml_tally *t,
		  double elapsed_ms)
{
	size_t i;

	printf("milterload: messages=%ld errors=%ld mismatches=%ld "
	       "elapsed_s=%.2f rate=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f "
	       "max_ms=%.2f\n", t->messages, t->errors, t->mismatches,
	       elapsed_ms / 1000,
	       elapsed_ms > 0 ? (double)t->messages * 1000 / elapsed_ms : 0.0,
	       stats_pct(&t->lat, 50), stats_pct(&t->lat, 90),
	       stats_pct(&t->lat, 99), stats_max(&t->lat));
	if (!ld->o->quiet)
		ml_tally_print(t, ld->casename);
	for (i = 0; i < ld->nrss; i++)
		printf("rss: messages=%ld rss_kb=%ld threads=%ld\n",
		       ld->rss[i].messages, ld->rss[i].kb, ld->rss[i].threads);
	if (fflush(stdout) != 0)
		return 1;
	return t->errors > 0 || (ld->o->check && t->mismatches > 0);
}

/* run - start the workers, wait for them, merge their figures */
static int run(struct ml_load *ld)
{
	struct ml_worker *w;
	struct ml_tally all;
	double elapsed;
	int i, rc = 0, started = 0;

	if ((w = calloc((size_t)ld->o->conc, sizeof(*w))) == NULL)
		return 2;
	if (ml_tally_init(&all, ld->ncase) < 0) {
		free(w);
		return 2;
	}
	rss_sample(ld, 0);
	ld->t0 = stats_now_ms();
	for (i = 0; i < ld->o->conc; i++) {
		w[i].ld = ld;
		w[i].id = i;
		if (ml_tally_init(&w[i].t, ld->ncase) < 0
		    || pthread_create(&w[i].thread, NULL, worker_main, &w[i]))
			break;
		started++;
	}
	for (i = 0; i < started; i++)
		pthread_join(w[i].thread, NULL);
	elapsed = stats_now_ms() - ld->t0;
	for (i = 0; i < ld->o->conc; i++) {
		if (i < started && ml_tally_merge(&all, &w[i].t) < 0)
			rc = 2;
		ml_tally_free(&w[i].t);
	}
	free(w);
	rss_sample(ld, atomic_load(&ld->done));
	if (started < ld->o->conc || rc)
		fprintf(stderr, "milterload: out of memory or threads\n");
	else
		rc = report(ld, &all, elapsed);
	ml_tally_free(&all);
	return started < ld->o->conc ? 2 : rc;
}

/* load_init - the shared state of a run over the corpus in O->dir */
static int load_init(struct ml_load *ld, const struct ml_opts *o)
{
	char err[1024];

	memset(ld, 0, sizeof(*ld));
	ld->o = o;
	pthread_mutex_init(&ld->lock, NULL);
	pthread_cond_init(&ld->warmed, NULL);
	if ((ld->c = corpus_load(o->dir, err, sizeof(err))) == NULL) {
		fprintf(stderr, "milterload: %s\n", err);
		return -1;
	}
	ld->total = o->warm + (o->nmsg > 0 ? o->nmsg : (long)ld->c->nmsg);
	/* start, end, and one per -e multiple */
	ld->rsscap = 2 + (o->every ? (size_t)((ld->total - o->warm) / o->every) : 0);
	if (o->npid && (ld->rss = calloc(ld->rsscap, sizeof(*ld->rss))) == NULL)
		return -1;
	if (case_index(ld) < 0)
		return -1;
	if (o->rfile && (ld->rf = fopen(o->rfile, "w")) == NULL) {
		fprintf(stderr, "milterload: %s: %s\n", o->rfile,
			strerror(errno));
		return -1;
	}
	return 0;
}

/* load_free - release what load_init took; 0 unless the -r file failed */
static int load_free(struct ml_load *ld)
{
	int bad = 0;

	if (ld->rf && (fclose(ld->rf) != 0 || ld->rf_failed)) {
		fprintf(stderr, "milterload: %s: write failed\n", ld->o->rfile);
		bad = 1;
	}
	free(ld->rss);
	free(ld->msgcase);
	free(ld->casename);
	corpus_free(ld->c);
	pthread_mutex_destroy(&ld->lock);
	pthread_cond_destroy(&ld->warmed);
	return bad;
}

int main(int argc, char **argv)
{
	struct ml_opts o;
	struct ml_load ld;
	int rc;

	signal(SIGPIPE, SIG_IGN);
	if (parse_opts(&o, argc, argv) < 0)
		return usage();
	if (load_init(&ld, &o) < 0) {
		load_free(&ld);
		return 2;
	}
	rc = run(&ld);
	if (load_free(&ld) && rc == 0)
		rc = 1;
	return rc;
}
