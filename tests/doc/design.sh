#!/bin/bash
# design.sh - doc/DESIGN.md holds to the tree it describes.
#
# Every file the page names exists; each recipe has at most ten steps,
# and every identifier a step names is in a file the step (or else its
# recipe) names, so a renamed function or moved file fails here instead
# of misleading the next engineer. Every source comment that cites the
# page names doc/DESIGN.md and a section the page has, and nothing in the
# project points at a design file outside it.

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/lib/tap.sh"

DOC="$top_srcdir/doc/DESIGN.md"
[ -r "$DOC" ] || bail "no $DOC"

# The checks print "0|1<TAB>description" lines; ok counts them.
while IFS=$'\t' read -r status desc; do
	ok "$status" "$desc"
done < <(python3 - "$top_srcdir" "$DOC" <<'PY'
import os, re, sys

top, doc = sys.argv[1], sys.argv[2]
text = open(doc, encoding="utf-8").read()
PATH = re.compile(r"^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+$")
IDENT = re.compile(r"^(struct )?[A-Za-z_][A-Za-z0-9_]*(\(\)|\[\])?$")

def case(cond, desc):
    print("%d\t%s" % (0 if cond else 1, desc))

def is_file(tok):
    return PATH.match(tok) and "." in tok.rsplit("/", 1)[1]

def ticks(s):
    return re.findall(r"`([^`\n]+)`", s)

# every file named anywhere on the page
for tok in sorted({t for t in ticks(text) if is_file(t)}):
    case(os.path.isfile(os.path.join(top, tok)), "DESIGN.md names %s, which exists" % tok)

# the recipes: at most ten steps, each identifier in a named file
recipes = re.split(r"^### ", text.split("\n## Recipes\n", 1)[1], flags=re.M)[1:]
case(len(recipes) >= 3, "DESIGN.md has its three recipes")
for r in recipes:
    title = r.split("\n", 1)[0].strip()
    steps = re.findall(r"^\d+\. (.*)$", r, flags=re.M)
    case(0 < len(steps) <= 10, "recipe '%s': %d steps, at most ten" % (title, len(steps)))
    every = [t for s in steps for t in ticks(s) if is_file(t)]
    for n, s in enumerate(steps, 1):
        files = [t for t in ticks(s) if is_file(t)] or every
        srcs = "".join(open(os.path.join(top, f), encoding="utf-8", errors="replace").read()
                       for f in files if os.path.isfile(os.path.join(top, f)))
        for tok in ticks(s):
            if is_file(tok) or not IDENT.match(tok):
                continue
            word = re.sub(r"(\(\)|\[\])$", "", tok)
            case(re.search(r"\b%s\b" % re.escape(word), srcs) is not None,
                 "recipe '%s' step %d: %s is in %s" % (title, n, word, " ".join(files)))

# citations of the page in the code
heads = set(re.findall(r"^## (.+)$", text, flags=re.M))
cite = re.compile(r'doc/DESIGN\.md, "([^"]+)"')
me = os.path.join("tests", "doc")  # the check and its make fragment name the page, not cite it
found = 0
for d in ("util", "policy", "conf", "milter", "selfcheck", "tests"):
    for root, dirs, names in os.walk(os.path.join(top, d)):
        dirs[:] = [x for x in dirs if x not in ("data", "corpus")]
        for name in names:
            path = os.path.join(root, name)
            rel = os.path.relpath(path, top)
            if os.path.dirname(rel) == me or not name.endswith((".c", ".h", ".mk", ".sh", ".py")):
                continue
            lines = open(path, encoding="utf-8", errors="replace").read().split("\n") + [""]
            for i, line in enumerate(lines[:-1], 1):
                if "DESIGN.md" not in line:
                    continue
                found += 1
                # a comment may carry the section name on to its next line
                both = line + " " + re.sub(r"^\s*(\*|#|//)?", "", lines[i])
                m = cite.search(re.sub(r"\s+", " ", both))
                case(m is not None and m.group(1) in heads,
                     "%s:%d cites doc/DESIGN.md and one of its sections" % (rel, i))
case(found > 0, "the code cites doc/DESIGN.md (%d lines)" % found)

# nothing reaches outside the tree for its design notes
outside = re.compile(r"\.\./" + "shared")
bad = []
for d in ("util", "policy", "conf", "milter", "selfcheck", "tests", "man", "contrib", "doc", "debian"):
    for root, dirs, names in os.walk(os.path.join(top, d)):
        dirs[:] = [x for x in dirs if x not in ("data", "corpus")]
        for name in names:
            path = os.path.join(root, name)
            try:
                if outside.search(open(path, encoding="utf-8").read()):
                    bad.append(os.path.relpath(path, top))
            except (UnicodeDecodeError, OSError):
                pass
for name in ("README.md", "Makefile.am", "configure.ac"):
    path = os.path.join(top, name)
    if os.path.isfile(path) and outside.search(open(path, encoding="utf-8").read()):
        bad.append(name)
case(not bad, "no file points outside the tree for design notes%s" % (": " + " ".join(bad) if bad else ""))
PY
)
tap_done
