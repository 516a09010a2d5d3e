#!/bin/bash
# layers.sh - no include points up the layers doc/DESIGN.md draws.
#
# util/ includes nothing of ours; policy/ only util/; conf/ util/ and
# policy/; milter/ and selfcheck/ anything below them, not each other.
# An include is resolved as the compiler resolves it (a quoted one in the
# including file's directory first, then, as an angled one, along the
# in-tree -I path: top_srcdir, util/, policy/, conf/), so a bare "dns.h"
# in selfcheck/ that lands in policy/ is judged as policy/dns.h. One
# case per file. policy/ is pure evaluation: it never includes libmilter
# or <syslog.h> and makes no syslog or log call (comments and strings
# are not code).

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/lib/tap.sh"

# The checks print "0|1<TAB>description" lines; ok counts them.
while IFS=$'\t' read -r status desc; do
	ok "$status" "$desc"
done < <(python3 - "$top_srcdir" <<'PY'
import os, re, sys

top = sys.argv[1]
# the -I path of Makefile.am's AM_CPPFLAGS (top_srcdir also stands for
# automake's -I$(srcdir) before it)
IPATH = ["", "util", "policy", "conf"]
# what each layer may include besides itself
BELOW = {
    "util": set(),
    "policy": {"util"},
    "conf": {"util", "policy"},
    "milter": {"util", "policy", "conf"},
    "selfcheck": {"util", "policy", "conf"},
}
INCLUDE = re.compile(r'^[ \t]*#[ \t]*include[ \t]*([<"])([^>"]+)[>"]', re.M)
# headers configure writes into the build tree (AC_CONFIG_HEADERS)
GENERATED = set(re.findall(r"AC_CONFIG_HEADERS\(\[?([^\])]+)",
                           open(os.path.join(top, "configure.ac")).read()))
LOGCALL = re.compile(r"\b(v?syslog|openlog|closelog|setlogmask|log_msg|log_open"
                     r"|log_set_level|log_enabled)\s*\(")

def case(cond, desc):
    print("%d\t%s" % (0 if cond else 1, desc))

def code_only(text, strings=True):
    """TEXT with comments and (if STRINGS) strings and character
    constants blanked; newlines kept, so line numbers hold."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j])); i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i)); i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            body = text[i + 1:j - 1]
            out.append(c + (re.sub(r"[^\n]", " ", body) if strings else body) + c); i = j
        else:
            out.append(c); i += 1
    return "".join(out)

def resolve(src_dir, quoted, name):
    """The in-tree file the compiler would open, relative to top, or None."""
    dirs = ([src_dir] if quoted else []) + IPATH
    for d in dirs:
        path = os.path.normpath(os.path.join(d, name))
        if not path.startswith("..") and os.path.isfile(os.path.join(top, path)):
            return path
    return None

files = []
for layer in BELOW:
    for root, dirs, names in os.walk(os.path.join(top, layer)):
        dirs.sort()
        for name in sorted(names):
            if name.endswith((".c", ".h")):
                files.append(os.path.relpath(os.path.join(root, name), top))
case(len(files) > 100, "%d C files in the five layers" % len(files))

for rel in files:
    layer = rel.split(os.sep, 1)[0]
    text = open(os.path.join(top, rel), encoding="utf-8", errors="replace").read()
    # an include's file name is a string: read the includes off the
    # text with comments blanked and strings kept
    bad = []
    for m in INCLUDE.finditer(code_only(text, strings=False)):
        line = text.count("\n", 0, m.start()) + 1
        quoted, name = m.group(1) == '"', m.group(2)
        if layer == "policy" and (name.startswith("libmilter/") or name == "syslog.h"):
            bad.append("%d: <%s> (policy/ is pure evaluation)" % (line, name))
            continue
        to = resolve(os.path.dirname(rel), quoted, name)
        if to is None:
            if quoted and name not in GENERATED:
                bad.append('%d: "%s" is no file of the tree' % (line, name))
            continue
        to_layer = to.split(os.sep, 1)[0]
        if to_layer != layer and to_layer not in BELOW[layer]:
            bad.append("%d: %s%s%s is %s" % (line, "\"<"[not quoted], name,
                                              "\">"[not quoted], to))
    case(not bad, "%s: its includes point down%s" % (rel, "".join("; " + b for b in bad)))
    if layer == "policy":
        code = code_only(text)
        calls = ["%d: %s()" % (code.count("\n", 0, m.start()) + 1, m.group(1))
                 for m in LOGCALL.finditer(code)]
        case(not calls, "%s: no log call%s" % (rel, "".join("; " + c for c in calls)))
PY
)
tap_done
