# selfcheck/smtp: the smtp group of authmilter-selfcheck: an SMTP client
# with an OpenSSL layer, the reply parser, and the checks (smtp.h).
libselfcheck_a_SOURCES += \
	selfcheck/smtp/smtp.c selfcheck/smtp/smtp.h \
	selfcheck/smtp/smtp_addr.c selfcheck/smtp/smtp_addr.h \
	selfcheck/smtp/smtp_banner.c selfcheck/smtp/smtp_banner.h \
	selfcheck/smtp/smtp_battery.c selfcheck/smtp/smtp_battery.h \
	selfcheck/smtp/smtp_conn.c selfcheck/smtp/smtp_conn.h \
	selfcheck/smtp/smtp_ptr.c selfcheck/smtp/smtp_ptr.h \
	selfcheck/smtp/smtp_relay.c selfcheck/smtp/smtp_relay.h \
	selfcheck/smtp/smtp_reply.c selfcheck/smtp/smtp_reply.h \
	selfcheck/smtp/smtp_session.c selfcheck/smtp/smtp_session.h \
	selfcheck/smtp/smtp_tls.c selfcheck/smtp/smtp_tls.h \
	selfcheck/smtp/smtp_transcript.c selfcheck/smtp/smtp_transcript.h \
	selfcheck/smtp/smtp_verify.c selfcheck/smtp/smtp_verify.h
