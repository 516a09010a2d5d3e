# selfcheck: authmilter-selfcheck, the audit of the admin's own MTA and
# domain. libselfcheck.a holds the checks (so unit tests link them); each
# group (core, smtp, tls, dns, postfix) adds its sources in its own
# local.mk. Includes name the group: "selfcheck/dns/dns.h".
noinst_LIBRARIES += libselfcheck.a
libselfcheck_a_CPPFLAGS = $(AM_CPPFLAGS) $(OPENSSL_CFLAGS) $(JANSSON_CFLAGS)
libselfcheck_a_SOURCES =
include selfcheck/core/local.mk
include selfcheck/smtp/local.mk
include selfcheck/tls/local.mk
include selfcheck/dns/local.mk
include selfcheck/postfix/local.mk

SELFCHECK_LIBS = libselfcheck.a libauthconf.a libauthpolicy.a $(POLICY_LIBS) $(OPENSSL_LIBS) $(JANSSON_LIBS)

sbin_PROGRAMS += authmilter-selfcheck
authmilter_selfcheck_SOURCES = selfcheck/main.c
authmilter_selfcheck_CPPFLAGS = $(libselfcheck_a_CPPFLAGS)
authmilter_selfcheck_LDADD = $(SELFCHECK_LIBS)
