# tests/integration: authmilter against a real Postfix on 127.0.0.1.
# Each script starts private instances (tests/lib/postfix.sh) in its own
# directory on its own ports, so the scripts may run in parallel.
EXTRA_DIST += tests/lib/postfix.sh tests/lib/integration.sh

TESTS += tests/integration/postfix-smoke.sh
dist_check_SCRIPTS += tests/integration/postfix-smoke.sh

# SPF and Authentication-Results end to end (the lead's).
TESTS += tests/integration/spf.sh
dist_check_SCRIPTS += tests/integration/spf.sh
EXTRA_DIST += tests/lib/tap.sh tests/lib/authmilter.sh tests/lib/dns-server.sh \
	tests/integration/spf.zone
TESTS += tests/integration/cli.sh
dist_check_SCRIPTS += tests/integration/cli.sh
TESTS += tests/integration/daemon.sh
dist_check_SCRIPTS += tests/integration/daemon.sh
# Bursts of SIGHUP, USR1, USR2, PIPE, TERM and INT against the daemon.
TESTS += tests/integration/signals.sh
dist_check_SCRIPTS += tests/integration/signals.sh
TESTS += tests/integration/install.sh
dist_check_SCRIPTS += tests/integration/install.sh
# sd_notify readiness, reload and stop, against a stand-in notify socket.
TESTS += tests/integration/notify.sh
dist_check_SCRIPTS += tests/integration/notify.sh
EXTRA_DIST += tests/lib/notify-listen.py
# The Debian package: build, lintian, install, run as the unit does,
# upgrade, purge (as root; it installs a package on this machine). Only
# in the normal build: building the .deb takes a minute and the package
# is built with its own flags, so a sanitizer run would test the same
# thing again. Not registered there, so it is not run at all (and not
# counted as skipped).
if !SANITIZERS
TESTS += tests/integration/package.sh
endif
dist_check_SCRIPTS += tests/integration/package.sh
EXTRA_DIST += debian

# The DKIM test signer's command line, for the shell tests (built,
# never installed).
check_PROGRAMS += tests/lib/dkimsign
tests_lib_dkimsign_CPPFLAGS = $(AM_CPPFLAGS) $(OPENDKIM_CFLAGS)
tests_lib_dkimsign_LDADD = $(TEST_LIBS) $(TEST_SIGN_LIBS)
TESTS += tests/integration/dmarc.sh
dist_check_SCRIPTS += tests/integration/dmarc.sh
EXTRA_DIST += tests/integration/dmarc.zone
# The DMARC bypasses and work bounds of issue 10, -t against the milter.
TESTS += tests/integration/bypass.sh
dist_check_SCRIPTS += tests/integration/bypass.sh
EXTRA_DIST += tests/integration/bypass.zone

# authmilter-selfcheck against a lab of two Postfix instances and fixture zones.
include tests/integration/selfcheck.mk

# 500 concurrent sessions through Postfix, then a kill and restart under load.
TESTS += tests/integration/load.sh
dist_check_SCRIPTS += tests/integration/load.sh

# The same cases through a real Sendmail (unpacked, never installed).
TESTS += tests/integration/sendmail.sh
dist_check_SCRIPTS += tests/integration/sendmail.sh
EXTRA_DIST += tests/lib/sendmail.sh tests/integration/sendmail.zone

# The MetricsSocket endpoint, scraped with curl while mail goes through Postfix.
TESTS += tests/integration/metrics.sh
dist_check_SCRIPTS += tests/integration/metrics.sh
EXTRA_DIST += tests/integration/metrics.zone
