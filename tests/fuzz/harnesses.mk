# One fragment per harness owner; see tests/fuzz/local.mk. Template (NAME = spf_record):
#   FUZZ_TARGETS += spf_record
#   check_PROGRAMS += tests/fuzz/run_spf_record
#   TESTS += tests/fuzz/run_spf_record
#   tests_fuzz_run_spf_record_SOURCES = tests/fuzz/fuzz_spf_record.c tests/fuzz/standalone.c
#   tests_fuzz_run_spf_record_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_NAME='"spf_record"'
#   tests_fuzz_run_spf_record_LDADD = $(FUZZ_RUN_LIBS)
include tests/fuzz/spf.mk
include tests/fuzz/authres.mk
include tests/fuzz/conf.mk
include tests/fuzz/dns.mk
include tests/fuzz/dkim.mk
include tests/fuzz/dmarc.mk
include tests/fuzz/address.mk
include tests/fuzz/selfcheck_dns.mk
include tests/fuzz/selfcheck_smtp.mk
include tests/fuzz/selfcheck_postfix.mk
