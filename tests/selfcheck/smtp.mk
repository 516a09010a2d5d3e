# tests/selfcheck/smtp.mk: the smtp and tls groups. Pure tests: replies,
# banners, relay verdicts and certificates given as data, the whole smtp
# group against scripted transports; network behaviour is the lab's
# (tests/integration/selfcheck.sh).

# the reply parser: hostile table, bounds, one octet at a time
check_PROGRAMS += tests/selfcheck/test_smtp_reply
TESTS += tests/selfcheck/test_smtp_reply
tests_selfcheck_test_smtp_reply_SOURCES = tests/selfcheck/test_smtp_reply.c
tests_selfcheck_test_smtp_reply_CPPFLAGS = $(SC_TEST_CPPFLAGS)
tests_selfcheck_test_smtp_reply_LDADD = $(SC_TEST_LIBS)

# software, version and OS in greetings, with hostile text
check_PROGRAMS += tests/selfcheck/test_smtp_banner
TESTS += tests/selfcheck/test_smtp_banner
tests_selfcheck_test_smtp_banner_SOURCES = tests/selfcheck/test_smtp_banner.c
tests_selfcheck_test_smtp_banner_CPPFLAGS = $(SC_TEST_CPPFLAGS)
tests_selfcheck_test_smtp_banner_LDADD = $(SC_TEST_LIBS)

# VRFY/EXPN answers as real servers give them
check_PROGRAMS += tests/selfcheck/test_smtp_verify
TESTS += tests/selfcheck/test_smtp_verify
tests_selfcheck_test_smtp_verify_SOURCES = tests/selfcheck/test_smtp_verify.c
tests_selfcheck_test_smtp_verify_CPPFLAGS = $(SC_TEST_CPPFLAGS)
tests_selfcheck_test_smtp_verify_LDADD = $(SC_TEST_LIBS)

# the relay battery's paths and the acceptance classification
check_PROGRAMS += tests/selfcheck/test_smtp_relay
TESTS += tests/selfcheck/test_smtp_relay
tests_selfcheck_test_smtp_relay_SOURCES = tests/selfcheck/test_smtp_relay.c
tests_selfcheck_test_smtp_relay_CPPFLAGS = $(SC_TEST_CPPFLAGS)
tests_selfcheck_test_smtp_relay_LDADD = $(SC_TEST_LIBS)

# server addresses and reverse DNS against an in-process zone
check_PROGRAMS += tests/selfcheck/test_smtp_ptr
TESTS += tests/selfcheck/test_smtp_ptr
tests_selfcheck_test_smtp_ptr_SOURCES = tests/selfcheck/test_smtp_ptr.c \
	tests/lib/zone.c tests/lib/zone.h
tests_selfcheck_test_smtp_ptr_CPPFLAGS = $(SC_TEST_CPPFLAGS)
tests_selfcheck_test_smtp_ptr_LDADD = $(SC_TEST_LIBS)

# the whole smtp group against scripted servers (no sockets)
check_PROGRAMS += tests/selfcheck/test_smtp_session
TESTS += tests/selfcheck/test_smtp_session
tests_selfcheck_test_smtp_session_SOURCES = tests/selfcheck/test_smtp_session.c \
	tests/lib/zone.c tests/lib/zone.h
tests_selfcheck_test_smtp_session_CPPFLAGS = $(SC_TEST_CPPFLAGS)
tests_selfcheck_test_smtp_session_LDADD = $(SC_TEST_LIBS)

# certificate analysis on certificates built in memory
check_PROGRAMS += tests/selfcheck/test_tls_cert
TESTS += tests/selfcheck/test_tls_cert
tests_selfcheck_test_tls_cert_SOURCES = tests/selfcheck/test_tls_cert.c
tests_selfcheck_test_tls_cert_CPPFLAGS = $(SC_TEST_CPPFLAGS)
tests_selfcheck_test_tls_cert_LDADD = $(SC_TEST_LIBS)
