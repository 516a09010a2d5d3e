# tests/doc: doc/DESIGN.md against the tree it describes (the files it
# names, its recipes' identifiers, the code's citations of it; the
# layers, in which no include points up).
TESTS += tests/doc/design.sh tests/doc/layers.sh
dist_check_SCRIPTS += tests/doc/design.sh tests/doc/layers.sh
EXTRA_DIST += doc/DESIGN.md
