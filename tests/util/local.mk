# tests/util: unit tests of libauthutil, one program per module (the global
# LDADD of tests/local.mk links them).
UTIL_TESTS = tests/util/test_array tests/util/test_ascii tests/util/test_dnsname \
	tests/util/test_printable tests/util/test_textbuf
check_PROGRAMS += $(UTIL_TESTS)
TESTS += $(UTIL_TESTS)
