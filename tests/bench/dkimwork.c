/*
 * dkimwork - the DKIM verifier's cost per message for the most expensive
 * header sections an attacker can build, against an ordinary message.
 *
 * Field selection costs h= entries times header fields, per signature
 * (policy/dkim_fields bounds it). Each shape is fed to policy/dkim_verify
 * as the milter feeds it, with a real RSA-2048 key in the key file so
 * every signature the verifier admits goes as far as the RSA check, and
 * the CPU time of the process is divided by the messages. Prints one
 * line per shape: seconds per message and the results. A benchmark, not
 * a test: it never fails on time.
 *
 *   dkimwork [-n MESSAGES] [-m MAXSIGS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "policy/dkim_verify.h"
#include "tests/lib/testsign.h"

struct shape {
	const char *what;
	size_t sigs, h, fields;
	int named;                  /* the fields are the ones h= names */
};

static const struct shape shapes[] = {
	{ "ordinary", 3, 12, 20, 0 },
	{ "issue 10's message", 8, 2000, 40000, 0 },
	{ "issue 10's, fields h= names", 8, 2000, 40000, 1 },
	{ "at every bound", 8, 100, 1000, 0 },
	{ "at every bound, 64 signatures", 64, 100, 1000, 0 },
	{ "past the field bound", 64, 100, 1001, 0 },
	{ "many signatures", 64, 3, 1000, 0 },
};

/* one - one message of shape S; 0, or -1 on a verifier error */
static int one(struct dkimv_engine *e, const struct shape *s, const char *sig,
	       struct dkimv_results *res)
{
	static const unsigned char body[] = "body\r\n";
	struct dkimv_check *c = dkimv_check_new(e, "dkimwork");
	char name[32] = "X-F";
	size_t i;
	int rc = c == NULL ? -1 : 0;

	for (i = 0; rc == 0 && i < s->sigs; i++)
		rc = dkimv_check_header(c, "DKIM-Signature", sig);
	for (i = s->sigs + 1; rc == 0 && i < s->fields; i++) {	/* + From */
		if (s->named)
			snprintf(name, sizeof(name), "X-F%zu", i % 997);
		rc = dkimv_check_header(c, name, " x");
	}
	if (rc == 0)
		rc = dkimv_check_header(c, "From", " <a@example.com>");
	if (rc == 0)
		rc = dkimv_check_body(c, body, sizeof(body) - 1);
	if (rc == 0)
		rc = dkimv_check_eom(c, res);
	dkimv_check_free(c);
	return rc;
}

/* cpu - process CPU seconds */
static double cpu(void)
{
	struct timespec t;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double) t.tv_sec + (double) t.tv_nsec / 1e9;
}

/* tally - "2 fail, 6 permerror (reason)" */
static void tally(const struct dkimv_results *r, char *buf, size_t len)
{
	size_t n[DKIMV_PERMERROR + 1] = { 0 }, i, o = 0;
	const char *why = "";

	for (i = 0; i < r->count; i++) {
		n[r->sig[i].result]++;
		if (r->sig[i].result == DKIMV_PERMERROR)
			why = r->sig[i].reason;
	}
	buf[0] = '\0';
	for (i = 0; i <= DKIMV_PERMERROR; i++)
		if (n[i] > 0 && o < len)
			o += (size_t) snprintf(buf + o, len - o, "%s%zu %s",
					       o ? ", " : "", n[i],
					       dkimv_result_name((enum dkimv_result) i));
	if (*why && o < len)
		snprintf(buf + o, len - o, " (%s)", why);
}

int main(int argc, char **argv)
{
	char keyfile[] = "/tmp/dkimwork.XXXXXX", rec[2048], err[256], sum[256];
	struct dkimv_options opt;
	struct dkimv_results res;
	struct dkimv_engine *e;
	struct testkey k;
	unsigned max = 8;
	size_t i, j, n = 20;
	int c, fd;
	FILE *f;

	while ((c = getopt(argc, argv, "n:m:")) != -1) {
		if (c == 'n')
			n = strtoul(optarg, NULL, 10);
		else if (c == 'm')
			max = (unsigned) strtoul(optarg, NULL, 10);
		else {
			fprintf(stderr, "usage: dkimwork [-n MESSAGES] [-m MAXSIGS]\n");
			return 2;
		}
	}
	if (n == 0 || testkey_new(&k, 2048) < 0 || (fd = mkstemp(keyfile)) < 0
	    || (f = fdopen(fd, "w")) == NULL) {
		fprintf(stderr, "dkimwork: no key or key file\n");
		return 1;
	}
	testkey_record(&k, rec, sizeof(rec));
	fprintf(f, "k2048._domainkey.example.com %s\n", rec);
	fclose(f);
	memset(&opt, 0, sizeof(opt));
	opt.key_file = keyfile;
	opt.max_signatures = max;
	if ((e = dkimv_engine_new(&opt, err, sizeof(err))) == NULL) {
		fprintf(stderr, "dkimwork: %s\n", err);
		unlink(keyfile);
		return 1;
	}
	printf("# MaxDKIMSignatures %u, %zu messages a shape, CPU seconds per message\n",
	       max, n);
	for (i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++) {
		char *sig = testsig_wide(shapes[i].h);
		double t0 = cpu();

		for (j = 0; j < n; j++)
			if (one(e, &shapes[i], sig, &res) != 0)
				break;
		tally(&res, sum, sizeof(sum));
		printf("%-30s %2zu sigs x %4zu h= over %5zu fields %10.6f s/msg  %s\n",
		       shapes[i].what, shapes[i].sigs, shapes[i].h,
		       shapes[i].fields, (cpu() - t0) / (double) j,
		       j == n ? sum : "verifier error");
		free(sig);
	}
	dkimv_engine_free(e);
	testkey_free(&k);
	unlink(keyfile);
	return 0;
}
