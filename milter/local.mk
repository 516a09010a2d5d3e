# milter: the authmilter daemon, the only place that knows libmilter.
sbin_PROGRAMS += authmilter
authmilter_SOURCES = \
	milter/main.c \
	milter/alone.c milter/alone.h \
	milter/callbacks.c milter/callbacks.h \
	milter/client.c milter/client.h \
	milter/daemon.c milter/daemon.h \
	milter/log.c milter/log.h \
	milter/logline.c milter/logline.h \
	milter/logdebug.c milter/logdebug.h \
	milter/metrics.c milter/metrics.h \
	milter/metrics_http.c milter/metrics_http.h \
	milter/nodelay.c milter/nodelay.h \
	milter/notify.c milter/notify.h \
	milter/runtime.c milter/runtime.h \
	milter/signals.c milter/signals.h \
	milter/testmode.c milter/testmode.h
authmilter_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/milter $(MHD_CFLAGS) $(SYSTEMD_CFLAGS)
authmilter_LDADD = libauthconf.a libauthpolicy.a $(MILTER_LIBS) $(POLICY_LIBS) $(MHD_LIBS) $(SYSTEMD_LIBS)
