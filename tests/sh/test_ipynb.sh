#!/bin/sh
# test_ipynb.sh — Jupyter notebooks from the command line: `--run --format
# ipynb` writes each bundled lesson's run as a notebook, and that notebook
# runs (`--run NOTEBOOK.ipynb`) to the very transcript of the lesson, line
# numbers included, and passes --check: the lesson came back unchanged.  A
# failing cell's error is an `error` output; a notebook in another
# language, or not a notebook, is refused with a message.  (The notebooks'
# keys and types: tests/ipynb/test_ipynb.c; nbformat's own validator:
# make test-ext.)
. tests/sh/lib.sh
for l in lessons/*.lua; do
	b=$(basename "$l" .lua)
	"$NNBOOK" --run --format ipynb --no-times "$l" >"$tmp/$b.ipynb" 2>"$tmp/err"
	check $? "$l: --format ipynb runs it $(head -1 "$tmp/err")"
	grep -q '"nbformat": 4' "$tmp/$b.ipynb" && grep -q '"output_type": "stream"' "$tmp/$b.ipynb" &&
		grep -q '"language": "lua"' "$tmp/$b.ipynb"
	check $? "$l: an nbformat 4 notebook of Lua with the printed output"
	"$NNBOOK" --run --no-times --no-color --width 80 "$l" >"$tmp/a" 2>&1
	"$NNBOOK" --run --no-times --no-color --width 80 "$tmp/$b.ipynb" >"$tmp/b" 2>&1
	cmp -s "$tmp/a" "$tmp/b"
	check $? "$l: its notebook runs to the same transcript $(diff "$tmp/a" "$tmp/b" | head -3)"
	"$NNBOOK" --check "$tmp/$b.ipynb" >"$tmp/c" 2>&1
	check $? "$l: its notebook passes --check: $(tail -1 "$tmp/c")"
done
printf -- '-- %%%% Fails\nprint("before")\nerror("boom")\n\n-- %%%% After\nprint(1)\n' >"$tmp/e.lua"
"$NNBOOK" --run --format ipynb "$tmp/e.lua" >"$tmp/e.ipynb" 2>/dev/null
rc=$?
[ $rc = 1 ] && grep -q '"output_type": "error"' "$tmp/e.ipynb" && grep -q '"evalue": ".*boom"' "$tmp/e.ipynb" &&
	grep -q '"before\\n"' "$tmp/e.ipynb" && grep -q '"execution_count": null' "$tmp/e.ipynb"
check $? "a failing cell: exit 1, its error and what it printed; the cell after did not run"
"$NNBOOK" --run --format nope "$tmp/e.lua" >"$tmp/o" 2>&1
[ $? = 2 ] && grep -q "text, md or ipynb" "$tmp/o"
check $? "--format names its choices"
printf '{"cells": [], "metadata": {"kernelspec": {"language": "python", "name": "python3"}}, "nbformat": 4, "nbformat_minor": 5}\n' >"$tmp/py.ipynb"
"$NNBOOK" --run "$tmp/py.ipynb" >"$tmp/o" 2>&1
[ $? = 2 ] && grep -q "a notebook in Python: nnbook runs Lua, so a notebook's code cells must be Lua" "$tmp/o"
check $? "a Python notebook is refused: $(cat "$tmp/o")"
printf 'print(1)\n' >"$tmp/lua.ipynb"
"$NNBOOK" --check "$tmp/lua.ipynb" >"$tmp/o" 2>&1
[ $? = 2 ] && grep -q "not a notebook (not JSON" "$tmp/o"
check $? "Lua in a .ipynb file is not a notebook: $(cat "$tmp/o")"
done_testing
