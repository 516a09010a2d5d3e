check_PROGRAMS += tests/policy/test_netaddr
TESTS += tests/policy/test_netaddr
tests_policy_test_netaddr_LDADD = $(TEST_LIBS)
