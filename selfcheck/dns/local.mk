# selfcheck/dns: the dns group (MX, SPF, DKIM, DMARC, CAA, MTA-STS,
# TLS-RPT, DNSBL); dns.c runs the analyses dns.h declares.
libselfcheck_a_SOURCES += \
	selfcheck/dns/dns.c selfcheck/dns/dns.h \
	selfcheck/dns/dns_name.c selfcheck/dns/dns_name.h \
	selfcheck/dns/dns_text.c selfcheck/dns/dns_text.h \
	selfcheck/dns/dns_mx.c \
	selfcheck/dns/dns_spf.c \
	selfcheck/dns/dns_spfwalk.c selfcheck/dns/dns_spfwalk.h \
	selfcheck/dns/dns_dkim.c \
	selfcheck/dns/dns_dkimkey.c selfcheck/dns/dns_dkimkey.h \
	selfcheck/dns/dns_dmarc.c \
	selfcheck/dns/dns_other.c \
	selfcheck/dns/dns_dnsbl.c
