/*
 * smtpload - send a benchmark corpus over many concurrent SMTP sessions
 * (tests/bench/README.md gives the command line and the corpus format).
 *
 * One message per session, as most senders do: connect, banner, EHLO,
 * with -x an XCLIENT that gives the message its own client address and
 * HELO name (and a second EHLO, which Postfix asks for after XCLIENT),
 * MAIL, RCPT, DATA, the message, QUIT. Each worker thread runs one
 * session at a time on a plain blocking socket and writes once per SMTP
 * command, as a real client does; replies may be multi-line. A 4xx, a
 * failed connection or a timeout may be retried in a new session (-R).
 * With -H the first session of every worker stops after its EHLO until
 * all of them are there, so that the server holds -c sessions at once
 * (an MTA spawns its session processes as demand rises; a short load
 * never reaches -c of them otherwise).
 *
 * Test and benchmark tool only: never installed, talks to loopback.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>

#include "benchopt.h"
#include "corpus.h"
#include "stats.h"

#define SL_LINE_MAX     2048    /* one reply line; RFC 5321 allows 512 */
#define SL_REPLY_LINES  100     /* lines in one multi-line reply */
#define SL_CMD_MAX      1100    /* one command line we send */
#define SL_QID_MAX      32      /* a Postfix queue id is 10-16 chars */
#define SL_WHY_MAX      160
#define SL_STACK        (256 * 1024)
#define SL_BACKOFF_MS   1000    /* longest pause before a retry */

struct opts {
	struct sockaddr_storage addr;
	socklen_t addrlen;
	const char *dir;
	int conc;
	long nmsg;              /* 0: one pass over the corpus */
	int xclient;
	int retries;
	int timeout_s;
	const char *rfile;
	int quiet;
	int hold;               /* -H */
};

/* what one SMTP session ended with */
enum outcome { OUT_OK, OUT_TEMP, OUT_PERM, OUT_ERROR };

struct attempt {
	enum outcome out;
	int code;               /* the last reply's code, 0 if none came */
	char qid[SL_QID_MAX];
	char why[SL_WHY_MAX];   /* what went wrong, for an error */
	double t0;              /* when it started (or left the hold) */
	double ms;              /* from t0 to the reply that decided */
	int first;              /* a worker's first session: it takes part
	                         * in the hold (-H) */
};

/* what is kept of a message: its last attempt, without the error text */
struct result {
	enum outcome out;
	int code;
	int attempts;
	char qid[SL_QID_MAX];
};

/* the DATA bytes of one corpus message: dot-stuffed, ending "\r\n.\r\n" */
struct payload {
	char *data;
	size_t len;
};

/* the -H rendezvous: each worker arrives once, on its first session,
 * whether its EHLO succeeded or not, so that a refused session cannot
 * keep the others waiting; nobody waits past the reply timeout */
struct hold {
	pthread_mutex_t lock;
	pthread_cond_t all_in;
	int need;               /* workers started */
	int arrived;
	int waiting;            /* sessions open after EHLO, waiting now */
	int held;               /* how many were waiting when the last worker
	                         * arrived: the sessions open at once */
};

/* state shared by the workers; only next and rf need the lock */
struct load {
	const struct opts *o;
	const struct corpus *c;
	const struct payload *pay;
	struct result *res;     /* one per message sent, by sending index */
	long n;
	pthread_mutex_t lock;
	long next;
	FILE *rf;
	int rf_failed;
	struct hold hold;
};

struct worker {
	struct load *ld;
	pthread_t tid;
	struct stats st;
	unsigned seed;          /* retry jitter */
	int nomem;
};

/* one SMTP connection with its read buffer */
struct smtp {
	int fd;
	char in[SL_LINE_MAX];
	size_t have;
	char line[SL_LINE_MAX]; /* the last reply line read, without CRLF */
};

/* usage - the command line, on stderr */
static void usage(void)
{
	fputs("usage: smtpload -S HOST:PORT [-c N] [-n N] [-x] [-H] [-R N] "
	    "[-r FILE] [-t SECONDS] [-q] CORPUS\n", stderr);
}

/* why - set an attempt's error text */
static void why(struct attempt *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void why(struct attempt *a, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(a->why, sizeof a->why, fmt, ap);
	va_end(ap);
}

/* parse_opts - the command line into O; -1 after a message on stderr */
static int parse_opts(int argc, char **argv, struct opts *o)
{
	const char *server = NULL;
	long v;
	int ch;

	memset(o, 0, sizeof *o);
	o->conc = 16;
	o->timeout_s = 60;
	while ((ch = getopt(argc, argv, "S:c:n:xHR:r:t:q")) != -1) {
		switch (ch) {
		case 'S': server = optarg; break;
		case 'c':
			if ((v = benchopt_num(optarg, 1, 5000)) < 0)
				goto bad;
			o->conc = (int) v;
			break;
		case 'n':
			if ((o->nmsg = benchopt_num(optarg, 1, 10000000)) < 0)
				goto bad;
			break;
		case 'x': o->xclient = 1; break;
		case 'H': o->hold = 1; break;
		case 'R':
			if ((v = benchopt_num(optarg, 0, 1000)) < 0)
				goto bad;
			o->retries = (int) v;
			break;
		case 'r': o->rfile = optarg; break;
		case 't':
			if ((v = benchopt_num(optarg, 1, 3600)) < 0)
				goto bad;
			o->timeout_s = (int) v;
			break;
		case 'q': o->quiet = 1; break;
		default: usage(); return -1;
		}
	}
	if (optind != argc - 1 || server == NULL) {
		usage();
		return -1;
	}
	o->dir = argv[optind];
	if (benchopt_hostport(server, &o->addr, &o->addrlen) < 0) {
		fprintf(stderr, "smtpload: -S %s: not a numeric HOST:PORT\n", server);
		return -1;
	}
	return 0;
bad:
	fprintf(stderr, "smtpload: -%c %s: out of range\n", ch, optarg);
	return -1;
}

/* payload_make - the DATA bytes of M: lines starting with "." doubled,
 * a final CRLF added if the message lacks one, then ".\r\n" */
static int payload_make(const struct corpus_msg *m, struct payload *p)
{
	size_t i, j = 0, dots = 0;

	for (i = 0; i < m->rawlen; i++)
		if (m->raw[i] == '.' && (i == 0 || m->raw[i - 1] == '\n'))
			dots++;
	p->data = malloc(m->rawlen + dots + 6);
	if (p->data == NULL)
		return -1;
	for (i = 0; i < m->rawlen; i++) {
		if (m->raw[i] == '.' && (i == 0 || m->raw[i - 1] == '\n'))
			p->data[j++] = '.';
		p->data[j++] = m->raw[i];
	}
	if (j > 0 && (j < 2 || memcmp(p->data + j - 2, "\r\n", 2) != 0)) {
		memcpy(p->data + j, "\r\n", 2);
		j += 2;
	}
	memcpy(p->data + j, ".\r\n", 3);
	p->len = j + 3;
	return 0;
}

/* smtp_send - write all of BUF (a command or the message) */
static int smtp_send(struct smtp *s, const char *buf, size_t len,
    struct attempt *a)
{
	ssize_t w;

	while (len > 0) {
		w = send(s->fd, buf, len, MSG_NOSIGNAL);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			why(a, "write: %s", w < 0 && (errno == EAGAIN ||
			    errno == EWOULDBLOCK) ? "timeout" : strerror(errno));
			return -1;
		}
		buf += w;
		len -= (size_t) w;
	}
	return 0;
}

/* smtp_line - the next line from the server into s->line */
static int smtp_line(struct smtp *s, struct attempt *a)
{
	char *nl;
	size_t len;
	ssize_t r;

	while ((nl = memchr(s->in, '\n', s->have)) == NULL) {
		if (s->have == sizeof s->in) {
			why(a, "reply line longer than %d bytes", SL_LINE_MAX);
			return -1;
		}
		r = recv(s->fd, s->in + s->have, sizeof s->in - s->have, 0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			why(a, "read: %s", r == 0 ? "connection closed" :
			    errno == EAGAIN || errno == EWOULDBLOCK ? "timeout" :
			    strerror(errno));
			return -1;
		}
		s->have += (size_t) r;
	}
	len = (size_t) (nl - s->in);
	memcpy(s->line, s->in, len);
	s->line[len > 0 && s->line[len - 1] == '\r' ? len - 1 : len] = '\0';
	s->have -= len + 1;
	memmove(s->in, nl + 1, s->have);
	return 0;
}

/* smtp_reply - read a whole (maybe multi-line) reply; its code, or -1 */
static int smtp_reply(struct smtp *s, struct attempt *a)
{
	const char *l = s->line;
	int n;

	for (n = 0; n < SL_REPLY_LINES; n++) {
		if (smtp_line(s, a) < 0)
			return -1;
		if (l[0] < '2' || l[0] > '5' || l[1] < '0' || l[1] > '9' ||
		    l[2] < '0' || l[2] > '9' ||
		    (l[3] != '\0' && l[3] != ' ' && l[3] != '-')) {
			why(a, "not an SMTP reply: %.60s", l);
			return -1;
		}
		if (l[3] != '-')
			return (l[0] - '0') * 100 + (l[1] - '0') * 10 + (l[2] - '0');
	}
	why(a, "reply of more than %d lines", SL_REPLY_LINES);
	return -1;
}

/* step - send CMD (none if NULL), read the reply; 0 if its code is WANT.
 *
 * Otherwise the attempt's outcome says why: 4xx and 5xx are the server's
 * answer to the message; anything else is an error of the session. */
static int step(struct smtp *s, const char *cmd, int want, struct attempt *a)
{
	int code;

	if (cmd != NULL && smtp_send(s, cmd, strlen(cmd), a) < 0)
		goto err;
	if ((code = smtp_reply(s, a)) < 0)
		goto err;
	a->code = code;
	if (code == want || (want < 10 && code / 100 == want))
		return 0;
	a->out = code >= 500 ? OUT_PERM : code >= 400 ? OUT_TEMP : OUT_ERROR;
	if (a->out == OUT_ERROR)
		why(a, "%.*s: unexpected reply %.60s",
		    cmd != NULL ? (int) strcspn(cmd, " \r") : 8,
		    cmd != NULL ? cmd : "greeting", s->line);
	return -1;
err:
	a->out = OUT_ERROR;
	return -1;
}

/* cmdf - format one command line into BUF; -1 if it does not fit */
static int cmdf(char *buf, size_t size, struct attempt *a, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int cmdf(char *buf, size_t size, struct attempt *a, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t) n >= size) {
		a->out = OUT_ERROR;
		why(a, "command longer than %zu bytes", size);
		return -1;
	}
	return 0;
}

/* greet - EHLO, and with -x XCLIENT and the EHLO it asks for.
 *
 * The milter sees the HELO name of the last EHLO, so the message's own
 * name goes there; the first EHLO only asks for the extensions. */
static int greet(struct smtp *s, const struct opts *o,
    const struct corpus_msg *m, struct attempt *a)
{
	char cmd[SL_CMD_MAX];

	if (o->xclient) {
		if (step(s, "EHLO load.example\r\n", 250, a) < 0 ||
		    cmdf(cmd, sizeof cmd, a, "XCLIENT ADDR=%s%s NAME=[UNAVAILABLE]"
		    " HELO=%s\r\n", strchr(m->client, ':') ? "IPV6:" : "",
		    m->client, m->helo) < 0 || step(s, cmd, 2, a) < 0)
			return -1;
	}
	if (cmdf(cmd, sizeof cmd, a, "EHLO %s\r\n", m->helo) < 0)
		return -1;
	return step(s, cmd, 250, a);
}

/* hold_arrive - a worker's first session is at the rendezvous. HELD: it
 * has a session open after EHLO, and waits for the others (at most
 * TIMEOUT_S); otherwise it only counts as arrived. */
static void hold_arrive(struct hold *h, int held, int timeout_s)
{
	struct timespec until;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += timeout_s;
	pthread_mutex_lock(&h->lock);
	h->arrived++;
	h->waiting += held;
	if (h->arrived >= h->need) {
		h->held = h->waiting;
		pthread_cond_broadcast(&h->all_in);
	}
	while (held && h->arrived < h->need)
		if (pthread_cond_timedwait(&h->all_in, &h->lock, &until) != 0)
			break;
	h->waiting -= held;     /* one that timed out is not held */
	pthread_mutex_unlock(&h->lock);
}

/* queue_id - the ID of a "250 2.0.0 Ok: queued as ID" reply, or "" */
static void queue_id(const char *line, char *qid, size_t size)
{
	const char *p = strstr(line, "queued as ");
	size_t n = 0;

	if (p != NULL)
		for (p += 10; n + 1 < size && p[n] != '\0' && p[n] != ' '; n++)
			qid[n] = p[n];
	qid[n] = '\0';
}

/* transact - one message from the banner to the reply after "." */
static int transact(struct smtp *s, struct load *ld,
    const struct corpus_msg *m, const struct payload *p, struct attempt *a)
{
	const struct opts *o = ld->o;
	char cmd[SL_CMD_MAX];

	if (step(s, NULL, 220, a) < 0 || greet(s, o, m, a) < 0)
		return -1;
	if (a->first) {
		/* the wait is not the message's latency */
		hold_arrive(&ld->hold, 1, o->timeout_s);
		a->first = 0;
		a->t0 = stats_now_ms();
	}
	if (cmdf(cmd, sizeof cmd, a, "MAIL FROM:<%s>\r\n", m->from) < 0 ||
	    step(s, cmd, 250, a) < 0 ||
	    cmdf(cmd, sizeof cmd, a, "RCPT TO:<%s>\r\n", m->rcpt) < 0 ||
	    step(s, cmd, 250, a) < 0 || step(s, "DATA\r\n", 354, a) < 0)
		return -1;
	if (smtp_send(s, p->data, p->len, a) < 0) {
		a->out = OUT_ERROR;
		return -1;
	}
	if (step(s, NULL, 2, a) < 0)
		return -1;
	a->out = OUT_OK;
	queue_id(s->line, a->qid, sizeof a->qid);
	return 0;
}

/* smtp_open - a connected socket with both timeouts set */
static int smtp_open(struct smtp *s, const struct opts *o, struct attempt *a)
{
	struct timeval tv = { .tv_sec = o->timeout_s, .tv_usec = 0 };

	s->have = 0;
	s->line[0] = '\0';
	s->fd = socket(o->addr.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (s->fd < 0) {
		why(a, "socket: %s", strerror(errno));
		return -1;
	}
	if (setsockopt(s->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) < 0 ||
	    setsockopt(s->fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv) < 0 ||
	    connect(s->fd, (const struct sockaddr *) &o->addr, o->addrlen) < 0) {
		why(a, "connect: %s", errno == EINPROGRESS ? "timeout" :
		    strerror(errno));
		close(s->fd);
		return -1;
	}
	return 0;
}

/* session - one attempt at one message, in a session of its own; FIRST:
 * the worker's first, which takes part in the -H hold */
static void session(struct load *ld, size_t k, int first, struct attempt *a)
{
	const struct opts *o = ld->o;
	struct smtp conn, *s = &conn;

	memset(a, 0, sizeof *a);
	a->out = OUT_ERROR;
	a->first = first && o->hold;
	a->t0 = stats_now_ms();
	if (smtp_open(s, o, a) == 0) {
		transact(s, ld, &ld->c->msg[k], &ld->pay[k], a);
		a->ms = stats_now_ms() - a->t0;
		/* A 421 closes the session; after an error the state is unknown. */
		if (a->out != OUT_ERROR && a->code != 421) {
			struct attempt bye = { .out = OUT_OK };

			step(s, "QUIT\r\n", 221, &bye);
		}
		close(s->fd);
	}
	if (a->first)           /* it failed before the hold */
		hold_arrive(&ld->hold, 0, 0);
}

/* backoff - pause before retry K: doubling from 50 ms, with jitter so
 * that sessions refused together do not all come back together */
static void backoff(struct worker *w, int k)
{
	long ms = k > 5 ? SL_BACKOFF_MS : 50L << (k - 1);
	struct timespec ts;

	if (ms > SL_BACKOFF_MS)
		ms = SL_BACKOFF_MS;
	ms += rand_r(&w->seed) % 50;
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* load_next - the next message index to send, or -1 when all are taken */
static long load_next(struct load *ld)
{
	long i;

	pthread_mutex_lock(&ld->lock);
	i = ld->next < ld->n ? ld->next++ : -1;
	pthread_mutex_unlock(&ld->lock);
	return i;
}

/* code_text - a reply code as the -r file shows it ("-" for none) */
static const char *code_text(int code, char *buf, size_t size)
{
	if (code == 0)
		return "-";
	snprintf(buf, size, "%d", code);
	return buf;
}

/* record - the -r line of message I, written as soon as it is done so
 * that a test can follow the run's progress */
static void record(struct load *ld, long i)
{
	const struct result *r = &ld->res[i];
	const struct corpus_msg *m = &ld->c->msg[i % (long) ld->c->nmsg];
	char code[16];

	if (ld->rf == NULL)
		return;
	pthread_mutex_lock(&ld->lock);
	if (fprintf(ld->rf, "%ld %s %s %s %s %d\n", i, m->kase, m->expect,
	    code_text(r->code, code, sizeof code),
	    r->qid[0] != '\0' ? r->qid : "-", r->attempts) < 0 ||
	    fflush(ld->rf) != 0)
		ld->rf_failed = 1;
	pthread_mutex_unlock(&ld->lock);
}

/* deliver - send message I, retrying a 4xx or an error up to -R times;
 * FIRST: the worker's first message */
static void deliver(struct worker *w, long i, int first)
{
	struct load *ld = w->ld;
	size_t k = (size_t) (i % (long) ld->c->nmsg);
	struct result *r = &ld->res[i];
	struct attempt a;

	for (r->attempts = 1;; r->attempts++) {
		session(ld, k, first && r->attempts == 1, &a);
		if ((a.out != OUT_TEMP && a.out != OUT_ERROR) ||
		    r->attempts > ld->o->retries)
			break;
		backoff(w, r->attempts);
	}
	r->out = a.out;
	r->code = a.code;
	memcpy(r->qid, a.qid, sizeof r->qid);
	if (a.out != OUT_ERROR && stats_add(&w->st, a.ms) < 0)
		w->nomem = 1;
	if (a.out == OUT_ERROR && !ld->o->quiet)
		fprintf(stderr, "smtpload: message %ld (%s): %s\n", i,
		    ld->c->msg[k].file, a.why);
	record(ld, i);
}

/* worker_run - a thread: send messages until none is left */
static void *worker_run(void *arg)
{
	struct worker *w = arg;
	long i;
	int first = 1;

	while ((i = load_next(w->ld)) >= 0) {
		deliver(w, i, first);
		first = 0;
	}
	if (first && w->ld->o->hold)    /* no message left for it */
		hold_arrive(&w->ld->hold, 0, 0);
	return NULL;
}

/* run_workers - start N threads, wait for them all; -1 if none started */
static int run_workers(struct load *ld, struct worker *ws, int n)
{
	pthread_attr_t attr;
	int i, started = 0;

	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, SL_STACK);
	for (i = 0; i < n; i++) {
		ws[i].ld = ld;
		ws[i].seed = (unsigned) i * 2654435761u + 1;
		stats_init(&ws[i].st);
		if (pthread_create(&ws[i].tid, &attr, worker_run, &ws[i]) != 0) {
			fprintf(stderr, "smtpload: only %d of %d threads started\n",
			    started, n);
			break;
		}
		started++;
	}
	pthread_attr_destroy(&attr);
	pthread_mutex_lock(&ld->hold.lock);     /* if fewer started */
	ld->hold.need = started;
	if (ld->hold.arrived >= started)
		ld->hold.held = ld->hold.waiting;
	pthread_cond_broadcast(&ld->hold.all_in);
	pthread_mutex_unlock(&ld->hold.lock);
	for (i = 0; i < started; i++)
		pthread_join(ws[i].tid, NULL);
	return started > 0 ? started : -1;
}

/* counts of final outcomes, for the summary and for each case */
struct tally {
	const char *kase;
	long n, c2, c4, c5, err;
};

/* tally_add - count one message's final outcome */
static void tally_add(struct tally *t, const struct result *r)
{
	t->n++;
	if (r->out == OUT_ERROR)
		t->err++;
	else if (r->code / 100 == 2)
		t->c2++;
	else if (r->code / 100 == 4)
		t->c4++;
	else
		t->c5++;
}

/* tally_case - the tally of case KASE in T[0..*n), added if new */
static struct tally *tally_case(struct tally *t, size_t *n, const char *kase)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp(t[i].kase, kase) == 0)
			return &t[i];
	memset(&t[*n], 0, sizeof t[*n]);
	t[*n].kase = kase;
	return &t[(*n)++];
}

/* report - the summary line, and the per-case lines unless -q */
static int report(struct load *ld, struct stats *st, double elapsed_ms)
{
	struct tally all = { .kase = "" }, *cases;
	size_t ncase = 0, i;
	long sessions = 0, j;

	cases = calloc(ld->c->nmsg, sizeof *cases);
	if (cases == NULL)
		return -1;
	for (j = 0; j < ld->n; j++) {
		tally_add(&all, &ld->res[j]);
		tally_add(tally_case(cases, &ncase,
		    ld->c->msg[j % (long) ld->c->nmsg].kase), &ld->res[j]);
		sessions += ld->res[j].attempts;
	}
	printf("smtpload: messages=%ld sessions=%ld 2xx=%ld 4xx=%ld 5xx=%ld "
	    "errors=%ld retries=%ld elapsed_s=%.2f rate=%.1f p50_ms=%.1f "
	    "p99_ms=%.1f max_ms=%.1f", all.n, sessions, all.c2, all.c4,
	    all.c5, all.err, sessions - all.n, elapsed_ms / 1000,
	    elapsed_ms > 0 ? all.n * 1000.0 / elapsed_ms : 0.0,
	    stats_pct(st, 50), stats_pct(st, 99), stats_max(st));
	if (ld->o->hold)
		printf(" held=%d", ld->hold.held);
	putchar('\n');
	for (i = 0; i < ncase && !ld->o->quiet; i++)
		printf("case: %s n=%ld 2xx=%ld 4xx=%ld 5xx=%ld errors=%ld\n",
		    cases[i].kase, cases[i].n, cases[i].c2, cases[i].c4,
		    cases[i].c5, cases[i].err);
	free(cases);
	return all.err == 0 ? 0 : 1;
}

/* prepare - payloads and result slots for a run over corpus C */
static int prepare(struct load *ld, const struct opts *o, const struct corpus *c)
{
	struct payload *pay;
	size_t i;

	memset(ld, 0, sizeof *ld);
	pthread_mutex_init(&ld->lock, NULL);
	pthread_mutex_init(&ld->hold.lock, NULL);
	pthread_cond_init(&ld->hold.all_in, NULL);
	ld->hold.need = o->conc;
	ld->o = o;
	ld->c = c;
	ld->n = o->nmsg > 0 ? o->nmsg : (long) c->nmsg;
	ld->pay = pay = calloc(c->nmsg, sizeof *pay);
	ld->res = calloc((size_t) ld->n, sizeof *ld->res);
	if (pay == NULL || ld->res == NULL)
		return -1;
	for (i = 0; i < c->nmsg; i++)
		if (payload_make(&c->msg[i], &pay[i]) < 0)
			return -1;
	if (o->rfile != NULL && (ld->rf = fopen(o->rfile, "w")) == NULL) {
		fprintf(stderr, "smtpload: %s: %s\n", o->rfile, strerror(errno));
		return -1;
	}
	return 0;
}

/* release - everything prepare and the run allocated */
static void release(struct load *ld)
{
	size_t i;

	if (ld->pay != NULL)
		for (i = 0; i < ld->c->nmsg; i++)
			free(ld->pay[i].data);
	free((void *) ld->pay);
	free(ld->res);
	if (ld->rf != NULL && fclose(ld->rf) != 0)
		ld->rf_failed = 1;
	pthread_mutex_destroy(&ld->lock);
	pthread_mutex_destroy(&ld->hold.lock);
	pthread_cond_destroy(&ld->hold.all_in);
}

/* run - send the corpus and report; the exit status of the program */
static int run(const struct opts *o, const struct corpus *c)
{
	struct load ld;
	struct worker *ws = calloc((size_t) o->conc, sizeof *ws);
	struct stats all;
	double t0, elapsed;
	int i, n, rc = 2;

	stats_init(&all);
	if (ws == NULL || prepare(&ld, o, c) < 0) {
		fprintf(stderr, "smtpload: cannot set the run up\n");
		goto out;
	}
	t0 = stats_now_ms();
	n = run_workers(&ld, ws, o->conc);
	elapsed = stats_now_ms() - t0;
	for (i = 0; i < n; i++) {
		if (ws[i].nomem || stats_merge(&all, &ws[i].st) < 0)
			fprintf(stderr, "smtpload: out of memory for latencies\n");
		stats_free(&ws[i].st);
	}
	if (n > 0 && ld.next >= ld.n)
		rc = report(&ld, &all, elapsed) == 0 ? 0 : 1;
out:
	if (ws != NULL)
		release(&ld);
	if (ws != NULL && ld.rf_failed) {
		fprintf(stderr, "smtpload: %s: write failed\n", o->rfile);
		rc = rc == 0 ? 1 : rc;
	}
	free(ws);
	stats_free(&all);
	return rc;
}

int main(int argc, char **argv)
{
	struct opts o;
	struct corpus *c;
	char err[512];
	int rc;

	if (parse_opts(argc, argv, &o) < 0)
		return 2;
	signal(SIGPIPE, SIG_IGN);
	if ((c = corpus_load(o.dir, err, sizeof err)) == NULL) {
		fprintf(stderr, "smtpload: %s\n", err);
		return 2;
	}
	if (c->nmsg == 0) {
		fprintf(stderr, "smtpload: %s: the corpus has no message\n", o.dir);
		corpus_free(c);
		return 2;
	}
	rc = run(&o, c);
	corpus_free(c);
	return rc;
}
