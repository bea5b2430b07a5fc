#!/bin/sh
# test_kernel_ux.sh — the notebook with its kernel process, as a student
# meets it at 80x24:
#   - `.` pressed five times at once steps five frames (keys over SSH
#     often arrive together);
#   - after Ctrl-C the status bar says "interrupted", not "error";
#   - a module next to a lesson is not listed as a lesson, and a saved
#     copy of the lesson still finds it.
. tests/ui/lib.sh
need
L=$TMPD/lessons
mkdir -p "$L"
cat >"$L/01-steps.lua" <<'LUA'
-- ---
-- title: Steps and modules
-- ---

-- %% animation
for i = 1, 1000 do frame() end

-- %% module
local h = require "helper"
print(h.greet())
LUA
printf 'return {greet = function() return "hello from " .. "helper" end}\n' >"$L/helper.lua"
UI_LESSONS=$L
start 80 24 "$NNBOOK"
wait_for "Steps and modules" || exit 1
screen | grep -qi "helper"
ok "$([ $? != 0 ]; echo $?)" "a module next to the lessons is not listed as a lesson"
keys Enter
wait_for "cell 1/2"
keys Enter
wait_for "frame" 3
keys p
wait_for "paused" 3
frame() { screen | sed -n 's/.*frame \([0-9][0-9]*\).*/\1/p' | head -1; }
f0=$(frame)
keys . . . . .
i=0; while [ "$(frame)" != $((f0 + 5)) ] && [ $i -lt 40 ]; do sleep 0.05; i=$((i + 1)); done
f1=$(frame)
ok "$([ "$f1" = $((f0 + 5)) ]; echo $?)" "five . pressed at once step five frames ($f0 -> $f1)"
keys C-c
wait_for "Interrupted" 3
screen | tail -2 | head -1 | grep -q "interrupted"
ok $? "after Ctrl-C the status bar says interrupted: $(screen | tail -2 | head -1)"
keys j Enter
wait_for "hello from helper" 5
ok $? "the lesson requires its module"
keys e End
keys -l ' -- edited'
keys Escape
keys s
wait_for "Saved to your copy" 3
ok $? "a save of the lesson goes to the student's copy"
keys q
wait_for "Lessons"
keys Enter
wait_for "cell 2/2" 3
keys Enter
wait_for "hello from helper" 5
ok $? "the saved copy still finds the lesson's module: $(screen | grep -m1 'require\|hello')"
keys q q
done_testing
