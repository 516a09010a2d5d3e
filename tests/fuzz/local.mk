# fuzz: each harness tests/fuzz/fuzz_NAME.c defines LLVMFuzzerTestOneInput.
#  - `make fuzz` builds tests/fuzz/fuzz_NAME with clang's libFuzzer
#    (run: tests/fuzz/fuzz_NAME tests/fuzz/corpus/NAME -max_total_time=60);
#  - `make check` runs tests/fuzz/run_NAME, the same harness with a plain
#    driver over every file in tests/fuzz/corpus/NAME (seeds and crashers).
FUZZ_CFLAGS = -g -O1 -fsanitize=fuzzer,address,undefined \
	-I$(top_srcdir) -I$(top_srcdir)/util -I$(top_srcdir)/policy -I$(top_srcdir)/conf -I$(top_builddir) \
	$(UNBOUND_CFLAGS) $(JANSSON_CFLAGS) $(OPENDKIM_CFLAGS) $(LIBPSL_CFLAGS) $(LIBIDN2_CFLAGS)
FUZZ_SRC = $(filter %.c,$(addprefix $(top_srcdir)/,$(libauthutil_a_SOURCES) $(libauthpolicy_a_SOURCES) $(libauthconf_a_SOURCES))) \
	$(top_srcdir)/tests/lib/fuzzcheck.c
FUZZ_TARGETS =
FUZZ_LIBS = $(POLICY_LIBS) $(JANSSON_LIBS) -lpthread $(LIBS)
FUZZ_RUN_LIBS = tests/lib/libtestsupport.a libauthconf.a libauthpolicy.a $(POLICY_LIBS) $(JANSSON_LIBS)

include tests/fuzz/harnesses.mk

fuzz: $(FUZZ_TARGETS:%=tests/fuzz/fuzz_%)

tests/fuzz/fuzz_%: $(top_srcdir)/tests/fuzz/fuzz_%.c $(FUZZ_SRC)
	@test -n "$(FUZZ_CC)" || { echo "make fuzz needs clang (apt-get install clang)"; exit 1; }
	$(AM_V_CC)$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $< $(FUZZ_SRC) $(FUZZ_LIBS)

CLEANFILES += $(FUZZ_TARGETS:%=tests/fuzz/fuzz_%)
EXTRA_DIST += tests/fuzz/corpus
.PHONY: fuzz
