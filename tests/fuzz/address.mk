# tests/fuzz/address: the From address-list parser.
FUZZ_TARGETS += address
check_PROGRAMS += tests/fuzz/run_address
TESTS += tests/fuzz/run_address
tests_fuzz_run_address_SOURCES = tests/fuzz/fuzz_address.c tests/fuzz/standalone.c
tests_fuzz_run_address_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_NAME='"address"'
tests_fuzz_run_address_LDADD = $(FUZZ_RUN_LIBS)
