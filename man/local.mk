# man: the manual pages.
dist_man_MANS += man/authmilter.8 man/authmilter-selfcheck.8
include man/conf.mk
