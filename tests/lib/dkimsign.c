/*
 * dkimsign - sign a message for the shell tests: the integration tests
 * need mail that a real sender's DKIM signer would produce, with keys
 * made at test time. A command line over tests/lib/testsign (the signer
 * the C tests use, on libopendkim); test tool only, never installed.
 *
 *   dkimsign -d DOMAIN -s SELECTOR -k KEY.pem [-a rsa|ed25519]
 *            [-c relaxed|simple] < message > signed
 *
 * The message may have LF or CRLF line ends; the output has LF, with the
 * DKIM-Signature field first, folded as libopendkim folds it by default.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/lib/testsign.h"

#define MAX_MESSAGE (4 * 1024 * 1024)

/* slurp - the whole of a stream, NUL-terminated */
static char *slurp(FILE *in, size_t *len)
{
	char *buf = malloc(MAX_MESSAGE + 1);

	if (buf == NULL)
		return NULL;
	*len = fread(buf, 1, MAX_MESSAGE, in);
	buf[*len] = '\0';
	return buf;
}

/* usage - the synopsis; exit status 2 */
static int usage(void)
{
	fprintf(stderr, "usage: dkimsign -d DOMAIN -s SELECTOR -k KEY.pem [-a rsa|ed25519]\n");
	return 2;
}

/* print_field - NAME: VALUE with its CRs dropped, so the folds are LF */
static void print_field(const char *value)
{
	printf("%s:", DKIM_SIGNHEADER);
	for (; *value != '\0'; value++)
		if (*value != '\r')
			putchar(*value);
	putchar('\n');
}

/* sign_text - the signature value for MSG under R; NULL (ERR says) */
static char *sign_text(struct signreq *r, const char *msg, size_t len,
		       char *err, size_t errlen)
{
	struct tmsg m;
	DKIM_LIB *lib;
	char *v = NULL;

	if (tmsg_parse(msg, len, 1, &m) < 0) {
		snprintf(err, errlen, "message not split into fields");
		return NULL;
	}
	if ((lib = testsign_lib()) == NULL)
		snprintf(err, errlen, "no signing library");
	else
		v = testsign(lib, r, &m, err, errlen);
	if (lib != NULL)
		dkim_close(lib);
	tmsg_free(&m);
	return v;
}

int main(int argc, char **argv)
{
	const char *keyfile = NULL;
	struct testkey key;
	struct signreq r;
	char *msg, *v, err[256];
	size_t klen, mlen;
	FILE *kf;
	int c;

	memset(&r, 0, sizeof(r));
	memset(&key, 0, sizeof(key));
	r.alg = DKIM_SIGN_RSASHA256;
	r.hcanon = r.bcanon = DKIM_CANON_RELAXED;
	r.margin = DKIM_HDRMARGIN;
	while ((c = getopt(argc, argv, "d:s:k:a:c:")) != -1) {
		switch (c) {
		case 'd': r.domain = optarg; break;
		case 's': r.selector = optarg; break;
		case 'k': keyfile = optarg; break;
		case 'a': r.alg = strcmp(optarg, "ed25519") == 0 ? DKIM_SIGN_ED25519SHA256
			  : DKIM_SIGN_RSASHA256; break;
		case 'c': r.hcanon = r.bcanon = strcmp(optarg, "simple") == 0
			  ? DKIM_CANON_SIMPLE : DKIM_CANON_RELAXED; break;
		default: return 2;
		}
	}
	if (!r.domain || !r.selector || !keyfile || (kf = fopen(keyfile, "r")) == NULL)
		return usage();
	key.pem = slurp(kf, &klen);
	fclose(kf);
	r.key = &key;
	msg = slurp(stdin, &mlen);
	if (key.pem == NULL || msg == NULL)
		return 1;
	if ((v = sign_text(&r, msg, mlen, err, sizeof(err))) == NULL) {
		fprintf(stderr, "dkimsign: signing failed: %s\n", err);
		return 1;
	}
	print_field(v);
	fwrite(msg, 1, mlen, stdout);
	free(v);
	free(key.pem);
	free(msg);
	return fflush(stdout) == 0 ? 0 : 1;
}
