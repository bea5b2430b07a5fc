#!/bin/sh
# test_lessontool.sh — `nnbook --new NAME` writes a working template, and
# `nnbook --check` passes it but reports each kind of problem a teacher
# makes: syntax errors with lines, failing cells, a missing title, an
# exercise without a check, a check that passes before any work, a
# solution that does not pass.
. tests/sh/lib.sh
case $NNBOOK in /*) ;; *) NNBOOK=$PWD/$NNBOOK ;; esac
cd "$tmp" || exit 1
"$NNBOOK" --new "my first lesson" >out 2>&1
check $? "--new writes a template"
[ -f "my first lesson.lua" ]; check $? "named after NAME with .lua"
grep -q "^-- title: my first lesson" "my first lesson.lua"; check $? "with the name as its title"
"$NNBOOK" --new "my first lesson" >out 2>&1
[ $? = 2 ] && grep -q "already exists" out; check $? "--new never overwrites"
"$NNBOOK" --new "../escape" >out 2>&1
[ $? = 2 ] && [ ! -f ../escape.lua ]; check $? "--new refuses names with folders"
"$NNBOOK" --check "my first lesson.lua" >out 2>&1
check $? "--check passes the template: $(tail -1 out)"
"$NNBOOK" --run "my first lesson.lua" --no-color >out 2>&1
check $? "the template runs"
"$NNBOOK" --new "notes: week 1" >out 2>&1 && "$NNBOOK" --check "notes: week 1.lua" >out 2>&1 &&
	grep -q '^-- title: "notes: week 1"$' "notes: week 1.lua"
check $? "a name with ': ' is quoted in the header, and --check passes it: $(head -1 out)"

cat >bad.lua <<'LUA'
-- %% [markdown]
-- # No header title

-- %% syntax
x = = 1

-- %% runtime
local t = nil
print(t.x)

-- %% Exercise 1: no check follows
y = 1

-- %% Exercise 2
z = 5

-- %% Check 2
check{"z is 5", function() return z == 5 end, hint = "set z", solution = "z = 5"}

-- %% Exercise 3
v = 1

-- %% Check 3
check{"v is 3", function() return v == 3 end, hint = "set v", solution = "v = 2"}
LUA
"$NNBOOK" --check bad.lua >out 2>&1
check $(( $? != 1 )) "--check fails a lesson with problems"
grep -q "no title" out; check $? "reports the missing title"
grep -q "bad.lua:5: cell fails.*bad.lua:5:" out; check $? "reports the syntax error with its line: $(grep ':5:' out)"
grep -q "bad.lua:9: attempt to index" out; check $? "reports the failing cell with its line"
grep -q "an exercise without a check.*no check follows" out; check $? "reports an exercise without a check"
grep -q "passes before the student has done anything.*z is 5" out; check $? "reports a check that passes unedited"
grep -q "solution does not pass its check.*v is 3" out; check $? "reports a solution that fails its check"
done_testing
