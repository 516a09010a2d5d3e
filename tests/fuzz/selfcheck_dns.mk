# tests/fuzz/selfcheck_dns.mk: the selfcheck dns group: the DKIM key
# record parser (with the OpenSSL key measure), and the SPF walk and
# DMARC analysis on zones built from the input.
FUZZ_TARGETS += sc_dkimkey sc_spfwalk
check_PROGRAMS += tests/fuzz/run_sc_dkimkey tests/fuzz/run_sc_spfwalk
TESTS += tests/fuzz/run_sc_dkimkey tests/fuzz/run_sc_spfwalk
tests_fuzz_run_sc_dkimkey_SOURCES = tests/fuzz/fuzz_sc_dkimkey.c tests/fuzz/standalone.c
tests_fuzz_run_sc_dkimkey_CPPFLAGS = $(SC_TEST_CPPFLAGS) -DFUZZ_NAME='"sc_dkimkey"'
tests_fuzz_run_sc_dkimkey_LDADD = libselfcheck.a $(FUZZ_RUN_LIBS) $(OPENSSL_LIBS)
tests_fuzz_run_sc_spfwalk_SOURCES = tests/fuzz/fuzz_sc_spfwalk.c tests/fuzz/standalone.c \
	tests/lib/zone.c tests/lib/zone.h
tests_fuzz_run_sc_spfwalk_CPPFLAGS = $(SC_TEST_CPPFLAGS) -DFUZZ_NAME='"sc_spfwalk"'
tests_fuzz_run_sc_spfwalk_LDADD = libselfcheck.a $(FUZZ_RUN_LIBS) $(OPENSSL_LIBS)

# The generic tests/fuzz/fuzz_% rule knows no selfcheck source: these
# list the ones they need.
SC_DNS_FUZZ_SRC = $(addprefix $(top_srcdir)/selfcheck/, \
	core/finding.c core/catalog.c dns/dns_name.c dns/dns_text.c \
	dns/dns_mx.c dns/dns_spf.c dns/dns_spfwalk.c dns/dns_dkim.c \
	dns/dns_dkimkey.c dns/dns_dmarc.c dns/dns_other.c dns/dns_dnsbl.c)
SC_DNS_FUZZ_FLAGS = $(FUZZ_CFLAGS) $(OPENSSL_CFLAGS)

tests/fuzz/fuzz_sc_dkimkey: $(top_srcdir)/tests/fuzz/fuzz_sc_dkimkey.c \
		$(top_srcdir)/selfcheck/dns/dns_dkimkey.c $(FUZZ_SRC)
	@test -n "$(FUZZ_CC)" || { echo "make fuzz needs clang (apt-get install clang)"; exit 1; }
	$(AM_V_CC)$(FUZZ_CC) $(SC_DNS_FUZZ_FLAGS) -o $@ \
		$(top_srcdir)/tests/fuzz/fuzz_sc_dkimkey.c \
		$(top_srcdir)/selfcheck/dns/dns_dkimkey.c $(FUZZ_SRC) \
		$(FUZZ_LIBS) $(OPENSSL_LIBS) $(LIBS)

tests/fuzz/fuzz_sc_spfwalk: $(top_srcdir)/tests/fuzz/fuzz_sc_spfwalk.c \
		$(top_srcdir)/tests/lib/zone.c $(SC_DNS_FUZZ_SRC) $(FUZZ_SRC)
	@test -n "$(FUZZ_CC)" || { echo "make fuzz needs clang (apt-get install clang)"; exit 1; }
	$(AM_V_CC)$(FUZZ_CC) $(SC_DNS_FUZZ_FLAGS) -o $@ \
		$(top_srcdir)/tests/fuzz/fuzz_sc_spfwalk.c \
		$(top_srcdir)/tests/lib/zone.c $(SC_DNS_FUZZ_SRC) \
		$(FUZZ_SRC) $(FUZZ_LIBS) $(OPENSSL_LIBS) $(LIBS)
