# tests/conformance: the published suites, kept in tests/conformance/data.
# The in-process DNS zone the runners answer from is tests/lib/zone.c
# (in libtestsupport.a, with the zone_data.c writer spf_wire.sh uses).
check_PROGRAMS += tests/conformance/spf_suite tests/conformance/spf_suite_4408
TESTS += tests/conformance/spf_suite tests/conformance/spf_suite_4408
tests_conformance_spf_suite_SOURCES = tests/conformance/spf_suite.c
# the RFC 4408 suite, same runner
tests_conformance_spf_suite_4408_SOURCES = $(tests_conformance_spf_suite_SOURCES)
tests_conformance_spf_suite_4408_CPPFLAGS = $(AM_CPPFLAGS) \
	-DSPF_SUITE='"rfc4408-tests.json"'
# the RFC 7208 suite again, each scenario served by a real unbound (about
# a minute: run once, in the normal build; the sanitizer build runs the
# resolver's and the packet reader's own tests)
if !SANITIZERS
TESTS += tests/conformance/spf_wire.sh
endif
dist_check_SCRIPTS += tests/conformance/spf_wire.sh

include tests/conformance/dkim.mk
include tests/conformance/dmarc.mk

# The suites and vectors themselves, each folder with its ORIGIN.md
# (source, commit, licence): a clone tests itself with nothing beside it.
EXTRA_DIST += tests/conformance/data
