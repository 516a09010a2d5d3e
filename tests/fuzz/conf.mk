# tests/fuzz/conf: conf_parse on arbitrary bytes.
FUZZ_TARGETS += conf
check_PROGRAMS += tests/fuzz/run_conf
TESTS += tests/fuzz/run_conf
tests_fuzz_run_conf_SOURCES = tests/fuzz/fuzz_conf.c tests/fuzz/standalone.c
tests_fuzz_run_conf_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_NAME='"conf"'
tests_fuzz_run_conf_LDADD = $(FUZZ_RUN_LIBS)
