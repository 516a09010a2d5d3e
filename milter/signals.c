/*
 * signals - block, wait, park libmilter's waiter; see signals.h.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <unistd.h>

#include "signals.h"

static pthread_t waiter;               /* the thread of signals_block() */
static atomic_int milter_done;

/* daemon_set - every signal this module decides on, PIPE aside */
static void daemon_set(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGHUP);
	sigaddset(set, SIGUSR1);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGUSR2);
}

void signals_block(void)
{
	sigset_t set;

	daemon_set(&set);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	/* An ignored signal is dropped before sigwaitinfo can take it, and
	 * we may inherit some ignored: nohup ignores HUP, a shell's "&"
	 * ignores INT. */
	signal(SIGHUP, SIG_DFL);
	signal(SIGUSR1, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGUSR2, SIG_DFL);
	/* A peer that hangs up mid-reply must cost an EPIPE, not the process. */
	signal(SIGPIPE, SIG_IGN);
	waiter = pthread_self();
}

enum signals_event signals_wait(int *signo)
{
	siginfo_t info;
	sigset_t set;
	int sig;

	daemon_set(&set);
	for (;;) {
		if ((sig = sigwaitinfo(&set, &info)) < 0)
			continue;               /* EINTR: nothing was taken */
		*signo = sig;
		switch (sig) {
		case SIGHUP:
		case SIGUSR1:
			return SIGNALS_RELOAD;
		case SIGTERM:
		case SIGINT:
			return SIGNALS_STOP;
		case SIGUSR2:
			/* Ours when the milter thread has finished; anyone
			 * else's is ignored, as the package promises. */
			if (atomic_load(&milter_done)) {
				*signo = 0;
				return SIGNALS_MILTER_DONE;
			}
			break;
		}
	}
}

const char *signals_name(int signo)
{
	switch (signo) {
	case SIGHUP: return "SIGHUP";
	case SIGUSR1: return "SIGUSR1";
	case SIGTERM: return "SIGTERM";
	case SIGINT: return "SIGINT";
	case SIGUSR2: return "SIGUSR2";
	default: return "a signal";
	}
}

void signals_milter_done(void)
{
	atomic_store(&milter_done, 1);
	pthread_kill(waiter, SIGUSR2);
}

/*
 * sigwait - parks libmilter's signal thread. That thread (started by
 * smfi_main) loops in sigwait(3) on HUP, TERM and INT and stops the
 * milter on any of them, so a HUP that reaches it while our waiter is
 * busy reloading would stop the daemon, silently and with status 0. It
 * is the only caller of sigwait in this program: we wait with
 * sigwaitinfo. Because this definition is in the executable, the dynamic
 * linker binds libmilter's reference to it (the executable is searched
 * first; a static libmilter would bind to it at link time). The parked
 * thread holds no lock and no memory; it ends with the process. The
 * signal-burst test checks that exactly one thread waits for HUP.
 */
int sigwait(const sigset_t *set, int *sig)
{
	(void) set;
	(void) sig;
	for (;;)
		pause();                /* every signal is blocked here */
}
