/*
 * log - the daemon's log: syslog, or stderr in the foreground.
 *
 * Only milter/ logs. One line per message is the contract admins rely on;
 * everything else is for trouble. Thread-safe (syslog and stdio are).
 */
#ifndef AUTHMILTER_LOG_H
#define AUTHMILTER_LOG_H

#include <stddef.h>

#include "conf.h"

/* log_open - TO_STDERR for -f, -n and -t; otherwise syslog with FACILITY. */
void log_open(int to_stderr, int facility);

/* log_set_level - messages above LEVEL are dropped. */
void log_set_level(enum conf_loglevel level);

/* log_enabled - a message at LEVEL would be logged */
int log_enabled(enum conf_loglevel level);

void log_msg(enum conf_loglevel level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#define log_err(...)     log_msg(CONF_LOG_ERR, __VA_ARGS__)
#define log_warning(...) log_msg(CONF_LOG_WARNING, __VA_ARGS__)
#define log_notice(...)  log_msg(CONF_LOG_NOTICE, __VA_ARGS__)
#define log_info(...)    log_msg(CONF_LOG_INFO, __VA_ARGS__)
#define log_debug(...)   log_msg(CONF_LOG_DEBUG, __VA_ARGS__)

/* log_safe - copy attacker-supplied text (HELO, MAIL FROM) for a log line:
 * control and non-ASCII bytes become '?', and it is cut to LEN - 1 bytes
 * (a "..." marks the cut). Returns OUT. */
const char *log_safe(const char *in, char *out, size_t len);

#endif
