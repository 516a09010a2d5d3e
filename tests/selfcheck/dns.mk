# tests/selfcheck/dns.mk: the dns group's analyses, each against an
# in-process zone (tests/lib/zone.c), with hostile records.
SC_DNS_TEST_SRC = tests/selfcheck/test_dns_util.c tests/selfcheck/test_dns_util.h \
	tests/lib/zone.c tests/lib/zone.h
check_PROGRAMS += tests/selfcheck/test_dns_mx
TESTS += tests/selfcheck/test_dns_mx
tests_selfcheck_test_dns_mx_SOURCES = tests/selfcheck/test_dns_mx.c $(SC_DNS_TEST_SRC)
tests_selfcheck_test_dns_mx_CPPFLAGS = $(SC_TEST_CPPFLAGS)
tests_selfcheck_test_dns_mx_LDADD = $(SC_TEST_LIBS)
check_PROGRAMS += tests/selfcheck/test_dns_spf
TESTS += tests/selfcheck/test_dns_spf
tests_selfcheck_test_dns_spf_SOURCES = tests/selfcheck/test_dns_spf.c $(SC_DNS_TEST_SRC)
tests_selfcheck_test_dns_spf_CPPFLAGS = $(SC_TEST_CPPFLAGS)
tests_selfcheck_test_dns_spf_LDADD = $(SC_TEST_LIBS)
check_PROGRAMS += tests/selfcheck/test_dns_dkim
TESTS += tests/selfcheck/test_dns_dkim
tests_selfcheck_test_dns_dkim_SOURCES = tests/selfcheck/test_dns_dkim.c $(SC_DNS_TEST_SRC)
tests_selfcheck_test_dns_dkim_CPPFLAGS = $(SC_TEST_CPPFLAGS)
tests_selfcheck_test_dns_dkim_LDADD = $(SC_TEST_LIBS)
check_PROGRAMS += tests/selfcheck/test_dns_dmarc
TESTS += tests/selfcheck/test_dns_dmarc
tests_selfcheck_test_dns_dmarc_SOURCES = tests/selfcheck/test_dns_dmarc.c $(SC_DNS_TEST_SRC)
tests_selfcheck_test_dns_dmarc_CPPFLAGS = $(SC_TEST_CPPFLAGS)
tests_selfcheck_test_dns_dmarc_LDADD = $(SC_TEST_LIBS)
check_PROGRAMS += tests/selfcheck/test_dns_other
TESTS += tests/selfcheck/test_dns_other
tests_selfcheck_test_dns_other_SOURCES = tests/selfcheck/test_dns_other.c $(SC_DNS_TEST_SRC)
tests_selfcheck_test_dns_other_CPPFLAGS = $(SC_TEST_CPPFLAGS)
tests_selfcheck_test_dns_other_LDADD = $(SC_TEST_LIBS)
# the SPF walk's counts against the evaluator's, over the same record sets
check_PROGRAMS += tests/selfcheck/test_spf_counts
TESTS += tests/selfcheck/test_spf_counts
tests_selfcheck_test_spf_counts_SOURCES = tests/selfcheck/test_spf_counts.c $(SC_DNS_TEST_SRC)
tests_selfcheck_test_spf_counts_CPPFLAGS = $(SC_TEST_CPPFLAGS)
tests_selfcheck_test_spf_counts_LDADD = $(SC_TEST_LIBS)
# the evidence text builder: escapes and cuts
check_PROGRAMS += tests/selfcheck/test_dns_text
TESTS += tests/selfcheck/test_dns_text
tests_selfcheck_test_dns_text_SOURCES = tests/selfcheck/test_dns_text.c
tests_selfcheck_test_dns_text_CPPFLAGS = $(SC_TEST_CPPFLAGS)
tests_selfcheck_test_dns_text_LDADD = $(SC_TEST_LIBS)
