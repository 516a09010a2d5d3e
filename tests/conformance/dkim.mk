# tests/conformance/dkim: RFC 8463's vectors, RFC 6376 A.2, dkimpy's
# pre-signed messages and the Mail::DKIM corpus through policy/dkim_verify
# (keys from files, fixed time). tests/lib/testsign.c splits messages
# into fields.
check_PROGRAMS += tests/conformance/dkim_suite
TESTS += tests/conformance/dkim_suite
tests_conformance_dkim_suite_SOURCES = tests/conformance/dkim_suite.c
tests_conformance_dkim_suite_CPPFLAGS = $(AM_CPPFLAGS) $(OPENDKIM_CFLAGS)
tests_conformance_dkim_suite_LDADD = $(TEST_LIBS) $(TEST_SIGN_LIBS)
