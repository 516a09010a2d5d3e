# tests/conf: the authmilter.conf parser.
check_PROGRAMS += tests/conf/test_conf
TESTS += tests/conf/test_conf
tests_conf_test_conf_LDADD = libauthconf.a $(TEST_LIBS)
check_PROGRAMS += tests/conf/test_conf_policy
TESTS += tests/conf/test_conf_policy
tests_conf_test_conf_policy_LDADD = libauthconf.a $(TEST_LIBS)
check_PROGRAMS += tests/conf/test_conf_docs
TESTS += tests/conf/test_conf_docs
tests_conf_test_conf_docs_LDADD = libauthconf.a $(TEST_LIBS)
