# tests/integration/selfcheck.mk: authmilter-selfcheck against the lab.
# selfcheck.sh stages a misconfigured and a hardened Postfix (smtp, tls,
# postfix groups); selfcheck-dns.sh runs the dns group against one
# fixture domain per finding. Both read selfcheck.zone, share
# selfcheck-lib.sh and validate every --json report against the schema.
TESTS += tests/integration/selfcheck.sh tests/integration/selfcheck-dns.sh
dist_check_SCRIPTS += tests/integration/selfcheck.sh tests/integration/selfcheck-dns.sh
EXTRA_DIST += tests/integration/selfcheck-lib.sh tests/integration/selfcheck.zone \
	tests/integration/selfcheck.schema.json tests/lib/mkcert.sh
