# tests/fuzz/dmarc.mk
# tests/fuzz/dmarc: the DMARC record parser, and the whole evaluator with
# fuzzed records served by an in-process zone.
FUZZ_TARGETS += dmarc_record dmarc_eval
check_PROGRAMS += tests/fuzz/run_dmarc_record tests/fuzz/run_dmarc_eval
TESTS += tests/fuzz/run_dmarc_record tests/fuzz/run_dmarc_eval
tests_fuzz_run_dmarc_record_SOURCES = tests/fuzz/fuzz_dmarc_record.c tests/fuzz/standalone.c
tests_fuzz_run_dmarc_record_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_NAME='"dmarc_record"'
tests_fuzz_run_dmarc_record_LDADD = $(FUZZ_RUN_LIBS)
tests_fuzz_run_dmarc_eval_SOURCES = tests/fuzz/fuzz_dmarc_eval.c tests/fuzz/standalone.c \
	tests/lib/zone.c tests/lib/zone.h
tests_fuzz_run_dmarc_eval_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_NAME='"dmarc_eval"'
tests_fuzz_run_dmarc_eval_LDADD = $(FUZZ_RUN_LIBS)

# The eval harness also links the test zone, which the generic
# tests/fuzz/fuzz_% rule does not know about.
tests/fuzz/fuzz_dmarc_eval: $(top_srcdir)/tests/fuzz/fuzz_dmarc_eval.c \
		$(top_srcdir)/tests/lib/zone.c $(FUZZ_SRC)
	@test -n "$(FUZZ_CC)" || { echo "make fuzz needs clang (apt-get install clang)"; exit 1; }
	$(AM_V_CC)$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ \
		$(top_srcdir)/tests/fuzz/fuzz_dmarc_eval.c \
		$(top_srcdir)/tests/lib/zone.c $(FUZZ_SRC) $(FUZZ_LIBS)
