# tests/fuzz/dkim: whole messages through policy/dkim_verify (key file
# with the RFC 8463 and Mail::DKIM keys, fixed time): results in range,
# and the same whether the body comes whole or in pieces.
FUZZ_TARGETS += dkim_verify
check_PROGRAMS += tests/fuzz/run_dkim_verify
TESTS += tests/fuzz/run_dkim_verify
tests_fuzz_run_dkim_verify_SOURCES = tests/fuzz/fuzz_dkim_verify.c tests/fuzz/standalone.c
tests_fuzz_run_dkim_verify_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_NAME='"dkim_verify"'
tests_fuzz_run_dkim_verify_LDADD = $(FUZZ_RUN_LIBS)
