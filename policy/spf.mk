# spf: the RFC 7208 evaluator (spf.c, spf_mech.c), its record parser and
# its macro expander.
libauthpolicy_a_SOURCES += \
	policy/spf.c policy/spf.h policy/spf_eval.h policy/spf_mech.c \
	policy/spf_record.c policy/spf_record.h \
	policy/spf_macro.c policy/spf_macro.h
