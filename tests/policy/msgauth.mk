check_PROGRAMS += tests/policy/test_msgauth
TESTS += tests/policy/test_msgauth
tests_policy_test_msgauth_LDADD = $(TEST_LIBS)
check_PROGRAMS += tests/policy/test_verdict
TESTS += tests/policy/test_verdict
tests_policy_test_verdict_LDADD = $(TEST_LIBS)
