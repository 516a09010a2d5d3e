/*
 * authmilter - SPF, DKIM and DMARC for Postfix and Sendmail, one milter.
 *
 * main: options, the configuration, start-up order. smfi_main runs on a
 * thread of its own; this (main) thread waits for signals (signals.h
 * says which do what) and reloads or stops.
 */
#include <errno.h>
#include <limits.h>
#include <getopt.h>
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "alone.h"
#include "callbacks.h"
#include "conf.h"
#include "daemon.h"
#include "log.h"
#include "metrics.h"
#include "metrics_http.h"
#include "netaddr.h"
#include "nodelay.h"
#include "notify.h"
#include "runtime.h"
#include "signals.h"
#include "testmode.h"

#define EXIT_CONFIG 78          /* EX_CONFIG from sysexits.h */

/* The MetricsSocket this run serves (NULL: none); a reload cannot move it. */
static char *metrics_spec;

struct options {
	const char *conf_path;
	int conf_given;
	int foreground;
	int check_only;
	struct testmode_args test;
	int test_mode;
};

static void usage(FILE *out)
{
	fprintf(out,
		"usage: authmilter [-f] [-c FILE]        run the milter\n"
		"       authmilter -n [-c FILE]          check the configuration\n"
		"       authmilter -t MESSAGE --client-ip IP --helo NAME --mail-from ADDR\n"
		"                  [--auth-user NAME] [-c FILE]\n"
		"                                        evaluate one message offline\n"
		"       authmilter -V | --version        print the version\n"
		"default FILE: %s\n", CONF_DEFAULT_PATH);
}

/* parse_options - exit status for usage problems, -1 to go on */
static int parse_options(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "client-ip", required_argument, NULL, 'I' },
		{ "helo", required_argument, NULL, 'H' },
		{ "mail-from", required_argument, NULL, 'M' },
		{ "auth-user", required_argument, NULL, 'A' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct netaddr ip;
	int c;

	memset(o, 0, sizeof(*o));
	o->conf_path = CONF_DEFAULT_PATH;
	while ((c = getopt_long(argc, argv, "c:fnt:Vh", longopts, NULL)) != -1) {
		switch (c) {
		case 'c': o->conf_path = optarg; o->conf_given = 1; break;
		case 'f': o->foreground = 1; break;
		case 'n': o->check_only = 1; break;
		case 't': o->test_mode = 1; o->test.message = optarg; break;
		case 'I': o->test.client_ip = optarg; break;
		case 'H': o->test.helo = optarg; break;
		case 'M': o->test.mail_from = optarg; break;
		case 'A': o->test.auth_user = optarg; break;
		case 'V': printf("authmilter %s\n", PACKAGE_VERSION); return 0;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "authmilter: unexpected argument '%s'\n", argv[optind]);
		return 2;
	}
	if (o->test_mode && (!o->test.client_ip || !o->test.helo || !o->test.mail_from)) {
		fprintf(stderr, "authmilter: -t needs --client-ip, --helo and --mail-from\n");
		return 2;
	}
	if (o->test_mode && netaddr_parse(o->test.client_ip, &ip) != 0) {
		fprintf(stderr, "authmilter: --client-ip '%s' is not an IP address\n",
			o->test.client_ip);
		return 2;
	}
	return -1;
}

/* load_conf - the file, or the defaults in test mode without -c */
static struct conf *load_conf(const struct options *o)
{
	struct conf_errors errs = { NULL, 0 };
	struct conf *c;
	size_t i;

	if (o->test_mode && !o->conf_given && access(o->conf_path, R_OK) != 0)
		return conf_defaults();
	c = conf_load(o->conf_path, &errs);
	/* -n and the daemon: a UserID this host lacks is a config error */
	if (c != NULL && !o->test_mode
	    && conf_check_host(c, o->conf_path, &errs) > 0) {
		conf_free(c);
		c = NULL;
	}
	for (i = 0; i < errs.count; i++)
		fprintf(stderr, "%s\n", errs.msg[i]);
	conf_errors_clear(&errs);
	return c;
}

/* same_spec - two optional socket specs name the same endpoint */
static int same_spec(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* reload_one - SIGHUP: a bad new configuration is logged, the old one
 * kept; 0 when the new one took effect */
static int reload_one(const char *path)
{
	struct conf_errors errs = { NULL, 0 };
	struct runtime *old, *rt;
	struct conf *c;
	char err[256];
	size_t i;

	c = conf_load(path, &errs);
	for (i = 0; i < errs.count; i++)
		log_err("reload: %s", errs.msg[i]);
	conf_errors_clear(&errs);
	if (c == NULL) {
		log_err("reload: %s has errors; keeping the running configuration", path);
		return -1;
	}
	if (!same_spec(c->metrics_socket, metrics_spec))
		log_warning("reload: MetricsSocket changed to %s; it takes effect "
			    "when authmilter is restarted", c->metrics_socket
			    ? c->metrics_socket : "none");
	old = runtime_acquire();
	rt = runtime_build(c, old, err, sizeof(err));
	runtime_release(old);
	if (rt == NULL) {
		log_err("reload: %s; keeping the running configuration", err);
		return -1;
	}
	log_set_level(rt->conf->loglevel);
	runtime_install(rt);
	log_notice("reloaded %s", path);
	return 0;
}

/* reload - one reload, counted for the metrics */
static void reload(const char *path)
{
	metrics_reload(reload_one(path) == 0);
}

static void *milter_thread(void *arg)
{
	int *status = arg;

	*status = smfi_main() == MI_SUCCESS ? 0 : 1;
	signals_milter_done();
	return NULL;
}

/* serve - run smfi_main beside the signal loop until told to stop */
static int serve(const char *path)
{
	pthread_t tid;
	int sig, status = 0;

	if (pthread_create(&tid, NULL, milter_thread, &status) != 0) {
		log_err("cannot start the milter thread");
		return 1;
	}
	for (;;) {
		switch (signals_wait(&sig)) {
		case SIGNALS_RELOAD:
			notify_reloading();
			reload(path);
			notify_ready();
			continue;
		case SIGNALS_STOP:
			log_notice("%s: stopping", signals_name(sig));
			notify_stopping();
			smfi_stop();
			break;
		case SIGNALS_MILTER_DONE:
			log_notice("the milter stopped: exiting");
			break;
		}
		break;
	}
	pthread_join(tid, NULL);
	return status;
}

/* open_socket - libmilter only logs its errors to syslog; say it here */
static int open_socket(const struct conf *c)
{
	if (smfi_setconn((char *) c->socket) != MI_SUCCESS
	    || smfi_register(*callbacks_desc()) != MI_SUCCESS) {
		fprintf(stderr, "authmilter: cannot use Socket %s\n", c->socket);
		return -1;
	}
	errno = 0;
	if (smfi_opensocket(1) != MI_SUCCESS) {
		fprintf(stderr, "authmilter: cannot listen on %s%s%s\n", c->socket,
			errno ? ": " : "", errno ? strerror(errno) : "");
		return -1;
	}
	/* Over TCP, without this every message waits out a delayed ACK. */
	if (strncmp(c->socket, "inet", 4) == 0 && nodelay_listeners() < 1) {
		fprintf(stderr, "authmilter: cannot set TCP_NODELAY on %s\n", c->socket);
		return -1;
	}
	return 0;
}

/* limit_arenas - glibc gives each new thread its own malloc arena, up to
 * eight per core; libmilter hands commands to whichever of its worker
 * threads is free, so memory freed in one arena is not reused by the
 * next message's thread and the RSS creeps up (4-5 MB at 16 connections,
 * measured). Two arenas keep it down at no cost in speed on this
 * workload. MALLOC_ARENA_MAX still wins. */
static void limit_arenas(void)
{
	if (getenv("MALLOC_ARENA_MAX") == NULL)
		mallopt(M_ARENA_MAX, 2);
}

/* remove_ours - what this run created goes with it: the PidFile and the
 * unix socket (their directory must let our user remove them, as
 * Debian's RuntimeDirectory does) */
static void remove_ours(const char *pidfile, const char *sock)
{
	if (pidfile != NULL && unlink(pidfile) != 0 && errno != ENOENT)
		log_warning("cannot remove PidFile %s: %s", pidfile, strerror(errno));
	if (sock != NULL && unlink(sock) != 0 && errno != ENOENT)
		log_warning("cannot remove %s: %s", sock, strerror(errno));
}

/* start_daemon - everything that can fail is reported on stderr before
 * detaching; threads (the resolver's) only start after the fork */
static int start_daemon(const struct options *o, struct conf *c)
{
	static char conf_abs[PATH_MAX];
	static char *pidfile, *sock;    /* static: held until exit */
	struct metrics_http *mh = NULL;
	struct runtime *rt;
	const char *path;
	char err[512];
	int rc, mfd = -1;

	limit_arenas();
	/* First: a TERM or INT that comes once the socket answers must
	 * wait for serve(), not kill us or be lost. */
	signals_block();
	/* Reloads read the file again after daemon(3) has gone to "/". */
	if (realpath(o->conf_path, conf_abs) == NULL) {
		fprintf(stderr, "authmilter: %s: %s\n", o->conf_path, strerror(errno));
		return 1;
	}
	if (alone_check(daemon_unix_socket_path(c->socket), c->pidfile, err,
			sizeof(err)) != 0) {
		fprintf(stderr, "authmilter: %s\n", err);
		return 1;
	}
	if (c->umask_set)
		umask((mode_t) c->umask);     /* before the socket and PidFile */
	if (open_socket(c) != 0)
		return 1;
	/* opened here, so that a port in use is said on stderr */
	if (c->metrics_socket != NULL
	    && (mfd = metrics_http_listen(c->metrics_socket, err, sizeof(err))) < 0) {
		fprintf(stderr, "authmilter: %s\n", err);
		return 1;
	}
	/* kept: a reload frees the configuration this run started with */
	path = daemon_unix_socket_path(c->socket);
	if ((c->pidfile != NULL && (pidfile = strdup(c->pidfile)) == NULL)
	    || (path != NULL && (sock = strdup(path)) == NULL)
	    || (c->metrics_socket != NULL
		&& (metrics_spec = strdup(c->metrics_socket)) == NULL)) {
		fprintf(stderr, "authmilter: out of memory\n");
		return 1;
	}
	if ((!o->foreground && daemon_detach(err, sizeof(err)) != 0)
	    || daemon_write_pidfile(c->pidfile, err, sizeof(err)) != 0
	    || daemon_drop_privileges(c->user, daemon_unix_socket_path(c->socket),
				      err, sizeof(err)) != 0) {
		fprintf(stderr, "authmilter: %s\n", err);
		return 1;
	}
	log_open(o->foreground, c->syslog_facility);
	log_set_level(c->loglevel);
	if ((rt = runtime_build(c, NULL, err, sizeof(err))) == NULL) {
		log_err("resolver: %s", err);
		return 1;
	}
	runtime_install(rt);
	/* a thread: after the fork, and with the signals blocked */
	if (mfd >= 0 && (mh = metrics_http_start(mfd, err, sizeof(err))) == NULL) {
		log_err("%s", err);
		return 1;
	}
	log_notice("authmilter %s listening on %s, authserv-id %s%s%s", PACKAGE_VERSION,
		   rt->conf->socket, rt->conf->authserv_id,
		   mh ? ", metrics on " : "", mh ? metrics_spec : "");
	notify_ready();
	rc = serve(conf_abs);
	metrics_http_stop(mh);
	remove_ours(pidfile, sock);
	return rc;
}

/* run_test - -t: the same runtime as the daemon, on stderr */
static int run_test(const struct options *o, struct conf *c)
{
	struct runtime *rt;
	char err[512];
	int rc;

	log_open(1, 0);
	log_set_level(c->loglevel);     /* LogLevel debug explains on stderr */
	if ((rt = runtime_build(c, NULL, err, sizeof(err))) == NULL) {
		fprintf(stderr, "authmilter: resolver: %s\n", err);
		return 1;
	}
	rc = testmode_run(rt, &o->test);
	runtime_release(rt);
	return rc;
}

int main(int argc, char **argv)
{
	struct options o;
	struct conf *c;
	int rc;

	if ((rc = parse_options(argc, argv, &o)) >= 0)
		return rc;
	if ((c = load_conf(&o)) == NULL)
		return EXIT_CONFIG;
	if (o.check_only) {
		printf("%s: configuration OK\n", o.conf_path);
		conf_free(c);
		return 0;
	}
	if (o.test_mode)
		return run_test(&o, c);
	rc = start_daemon(&o, c);
	runtime_shutdown();
	return rc;
}
