/*
 * test_metrics - milter/metrics' text is valid Prometheus exposition
 * format 0.0.4 (every sample under its own HELP and TYPE, counters that
 * end in _total, a histogram whose buckets are cumulative and whose
 * _count is its +Inf bucket) and carries what was counted: actions,
 * results per method, the latency buckets (le is inclusive) and sum;
 * and metrics_http_listen reports a port in use by name.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "config.h"
#include "metrics.h"
#include "metrics_http.h"
#include "tests/lib/tap.h"

#define MS 1000000ULL

/* value_of - the value of the sample line that starts with SERIES and a
 * space, or -1 when there is none */
static double value_of(const char *text, const char *series)
{
	size_t n = strlen(series);
	const char *p = text;

	while (p != NULL && *p != '\0') {
		if (strncmp(p, series, n) == 0 && p[n] == ' ')
			return strtod(p + n + 1, NULL);
		p = strchr(p, '\n');
		if (p != NULL)
			p++;
	}
	return -1;
}

/* metric_name - the name a sample line starts with, in BUF */
static const char *metric_name(const char *line, char *buf, size_t len)
{
	size_t n = strcspn(line, "{ ");

	if (n >= len)
		n = len - 1;
	memcpy(buf, line, n);
	buf[n] = '\0';
	return buf;
}

/* family_of - the metric a sample belongs to: histogram series drop
 * their _bucket, _sum or _count */
static void family_of(char *name, const char *type)
{
	static const char *const sfx[] = { "_bucket", "_sum", "_count" };
	size_t i, n = strlen(name), k;

	if (strcmp(type, "histogram") != 0)
		return;
	for (i = 0; i < 3; i++) {
		k = strlen(sfx[i]);
		if (n > k && strcmp(name + n - k, sfx[i]) == 0) {
			name[n - k] = '\0';
			return;
		}
	}
}

/* check_format - each line a HELP, a TYPE right after it, or a sample
 * of the metric they name with a number for a value; counters end in
 * _total. Returns the number of bad lines (each one diagnosed). */
static int check_format(char *text)
{
	char help[128] = "", type_of[128] = "", type[32] = "", name[128];
	char *line, *save = NULL, *end;
	int bad = 0, want_type = 0;

	for (line = strtok_r(text, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, "# HELP ", 7) == 0) {
			metric_name(line + 7, help, sizeof(help));
			bad += want_type;
			want_type = 1;
			continue;
		}
		if (strncmp(line, "# TYPE ", 7) == 0) {
			if (sscanf(line + 7, "%127s %31s", type_of, type) != 2
			    || strcmp(type_of, help) != 0 || !want_type) {
				diag("TYPE without its HELP: %s", line);
				bad++;
			}
			if (strcmp(type, "counter") == 0
			    && (strlen(type_of) < 6
				|| strcmp(type_of + strlen(type_of) - 6, "_total") != 0)) {
				diag("counter not named *_total: %s", line);
				bad++;
			}
			want_type = 0;
			continue;
		}
		metric_name(line, name, sizeof(name));
		family_of(name, type);
		end = strrchr(line, ' ');
		if (strcmp(name, type_of) != 0 || want_type || end == NULL
		    || (strtod(end + 1, &end), *end != '\0')) {
			diag("not a sample of %s: %s", type_of, line);
			bad++;
		}
	}
	return bad;
}

/* test_empty - before anything is counted: valid, all zero */
static void test_empty(void)
{
	size_t len = 0;
	char *t = metrics_render(&len);

	if (!ok(t != NULL && len == strlen(t), "metrics_render gives text"))
		return;
	is_int((long) value_of(t, "authmilter_messages_total{action=\"accept\"}"), 0,
	       "no message counted yet");
	is_int((long) value_of(t, "authmilter_eom_seconds_count"), 0, "empty histogram");
	is_int((long) value_of(t, "authmilter_build_info{version=\"" PACKAGE_VERSION "\"}"),
	       1, "build_info carries the version");
	ok(strstr(t, "method=\"arc\"") == NULL, "no ARC series: nothing true to say");
	is_int(check_format(t), 0, "the empty text is well-formed");
	free(t);
}

/* evaluated - a verdict with SPF pass, DKIM pass and fail, DMARC fail */
static void count_evaluated(void)
{
	static struct spf_outcome spf;
	static struct dkimv_results dkim;
	static struct dmarc_outcome dmarc;
	struct msgauth_verdict v;

	memset(&v, 0, sizeof(v));
	spf.result = SPF_PASS;
	dkim.count = 2;
	dkim.sig[0].result = DKIMV_PASS;
	dkim.sig[1].result = DKIMV_FAIL;
	dmarc.result = DMARC_RESULT_FAIL;
	v.skipped = MSGAUTH_EVALUATE;
	v.results.spf_mailfrom = &spf;
	v.results.dkim = &dkim;
	v.results.dmarc = &dmarc;
	v.results.ndmarc = 1;
	metrics_verdict(&v);
	/* unsigned, and no From domain to evaluate */
	dkim.count = 0;
	v.results.ndmarc = 0;
	v.results.from_problem = "no From field";
	spf.result = SPF_SOFTFAIL;
	metrics_verdict(&v);
	/* trusted: no result is counted */
	v.skipped = MSGAUTH_SKIP_TRUSTED;
	metrics_verdict(&v);
}

/* test_counts - what was counted is what is shown */
static void test_counts(void)
{
	size_t len;
	char *t;

	metrics_message(VERDICT_ACCEPT, MS / 5);          /* 0.2 ms */
	metrics_message(VERDICT_ACCEPT, MS);              /* exactly 1 ms */
	metrics_message(VERDICT_REJECT, 2 * MS);
	metrics_message(VERDICT_QUARANTINE, 40 * MS);
	metrics_message(VERDICT_TEMPFAIL, 40000 * MS);    /* past 30 s */
	count_evaluated();
	metrics_forged_removed(2);
	metrics_internal_error();
	metrics_reload(1);
	metrics_reload(1);
	metrics_reload(0);
	if (!ok((t = metrics_render(&len)) != NULL, "rendered after counting"))
		return;
	is_int((long) value_of(t, "authmilter_messages_total{action=\"accept\"}"), 2, "2 accept");
	is_int((long) value_of(t, "authmilter_messages_total{action=\"reject\"}"), 1, "1 reject");
	is_int((long) value_of(t, "authmilter_messages_total{action=\"quarantine\"}"), 1,
	       "1 quarantine");
	is_int((long) value_of(t, "authmilter_messages_total{action=\"tempfail\"}"), 1,
	       "1 tempfail");
	is_int((long) value_of(t, "authmilter_eom_seconds_bucket{le=\"0.0005\"}"), 1,
	       "0.2 ms in le=0.0005");
	is_int((long) value_of(t, "authmilter_eom_seconds_bucket{le=\"0.001\"}"), 2,
	       "exactly 1 ms counts in le=0.001 (le is inclusive)");
	is_int((long) value_of(t, "authmilter_eom_seconds_bucket{le=\"0.0025\"}"), 3,
	       "buckets are cumulative");
	is_int((long) value_of(t, "authmilter_eom_seconds_bucket{le=\"30\"}"), 4,
	       "40 s is past the last finite bucket");
	is_int((long) value_of(t, "authmilter_eom_seconds_bucket{le=\"+Inf\"}"), 5, "+Inf has all");
	is_int((long) value_of(t, "authmilter_eom_seconds_count"), 5, "_count is the +Inf bucket");
	ok(strstr(t, "\nauthmilter_eom_seconds_sum 40.043200000\n") != NULL,
	   "_sum is 40.0432 s, in seconds with nanoseconds");
	is_int((long) value_of(t, "authmilter_results_total{method=\"spf\",result=\"pass\"}"), 1,
	       "spf pass");
	is_int((long) value_of(t, "authmilter_results_total{method=\"spf\",result=\"softfail\"}"),
	       1, "spf softfail");
	is_int((long) value_of(t, "authmilter_results_total{method=\"dkim\",result=\"pass\"}"), 1,
	       "dkim: one per signature (pass)");
	is_int((long) value_of(t, "authmilter_results_total{method=\"dkim\",result=\"fail\"}"), 1,
	       "dkim: one per signature (fail)");
	is_int((long) value_of(t, "authmilter_results_total{method=\"dkim\",result=\"none\"}"), 1,
	       "dkim none for the unsigned message");
	is_int((long) value_of(t, "authmilter_results_total{method=\"dmarc\",result=\"fail\"}"), 1,
	       "dmarc fail");
	is_int((long) value_of(t, "authmilter_results_total{method=\"dmarc\",result=\"permerror\"}"),
	       1, "no From domain is dmarc permerror, as in the log");
	is_int((long) value_of(t, "authmilter_evaluations_total{evaluation=\"evaluated\"}"), 2,
	       "2 evaluated");
	is_int((long) value_of(t, "authmilter_evaluations_total{evaluation=\"trusted\"}"), 1,
	       "1 trusted, with no results counted for it");
	is_int((long) value_of(t, "authmilter_forged_ar_removed_total"), 2, "forged AR removed");
	is_int((long) value_of(t, "authmilter_internal_errors_total"), 1, "internal errors");
	is_int((long) value_of(t, "authmilter_reloads_total{result=\"ok\"}"), 2, "2 reloads");
	is_int((long) value_of(t, "authmilter_reloads_total{result=\"failed\"}"), 1,
	       "1 refused reload");
	ok(value_of(t, "authmilter_dns_queries_total") == 0, "DNS counters shown (none asked here)");
	is_int(check_format(t), 0, "the text is well-formed");
	free(t);
}

/* test_port_in_use - the second listener on a port says why it fails */
static void test_port_in_use(void)
{
	struct sockaddr_in a;
	socklen_t alen = sizeof(a);
	char spec[64], err[256] = "";
	int fd, fd2;

	/* port 0 is refused by conf, but lets the kernel pick a free one */
	fd = metrics_http_listen("inet:0@127.0.0.1", err, sizeof(err));
	if (!ok(fd >= 0, "listen on a free port: %s", fd >= 0 ? "ok" : err))
		return;
	getsockname(fd, (struct sockaddr *) &a, &alen);
	snprintf(spec, sizeof(spec), "inet:%u@[127.0.0.1]", ntohs(a.sin_port));
	fd2 = metrics_http_listen(spec, err, sizeof(err));
	ok(fd2 < 0 && strstr(err, "Address already in use") != NULL
	   && strstr(err, spec) != NULL, "a port in use is refused by name: %s", err);
	if (fd2 >= 0)
		close(fd2);
	close(fd);
	/* TEST-NET-1: an address of no interface here (no DNS involved) */
	fd = metrics_http_listen("inet:9893@192.0.2.1", err, sizeof(err));
	ok(fd < 0 && strstr(err, "inet:9893@192.0.2.1") != NULL,
	   "an address not of this host is refused by name: %s", err);
	if (fd >= 0)
		close(fd);
}

/* test_checker - the format check itself catches what it is for */
static void test_checker(void)
{
	char no_type[] = "# HELP a_total x\na_total 1\n";
	char bad_value[] = "# HELP a_total x\n# TYPE a_total counter\na_total one\n";
	char other[] = "# HELP a_total x\n# TYPE a_total counter\nb_total 1\n";
	char name[] = "# HELP a x\n# TYPE a counter\na 1\n";

	diag("the format check on four broken texts:");
	ok(check_format(no_type) > 0, "check: a sample without TYPE is caught");
	ok(check_format(bad_value) > 0, "check: a value that is not a number is caught");
	ok(check_format(other) > 0, "check: a sample under another metric's TYPE is caught");
	ok(check_format(name) > 0, "check: a counter not named *_total is caught");
}

int main(void)
{
	test_checker();
	test_empty();
	test_counts();
	test_port_in_use();
	return tap_done();
}
