# policy: libauthpolicy.a, pure evaluation (no libmilter, no syslog).
noinst_LIBRARIES += libauthpolicy.a
libauthpolicy_a_CPPFLAGS = $(AM_CPPFLAGS) $(UNBOUND_CFLAGS) $(OPENDKIM_CFLAGS) $(LIBPSL_CFLAGS) $(LIBIDN2_CFLAGS)
libauthpolicy_a_SOURCES = \
	policy/netaddr.c policy/netaddr.h \
	policy/dns.c policy/dns.h \
	policy/domain.c policy/domain.h \
	policy/msgauth.c policy/msgauth.h \
	policy/msgauth_from.c policy/msgauth_from.h \
	policy/msgauth_field.c policy/msgauth_field.h \
	policy/verdict.c policy/verdict.h
include policy/spf.mk
include policy/authres.mk
include policy/resolver.mk
include policy/dkim.mk
include policy/dmarc.mk
include policy/address.mk
