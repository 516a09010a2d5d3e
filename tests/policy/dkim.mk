# tests/policy/dkim: the DKIM verifier on messages signed at test time
# (test_dkim_verify, with its hostile table in test_dkim_hostile.c), and
# through policy/resolver against a real unbound on loopback (dkim_dns.sh
# runs dkim_dns_check). The signer is tests/lib/testsign.c;
# keys are made with libcrypto, hence TEST_SIGN_LIBS.
check_PROGRAMS += tests/policy/test_dkim_verify
TESTS += tests/policy/test_dkim_verify
tests_policy_test_dkim_verify_SOURCES = tests/policy/test_dkim_verify.c \
	tests/policy/test_dkim_hostile.c tests/policy/test_dkim_limits.c
tests_policy_test_dkim_verify_CPPFLAGS = $(AM_CPPFLAGS) $(OPENDKIM_CFLAGS)
tests_policy_test_dkim_verify_LDADD = $(TEST_LIBS) $(TEST_SIGN_LIBS)
check_PROGRAMS += tests/policy/dkim_dns_check
tests_policy_dkim_dns_check_SOURCES = tests/policy/dkim_dns.c
tests_policy_dkim_dns_check_CPPFLAGS = $(AM_CPPFLAGS) $(OPENDKIM_CFLAGS)
tests_policy_dkim_dns_check_LDADD = $(TEST_LIBS) $(TEST_SIGN_LIBS)
TESTS += tests/policy/dkim_dns.sh
dist_check_SCRIPTS += tests/policy/dkim_dns.sh
EXTRA_DIST += tests/policy/dkim_dns.zone
