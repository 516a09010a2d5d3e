# tests/fuzz/selfcheck_smtp.mk: the selfcheck smtp and tls groups: the SMTP
# reply parser (with what the checks do with a reply), the banner scan
# and relay path reader on any text, and the certificate checks on any
# DER certificate.
FUZZ_TARGETS += sc_smtp_reply sc_smtp_text sc_tls_cert
check_PROGRAMS += tests/fuzz/run_sc_smtp_reply tests/fuzz/run_sc_smtp_text \
	tests/fuzz/run_sc_tls_cert
TESTS += tests/fuzz/run_sc_smtp_reply tests/fuzz/run_sc_smtp_text \
	tests/fuzz/run_sc_tls_cert
tests_fuzz_run_sc_smtp_reply_SOURCES = tests/fuzz/fuzz_sc_smtp_reply.c tests/fuzz/standalone.c
tests_fuzz_run_sc_smtp_reply_CPPFLAGS = $(SC_TEST_CPPFLAGS) -DFUZZ_NAME='"sc_smtp_reply"'
tests_fuzz_run_sc_smtp_reply_LDADD = libselfcheck.a $(FUZZ_RUN_LIBS) $(OPENSSL_LIBS)
tests_fuzz_run_sc_smtp_text_SOURCES = tests/fuzz/fuzz_sc_smtp_text.c tests/fuzz/standalone.c
tests_fuzz_run_sc_smtp_text_CPPFLAGS = $(SC_TEST_CPPFLAGS) -DFUZZ_NAME='"sc_smtp_text"'
tests_fuzz_run_sc_smtp_text_LDADD = libselfcheck.a $(FUZZ_RUN_LIBS) $(OPENSSL_LIBS)
tests_fuzz_run_sc_tls_cert_SOURCES = tests/fuzz/fuzz_sc_tls_cert.c tests/fuzz/standalone.c
tests_fuzz_run_sc_tls_cert_CPPFLAGS = $(SC_TEST_CPPFLAGS) -DFUZZ_NAME='"sc_tls_cert"'
tests_fuzz_run_sc_tls_cert_LDADD = libselfcheck.a $(FUZZ_RUN_LIBS) $(OPENSSL_LIBS)

# The generic tests/fuzz/fuzz_% rule knows no selfcheck source: these
# list the ones they need.
SC_SMTP_FUZZ_FLAGS = $(FUZZ_CFLAGS) $(OPENSSL_CFLAGS)
SC_SMTP_REPLY_SRC = $(addprefix $(top_srcdir)/selfcheck/smtp/, \
	smtp_reply.c smtp_banner.c smtp_verify.c)
SC_SMTP_TEXT_SRC = $(addprefix $(top_srcdir)/selfcheck/smtp/, \
	smtp_banner.c smtp_relay.c)
SC_TLS_CERT_SRC = $(top_srcdir)/selfcheck/tls/tls_cert.c

tests/fuzz/fuzz_sc_smtp_reply: $(top_srcdir)/tests/fuzz/fuzz_sc_smtp_reply.c \
		$(SC_SMTP_REPLY_SRC) $(FUZZ_SRC)
	@test -n "$(FUZZ_CC)" || { echo "make fuzz needs clang (apt-get install clang)"; exit 1; }
	$(AM_V_CC)$(FUZZ_CC) $(SC_SMTP_FUZZ_FLAGS) -o $@ \
		$(top_srcdir)/tests/fuzz/fuzz_sc_smtp_reply.c $(SC_SMTP_REPLY_SRC) \
		$(FUZZ_SRC) $(FUZZ_LIBS) $(OPENSSL_LIBS) $(LIBS)

tests/fuzz/fuzz_sc_smtp_text: $(top_srcdir)/tests/fuzz/fuzz_sc_smtp_text.c \
		$(SC_SMTP_TEXT_SRC) $(FUZZ_SRC)
	@test -n "$(FUZZ_CC)" || { echo "make fuzz needs clang (apt-get install clang)"; exit 1; }
	$(AM_V_CC)$(FUZZ_CC) $(SC_SMTP_FUZZ_FLAGS) -o $@ \
		$(top_srcdir)/tests/fuzz/fuzz_sc_smtp_text.c $(SC_SMTP_TEXT_SRC) \
		$(FUZZ_SRC) $(FUZZ_LIBS) $(OPENSSL_LIBS) $(LIBS)

tests/fuzz/fuzz_sc_tls_cert: $(top_srcdir)/tests/fuzz/fuzz_sc_tls_cert.c \
		$(SC_TLS_CERT_SRC) $(FUZZ_SRC)
	@test -n "$(FUZZ_CC)" || { echo "make fuzz needs clang (apt-get install clang)"; exit 1; }
	$(AM_V_CC)$(FUZZ_CC) $(SC_SMTP_FUZZ_FLAGS) -o $@ \
		$(top_srcdir)/tests/fuzz/fuzz_sc_tls_cert.c $(SC_TLS_CERT_SRC) \
		$(FUZZ_SRC) $(FUZZ_LIBS) $(OPENSSL_LIBS) $(LIBS)
