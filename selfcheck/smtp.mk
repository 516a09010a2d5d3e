# selfcheck/smtp.mk: the smtp and tls groups of authmilter-selfcheck: an
# SMTP client with an OpenSSL layer, the reply parser, and the checks.
libselfcheck_a_SOURCES += \
	selfcheck/check_smtp.c selfcheck/check_smtp.h \
	selfcheck/check_tls.c \
	selfcheck/smtp_addr.c selfcheck/smtp_addr.h \
	selfcheck/smtp_banner.c selfcheck/smtp_banner.h \
	selfcheck/smtp_battery.c selfcheck/smtp_battery.h \
	selfcheck/smtp_conn.c selfcheck/smtp_conn.h \
	selfcheck/smtp_ptr.c selfcheck/smtp_ptr.h \
	selfcheck/smtp_relay.c selfcheck/smtp_relay.h \
	selfcheck/smtp_reply.c selfcheck/smtp_reply.h \
	selfcheck/smtp_session.c selfcheck/smtp_session.h \
	selfcheck/smtp_tls.c selfcheck/smtp_tls.h \
	selfcheck/smtp_transcript.c selfcheck/smtp_transcript.h \
	selfcheck/smtp_verify.c selfcheck/smtp_verify.h \
	selfcheck/tls_cert.c selfcheck/tls_cert.h \
	selfcheck/tls_probe.c selfcheck/tls_probe.h \
	selfcheck/tls_suite.c selfcheck/tls_suite.h
