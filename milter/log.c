/*
 * log - syslog or stderr; see log.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <syslog.h>
#include <time.h>

#include "util/printable.h"
#include "log.h"

static int log_stderr = 1;
static enum conf_loglevel log_level = CONF_LOG_INFO;

void log_open(int to_stderr, int facility)
{
	log_stderr = to_stderr;
	if (!to_stderr)
		openlog("authmilter", LOG_PID | LOG_NDELAY, facility);
}

void log_set_level(enum conf_loglevel level)
{
	log_level = level;
}

static int syslog_priority(enum conf_loglevel level)
{
	switch (level) {
	case CONF_LOG_ERR: return LOG_ERR;
	case CONF_LOG_WARNING: return LOG_WARNING;
	case CONF_LOG_NOTICE: return LOG_NOTICE;
	case CONF_LOG_INFO: return LOG_INFO;
	case CONF_LOG_DEBUG: return LOG_DEBUG;
	}
	return LOG_INFO;
}

static const char *level_name(enum conf_loglevel level)
{
	static const char *names[] = { "error", "warning", "notice", "info", "debug" };

	return (unsigned) level < 5 ? names[level] : "info";
}

int log_enabled(enum conf_loglevel level)
{
	return level <= log_level;
}

/* log_msg - one line; stderr lines carry a timestamp for test logs */
void log_msg(enum conf_loglevel level, const char *fmt, ...)
{
	char line[2048];
	char stamp[32];
	struct tm tm;
	time_t now;
	va_list ap;

	if (level > log_level)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (!log_stderr) {
		syslog(syslog_priority(level), "%s", line);
		return;
	}
	now = time(NULL);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", gmtime_r(&now, &tm));
	fprintf(stderr, "%s authmilter[%s]: %s\n", stamp, level_name(level), line);
}

/* log_safe - printable, bytes outside it as '?', a cut copy ends "..." */
const char *log_safe(const char *in, char *out, size_t len)
{
	return printable(in, out, len, PRINTABLE_QMARK | PRINTABLE_DOTS);
}
