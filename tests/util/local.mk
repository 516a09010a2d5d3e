# tests/util: unit tests of libauthutil, one program per module.
check_PROGRAMS += tests/util/test_ascii
TESTS += tests/util/test_ascii
tests_util_test_ascii_LDADD = tests/libtap.a libauthutil.a
check_PROGRAMS += tests/util/test_textbuf
TESTS += tests/util/test_textbuf
tests_util_test_textbuf_LDADD = tests/libtap.a libauthutil.a
check_PROGRAMS += tests/util/test_printable
TESTS += tests/util/test_printable
tests_util_test_printable_LDADD = tests/libtap.a libauthutil.a
check_PROGRAMS += tests/util/test_array
TESTS += tests/util/test_array
tests_util_test_array_LDADD = tests/libtap.a libauthutil.a
check_PROGRAMS += tests/util/test_dnsname
TESTS += tests/util/test_dnsname
tests_util_test_dnsname_LDADD = tests/libtap.a libauthutil.a
