/*
 * corpus - read a benchmark corpus into memory (format and interface:
 * tests/bench/README.md, corpus.h).
 *
 * Everything is read and split before the clock starts, so the load
 * generators' hot path only copies bytes. Messages are normalised to
 * CRLF (a hand-written corpus may have LF ends) and their header
 * section is split into fields the way Postfix hands them to a milter:
 * the value keeps its leading white space and folded lines are joined
 * by a bare "\n". Every input is bounded; a file over a bound is an
 * error naming FILE:LINE, never silently cut.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "corpus.h"

#define CORPUS_MAX_MSG		(10 * 1024 * 1024)	/* bytes in a message file */
#define CORPUS_MAX_FIELDS	1000	/* header fields in a message */
#define CORPUS_MAX_NAME		1024	/* bytes in a field name */
#define CORPUS_MAX_LINE		16384	/* bytes in an index line */
#define CORPUS_MAX_PATH		4096

/* corpus_err - format "FILE:LINE: reason" into ERR */
static void corpus_err(char *err, size_t errlen, const char *file,
		       size_t line, const char *fmt, ...)
{
	char why[512];
	va_list ap;

	if (err == NULL || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	snprintf(err, errlen, "%s:%zu: %s", file, line, why);
}

/* corpus_read - the whole of PATH, NUL-terminated, at most MAX bytes */
static char *corpus_read(const char *path, size_t max, size_t *len,
			 char *err, size_t errlen)
{
	struct stat st;
	char *buf = NULL;
	size_t got = 0;
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		corpus_err(err, errlen, path, 0, "%s", strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		corpus_err(err, errlen, path, 0, "not a regular file");
		goto fail;
	}
	if ((size_t)st.st_size > max) {
		corpus_err(err, errlen, path, 0, "over %zu bytes", max);
		goto fail;
	}
	if ((buf = malloc((size_t)st.st_size + 1)) == NULL) {
		corpus_err(err, errlen, path, 0, "out of memory");
		goto fail;
	}
	/* the size from fstat bounds the read even if the file grows */
	while (got < (size_t)st.st_size) {
		n = read(fd, buf + got, (size_t)st.st_size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			corpus_err(err, errlen, path, 0, "%s", strerror(errno));
			goto fail;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	buf[got] = 0;
	*len = got;
	return buf;
fail:
	free(buf);
	close(fd);
	return NULL;
}

/* corpus_crlf - a copy of IN with every bare LF made CRLF */
static char *corpus_crlf(const char *in, size_t len, size_t *outlen)
{
	size_t i, o = 0, lfs = 0;
	char *out;

	for (i = 0; i < len; i++)
		if (in[i] == '\n' && (i == 0 || in[i - 1] != '\r'))
			lfs++;
	if ((out = malloc(len + lfs + 1)) == NULL)
		return NULL;
	for (i = 0; i < len; i++) {
		if (in[i] == '\n' && (i == 0 || in[i - 1] != '\r'))
			out[o++] = '\r';
		out[o++] = in[i];
	}
	out[o] = 0;
	*outlen = o;
	return out;
}

/* corpus_is_ftext - a byte allowed in a field name (RFC 5322 ftext) */
static int corpus_is_ftext(unsigned char c)
{
	return c >= 33 && c <= 126 && c != ':';
}

/* corpus_add_field - a new field from one unfolded line (no CRLF) */
static int corpus_add_field(struct corpus_msg *m, size_t *cap,
			    const char *line, size_t len,
			    const char *file, size_t lineno,
			    char *err, size_t errlen)
{
	struct corpus_header *h;
	size_t n = 0, colon;

	while (n < len && corpus_is_ftext((unsigned char)line[n]))
		n++;
	colon = n;
	/* RFC 5322 obs-optional: white space before the colon */
	while (colon < len && (line[colon] == ' ' || line[colon] == '\t'))
		colon++;
	if (n == 0 || colon >= len || line[colon] != ':') {
		corpus_err(err, errlen, file, lineno, "not a header field");
		return -1;
	}
	if (n > CORPUS_MAX_NAME) {
		corpus_err(err, errlen, file, lineno,
			   "field name over %d bytes", CORPUS_MAX_NAME);
		return -1;
	}
	if (m->nhdr >= CORPUS_MAX_FIELDS) {
		corpus_err(err, errlen, file, lineno,
			   "more than %d header fields", CORPUS_MAX_FIELDS);
		return -1;
	}
	if (m->nhdr == *cap) {
		size_t ncap = *cap ? *cap * 2 : 16;

		if ((h = realloc(m->hdr, ncap * sizeof(*h))) == NULL)
			goto nomem;
		m->hdr = h;
		*cap = ncap;
	}
	h = &m->hdr[m->nhdr];
	h->name = strndup(line, n);
	h->value = strndup(line + colon + 1, len - colon - 1);
	if (h->name == NULL || h->value == NULL) {
		free(h->name);
		free(h->value);
		goto nomem;
	}
	m->nhdr++;
	return 0;
nomem:
	corpus_err(err, errlen, file, lineno, "out of memory");
	return -1;
}

/* corpus_fold - append a continuation line to the last field's value */
static int corpus_fold(struct corpus_msg *m, const char *line, size_t len,
		       const char *file, size_t lineno,
		       char *err, size_t errlen)
{
	struct corpus_header *h;
	size_t old;
	char *v;

	if (m->nhdr == 0) {
		corpus_err(err, errlen, file, lineno,
			   "continuation line before any field");
		return -1;
	}
	h = &m->hdr[m->nhdr - 1];
	old = strlen(h->value);
	if ((v = realloc(h->value, old + 1 + len + 1)) == NULL) {
		corpus_err(err, errlen, file, lineno, "out of memory");
		return -1;
	}
	v[old] = '\n';
	memcpy(v + old + 1, line, len);
	v[old + 1 + len] = 0;
	h->value = v;
	return 0;
}

/* corpus_split - fill M's fields and body from M->raw (CRLF) */
static int corpus_split(struct corpus_msg *m, const char *file,
			char *err, size_t errlen)
{
	const char *p = m->raw, *end = m->raw + m->rawlen, *eol;
	size_t cap = 0, lineno = 0, len;

	while (p < end) {
		lineno++;
		eol = memchr(p, '\n', (size_t)(end - p));
		len = (eol ? (size_t)(eol - p) : (size_t)(end - p));
		if (len > 0 && p[len - 1] == '\r')
			len--;
		if (len == 0) {			/* the empty line */
			p = eol ? eol + 1 : end;
			break;
		}
		if (p[0] == ' ' || p[0] == '\t') {
			if (corpus_fold(m, p, len, file, lineno, err, errlen) < 0)
				return -1;
		} else if (corpus_add_field(m, &cap, p, len, file, lineno,
					    err, errlen) < 0) {
			return -1;
		}
		p = eol ? eol + 1 : end;
	}
	m->body = p;
	m->bodylen = (size_t)(end - p);
	return 0;
}

/* corpus_msg_free - release one message's memory */
static void corpus_msg_free(struct corpus_msg *m)
{
	size_t i;

	free(m->file);
	free(m->kase);
	free(m->expect);
	free(m->client);
	free(m->helo);
	free(m->from);
	free(m->rcpt);
	free(m->raw);
	for (i = 0; i < m->nhdr; i++) {
		free(m->hdr[i].name);
		free(m->hdr[i].value);
	}
	free(m->hdr);
	memset(m, 0, sizeof(*m));
}

/* corpus_load_msg - read and split DIR/M->file */
static int corpus_load_msg(struct corpus_msg *m, const char *dir,
			   char *err, size_t errlen)
{
	char path[CORPUS_MAX_PATH];
	size_t len;
	char *text;

	if (snprintf(path, sizeof(path), "%s/%s", dir, m->file)
	    >= (int)sizeof(path)) {
		corpus_err(err, errlen, m->file, 0, "path too long");
		return -1;
	}
	if ((text = corpus_read(path, CORPUS_MAX_MSG, &len, err, errlen)) == NULL)
		return -1;
	m->raw = corpus_crlf(text, len, &m->rawlen);
	free(text);
	if (m->raw == NULL) {
		corpus_err(err, errlen, path, 0, "out of memory");
		return -1;
	}
	return corpus_split(m, path, err, errlen);
}

/* corpus_bad_path - a message path that could leave the corpus */
static int corpus_bad_path(const char *f)
{
	const char *p;

	if (f[0] == '/' || strcmp(f, "..") == 0 || strncmp(f, "../", 3) == 0)
		return 1;
	for (p = f; (p = strstr(p, "/..")) != NULL; p += 3)
		if (p[3] == 0 || p[3] == '/')
			return 1;
	return 0;
}

/* corpus_key - which member of M a key names; NULL for unknown keys */
static char **corpus_key(struct corpus_msg *m, const char *key, size_t klen)
{
	static const struct {
		const char *name;
		size_t off;
	} keys[] = {
		{"case", offsetof(struct corpus_msg, kase)},
		{"expect", offsetof(struct corpus_msg, expect)},
		{"client", offsetof(struct corpus_msg, client)},
		{"helo", offsetof(struct corpus_msg, helo)},
		{"from", offsetof(struct corpus_msg, from)},
		{"rcpt", offsetof(struct corpus_msg, rcpt)},
	};
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strlen(keys[i].name) == klen
		    && memcmp(keys[i].name, key, klen) == 0)
			return (char **)((char *)m + keys[i].off);
	return NULL;
}

/* corpus_parse_line - one index line into M (message not read yet) */
static int corpus_parse_line(struct corpus_msg *m, char *line,
			     const char *index, size_t lineno,
			     char *err, size_t errlen)
{
	char *tok, *save = NULL, *eq, **slot;

	tok = strtok_r(line, " \t", &save);
	if (tok == NULL || strchr(tok, '=') != NULL || corpus_bad_path(tok)) {
		corpus_err(err, errlen, index, lineno,
			   "first word must be a message file inside the corpus");
		return -1;
	}
	if ((m->file = strdup(tok)) == NULL)
		goto nomem;
	while ((tok = strtok_r(NULL, " \t", &save)) != NULL) {
		if ((eq = strchr(tok, '=')) == NULL || eq == tok) {
			corpus_err(err, errlen, index, lineno,
				   "\"%.40s\" is not key=value", tok);
			return -1;
		}
		/* keys this tool does not use are left for others */
		if ((slot = corpus_key(m, tok, (size_t)(eq - tok))) == NULL)
			continue;
		free(*slot);
		if ((*slot = strdup(eq + 1)) == NULL)
			goto nomem;
	}
	if (!m->kase || !m->expect || !m->client || !m->helo || !m->from
	    || !m->rcpt) {
		corpus_err(err, errlen, index, lineno, "needs case= expect= "
			   "client= helo= from= rcpt=");
		return -1;
	}
	return 0;
nomem:
	corpus_err(err, errlen, index, lineno, "out of memory");
	return -1;
}

/* corpus_grow - room for one more message */
static int corpus_grow(struct corpus *c, size_t *cap)
{
	struct corpus_msg *m;
	size_t ncap;

	if (c->nmsg < *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 64;
	if ((m = realloc(c->msg, ncap * sizeof(*m))) == NULL)
		return -1;
	c->msg = m;
	*cap = ncap;
	return 0;
}

/* corpus_index_line - handle one line of the index; 1 if it was a message */
static int corpus_index_line(struct corpus *c, size_t *cap, const char *dir,
			     char *line, const char *index, size_t lineno,
			     char *err, size_t errlen)
{
	struct corpus_msg *m;
	size_t len = strlen(line);

	while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		line[--len] = 0;
	if (len >= CORPUS_MAX_LINE) {
		corpus_err(err, errlen, index, lineno, "line too long");
		return -1;
	}
	line += strspn(line, " \t");
	if (*line == 0 || *line == '#')
		return 0;
	if (corpus_grow(c, cap) < 0) {
		corpus_err(err, errlen, index, lineno, "out of memory");
		return -1;
	}
	m = &c->msg[c->nmsg];
	memset(m, 0, sizeof(*m));
	if (corpus_parse_line(m, line, index, lineno, err, errlen) < 0
	    || corpus_load_msg(m, dir, err, errlen) < 0) {
		corpus_msg_free(m);
		return -1;
	}
	c->nmsg++;
	return 1;
}

/* corpus_load - read DIR/index and every message it names */
struct corpus *corpus_load(const char *dir, char *err, size_t errlen)
{
	char index[CORPUS_MAX_PATH];
	char *line = NULL;
	size_t linecap = 0, cap = 0, lineno = 0;
	struct corpus *c;
	FILE *fp;

	if (snprintf(index, sizeof(index), "%s/index", dir)
	    >= (int)sizeof(index)) {
		corpus_err(err, errlen, dir, 0, "path too long");
		return NULL;
	}
	if ((fp = fopen(index, "r")) == NULL) {
		corpus_err(err, errlen, index, 0, "%s", strerror(errno));
		return NULL;
	}
	if ((c = calloc(1, sizeof(*c))) == NULL) {
		corpus_err(err, errlen, index, 0, "out of memory");
		fclose(fp);
		return NULL;
	}
	while (getline(&line, &linecap, fp) >= 0) {
		if (corpus_index_line(c, &cap, dir, line, index, ++lineno,
				      err, errlen) < 0)
			goto fail;
	}
	if (ferror(fp)) {
		corpus_err(err, errlen, index, lineno, "read error");
		goto fail;
	}
	if (c->nmsg == 0) {
		corpus_err(err, errlen, index, lineno, "no message in the index");
		goto fail;
	}
	free(line);
	fclose(fp);
	return c;
fail:
	free(line);
	fclose(fp);
	corpus_free(c);
	return NULL;
}

/* corpus_free - release everything corpus_load returned */
void corpus_free(struct corpus *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nmsg; i++)
		corpus_msg_free(&c->msg[i]);
	free(c->msg);
	free(c);
}
