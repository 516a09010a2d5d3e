# tests: the support library every C test links (tests/lib), then each
# area's own part.
#
# libtestsupport.a holds the helpers the C tests share: TAP output, the
# tab-separated vectors reader, the in-process DNS zone and its two
# loaders, the printable rendering of test input, the fuzz harnesses'
# checks, and the one DKIM signer (testsign; tests/lib/dkimsign is its
# command line for the shell scripts). A test program that needs nothing else is two lines:
#   check_PROGRAMS += tests/AREA/test_NAME
#   TESTS += tests/AREA/test_NAME
# (source tests/AREA/test_NAME.c; LDADD below). Only what a program
# calls is taken from the archive, so one that never signs needs no
# libopendkim or libcrypto.
noinst_LIBRARIES += tests/lib/libtestsupport.a
tests_lib_libtestsupport_a_SOURCES = tests/lib/tap.c tests/lib/tap.h \
	tests/lib/vectors.c tests/lib/vectors.h \
	tests/lib/zone.c tests/lib/zone.h \
	tests/lib/zonefile.c tests/lib/zonefile.h \
	tests/lib/zone_data.c tests/lib/zone_data.h \
	tests/lib/show.c tests/lib/show.h \
	tests/lib/fuzzcheck.c tests/lib/fuzzcheck.h \
	tests/lib/testsign.c tests/lib/testsign.h
tests_lib_libtestsupport_a_CPPFLAGS = $(AM_CPPFLAGS) $(OPENDKIM_CFLAGS) $(JANSSON_CFLAGS)

TEST_LIBS = tests/lib/libtestsupport.a libauthpolicy.a $(POLICY_LIBS) $(JANSSON_LIBS)
# What a test program that signs links after TEST_LIBS (libopendkim is
# in POLICY_LIBS already; the keys are made with libcrypto).
TEST_SIGN_LIBS = -lcrypto
# The default for every program without an _LDADD of its own: that is
# only test programs (authmilter and authmilter-selfcheck name theirs).
LDADD = $(TEST_LIBS)

include tests/util/local.mk
include tests/policy/local.mk
include tests/conf/local.mk
include tests/conformance/local.mk
include tests/integration/local.mk
include tests/fuzz/local.mk
EXTRA_DIST += tests/README.md
include tests/selfcheck/local.mk
include tests/milter/local.mk
include tests/bench/local.mk
include tests/doc/local.mk
