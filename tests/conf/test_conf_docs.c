/* test_conf_docs - the installed sample and authmilter.conf(5) agree with
 * the key table: every key shown at its default (or with an example), the
 * sample valid as shipped and with every key uncommented. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/lib/tap.h"
#include "conf/conf.h"

/* trusted - conf_is_trusted of a textual address */
static int trusted(const struct conf *c, const char *ip)
{
	struct netaddr a;

	if (netaddr_parse(ip, &a) != 0)
		return -1;
	return conf_is_trusted(c, &a);
}

/* read_whole - a source file the test compares against */
static char *read_whole(const char *rel)
{
	const char *top = getenv("top_srcdir");
	char path[4096];
	FILE *f;
	char *buf;
	long n;

	snprintf(path, sizeof(path), "%s/%s", top ? top : ".", rel);
	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = calloc(1, (size_t) n + 1);
	if (buf != NULL && fread(buf, 1, (size_t) n, f) != (size_t) n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

/* uncomment - the sample with every "#Key value" line made live */
static char *uncomment(const char *sample)
{
	char *out = malloc(strlen(sample) + 1), *o = out;
	const char *p = sample;

	if (out == NULL)
		return NULL;
	while (*p != '\0') {
		if (p[0] == '#' && p[1] >= 'A' && p[1] <= 'Z')
			p++;
		while (*p != '\0' && *p != '\n')
			*o++ = *p++;
		if (*p == '\n')
			*o++ = *p++;
	}
	*o = '\0';
	return out;
}

/* with_override_file - LIVE with the sample's PolicyOverrides example path
 * replaced by a real file holding one override, so the uncommented sample
 * can load (the example path does not exist on a test machine) */
static char *with_override_file(char *live, char *path, size_t pathlen)
{
	static const char example[] = "/etc/authmilter/policy-overrides";
	char *at = live ? strstr(live, example) : NULL, *out;
	FILE *f;
	int fd;

	snprintf(path, pathlen, "/tmp/authmilter-overrides.XXXXXX");
	if (at == NULL || (fd = mkstemp(path)) < 0 || (f = fdopen(fd, "w")) == NULL)
		return live;
	fputs("# test\nexample.com reject\n", f);
	fclose(f);
	out = malloc(strlen(live) + strlen(path) + 1);
	if (out == NULL)
		return live;
	memcpy(out, live, (size_t) (at - live));
	strcpy(out + (at - live), path);
	strcat(out, at + sizeof(example) - 1);
	free(live);
	return out;
}

/* test_sample - the installed sample loads, shows every key at its
 * default, and each shown value is itself valid */
static void test_sample(void)
{
	char opath[64] = "";
	struct conf_errors e = { NULL, 0 };
	const char *top = getenv("top_srcdir");
	struct conf *c, *d = conf_defaults();
	struct conf_keydoc k;
	char path[4096], want[512];
	char *sample = read_whole("conf/authmilter.conf"), *live;
	size_t i;

	snprintf(path, sizeof(path), "%s/conf/authmilter.conf", top ? top : ".");
	c = conf_load(path, &e);
	ok(c != NULL && e.count == 0, "sample conf/authmilter.conf loads clean");
	for (i = 0; i < e.count; i++)
		diag("  %s", e.msg[i]);
	if (c != NULL && d != NULL) {
		is_str(c->socket, d->socket, "sample leaves Socket at default");
		is_int((long) c->trusted.count, (long) d->trusted.count, "sample leaves TrustedNetworks");
	}
	conf_free(c);
	conf_errors_clear(&e);
	if (!ok(sample != NULL, "sample readable"))
		return;
	for (i = 0; conf_key_doc(i, &k) == 0; i++) {
		if (k.def != NULL)
			snprintf(want, sizeof(want), "\n#%s %s\n", k.name, k.def);
		else
			snprintf(want, sizeof(want), "\n#%s ", k.name);
		ok(strstr(sample, want) != NULL, "sample shows %s%s", k.name,
		   k.def ? " at its default" : " with an example");
	}
	live = with_override_file(uncomment(sample), opath, sizeof(opath));
	c = live ? conf_parse("sample-uncommented", live, strlen(live), &e) : NULL;
	ok(c != NULL && e.count == 0, "sample with every key uncommented loads");
	for (i = 0; i < e.count; i++)
		diag("  %s", e.msg[i]);
	unlink(opath);
	ok(c != NULL && c->noverrides == 1 && c->overrides[0].policy == DMARC_DIS_REJECT,
	   "uncommented PolicyOverrides file is read");
	if (c != NULL && d != NULL) {
		is_str(c->socket, d->socket, "uncommented Socket is the default");
		is_int(c->dns_timeout_ms, d->dns_timeout_ms, "uncommented DNSTimeout is the default");
		is_int((long) c->trusted.count, (long) d->trusted.count, "uncommented TrustedNetworks is the default");
		is_int(trusted(c, "::1"), 1, "uncommented TrustedNetworks trusts ::1");
		is_int(c->on_internal_error, d->on_internal_error, "uncommented OnInternalError is the default");
		ok(c->pidfile != NULL && c->user != NULL && c->nameservers != NULL,
		   "examples for unset keys are valid values");
	}
	conf_free(c);
	conf_free(d);
	conf_errors_clear(&e);
	free(live);
	free(sample);
}

/* test_manpage - authmilter.conf(5) documents every key and its default */
static void test_manpage(void)
{
	char *man = read_whole("man/authmilter.conf.5"), *at, *next;
	struct conf_keydoc k;
	char want[256];
	size_t i, n = 0;

	if (!ok(man != NULL, "man/authmilter.conf.5 readable"))
		return;
	for (i = 0; conf_key_doc(i, &k) == 0; i++) {
		snprintf(want, sizeof(want), "\n.TP\n.B %s\n", k.name);
		at = strstr(man, want);
		ok(at != NULL, "man page has an entry for %s", k.name);
		if (at == NULL || k.def == NULL)
			continue;
		next = strstr(at + 1, "\n.TP\n");
		if (next != NULL)
			*next = '\0';
		snprintf(want, sizeof(want), "Default: \\fB%s\\fR", k.def);
		ok(strstr(at, want) != NULL, "man page gives %s's default %s",
		   k.name, k.def);
		if (next != NULL)
			*next = '\n';
	}
	n = i;
	is_int((long) n, 27, "the key table has the 27 documented keys");
	ok(conf_key_doc(n, &k) == -1, "conf_key_doc past the end is -1");
	free(man);
}

/* main - every group in turn; the plan counts the cases */
int main(void)
{
	test_sample();
	test_manpage();
	return tap_done();
}
