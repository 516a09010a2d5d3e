# tests/milter: units of the daemon that can be tested without an MTA.
check_PROGRAMS += tests/milter/test_nodelay
TESTS += tests/milter/test_nodelay
tests_milter_test_nodelay_SOURCES = tests/milter/test_nodelay.c milter/nodelay.c milter/nodelay.h
tests_milter_test_nodelay_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/milter
tests_milter_test_nodelay_LDADD = tests/libtap.a
