/*
 * signals - the one place where the daemon's signals are decided.
 *
 * HUP and USR1 reload (Debian's opendkim unit reloads with USR1, so an
 * admin's habits work), TERM and INT stop, USR2 and PIPE are ignored.
 * signals_block() runs before any thread exists, so every thread
 * inherits a mask with all of them blocked; only the thread that calls
 * signals_wait() ever takes one. libmilter starts a thread of its own
 * that waits for HUP, TERM and INT and stops the milter on any of them;
 * signals.c parks that thread (see sigwait there), so a HUP can never
 * be taken as "stop", however fast they come.
 */
#ifndef AUTHMILTER_SIGNALS_H
#define AUTHMILTER_SIGNALS_H

enum signals_event {
	SIGNALS_RELOAD,                 /* HUP or USR1 */
	SIGNALS_STOP,                   /* TERM or INT */
	SIGNALS_MILTER_DONE,            /* smfi_main returned by itself */
};

/* signals_block - block the daemon's signals in this (the only) thread
 * and ignore PIPE; call before starting any thread. */
void signals_block(void);

/* signals_wait - wait for the next event; *SIGNO gets the signal's
 * number (0 for SIGNALS_MILTER_DONE). Ignored signals are consumed here
 * and never returned. Called by one thread only. */
enum signals_event signals_wait(int *signo);

/* signals_name - "SIGHUP" and so on, for the log */
const char *signals_name(int signo);

/* signals_milter_done - from the thread that ran smfi_main: wake the
 * waiting thread with SIGNALS_MILTER_DONE. */
void signals_milter_done(void);

#endif
