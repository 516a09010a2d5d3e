# tests/milter: units of the daemon that can be tested without an MTA.
check_PROGRAMS += tests/milter/test_nodelay
TESTS += tests/milter/test_nodelay
tests_milter_test_nodelay_SOURCES = tests/milter/test_nodelay.c milter/nodelay.c milter/nodelay.h
tests_milter_test_nodelay_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/milter
tests_milter_test_nodelay_LDADD = tests/lib/libtestsupport.a
# The metrics text (and the endpoint's listener), without an MTA.
check_PROGRAMS += tests/milter/test_metrics
TESTS += tests/milter/test_metrics
tests_milter_test_metrics_SOURCES = tests/milter/test_metrics.c \
	milter/metrics.c milter/metrics.h milter/metrics_http.c milter/metrics_http.h
tests_milter_test_metrics_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/milter $(MHD_CFLAGS)
tests_milter_test_metrics_LDADD = $(TEST_LIBS) $(MHD_LIBS)
# The client binding the daemon and -t share, over an in-process zone.
check_PROGRAMS += tests/milter/test_client
TESTS += tests/milter/test_client
tests_milter_test_client_SOURCES = tests/milter/test_client.c \
	milter/client.c milter/client.h
tests_milter_test_client_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/milter
tests_milter_test_client_LDADD = libauthconf.a $(TEST_LIBS)
