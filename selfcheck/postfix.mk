# selfcheck/postfix.mk: the postfix group (postconf and its analyses).
# It reads authmilter's Socket through the conf library: whatever links
# libselfcheck.a with these objects also needs libauthconf.a (before
# libauthpolicy.a).
libselfcheck_a_SOURCES += \
	selfcheck/check_postfix.c \
	selfcheck/postfix_checks.h \
	selfcheck/postfix_conf.c selfcheck/postfix_conf.h \
	selfcheck/postfix_exec.c selfcheck/postfix_exec.h \
	selfcheck/postfix_list.c selfcheck/postfix_list.h \
	selfcheck/postfix_text.c selfcheck/postfix_text.h \
	selfcheck/postfix_banner.c \
	selfcheck/postfix_relay.c \
	selfcheck/postfix_mynetworks.c \
	selfcheck/postfix_tls.c \
	selfcheck/postfix_milter.c
