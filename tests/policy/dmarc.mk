# tests/policy/dmarc.mk
# tests/policy/dmarc: the DMARC record parser, the evaluator (tree walk,
# alignment, policy) on in-process zones, and the PSL organizational domain.
check_PROGRAMS += tests/policy/test_dmarc_record
TESTS += tests/policy/test_dmarc_record
tests_policy_test_dmarc_record_LDADD = $(TEST_LIBS)
check_PROGRAMS += tests/policy/test_dmarc
TESTS += tests/policy/test_dmarc
tests_policy_test_dmarc_SOURCES = tests/policy/test_dmarc.c \
	tests/conformance/zone.c tests/conformance/zone.h
tests_policy_test_dmarc_LDADD = $(TEST_LIBS)
check_PROGRAMS += tests/policy/test_dmarc_align
TESTS += tests/policy/test_dmarc_align
tests_policy_test_dmarc_align_SOURCES = tests/policy/test_dmarc_align.c \
	tests/conformance/zone.c tests/conformance/zone.h
tests_policy_test_dmarc_align_LDADD = $(TEST_LIBS)
check_PROGRAMS += tests/policy/test_publicsuffix
TESTS += tests/policy/test_publicsuffix
tests_policy_test_publicsuffix_SOURCES = tests/policy/test_publicsuffix.c \
	tests/conformance/zone.c tests/conformance/zone.h
tests_policy_test_publicsuffix_LDADD = $(TEST_LIBS)
