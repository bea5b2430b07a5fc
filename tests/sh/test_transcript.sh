#!/bin/sh
# test_transcript.sh — `nnbook --run` on a fixture lesson with prose, arrays,
# a live table, a figure and an error: the transcript at widths 80 and 40,
# ASCII, and as Markdown equals the golden files in tests/golden/transcript/
# (NNBOOK_UPDATE_GOLDEN=1 rewrites them); exit statuses 0, 1 and 2.
. tests/sh/lib.sh
lesson=tests/e2e/transcript.lua
gold=tests/golden/transcript
out=$tmp/out
golden() { # name, options...
	name=$1; shift
	LC_ALL=C.UTF-8 "$NNBOOK" --run "$lesson" --no-color --no-times --keep-going "$@" >"$out" 2>&1
	if [ -n "$NNBOOK_UPDATE_GOLDEN" ]; then cp "$out" "$gold/$name"; fi
	cmp -s "$out" "$gold/$name"
	rc=$?
	check $rc "transcript $name ($*) equals the golden file"
	[ $rc = 0 ] || diff "$gold/$name" "$out" | sed 's/^/#   /' | head -30
}
golden w80.txt --width 80
golden w40.txt --width 40
golden ascii60.txt --width 60 --ascii
golden handout.md --width 80 --format md

rc=$(LC_ALL=C.UTF-8 "$NNBOOK" --run "$lesson" --no-color --width 80 >"$out" 2>&1; echo $?)
[ "$rc" = 1 ]; check $? "a failing cell gives exit status 1 (got $rc)"
grep -q "something went wrong" "$out"; check $? "the error is in the transcript"
! grep -q "still running" "$out"; check $? "without --keep-going the cells after the error do not run"
LC_ALL=C.UTF-8 "$NNBOOK" --run "$lesson" --keep-going --no-color >"$out" 2>&1
grep -q "still running" "$out"; check $? "with --keep-going they do"

rc=$("$NNBOOK" --run tests/e2e/no-such-lesson.lua >"$out" 2>&1; echo $?)
[ "$rc" = 2 ]; check $? "a missing lesson gives exit status 2 (got $rc)"
grep -q "no-such-lesson.lua" "$out"; check $? "and the message names the file: $(head -c 100 "$out")"
printf '\033Lua\124\0\0' >"$out.bad"
rc=$("$NNBOOK" --run "$out.bad" >"$out" 2>&1; echo $?)
[ "$rc" = 2 ]; check $? "bytecode gives exit status 2 (got $rc)"
rc=$("$NNBOOK" --run "$lesson" --width 5 >"$out" 2>&1; echo $?)
[ "$rc" = 2 ]; check $? "a bad --width gives exit status 2"
printf -- '-- %%%% numbers\nprint(string.rep("-0.4093146490833918 ", 4))\n' >"$out.lua"
"$NNBOOK" --run "$out.lua" --width 40 --no-color >"$out" 2>&1
grep -q -- "^-0.4093146490833918 -0.4093146490833918 -0.4093146490833918 -0.4093146490833918 *$" "$out"
check $? "printed text comes out as the cell printed it, not re-wrapped at --width 40"
grep -q "^$(printf '\342\206\252') " "$out"
check $? "a code line longer than --width wraps with a continuation mark"
printf 'print(1 + 1)\n' >"$out.bad"
"$NNBOOK" --run "$out.bad" >"$out" 2>&1
[ "$(cat "$out")" = 2 ]; check $? "a plain script prints only its output"
printf 'print("out")\nerror("boom")\n' >"$out.bad"
"$NNBOOK" --run "$out.bad" >"$out" 2>"$out.err"
rc=$?
[ "$rc" = 1 ] && [ "$(cat "$out")" = out ]; check $? "a failing plain script exits 1 with its output on stdout"
grep -q "bad:2: boom" "$out.err" && grep -q "in main chunk" "$out.err"; check $? "and the error with a FILE:LINE traceback on stderr"
# cells far down a file: the chunk is padded with newlines to its real line
{ i=0; while [ $i -lt 300 ]; do echo; i=$((i + 1)); done
  printf -- '-- %%%% far\nprint("far ok")\nerror("at line 303")\n'; } >"$out.bad"
"$NNBOOK" --run "$out.bad" --no-color >"$out" 2>&1
grep -q "^far ok" "$out" && grep -q "bad:303: at line 303" "$out"; check $? "a cell at line 302 runs and its error names line 303"
# Ctrl-C under --keep-going stops the running cell only: the next ones run
printf -- '-- ---\n-- title: Ctrl-C\n-- ---\n\n-- %%%% forever\nwhile true do end\n\n-- %%%% after\nlocal s = 0\nfor i = 1, 3e7 do s = s + i end\nprint("after: " .. s)\n' >"$out.lua"
"$NNBOOK" --run "$out.lua" --keep-going --no-times >"$out" 2>&1 &
pid=$!
sleep 0.6
kill -INT $pid
wait $pid
grep -q "after: 450000015000000" "$out"
check $? "a Ctrl-C stops the running cell; the cells after it run to their end"
done_testing
