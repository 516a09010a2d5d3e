# tests/policy/spf: the SPF macro expander, record parser and evaluator.
check_PROGRAMS += tests/policy/test_spf_macro
TESTS += tests/policy/test_spf_macro
tests_policy_test_spf_macro_LDADD = $(TEST_LIBS)
check_PROGRAMS += tests/policy/test_spf_record
TESTS += tests/policy/test_spf_record
tests_policy_test_spf_record_LDADD = $(TEST_LIBS)
check_PROGRAMS += tests/policy/test_spf
TESTS += tests/policy/test_spf
tests_policy_test_spf_SOURCES = tests/policy/test_spf.c \
	tests/conformance/zone.c tests/conformance/zone.h
tests_policy_test_spf_LDADD = $(TEST_LIBS)
