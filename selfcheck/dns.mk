# selfcheck/dns.mk: the dns group (MX, SPF, DKIM, DMARC, CAA, MTA-STS,
# TLS-RPT, DNSBL); check_dns.c runs the analyses of dns_checks.h.
libselfcheck_a_SOURCES += \
	selfcheck/check_dns.c selfcheck/dns_checks.h \
	selfcheck/dns_name.c selfcheck/dns_name.h \
	selfcheck/dns_text.c selfcheck/dns_text.h \
	selfcheck/dns_mx.c \
	selfcheck/dns_spf.c \
	selfcheck/dns_spfwalk.c selfcheck/dns_spfwalk.h \
	selfcheck/dns_dkim.c \
	selfcheck/dns_dkimkey.c selfcheck/dns_dkimkey.h \
	selfcheck/dns_dmarc.c \
	selfcheck/dns_other.c \
	selfcheck/dns_dnsbl.c
