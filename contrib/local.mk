EXTRA_DIST += contrib/deps.sh contrib/build.sh contrib/test.sh contrib/demo.sh
EXTRA_DIST += contrib/demo/demo.zone
EXTRA_DIST += contrib/authmilter-selfcheck.cron contrib/authmilter-selfcheck-nagios.cfg
EXTRA_DIST += contrib/sendmail-fetch.sh
EXTRA_DIST += contrib/postfix-main.cf.snippet contrib/sendmail.mc.snippet
