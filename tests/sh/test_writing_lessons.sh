#!/bin/sh
# test_writing_lessons.sh — docs/writing-lessons.md stays true: the lesson
# it prints whole passes `nnbook --check` and runs, the outputs it shows
# are what that lesson prints, and the template `nnbook --new` writes, the
# guide's starting point, passes `--check` too.  The guide, the template
# and the bundled lessons keep the guide's rules: one name for moving a
# line (`:set`), Exercise N / Check N / Hint N / Solution N cells, code
# lines of at most 74 characters, a training cell that shows its figure;
# `--check` finds a prose line that lost its `-- `.
. tests/sh/lib.sh
doc=docs/writing-lessons.md
case $NNBOOK in /*) bin=$NNBOOK ;; *) bin=$PWD/$NNBOOK ;; esac

# The finished lesson: the fenced block between the two markers.
awk '/<!-- example lesson: end -->/ { on = 0 }
     on && !/^```/ { print }
     /<!-- example lesson: begin -->/ { on = 1 }' "$doc" >"$tmp/two-clouds.lua"
[ -s "$tmp/two-clouds.lua" ]
check $? "the guide prints a whole lesson between its markers"

(cd "$tmp" && "$bin" --check two-clouds.lua) >"$tmp/check" 2>&1
rc=$?
check $rc "nnbook --check passes on it: $(tail -1 "$tmp/check")"
[ $rc = 0 ] || sed 's/^/#   /' "$tmp/check" | head -20

(cd "$tmp" && LC_ALL=C.UTF-8 "$bin" --run two-clouds.lua --no-color --no-times --width 80) \
	>"$tmp/out" 2>&1
rc=$?
check $rc "nnbook --run runs it without error"

# Every output block of the guide (a fence that is neither Lua nor a shell
# session) must appear in the transcript line for line.
awk -v dir="$tmp" '
	/^```/ && !on { on = 1; k++; kind = ($0 == "```lua") ? "lua" : "text"; f = dir "/block" k; next }
	/^```/ && on { on = 0; close(f); next }
	on && kind == "text" { print > f }' "$doc"
blocks=0
for f in "$tmp"/block*; do
	[ -f "$f" ] || continue
	head -1 "$f" | grep -q '^\$ ' && continue
	blocks=$((blocks + 1))
	want=$(cat "$f")
	got=$(cat "$tmp/out")
	case $got in
	*"$want"*) rc=0 ;;
	*) rc=1 ;;
	esac
	check $rc "the guide's output block starting '$(head -1 "$f" | cut -c1-40)' is in the transcript"
done
[ "$blocks" -ge 4 ]
check $? "the guide shows at least four output blocks ($blocks)"

# The steps' snippets are pieces of the finished lesson.
awk -v dir="$tmp" '
	/^```lua/ { on = 1; k++; f = dir "/lua" k; next }
	/^```/ && on { on = 0; close(f); next }
	on { print > f }' "$doc"
missing=0
whole=$(cat "$tmp/two-clouds.lua")
for f in "$tmp"/lua*; do
	want=$(cat "$f")
	case $whole in
	*"$want"*) ;;
	*) case $want in *" ..."*) ;; *) missing=$((missing + 1)); echo "# not in the lesson: $(head -1 "$f")" ;; esac ;;
	esac
done
[ "$missing" = 0 ]
check $? "each Lua snippet of the steps is part of the finished lesson"

# The template the guide starts from.
(cd "$tmp" && "$bin" --new my-lesson) >"$tmp/new" 2>&1
rc=$?
[ $rc = 0 ] && [ -f "$tmp/my-lesson.lua" ]
check $? "nnbook --new my-lesson writes my-lesson.lua"
grep -q '^-- title: my lesson$' "$tmp/my-lesson.lua"
check $? "its title is the name with dashes made spaces"
(cd "$tmp" && "$bin" --new my-lesson) >"$tmp/new" 2>&1
[ $? != 0 ]
check $? "--new never overwrites a file: $(head -1 "$tmp/new")"
(cd "$tmp" && "$bin" --check my-lesson.lua) >"$tmp/check" 2>&1
rc=$?
check $rc "the template passes nnbook --check: $(tail -1 "$tmp/check")"
[ $rc = 0 ] || sed 's/^/#   /' "$tmp/check" | head -10

# The template's training cell draws its own figure (the student sees the
# line move next to the loop, not in a cell above).
(cd "$tmp" && LC_ALL=C.UTF-8 "$bin" --run my-lesson.lua --no-color --no-times --width 80) \
	>"$tmp/tpl" 2>&1
awk '/^── \[[0-9]+\] Learning one weight/ { on = 1; next } /^── \[/ { on = 0 }
     on && /data and fit/ { found = 1 } END { exit !found }' "$tmp/tpl"
check $? "the template's training cell shows its figure"

# One name for moving a line: h:set, in the guide's code and the template.
uses=$(cat "$tmp/lua"* "$tmp/my-lesson.lua" | grep -c "set_boundary")
[ "$uses" = 0 ]; check $? "the guide and the template move a line with :set ($uses set_boundary)"
grep -q 'line:set(' "$tmp/my-lesson.lua"
check $? "the template moves its line with line:set"

# The naming rule of exercises, in the guide's lesson, the template and the
# bundled lessons: Exercise N: ..., then Check N, Hint N, Solution N.
for f in "$tmp/two-clouds.lua" "$tmp/my-lesson.lua" lessons/0*.lua; do
	bad=0
	for ex in $(sed -n 's/^-- %% Exercise \([0-9]*\): .*/\1/p' "$f"); do
		grep -q "^-- %% Check $ex\$" "$f" &&
		grep -q "^-- %% \[markdown\] Hint $ex tags=\[\"hint\"\]\$" "$f" &&
		grep -q "^-- %% Solution $ex tags=\[\"solution\"\]\$" "$f" || bad=$((bad + 1))
	done
	[ "$bad" = 0 ]; check $? "$(basename "$f"): every Exercise N has Check N, Hint N, Solution N"
done

# Code lines of at most 74 characters (counted in characters, not bytes).
long=$(for f in lessons/*.lua "$tmp/my-lesson.lua" "$tmp/two-clouds.lua"; do
	LC_ALL=C sed 's/[\x80-\xbf]//g' "$f" |
	awk -v f="$(basename "$f")" '/^-- %%/ { code = ($0 !~ /\[(markdown|md)\]/); next }
	     code && length($0) > 74 { printf "%s:%d ", f, NR }'
done)
[ -z "$long" ]; check $? "code lines are at most 74 characters${long:+: $long}"

# A prose line without its `-- ` is reported with its line.
printf -- '-- ---\n-- title: t\n-- ---\n\n-- %%%% [markdown]\n-- # T\n--\nno prefix here\n-- fine\n\n-- %%%% Code\nx = 1\n' \
	>"$tmp/bare.lua"
"$bin" --check "$tmp/bare.lua" >"$tmp/check" 2>&1
[ $? = 1 ] && grep -q "bare.lua:8: a prose line without its \`-- \` prefix" "$tmp/check"
check $? "--check reports a prose line without its prefix, with its line"
done_testing
