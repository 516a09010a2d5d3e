# util: libauthutil.a, the layer below policy/, conf/, milter/ and
# selfcheck/: text builders, character classes, names. It includes
# nothing of ours, only libc.
noinst_LIBRARIES += libauthutil.a
libauthutil_a_SOURCES = \
	util/array.c util/array.h \
	util/ascii.h \
	util/dnsname.c util/dnsname.h \
	util/printable.c util/printable.h \
	util/textbuf.c util/textbuf.h
