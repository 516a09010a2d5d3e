# conf: libauthconf.a, authmilter.conf into a struct conf.
noinst_LIBRARIES += libauthconf.a
libauthconf_a_SOURCES = \
	conf/conf.c conf/conf.h conf/conf_priv.h \
	conf/conf_keys.c conf/conf_suggest.c conf/conf_value.c \
	conf/conf_domains.c conf/conf_foreign.c conf/conf_host.c

# The sample, installed where CONF_DEFAULT_PATH looks, but never over an
# existing file: that is the admin's configuration (a message says the
# new sample was not installed). `make uninstall` removes it only while
# it is still the unedited sample.
authmilterconfdir = $(sysconfdir)/authmilter
EXTRA_DIST += conf/authmilter.conf
install-data-local: install-authmilter-conf
uninstall-local: uninstall-authmilter-conf
install-authmilter-conf:
	$(MKDIR_P) '$(DESTDIR)$(authmilterconfdir)'
	@f='$(DESTDIR)$(authmilterconfdir)/authmilter.conf'; \
	if test -e "$$f" || test -h "$$f"; then \
	  echo "$$f exists: kept as it is, the sample is not installed over it"; \
	else \
	  echo " $(INSTALL_DATA) conf/authmilter.conf '$$f'"; \
	  $(INSTALL_DATA) '$(srcdir)/conf/authmilter.conf' "$$f"; \
	fi
uninstall-authmilter-conf:
	@f='$(DESTDIR)$(authmilterconfdir)/authmilter.conf'; \
	if test -f "$$f" && cmp -s '$(srcdir)/conf/authmilter.conf' "$$f"; then \
	  echo " rm -f '$$f'"; rm -f "$$f"; \
	elif test -e "$$f"; then \
	  echo "$$f has been edited: kept"; \
	fi
.PHONY: install-authmilter-conf uninstall-authmilter-conf
# configure puts sysconfdir at /etc whatever the prefix; distcheck's
# install must stay in its own directory.
AM_DISTCHECK_CONFIGURE_FLAGS = --sysconfdir='$$dc_install_base/etc'
