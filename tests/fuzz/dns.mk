# tests/fuzz/dns: the rdata decoder (attacker-chosen record contents).
FUZZ_TARGETS += dns_rdata
check_PROGRAMS += tests/fuzz/run_dns_rdata
TESTS += tests/fuzz/run_dns_rdata
tests_fuzz_run_dns_rdata_SOURCES = tests/fuzz/fuzz_dns_rdata.c tests/fuzz/standalone.c
tests_fuzz_run_dns_rdata_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_NAME='"dns_rdata"'
tests_fuzz_run_dns_rdata_LDADD = $(FUZZ_RUN_LIBS)
