# tests/selfcheck/core: findings, catalog, command line, output forms, and
# the man page against the catalog.
check_PROGRAMS += tests/selfcheck/test_sc_core
TESTS += tests/selfcheck/test_sc_core
tests_selfcheck_test_sc_core_CPPFLAGS = $(SC_TEST_CPPFLAGS)
tests_selfcheck_test_sc_core_LDADD = $(SC_TEST_LIBS)
check_PROGRAMS += tests/selfcheck/test_sc_docs
TESTS += tests/selfcheck/test_sc_docs
tests_selfcheck_test_sc_docs_CPPFLAGS = $(SC_TEST_CPPFLAGS)
tests_selfcheck_test_sc_docs_LDADD = $(SC_TEST_LIBS)
