/*
 * testmode - offline evaluation of one message file; see testmode.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msgauth.h"
#include "testmode.h"

#define TESTMODE_MAX_FIELD (64 * 1024)  /* as an MTA would bound a field */

/* chomp - drop the line ending (LF or CRLF) */
static size_t chomp(char *line, size_t n)
{
	if (n > 0 && line[n - 1] == '\n')
		line[--n] = '\0';
	if (n > 0 && line[n - 1] == '\r')
		line[--n] = '\0';
	return n;
}

/* emit_field - split "Name: value" and hand it to msgauth */
static int emit_field(struct msgauth *m, char *field)
{
	char *colon = strchr(field, ':');
	char *value;

	if (colon == NULL)
		return 0;
	*colon = '\0';
	value = colon + 1;      /* as an MTA with SMFIP_HDR_LEADSPC gives it */
	return msgauth_header(m, field, value);
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

/* feed_headers - the header section, field by field (folded lines kept
 * with "\n" between them, as an MTA hands them over) */
static int feed_headers(struct msgauth *m, FILE *in)
{
	char *line = NULL, *field = malloc(TESTMODE_MAX_FIELD);
	size_t cap = 0, flen = 0;
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
			rc = emit_field(m, field);
		flen = 0;
		if (rc == 0)
			rc = append(field, &flen, line, n, 0);
	}
	if (rc == 0 && flen > 0)
		rc = emit_field(m, field);
	free(line);
	free(field);
	return rc;
}

/* feed_body - the rest of the file, with CRLF line ends as in SMTP */
static int feed_body(struct msgauth *m, FILE *in)
{
	unsigned char out[2 * 8192];
	size_t n = 0;
	int c, prev = 0;

	while ((c = getc(in)) != EOF) {
		if (c == '\n' && prev != '\r')
			out[n++] = '\r';
		out[n++] = (unsigned char) c;
		prev = c;
		if (n >= sizeof(out) - 2) {
			if (msgauth_body(m, out, n) != 0)
				return -1;
			n = 0;
		}
	}
	return n > 0 ? msgauth_body(m, out, n) : 0;
}

static void print_verdict(const struct msgauth_verdict *v)
{
	size_t i;

	if (v->ar_value[0] != '\0')
		printf("Authentication-Results: %s\n", v->ar_value);
	else
		printf("# no Authentication-Results field added: client %s\n",
		       msgauth_skip_name(v->skipped));
	printf("action: %s\n", msgauth_action_name(v->action));
	if (v->would != v->action)
		printf("would: %s\n", msgauth_action_name(v->would));
	if (v->note != NULL && v->note[0] != '\0')
		printf("note: %s\n", v->note);
	if (v->quarantine_header)
		printf("add: X-Authmilter-Quarantine\n");
	for (i = 0; i < v->nremove; i++)
		printf("remove: Authentication-Results #%zu\n", v->remove[i]);
	if (v->action == MSGAUTH_REJECT || v->action == MSGAUTH_TEMPFAIL)
		printf("reply: %s %s %s\n", v->smtp_code, v->smtp_xcode, v->smtp_text);
}

/* start - connect, HELO and MAIL FROM as the milter callbacks do them */
static int start(struct runtime *rt, struct msgauth *m, const struct testmode_args *a)
{
	struct netaddr ip;

	if (netaddr_parse(a->client_ip, &ip) != 0) {
		fprintf(stderr, "authmilter: --client-ip '%s' is not an IP address\n",
			a->client_ip);
		return -1;
	}
	msgauth_connect(m, &ip);
	netaddr_unmap(&ip);
	if (conf_is_trusted(rt->conf, &ip))
		msgauth_skip(m, MSGAUTH_SKIP_TRUSTED);
	if (conf_netlist_match(&rt->conf->forwarders, &ip))
		msgauth_forwarder(m);
	msgauth_helo(m, a->helo);
	if (a->auth_user != NULL && rt->conf->ignore_authenticated)
		msgauth_skip(m, MSGAUTH_SKIP_AUTHENTICATED);
	return msgauth_mailfrom(m, a->mail_from);
}

int testmode_run(struct runtime *rt, const struct testmode_args *a)
{
	struct msgauth_verdict v;
	struct msgauth *m;
	FILE *in;
	int rc = 1;

	in = strcmp(a->message, "-") == 0 ? stdin : fopen(a->message, "r");
	if (in == NULL) {
		fprintf(stderr, "authmilter: %s: %s\n", a->message, strerror(errno));
		return 1;
	}
	if ((m = msgauth_new(&rt->mopt)) == NULL)
		fprintf(stderr, "authmilter: out of memory\n");
	else if (start(rt, m, a) != 0)
		;
	else if (feed_headers(m, in) != 0 || feed_body(m, in) != 0)
		fprintf(stderr, "authmilter: %s: header field too long or out of memory\n",
			a->message);
	else if (msgauth_eom(m, &v) != 0)
		printf("action: %s\n# internal error: OnInternalError applies\n",
		       rt->conf->on_internal_error == CONF_FALLBACK_ACCEPT ? "accept" : "tempfail");
	else {
		print_verdict(&v);
		rc = 0;
	}
	msgauth_free(m);
	if (in != stdin)
		fclose(in);
	return rc;
}
