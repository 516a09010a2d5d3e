# tests/conformance/dmarc.mk

# authentication_milter's 33 end-to-end fixtures through policy/msgauth,
# DNS from their zonefile in process (tests/lib/zonefile.c reads
# master files).
check_PROGRAMS += tests/conformance/am_fixtures
TESTS += tests/conformance/am_fixtures
tests_conformance_am_fixtures_SOURCES = tests/conformance/am_fixtures.c \
	tests/conformance/am_field.c tests/conformance/am_field.h \
	tests/conformance/am_message.c tests/conformance/am_message.h \
	tests/conformance/am_table.c tests/conformance/am_table.h
