# tests/fuzz/selfcheck_postfix.mk: the postconf output parser of
# authmilter-selfcheck, with every postfix.* analysis run on its table.
FUZZ_TARGETS += sc_postconf
check_PROGRAMS += tests/fuzz/run_sc_postconf
TESTS += tests/fuzz/run_sc_postconf
tests_fuzz_run_sc_postconf_SOURCES = tests/fuzz/fuzz_sc_postconf.c tests/fuzz/standalone.c
tests_fuzz_run_sc_postconf_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_NAME='"sc_postconf"'
tests_fuzz_run_sc_postconf_LDADD = libselfcheck.a $(FUZZ_RUN_LIBS) $(OPENSSL_LIBS)

# The generic FUZZ_SRC holds no selfcheck source: list the postfix
# group's own files (taken from libselfcheck_a_SOURCES, so a new one is
# picked up) and the report they fill.
SC_POSTFIX_FUZZ_SRC = $(addprefix $(top_srcdir)/,$(filter \
	selfcheck/postfix/%.c \
	selfcheck/core/finding.c selfcheck/core/catalog.c,$(libselfcheck_a_SOURCES)))

tests/fuzz/fuzz_sc_postconf: $(top_srcdir)/tests/fuzz/fuzz_sc_postconf.c \
		$(SC_POSTFIX_FUZZ_SRC) $(FUZZ_SRC)
	@test -n "$(FUZZ_CC)" || { echo "make fuzz needs clang (apt-get install clang)"; exit 1; }
	$(AM_V_CC)$(FUZZ_CC) $(FUZZ_CFLAGS) $(OPENSSL_CFLAGS) \
		-o $@ $(top_srcdir)/tests/fuzz/fuzz_sc_postconf.c \
		$(SC_POSTFIX_FUZZ_SRC) $(FUZZ_SRC) $(FUZZ_LIBS) $(OPENSSL_LIBS) $(LIBS)
