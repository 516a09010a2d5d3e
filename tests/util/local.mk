# tests/util: unit tests of libauthutil, one program per module.
UTIL_TESTS = tests/util/test_array tests/util/test_ascii tests/util/test_dnsname \
	tests/util/test_printable tests/util/test_textbuf
UTIL_TEST_LIBS = tests/libtap.a libauthutil.a
check_PROGRAMS += $(UTIL_TESTS)
TESTS += $(UTIL_TESTS)
tests_util_test_array_LDADD = $(UTIL_TEST_LIBS)
tests_util_test_ascii_LDADD = $(UTIL_TEST_LIBS)
tests_util_test_dnsname_LDADD = $(UTIL_TEST_LIBS)
tests_util_test_printable_LDADD = $(UTIL_TEST_LIBS)
tests_util_test_textbuf_LDADD = $(UTIL_TEST_LIBS)
