/*
 * dkimsign - sign a message for the tests: the integration tests need
 * mail that a real sender's DKIM signer would produce, with keys made at
 * test time. Uses libopendkim's signer; test tool only, never installed.
 *
 *   dkimsign -d DOMAIN -s SELECTOR -k KEY.pem [-a rsa|ed25519]
 *            [-c relaxed|simple] < message > signed
 *
 * The message may have LF or CRLF line ends; the output has LF, with the
 * DKIM-Signature field first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <opendkim/dkim.h>

#define MAX_MESSAGE (4 * 1024 * 1024)

/*
 * libopendkim's signer does not free all of its key material (Ed25519
 * keys, and a little of the RSA key load) with the handle. This tool only
 * makes test input; under LeakSanitizer the library calls are left out of
 * the leak count, or the exit-time report would replace the tool's output
 * and exit status (LeakSanitizer exits before stdio is flushed).
 */
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#define SIGN_LEAK_BEGIN() __lsan_disable()
#define SIGN_LEAK_END() __lsan_enable()
#else
#define SIGN_LEAK_BEGIN() ((void) 0)
#define SIGN_LEAK_END() ((void) 0)
#endif

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

/* crlf - a copy of TEXT[0..N) with bare LFs made CRLF */
static char *crlf(const char *text, size_t n, size_t *out)
{
	char *c = malloc(2 * n + 1);
	size_t i, j = 0;

	if (c == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r'))
			c[j++] = '\r';
		c[j++] = text[i];
	}
	c[j] = '\0';
	*out = j;
	return c;
}

/* feed - header fields one by one (folded lines kept), then the body */
static int feed(DKIM *d, char *msg, size_t len)
{
	char *p = msg, *end = msg + len, *field, *next;

	while (p < end && !(p[0] == '\r' && p[1] == '\n')) {
		field = p;
		for (next = strstr(p, "\r\n"); next != NULL && (next[2] == ' ' || next[2] == '\t');
		     next = strstr(next + 2, "\r\n"))
			;
		if (next == NULL)
			return -1;
		if (dkim_header(d, (u_char *) field, (size_t) (next - field)) != DKIM_STAT_OK)
			return -1;
		p = next + 2;
	}
	if (dkim_eoh(d) != DKIM_STAT_OK)
		return -1;
	p += 2;
	if (p < end && dkim_body(d, (u_char *) p, (size_t) (end - p)) != DKIM_STAT_OK)
		return -1;
	return dkim_eom(d, NULL) == DKIM_STAT_OK ? 0 : -1;
}

int main(int argc, char **argv)
{
	const char *domain = NULL, *selector = NULL, *keyfile = NULL;
	dkim_alg_t alg = DKIM_SIGN_RSASHA256;
	dkim_canon_t canon = DKIM_CANON_RELAXED;
	char *key, *msg, *cmsg, sig[8192];
	size_t klen, mlen, clen, i;
	DKIM_STAT st;
	DKIM_LIB *lib;
	DKIM *d;
	FILE *kf;
	int c;

	while ((c = getopt(argc, argv, "d:s:k:a:c:")) != -1) {
		switch (c) {
		case 'd': domain = optarg; break;
		case 's': selector = optarg; break;
		case 'k': keyfile = optarg; break;
		case 'a': alg = strcmp(optarg, "ed25519") == 0 ? DKIM_SIGN_ED25519SHA256
			  : DKIM_SIGN_RSASHA256; break;
		case 'c': canon = strcmp(optarg, "simple") == 0 ? DKIM_CANON_SIMPLE
			  : DKIM_CANON_RELAXED; break;
		default: return 2;
		}
	}
	if (!domain || !selector || !keyfile || (kf = fopen(keyfile, "r")) == NULL) {
		fprintf(stderr, "usage: dkimsign -d DOMAIN -s SELECTOR -k KEY.pem [-a rsa|ed25519]\n");
		return 2;
	}
	key = slurp(kf, &klen);
	fclose(kf);
	msg = slurp(stdin, &mlen);
	if (key == NULL || msg == NULL || (cmsg = crlf(msg, mlen, &clen)) == NULL)
		return 1;
	SIGN_LEAK_BEGIN();
	lib = dkim_init(NULL, NULL);
	d = lib ? dkim_sign(lib, (u_char *) "test", NULL, (dkim_sigkey_t) key,
			    (u_char *) selector, (u_char *) domain, canon, canon, alg, -1, &st) : NULL;
	if (d == NULL || feed(d, cmsg, clen) != 0
	    || dkim_getsighdr(d, (u_char *) sig, sizeof(sig), strlen(DKIM_SIGNHEADER) + 2) != DKIM_STAT_OK) {
		fprintf(stderr, "dkimsign: signing failed: %s\n", d ? dkim_geterror(d) : "no handle");
		return 1;
	}
	dkim_free(d);
	dkim_close(lib);
	SIGN_LEAK_END();
	printf("%s: ", DKIM_SIGNHEADER);
	for (i = 0; sig[i] != '\0'; i++)
		if (sig[i] != '\r')
			putchar(sig[i]);
	putchar('\n');
	fwrite(msg, 1, mlen, stdout);
	free(key);
	free(msg);
	free(cmsg);
	return fflush(stdout) == 0 ? 0 : 1;
	return 0;
}
