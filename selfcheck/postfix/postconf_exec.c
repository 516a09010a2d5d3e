/*
 * postconf_exec - postconf as a bounded child process; see postconf_exec.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util/array.h"
#include "postconf.h"
#include "postconf_exec.h"
#include "postfix_text.h"

struct child {
	pid_t pid;
	int out, err;                /* read ends; -1 once at EOF */
	char *text;
	size_t len, cap;
	char errbuf[SC_POSTCONF_ERR_MAX];
	size_t errlen;
	long long deadline;          /* CLOCK_MONOTONIC, ms */
};

/* now_ms - monotonic milliseconds */
static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* start - fork and exec ARGV with stdout and stderr on pipes */
static int start(char *const argv[], struct child *c, char *why, size_t len)
{
	int po[2], pe[2], null;

	if (pipe(po) != 0)
		return snprintf(why, len, "pipe: %s", strerror(errno)), -1;
	if (pipe(pe) != 0) {
		snprintf(why, len, "pipe: %s", strerror(errno));
		close(po[0]);
		close(po[1]);
		return -1;
	}
	/* the parent's ends must not leak into the child */
	fcntl(po[0], F_SETFD, FD_CLOEXEC);
	fcntl(pe[0], F_SETFD, FD_CLOEXEC);
	if ((c->pid = fork()) == 0) {
		null = open("/dev/null", O_RDONLY);
		if (null < 0 || dup2(null, 0) < 0 || dup2(po[1], 1) < 0
		    || dup2(pe[1], 2) < 0)
			_exit(127);
		close(null);
		close(po[1]);
		close(pe[1]);
		signal(SIGPIPE, SIG_DFL);
		execv(argv[0], argv);
		/* only async-signal-safe calls between fork and exec */
		(void) !write(2, "fatal: cannot execute ", 22);
		(void) !write(2, argv[0], strlen(argv[0]));
		(void) !write(2, "\n", 1);
		_exit(127);
	}
	close(po[1]);
	close(pe[1]);
	c->out = po[0];
	c->err = pe[0];
	if (c->pid < 0) {
		snprintf(why, len, "fork: %s", strerror(errno));
		close(c->out);
		close(c->err);
		return -1;
	}
	return 0;
}

/* take_out - append N octets of standard output; -1 past the limit (the
 * array's cap: the text and its NUL) or out of memory */
static int take_out(struct child *c, const char *buf, size_t n)
{
	if (ARRAY_RESERVE(c->text, c->cap, c->len + n + 1, 65536,
			  SC_POSTCONF_MAX_TEXT + 1) != ARRAY_OK)
		return -1;
	memcpy(c->text + c->len, buf, n);
	c->len += n;
	c->text[c->len] = '\0';
	return 0;
}

/* drain - read what FD has; 1 at EOF, -1 when output overflows */
static int drain(struct child *c, int fd)
{
	char buf[65536];
	ssize_t n = read(fd, buf, sizeof(buf));
	size_t room;

	if (n < 0)
		return errno == EINTR || errno == EAGAIN ? 0 : 1;
	if (n == 0)
		return 1;
	if (fd == c->out)
		return take_out(c, buf, (size_t) n);
	room = sizeof(c->errbuf) - 1 - c->errlen;
	if ((size_t) n < room)
		room = (size_t) n;
	memcpy(c->errbuf + c->errlen, buf, room);
	c->errlen += room;
	c->errbuf[c->errlen] = '\0';
	return 0;
}

/* collect - read both pipes until both close: 0, or -1 on overrun
 * (time or size; WHY says which) */
static int collect(struct child *c, unsigned ms, char *why, size_t len)
{
	struct pollfd p[2];
	long long left;
	int i, r;

	while (c->out >= 0 || c->err >= 0) {
		if ((left = c->deadline - now_ms()) <= 0)
			return snprintf(why, len, "did not finish within %u ms", ms), -1;
		p[0].fd = c->out;
		p[1].fd = c->err;
		p[0].events = p[1].events = POLLIN;
		if (poll(p, 2, (int) (left > 1000 ? 1000 : left)) < 0 && errno != EINTR)
			return snprintf(why, len, "poll: %s", strerror(errno)), -1;
		for (i = 0; i < 2; i++) {
			if (p[i].fd < 0 || !(p[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			if ((r = drain(c, p[i].fd)) < 0)
				return snprintf(why, len, "printed more than %u octets",
						SC_POSTCONF_MAX_TEXT), -1;
			if (r > 0) {
				close(p[i].fd);
				*(i == 0 ? &c->out : &c->err) = -1;
			}
		}
	}
	return 0;
}

/* reap - wait for the child until the deadline, then kill it */
static int reap(struct child *c, int *status)
{
	pid_t r;

	while ((r = waitpid(c->pid, status, WNOHANG)) == 0
	       && now_ms() < c->deadline)
		poll(NULL, 0, 10);
	if (r == c->pid)
		return 0;
	kill(c->pid, SIGKILL);
	while (waitpid(c->pid, status, 0) < 0 && errno == EINTR)
		;
	return -1;
}

/* stderr_line - the "fatal:" line of postconf's stderr, else its last
 * line, printable */
static void stderr_line(const char *err, char *buf, size_t size)
{
	const char *s = strstr(err, "fatal:"), *e;
	size_t i, n;

	if (s != NULL) {
		while (s > err && s[-1] != '\n')
			s--;
	} else {
		e = err + strlen(err);
		while (e > err && (e[-1] == '\n' || e[-1] == '\r'))
			e--;
		for (s = e; s > err && s[-1] != '\n'; s--)
			;
	}
	e = strchr(s, '\n');
	n = e ? (size_t) (e - s) : strlen(s);
	if (n >= size)
		n = size - 1;
	for (i = 0; i < n; i++)
		buf[i] = (s[i] >= 0x20 && s[i] < 0x7f) ? s[i] : '?';
	buf[n] = '\0';
}

/* explain - OUT->why for a run that failed */
static void explain(struct sc_postconf_out *out, const char *cmd,
		    const char *what, const struct child *c)
{
	char line[300];

	stderr_line(c->errbuf, line, sizeof(line));
	sc_pf_set(out->why, sizeof(out->why), "%s: %s%s%s", cmd, what,
		  line[0] ? ": " : "", line);
}

/* status_text - how the child ended */
static void status_text(int st, char *buf, size_t size)
{
	if (WIFEXITED(st))
		snprintf(buf, size, "exit status %d", WEXITSTATUS(st));
	else if (WIFSIGNALED(st))
		snprintf(buf, size, "killed by signal %d", WTERMSIG(st));
	else
		snprintf(buf, size, "ended oddly (status %d)", st);
}

int sc_postconf_exec(const char *prog, const char *dir, unsigned timeout_ms,
		     struct sc_postconf_out *out)
{
	char *argv[5], cmd[300], what[200];
	struct child c;
	int st = 0, i = 0, failed;

	memset(out, 0, sizeof(*out));
	memset(&c, 0, sizeof(c));
	snprintf(cmd, sizeof(cmd), "%.100s%s%.150s -x", prog, dir ? " -c " : "",
		 dir ? dir : "");
	if (access(prog, X_OK) != 0) {
		snprintf(out->why, sizeof(out->why), "cannot run %s: %s", cmd,
			 strerror(errno));
		return -1;
	}
	argv[i++] = (char *) prog;
	if (dir != NULL) {
		argv[i++] = (char *) "-c";
		argv[i++] = (char *) dir;
	}
	argv[i++] = (char *) "-x";
	argv[i] = NULL;
	if (timeout_ms == 0)
		timeout_ms = SC_POSTCONF_DEFAULT_MS;
	c.deadline = now_ms() + timeout_ms;
	if (start(argv, &c, what, sizeof(what)) != 0) {
		snprintf(out->why, sizeof(out->why), "%s: %s", cmd, what);
		return -1;
	}
	failed = collect(&c, timeout_ms, what, sizeof(what));
	if (c.out >= 0)
		close(c.out);
	if (c.err >= 0)
		close(c.err);
	if (failed)
		kill(c.pid, SIGKILL);
	if (reap(&c, &st) != 0 && !failed) {
		snprintf(what, sizeof(what), "did not exit within %u ms", timeout_ms);
		failed = 1;
	}
	if (!failed && !(WIFEXITED(st) && WEXITSTATUS(st) == 0)) {
		status_text(st, what, sizeof(what));
		failed = 1;
	}
	if (failed) {
		explain(out, cmd, what, &c);
		free(c.text);
		return -1;
	}
	out->text = c.text ? c.text : strdup("");
	out->len = c.len;
	if (out->text == NULL) {
		snprintf(out->why, sizeof(out->why), "%s: out of memory", cmd);
		return -1;
	}
	return 0;
}

void sc_postconf_exec_free(struct sc_postconf_out *out)
{
	free(out->text);
	out->text = NULL;
	out->len = 0;
}
