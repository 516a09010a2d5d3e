# tests/fuzz/dns: the rdata decoder (attacker-chosen record contents).
FUZZ_TARGETS += dns_rdata
check_PROGRAMS += tests/fuzz/run_dns_rdata
TESTS += tests/fuzz/run_dns_rdata
tests_fuzz_run_dns_rdata_SOURCES = tests/fuzz/fuzz_dns_rdata.c tests/fuzz/standalone.c
tests_fuzz_run_dns_rdata_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_NAME='"dns_rdata"'
tests_fuzz_run_dns_rdata_LDADD = $(FUZZ_RUN_LIBS)
# tests/fuzz/dns: the answer-packet reader (a hostile server's whole reply).
FUZZ_TARGETS += dns_packet
check_PROGRAMS += tests/fuzz/run_dns_packet
TESTS += tests/fuzz/run_dns_packet
tests_fuzz_run_dns_packet_SOURCES = tests/fuzz/fuzz_dns_packet.c tests/fuzz/standalone.c
tests_fuzz_run_dns_packet_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_NAME='"dns_packet"'
tests_fuzz_run_dns_packet_LDADD = $(FUZZ_RUN_LIBS)
