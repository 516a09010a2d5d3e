# tests/doc: doc/DESIGN.md against the tree it describes (the files it
# names, its recipes' identifiers, the code's citations of it).
TESTS += tests/doc/design.sh
dist_check_SCRIPTS += tests/doc/design.sh
EXTRA_DIST += doc/DESIGN.md
