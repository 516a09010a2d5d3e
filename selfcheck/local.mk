# selfcheck: authmilter-selfcheck, the audit of the admin's own MTA and
# domain. libselfcheck.a holds the checks (so unit tests link them); each
# group adds its sources in its own fragment.
noinst_LIBRARIES += libselfcheck.a
libselfcheck_a_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/selfcheck $(OPENSSL_CFLAGS) $(JANSSON_CFLAGS)
libselfcheck_a_SOURCES = \
	selfcheck/selfcheck.h \
	selfcheck/finding.c selfcheck/finding.h \
	selfcheck/catalog.c selfcheck/catalog.h \
	selfcheck/report.c selfcheck/report.h \
	selfcheck/options.c selfcheck/options.h
include selfcheck/dns.mk
include selfcheck/smtp.mk
include selfcheck/postfix.mk

SELFCHECK_LIBS = libselfcheck.a libauthconf.a libauthpolicy.a $(POLICY_LIBS) $(OPENSSL_LIBS) $(JANSSON_LIBS)

sbin_PROGRAMS += authmilter-selfcheck
authmilter_selfcheck_SOURCES = selfcheck/main.c
authmilter_selfcheck_CPPFLAGS = $(libselfcheck_a_CPPFLAGS)
authmilter_selfcheck_LDADD = $(SELFCHECK_LIBS)
