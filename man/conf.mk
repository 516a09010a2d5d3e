# man/conf: authmilter.conf(5), owned with conf/.
dist_man_MANS += man/authmilter.conf.5
