#!/bin/sh
# Reliability row 8: no exec in restricted mode — a whole restricted
# session (browser, a lesson opened, cells run, E, ^Z, !, a cell calling
# os.execute, an edit saved) under `strace -f -e execve` shows one execve:
# nnbook's own.  Row 10 on the way: the lesson folder is 0555, so the save
# goes to the user's copy and the original stays as it was.
. tests/ui/lib.sh
need
# restricted mode takes the home folder from the password database, not $HOME:
# the copy lands in the real data folder, under a name no one else uses
LNAME=nnbook-row08-$$.lua
PWHOME=$(getent passwd "$(id -u)" | cut -d: -f6)
COPY=$PWHOME/.local/share/nnbook/lessons/$LNAME
command -v strace >/dev/null 2>&1 || { echo "skip: strace is not installed"; exit 77; }
# restricted mode opens lessons from the browser only: the bundled folder is
# found next to the binary, so give the binary a folder of its own
mkdir -p "$TMPD/inst/bin" "$TMPD/inst/lessons"
cp "$NNBOOK" "$TMPD/inst/bin/nnbook"
cat >"$TMPD/inst/lessons/$LNAME" <<'LUA'
-- ---
-- title: Exec probe
-- ---

-- %% probe
print("execute:", pcall(function() return os.execute("touch /tmp/nnbook-row08") end))

-- %% edit me
x = 1
LUA
cp "$TMPD/inst/lessons/$LNAME" "$TMPD/orig.lua"
chmod 0555 "$TMPD/inst/lessons"
start 80 24 "ASAN_OPTIONS=detect_leaks=0 strace -f -qq -e trace=execve -o $TMPD/exec.log $TMPD/inst/bin/nnbook --restricted"
wait_for "Exec probe"; ok $? "the restricted browser lists the lesson"
keys Enter
wait_for "probe"; ok $? "Enter opens it"
keys Enter
wait_for "execute: "; ok $? "the probe cell runs"
screen | grep "execute: " | grep -q false; ok $? "os.execute is not there"
keys E; sleep 0.3
keys C-z; sleep 0.3
keys '!'; sleep 0.3
keys j e End
keys -l ' + 1'
keys Escape; sleep 0.2
keys s
sleep 0.8
grep -q "x = 1 + 1" "$COPY" 2>/dev/null; ok $? "row 10: the save went to the user's copy ($COPY)"
cmp -s "$TMPD/inst/lessons/$LNAME" "$TMPD/orig.lua"; ok $? "row 10: the lesson in the 0555 folder is unchanged"
[ "$(stat -c %a "$TMPD/inst/lessons")" = 555 ]; ok $? "row 10: the folder is still 0555"
keys q
sleep 0.3
keys q y 2>/dev/null
wait_exit >/dev/null
n_exec=$(grep -c 'execve(' "$TMPD/exec.log")
[ "$n_exec" = 1 ]; ok $? "row 8: one execve in the whole session (got $n_exec: $(grep -o 'execve("[^"]*"' "$TMPD/exec.log" | tr '\n' ' '))"
[ ! -e /tmp/nnbook-row08 ]; ok $? "row 8: the probe's file was never made"
chmod 0755 "$TMPD/inst/lessons"
rm -f "$COPY" "$COPY~"
find "$PWHOME/.local/state/nnbook" -name "nnbook-row08-$$*" -exec rm -f {} + 2>/dev/null
done_testing
