/*
 * testmode - offline evaluation of one message file; see testmode.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "client.h"
#include "logdebug.h"
#include "msgauth.h"
#include "testmode.h"

#define TESTMODE_MAX_FIELD (64 * 1024)  /* as an MTA would bound a field */

/* The body on its way to msgauth, in chunks. */
struct body_buf {
	unsigned char out[2 * 8192];
	size_t n;
	int prev;
};

/* chomp - drop the line ending (LF or CRLF) */
static size_t chomp(char *line, size_t n)
{
	if (n > 0 && line[n - 1] == '\n')
		line[--n] = '\0';
	if (n > 0 && line[n - 1] == '\r')
		line[--n] = '\0';
	return n;
}

/* name_length - the length of the field name that opens LINE, 0 when
 * LINE is no header field. Postfix's rule (is_header(3), which decides
 * what it hands a milter): one or more printable ASCII octets other than
 * space and ':', optional spaces or tabs, then ':'. The white space is
 * not part of the name: "FROM : x" reaches the milter as "FROM". */
static size_t name_length(const char *line, size_t n)
{
	size_t i = 0, len;

	while (i < n && line[i] > ' ' && line[i] < 0x7f && line[i] != ':')
		i++;
	if ((len = i) == 0)
		return 0;
	while (i < n && (line[i] == ' ' || line[i] == '\t'))
		i++;
	return i < n && line[i] == ':' ? len : 0;
}

/* emit_field - split "Name: value" (NAMELEN octets of name) and hand it
 * to msgauth */
static int emit_field(struct msgauth *m, char *field, size_t namelen)
{
	char *colon = strchr(field + namelen, ':');

	field[namelen] = '\0';
	/* the value as an MTA with SMFIP_HDR_LEADSPC gives it */
	return msgauth_header(m, field, colon + 1);
}

/* append - add a line to the field being collected, bounded */
static int append(char *field, size_t *len, const char *line, size_t n, int folded)
{
	if (*len + n + 2 > TESTMODE_MAX_FIELD)
		return -1;
	if (folded)
		field[(*len)++] = '\n';
	memcpy(field + *len, line, n);
	*len += n;
	field[*len] = '\0';
	return 0;
}

/* body_put - one octet of the body, LF made CRLF as in SMTP */
static int body_put(struct msgauth *m, struct body_buf *b, int c)
{
	if (c == '\n' && b->prev != '\r')
		b->out[b->n++] = '\r';
	b->out[b->n++] = (unsigned char) c;
	b->prev = c;
	if (b->n >= sizeof(b->out) - 2) {
		if (msgauth_body(m, b->out, b->n) != 0)
			return -1;
		b->n = 0;
	}
	return 0;
}

/* feed_headers - the header section, field by field (folded lines kept
 * with "\n" between them, as an MTA hands them over). It ends at the
 * empty line, or, as in Postfix, at the first line that is neither a
 * field nor a fold of one: that line is the body's first. */
static int feed_headers(struct msgauth *m, FILE *in, struct body_buf *b)
{
	char *line = NULL, *field = malloc(TESTMODE_MAX_FIELD);
	size_t cap = 0, flen = 0, namelen = 0, nl, i;
	ssize_t got;
	int rc = 0;

	if (field == NULL)
		return -1;
	field[0] = '\0';
	while (rc == 0 && (got = getline(&line, &cap, in)) >= 0) {
		size_t n = chomp(line, (size_t) got);

		if (n == 0)
			break;
		if ((line[0] == ' ' || line[0] == '\t') && flen > 0) {
			rc = append(field, &flen, line, n, 1);
			continue;
		}
		if (flen > 0)
			rc = emit_field(m, field, namelen);
		flen = 0;
		if (rc != 0)
			break;
		if ((nl = name_length(line, n)) == 0) {
			for (i = 0; rc == 0 && i < n; i++)
				rc = body_put(m, b, (unsigned char) line[i]);
			if (rc == 0 && (size_t) got > n)
				rc = body_put(m, b, '\n');
			break;
		}
		namelen = nl;
		rc = append(field, &flen, line, n, 0);
	}
	if (rc == 0 && flen > 0)
		rc = emit_field(m, field, namelen);
	free(line);
	free(field);
	return rc;
}

/* feed_body - the rest of the file */
static int feed_body(struct msgauth *m, FILE *in, struct body_buf *b)
{
	int c;

	while ((c = getc(in)) != EOF)
		if (body_put(m, b, c) != 0)
			return -1;
	return b->n > 0 ? msgauth_body(m, b->out, b->n) : 0;
}

/* not_a_message - a directory opens and reads as nothing: no message */
static int not_a_message(FILE *in)
{
	struct stat st;

	return fstat(fileno(in), &st) == 0 && S_ISDIR(st.st_mode);
}

static void print_verdict(const struct msgauth_verdict *v)
{
	const struct verdict *d = &v->verdict;
	size_t i;

	if (v->ar_value[0] != '\0')
		printf("Authentication-Results: %s\n", v->ar_value);
	else
		printf("# no Authentication-Results field added: client %s\n",
		       msgauth_skip_name(v->skipped));
	printf("action: %s\n", verdict_action_name(d->action));
	if (d->would != d->action)
		printf("would: %s\n", verdict_action_name(d->would));
	if (d->note[0] != '\0')
		printf("note: %s\n", d->note);
	if (d->quarantine_header)
		printf("add: X-Authmilter-Quarantine\n");
	for (i = 0; i < v->nremove; i++)
		printf("remove: Authentication-Results #%zu\n", v->remove[i]);
	if (d->action == VERDICT_REJECT || d->action == VERDICT_TEMPFAIL)
		printf("reply: %s %s %s\n", d->smtp_code, d->smtp_xcode, d->smtp_text);
}

/* start - the client and MAIL FROM, bound as the milter callbacks bind them */
static int start(struct runtime *rt, struct msgauth *m, const struct testmode_args *a)
{
	struct client_facts f;
	struct netaddr ip;

	if (netaddr_parse(a->client_ip, &ip) != 0) {
		fprintf(stderr, "authmilter: --client-ip '%s' is not an IP address\n",
			a->client_ip);
		return -1;
	}
	f.addr = &ip;
	f.helo = a->helo;
	f.auth_user = a->auth_user;
	return client_start(m, rt->conf, &f, a->mail_from);
}

int testmode_run(struct runtime *rt, const struct testmode_args *a)
{
	struct msgauth_verdict v;
	struct body_buf body;
	struct msgauth *m;
	FILE *in;
	int rc = 1;

	memset(&body, 0, sizeof(body));
	in = strcmp(a->message, "-") == 0 ? stdin : fopen(a->message, "r");
	if (in == NULL || not_a_message(in)) {
		fprintf(stderr, "authmilter: %s: %s\n", a->message,
			in == NULL ? strerror(errno) : "is a directory");
		if (in != NULL && in != stdin)
			fclose(in);
		return 1;
	}
	if ((m = msgauth_new(&rt->mopt)) == NULL)
		fprintf(stderr, "authmilter: out of memory\n");
	else if (start(rt, m, a) != 0)
		;
	else if (feed_headers(m, in, &body) != 0 || feed_body(m, in, &body) != 0)
		fprintf(stderr, "authmilter: %s: header field too long or out of memory\n",
			a->message);
	else if (msgauth_eom(m, &v) != 0)
		printf("action: %s\n# internal error: OnInternalError applies\n",
		       verdict_action_name(rt->conf->on_internal_error));
	else {
		print_verdict(&v);
		logdebug_verdict(NULL, &v);
		rc = 0;
	}
	msgauth_free(m);
	if (in != stdin)
		fclose(in);
	return rc;
}
