# resolver: libunbound with bounded waits, and the rdata decoder it uses.
libauthpolicy_a_SOURCES += \
	policy/resolver.c policy/resolver.h \
	policy/dns_cache.c policy/dns_cache.h \
	policy/dns_stats.c policy/dns_stats.h \
	policy/dns_packet.c policy/dns_packet.h \
	policy/dns_rdata.c policy/dns_rdata.h
