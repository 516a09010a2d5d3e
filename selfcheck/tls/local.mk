# selfcheck/tls: the tls group of authmilter-selfcheck, after STARTTLS on
# the smtp group's connections: protocol versions, weak ciphers, the
# certificate (tls.h).
libselfcheck_a_SOURCES += \
	selfcheck/tls/tls.c selfcheck/tls/tls.h \
	selfcheck/tls/tls_cert.c selfcheck/tls/tls_cert.h \
	selfcheck/tls/tls_probe.c selfcheck/tls/tls_probe.h \
	selfcheck/tls/tls_suite.c selfcheck/tls/tls_suite.h
