# conf: libauthconf.a, authmilter.conf into a struct conf.
noinst_LIBRARIES += libauthconf.a
libauthconf_a_SOURCES = \
	conf/conf.c conf/conf.h conf/conf_priv.h \
	conf/conf_keys.c conf/conf_suggest.c conf/conf_value.c \
	conf/conf_domains.c conf/conf_foreign.c

# The sample, installed where CONF_DEFAULT_PATH looks.
authmilterconfdir = $(sysconfdir)/authmilter
dist_authmilterconf_DATA = conf/authmilter.conf
