# tests: the TAP helper every C test links, then each area's own part.
noinst_LIBRARIES += tests/libtap.a
tests_libtap_a_SOURCES = tests/tap.c tests/tap.h tests/vectors.c tests/vectors.h

TEST_LIBS = tests/libtap.a libauthpolicy.a $(POLICY_LIBS) $(JANSSON_LIBS)

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
