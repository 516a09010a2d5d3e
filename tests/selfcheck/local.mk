# tests/selfcheck: unit tests of authmilter-selfcheck's checks, on records,
# replies and settings given as text; one fragment per check group.
SC_TEST_CPPFLAGS = $(AM_CPPFLAGS) $(OPENSSL_CFLAGS) $(JANSSON_CFLAGS)
SC_TEST_LIBS = tests/lib/libtestsupport.a libselfcheck.a libauthconf.a libauthpolicy.a $(POLICY_LIBS) $(OPENSSL_LIBS) $(JANSSON_LIBS)
include tests/selfcheck/core.mk
include tests/selfcheck/dns.mk
include tests/selfcheck/smtp.mk
include tests/selfcheck/postfix.mk
