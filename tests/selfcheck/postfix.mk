# tests/selfcheck/postfix.mk: the postfix group. The checks read
# authmilter's Socket through the conf library, hence libauthconf.a.
SC_POSTFIX_TEST_LIBS = tests/lib/libtestsupport.a libselfcheck.a libauthconf.a libauthpolicy.a \
	$(POLICY_LIBS) $(OPENSSL_LIBS) $(JANSSON_LIBS)

check_PROGRAMS += tests/selfcheck/test_postfix_conf
TESTS += tests/selfcheck/test_postfix_conf
tests_selfcheck_test_postfix_conf_CPPFLAGS = $(SC_TEST_CPPFLAGS)
tests_selfcheck_test_postfix_conf_LDADD = $(SC_POSTFIX_TEST_LIBS)

check_PROGRAMS += tests/selfcheck/test_postfix_checks
TESTS += tests/selfcheck/test_postfix_checks
tests_selfcheck_test_postfix_checks_CPPFLAGS = $(SC_TEST_CPPFLAGS)
tests_selfcheck_test_postfix_checks_LDADD = $(SC_POSTFIX_TEST_LIBS)

# Runs the real /usr/sbin/postconf -c on main.cf files it writes (no
# Postfix daemon is started), and stand-in postconf scripts.
check_PROGRAMS += tests/selfcheck/test_postfix_run
TESTS += tests/selfcheck/test_postfix_run
tests_selfcheck_test_postfix_run_CPPFLAGS = $(SC_TEST_CPPFLAGS)
tests_selfcheck_test_postfix_run_LDADD = $(SC_POSTFIX_TEST_LIBS)

# postfix.banner_leak and the smtp greeting scan: the same leaks
check_PROGRAMS += tests/selfcheck/test_banner_paths
TESTS += tests/selfcheck/test_banner_paths
tests_selfcheck_test_banner_paths_CPPFLAGS = $(SC_TEST_CPPFLAGS)
tests_selfcheck_test_banner_paths_LDADD = $(SC_POSTFIX_TEST_LIBS)
