#!/bin/sh
# Reliability row 3: the environment is ignored — with LUA_INIT, LUA_PATH,
# LUA_CPATH and EDITOR/VISUAL/SHELL set, no such file is opened and nothing
# is exec'd (strace; skipped when strace is missing).
. tests/sh/lib.sh
command -v strace >/dev/null 2>&1 || { echo "skip: strace is not installed"; exit 77; }
echo 'print("LUA_INIT ran")' >"$tmp/init.lua"
echo 'print(1 + 1)' >"$tmp/lesson.lua"
LUA_INIT="@$tmp/init.lua" LUA_INIT_5_4="@$tmp/init.lua" LUA_PATH="$tmp/?.lua" \
LUA_CPATH="$tmp/?.so" EDITOR=/bin/sh VISUAL=/bin/sh SHELL=/bin/sh PAGER=/bin/sh \
	ASAN_OPTIONS=detect_leaks=0 \
	strace -f -qq -e trace=execve,open,openat -o "$tmp/trace" \
	"$NNBOOK" --run "$tmp/lesson.lua" >"$tmp/out" 2>&1
check $? "the lesson runs under strace"
[ "$(cat "$tmp/out")" = 2 ]; check $? "and prints only its output (LUA_INIT did not run)"
! grep -q "init.lua" "$tmp/trace"; check $? "LUA_INIT's file is never opened"
! grep "$tmp/" "$tmp/trace" | grep -v "lesson.lua" | grep -q .; check $? "no other file of the lesson's folder is opened (LUA_PATH, LUA_CPATH)"
[ "$(grep -c 'execve(' "$tmp/trace")" = 1 ]; check $? "exactly one execve (nnbook itself)"
done_testing
