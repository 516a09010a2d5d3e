# policy/dmarc.mk
# dmarc: the RFC 9989 evaluator (dmarc.c: discovery, result and policy;
# dmarc_walk.c: the DNS tree walk; dmarc_align.c: identifier alignment),
# its record parser, and the RFC 7489 organizational domain by the Public
# Suffix List (publicsuffix.c, on libpsl).
libauthpolicy_a_SOURCES += \
	policy/dmarc.c policy/dmarc.h \
	policy/dmarc_walk.c policy/dmarc_walk.h policy/dmarc_align.c \
	policy/dmarc_record.c policy/dmarc_record.h \
	policy/publicsuffix.c policy/publicsuffix.h
