# selfcheck/postfix: the postfix group (postconf and its analyses,
# postfix.h). It reads authmilter's Socket through the conf library:
# whatever links libselfcheck.a with these objects also needs
# libauthconf.a (before libauthpolicy.a).
libselfcheck_a_SOURCES += \
	selfcheck/postfix/postfix.c selfcheck/postfix/postfix.h \
	selfcheck/postfix/postconf.c selfcheck/postfix/postconf.h \
	selfcheck/postfix/postconf_exec.c selfcheck/postfix/postconf_exec.h \
	selfcheck/postfix/postfix_list.c selfcheck/postfix/postfix_list.h \
	selfcheck/postfix/postfix_text.c selfcheck/postfix/postfix_text.h \
	selfcheck/postfix/postfix_banner.c \
	selfcheck/postfix/postfix_relay.c \
	selfcheck/postfix/postfix_mynetworks.c \
	selfcheck/postfix/postfix_tls.c \
	selfcheck/postfix/postfix_milter.c
