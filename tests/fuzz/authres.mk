# tests/fuzz/authres: the Authentication-Results reader and formatter.
FUZZ_TARGETS += authres
check_PROGRAMS += tests/fuzz/run_authres
TESTS += tests/fuzz/run_authres
tests_fuzz_run_authres_SOURCES = tests/fuzz/fuzz_authres.c tests/fuzz/standalone.c
tests_fuzz_run_authres_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_NAME='"authres"'
tests_fuzz_run_authres_LDADD = $(FUZZ_RUN_LIBS)
