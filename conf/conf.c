/*
 * conf - read authmilter.conf into a struct conf; see conf.h.
 *
 * The file is split into lines here and each "Key value" line handed to
 * the parser its key's row names (conf_keys.c). Reading never stops at
 * the first problem: every bad line is reported, up to CONF_MAX_ERRORS,
 * so an admin fixes a file in one pass rather than one error per reload.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/textbuf.h"
#include "conf_priv.h"


/* conf_errors_add - append a copy of MSG; an allocation failure loses
 * the message, and the caller still fails because of the problem */
void conf_errors_add(struct conf_errors *errs, const char *msg)
{
	char **grown, *copy;

	if (errs == NULL || (copy = strdup(msg)) == NULL)
		return;
	grown = realloc(errs->msg, (errs->count + 1) * sizeof(*grown));
	if (grown == NULL) {
		free(copy);
		return;
	}
	grown[errs->count++] = copy;
	errs->msg = grown;
}

/* add_vmsg - format one message with the "NAME:LINE: " prefix */
static void add_vmsg(struct conf_ctx *x, const char *fmt, va_list ap)
{
	struct textbuf tb;
	char msg[1024];

	textbuf_init(&tb, msg, sizeof(msg));
	if (x->line > 0)
		textbuf_printf(&tb, "%s:%zu: ", x->name, x->line);
	else
		textbuf_printf(&tb, "%s: ", x->name);
	if (textbuf_truncated(&tb))     /* a name that leaves no room: */
		textbuf_init(&tb, msg, sizeof(msg));    /* the message alone */
	textbuf_vprintf(&tb, fmt, ap);
	conf_errors_add(x->errs, msg);
}

/* add_msg - add_vmsg with the arguments in line */
static void add_msg(struct conf_ctx *x, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add_vmsg(x, fmt, ap);
	va_end(ap);
}

/* conf_error - one problem in the current source; past CONF_MAX_ERRORS
 * a last message says the rest was not read */
void conf_error(struct conf_ctx *x, const char *fmt, ...)
{
	va_list ap;

	if (x->stopped)
		return;
	va_start(ap, fmt);
	add_vmsg(x, fmt, ap);
	va_end(ap);
	if (++x->nerr < CONF_MAX_ERRORS)
		return;
	add_msg(x, "too many errors, giving up");
	x->stopped = 1;
}

/* unknown_key - name it, and the key it probably meant */
static void unknown_key(struct conf_ctx *x, const char *key)
{
	char q[CONF_QUOTE_BUF];
	const char *advice = conf_foreign(key), *guess = conf_suggest(key);

	if (advice != NULL)
		conf_error(x, "unknown key %s (an OpenDKIM or OpenDMARC key: %s)",
			   conf_quote(key, q, sizeof(q)), advice);
	else if (guess != NULL)
		conf_error(x, "unknown key %s (did you mean '%s'?)",
			   conf_quote(key, q, sizeof(q)), guess);
	else
		conf_error(x, "unknown key %s", conf_quote(key, q, sizeof(q)));
}

/* do_line - one line, NUL-terminated and writable, comment and all */
static void do_line(struct conf_ctx *x, char *s)
{
	const struct conf_key *k;
	char *key, *value, *end, q[CONF_QUOTE_BUF];
	size_t idx;
	int glued = 0;

	if ((end = strchr(s, '#')) != NULL) {
		glued = end > s && !CONF_IS_SPACE(end[-1]);
		*end = '\0';
	} else {
		end = s + strlen(s);
	}
	while (end > s && CONF_IS_SPACE(end[-1]))
		*--end = '\0';
	while (CONF_IS_SPACE(*s))
		s++;
	if (*s == '\0')
		return;
	for (key = value = s; *value != '\0' && !CONF_IS_SPACE(*value); value++)
		;
	if (*value != '\0')
		*value++ = '\0';
	while (CONF_IS_SPACE(*value))
		value++;
	if ((k = conf_key_find(key)) == NULL) {
		unknown_key(x, key);
		return;
	}
	/* "127.0.0.1#5353" would quietly lose its port: a value that a
	 * comment cuts short is refused, not used cut. */
	if (glued && *value != '\0') {
		conf_error(x, "%s: a '#' right after the value starts a comment, "
			   "cutting the value to %s; put a space before a comment%s",
			   k->name, conf_quote(value, q, sizeof(q)),
			   strcmp(k->name, "Nameservers") == 0
			   ? " (a name server's port goes after '@': IP@PORT)" : "");
		return;
	}
	idx = (size_t) (k - conf_keys);
	if (x->seen[idx] != 0 && !(k->flags & CONF_KEY_LIST)) {
		conf_error(x, "duplicate key '%s' (first given on line %zu)",
			   k->name, x->seen[idx]);
		return;
	}
	x->first = x->seen[idx] == 0;
	if (x->first)
		x->seen[idx] = x->line;
	if (*value == '\0')
		conf_error(x, "missing value for '%s'", k->name);
	else
		k->parse(x, k, value);
}

/* do_text - split LEN bytes into lines; a trailing CR is dropped so a
 * file edited on Windows reads the same */
static void do_text(struct conf_ctx *x, const char *text, size_t len)
{
	char buf[CONF_MAX_LINE + 1];
	const char *p = text, *end = text + len, *nl;
	size_t n;

	for (x->line = 1; p < end && !x->stopped; x->line++, p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t) (end - p))) == NULL)
			nl = end;
		n = (size_t) (nl - p);
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (n > CONF_MAX_LINE) {
			conf_error(x, "line is longer than %d bytes",
				   CONF_MAX_LINE);
			continue;
		}
		if (memchr(p, '\0', n) != NULL) {
			conf_error(x, "NUL byte in line");
			continue;
		}
		memcpy(buf, p, n);
		buf[n] = '\0';
		do_line(x, buf);
	}
}

/* host_name - gethostname into BUF; -1 when it is not a usable
 * authserv-id */
static int host_name(char *buf, size_t len)
{
	if (gethostname(buf, len - 1) != 0)
		return -1;
	buf[len - 1] = '\0';
	return conf_authserv_ok(buf) ? 0 : -1;
}

/* conf_defaults - every row's default through its own parser */
struct conf *conf_defaults(void)
{
	struct conf_ctx x;
	char buf[CONF_MAX_LINE + 1], host[256];
	struct conf *c;
	size_t i;

	if ((c = calloc(1, sizeof(*c))) == NULL)
		return NULL;
	memset(&x, 0, sizeof(x));
	x.conf = c;
	x.name = "defaults";
	x.first = 1;
	for (i = 0; i < conf_nkeys; i++) {
		if (conf_keys[i].def == NULL)
			continue;
		snprintf(buf, sizeof(buf), "%s", conf_keys[i].def);
		conf_keys[i].parse(&x, &conf_keys[i], buf);
	}
	/* An unusable host name is caught by conf_parse unless the file sets
	 * AuthservID; "localhost" only keeps this struct whole. */
	c->authserv_id = strdup(host_name(host, sizeof(host)) == 0 ? host
				: "localhost");
	c->path = strdup("");
	if (x.oom || x.nerr || c->authserv_id == NULL || c->path == NULL) {
		conf_free(c);
		return NULL;
	}
	return c;
}

/* seen_line - the line KEY was given on, or 0 */
static size_t seen_line(const struct conf_ctx *x, const char *key)
{
	const struct conf_key *k = conf_key_find(key);

	return k != NULL ? x->seen[k - conf_keys] : 0;
}

/* check_psl_file - the list that PSL mode (or the file's own line) names
 * can be read now, reported at the line that asked for it */
static void check_psl_file(struct conf_ctx *x)
{
	size_t file_line = seen_line(x, "PublicSuffixList");
	const char *path = x->conf->psl_file;

	if (path == NULL || (file_line == 0
			     && x->conf->dmarc_orgdomain != DMARC_ORG_PSL))
		return;
	if (access(path, R_OK) == 0)
		return;
	x->line = file_line ? file_line : seen_line(x, "DMARCOrgDomain");
	conf_error(x, "PublicSuffixList: %s cannot be read: %s%s", path,
		   strerror(errno), file_line ? ""
		   : " (install the Debian package publicsuffix)");
}

/* finish - checks that need the whole file */
static void finish(struct conf_ctx *x)
{
	const struct conf_key *k = conf_key_find("AuthservID");
	char host[256];

	x->line = 0;
	if (k != NULL && x->seen[k - conf_keys] == 0
	    && host_name(host, sizeof(host)) != 0)
		conf_error(x, "AuthservID is not set and this host's name is "
			   "not a valid authserv-id: set AuthservID");
	check_psl_file(x);
	x->nerr += conf_load_overrides(x->conf, x->errs);
}

/* conf_parse - defaults, then TEXT over them */
struct conf *conf_parse(const char *name, const char *text, size_t len,
			struct conf_errors *errs)
{
	struct conf_ctx x;
	struct conf *c;
	char *path;

	if ((c = conf_defaults()) == NULL)
		return NULL;
	memset(&x, 0, sizeof(x));
	x.conf = c;
	x.name = name;
	x.errs = errs;
	x.seen = calloc(conf_nkeys, sizeof(*x.seen));
	x.none_line = calloc(conf_nkeys, sizeof(*x.none_line));
	x.full = calloc(conf_nkeys, sizeof(*x.full));
	path = strdup(name);
	if (x.seen == NULL || x.none_line == NULL || x.full == NULL || path == NULL) {
		conf_error(&x, "out of memory");
		free(x.seen);
		free(x.none_line);
		free(x.full);
		free(path);
		conf_free(c);
		return NULL;
	}
	free(c->path);
	c->path = path;
	do_text(&x, text, len);
	if (!x.stopped)
		finish(&x);
	free(x.seen);
	free(x.none_line);
	free(x.full);
	if (x.oom) {
		x.line = 0;
		conf_error(&x, "out of memory");
	}
	if (x.nerr > 0) {
		conf_free(c);
		return NULL;
	}
	return c;
}

/* conf_read_file - the whole of PATH, refusing what is not a plain file or is
 * too big to be a config (a FIFO or /dev/zero would hang a reload) */
char *conf_read_file(const char *path, size_t *len, struct conf_errors *errs)
{
	char msg[1024], *buf = NULL;
	struct stat st;
	ssize_t n;
	size_t got = 0;
	int fd;

	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0) {
		snprintf(msg, sizeof(msg), "%s: cannot open: %s", path,
			 strerror(errno));
		conf_errors_add(errs, msg);
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		snprintf(msg, sizeof(msg), "%s: not a regular file", path);
		goto fail;
	}
	if (st.st_size > CONF_MAX_FILE) {
		snprintf(msg, sizeof(msg), "%s: larger than %d bytes", path,
			 CONF_MAX_FILE);
		goto fail;
	}
	if ((buf = malloc((size_t) st.st_size + 1)) == NULL) {
		snprintf(msg, sizeof(msg), "%s: out of memory", path);
		goto fail;
	}
	/* Read what fstat promised; a file growing meanwhile is cut there. */
	while (got < (size_t) st.st_size
	       && (n = read(fd, buf + got, (size_t) st.st_size - got)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			snprintf(msg, sizeof(msg), "%s: cannot read: %s", path,
				 strerror(errno));
			goto fail;
		}
		got += (size_t) n;
	}
	close(fd);
	*len = got;
	return buf;
fail:
	conf_errors_add(errs, msg);
	free(buf);
	close(fd);
	return NULL;
}

/* conf_load - read_file, then conf_parse */
struct conf *conf_load(const char *path, struct conf_errors *errs)
{
	struct conf *c;
	size_t len;
	char *text;

	if ((text = conf_read_file(path, &len, errs)) == NULL)
		return NULL;
	c = conf_parse(path, text, len, errs);
	free(text);
	return c;
}

/* conf_free - every string field the table marks as ours */
void conf_free(struct conf *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < conf_nkeys; i++)
		if (conf_keys[i].flags & CONF_KEY_STRING)
			free(*(char **) ((char *) c + conf_keys[i].off));
	conf_free_overrides(c);
	free(c->path);
	free(c);
}

/* conf_errors_clear - free the messages; ERRS can be reused */
void conf_errors_clear(struct conf_errors *errs)
{
	size_t i;

	if (errs == NULL)
		return;
	for (i = 0; i < errs->count; i++)
		free(errs->msg[i]);
	free(errs->msg);
	errs->msg = NULL;
	errs->count = 0;
}

/* conf_is_trusted - also try a v4-mapped address as IPv4, since an IPv6
 * listener reports IPv4 clients that way */
int conf_is_trusted(const struct conf *c, const struct netaddr *addr)
{
	return conf_netlist_match(&c->trusted, addr);
}

int conf_netlist_match(const struct conf_netlist *l, const struct netaddr *addr)
{
	struct netaddr plain = *addr;
	size_t i;

	netaddr_unmap(&plain);
	for (i = 0; i < l->count; i++)
		if (netaddr_in_cidr(addr, &l->net[i])
		    || netaddr_in_cidr(&plain, &l->net[i]))
			return 1;
	return 0;
}
