# selfcheck/core: what every group of authmilter-selfcheck uses: the
# shared context (selfcheck.h), the findings and their catalog, the
# outputs and the command line.
libselfcheck_a_SOURCES += \
	selfcheck/core/selfcheck.h \
	selfcheck/core/finding.c selfcheck/core/finding.h \
	selfcheck/core/catalog.c selfcheck/core/catalog.h \
	selfcheck/core/report.c selfcheck/core/report.h \
	selfcheck/core/options.c selfcheck/core/options.h
