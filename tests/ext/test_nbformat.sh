#!/bin/sh
# test_nbformat.sh — `make test-ext`: nbformat's own validator (Debian's
# python3-nbformat, the schema Jupyter itself checks) on the notebooks
# `nnbook --run --format ipynb` writes for every bundled lesson and for one
# with an error, and on the lessons nnbook reads back from Jupytext's
# notebooks.  Not part of `make test`, which never needs Python.
. tests/sh/lib.sh
PY=/usr/bin/python3
if ! $PY -c "import nbformat" 2>/dev/null; then
	echo "skip: python3-nbformat is not installed (apt-get install python3-nbformat)"
	exit 77
fi
validate() { # notebook
	$PY - "$1" <<'PY'
import sys, nbformat
nb = nbformat.read(sys.argv[1], as_version=nbformat.NO_CONVERT)
nbformat.validate(nb)
assert nb.nbformat == 4 and nb.metadata.kernelspec.language == "lua", "not a Lua notebook"
PY
}
for l in lessons/*.lua; do
	"$NNBOOK" --run --format ipynb --no-times "$l" >"$tmp/l.ipynb" 2>"$tmp/err"
	validate "$tmp/l.ipynb" >"$tmp/v" 2>&1
	check $? "$l: nbformat validates its notebook $(tail -1 "$tmp/v")"
done
printf -- '-- %%%% Fails\nprint("before")\nerror("boom")\n\n-- %%%% After\nprint(1)\n' >"$tmp/e.lua"
"$NNBOOK" --run --format ipynb --keep-going "$tmp/e.lua" >"$tmp/e.ipynb" 2>/dev/null
validate "$tmp/e.ipynb" >"$tmp/v" 2>&1 && grep -q '"output_type": "error"' "$tmp/e.ipynb"
check $? "a failing cell's error output validates $(tail -1 "$tmp/v")"
done_testing
