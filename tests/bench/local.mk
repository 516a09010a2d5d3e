# tests/bench: the load generators and the side-by-side benchmark
# (tests/bench/README.md). They are built with the tests; `make bench`
# runs the benchmark, which needs the packages contrib/deps.sh --bench adds.
check_PROGRAMS += tests/bench/milterload tests/bench/smtpload tests/bench/nullmilter
BENCH_COMMON = tests/bench/corpus.c tests/bench/corpus.h \
	tests/bench/stats.c tests/bench/stats.h \
	tests/bench/benchopt.c tests/bench/benchopt.h
tests_bench_milterload_SOURCES = tests/bench/milterload.c \
	tests/bench/ml_tally.c tests/bench/ml_tally.h \
	tests/bench/hdrlist.c tests/bench/hdrlist.h \
	tests/bench/milter_wire.c tests/bench/milter_wire.h $(BENCH_COMMON)
tests_bench_smtpload_SOURCES = tests/bench/smtpload.c $(BENCH_COMMON)
# The load generators link nothing of ours (not the tests' default LDADD).
tests_bench_milterload_LDADD =
tests_bench_smtpload_LDADD =
tests_bench_nullmilter_SOURCES = tests/bench/nullmilter.c
tests_bench_nullmilter_LDADD = $(MILTER_LIBS)
# The DKIM verifier's cost for the worst header sections (issue 10).
check_PROGRAMS += tests/bench/dkimwork
tests_bench_dkimwork_SOURCES = tests/bench/dkimwork.c
tests_bench_dkimwork_CPPFLAGS = $(AM_CPPFLAGS) $(OPENDKIM_CFLAGS)
tests_bench_dkimwork_LDADD = $(TEST_LIBS) $(TEST_SIGN_LIBS)
EXTRA_DIST += doc/PERFORMANCE.md tests/bench/README.md tests/bench/mkcorpus.py tests/bench/run \
	tests/bench/peers

bench: all $(check_PROGRAMS)
	top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
	bash $(top_srcdir)/tests/bench/run $(BENCH_ARGS)
.PHONY: bench

# Load with DNS faults, and memory under a long load (milterload, no MTA).
TESTS += tests/bench/faults.sh tests/bench/soak.sh
dist_check_SCRIPTS += tests/bench/faults.sh tests/bench/soak.sh

# The corpus generator's own test (tests/bench/mkcorpus.py): format,
# zone, and every expect= checked with `authmilter -t`.
TESTS += tests/bench/test-mkcorpus.sh
dist_check_SCRIPTS += tests/bench/test-mkcorpus.sh

# milterload and nullmilter against each other, authmilter and a chain.
TESTS += tests/bench/test-milterload.sh
dist_check_SCRIPTS += tests/bench/test-milterload.sh
