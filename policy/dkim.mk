# dkim: DKIM verification on libopendkim (dkim_verify.c), its DNS hooks on
# policy/resolver (dkim_dns.c), the reading of the tags we report
# (dkim_tags.c), the field counts for its work bounds and duplicate rule
# (dkim_fields.c) and the per-signature verdict (dkim_judge.c).
libauthpolicy_a_SOURCES += \
	policy/dkim_verify.c policy/dkim_verify.h \
	policy/dkim_dns.c policy/dkim_dns.h \
	policy/dkim_tags.c policy/dkim_tags.h \
	policy/dkim_fields.c policy/dkim_fields.h \
	policy/dkim_judge.c policy/dkim_judge.h
