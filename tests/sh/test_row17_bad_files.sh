#!/bin/sh
# Reliability row 17: bad lesson files — missing, empty, binary, 50 MB, no
# cells, an unterminated header, invalid UTF-8, a directory: a clear
# message naming the file, exit status 2, never a crash.
. tests/sh/lib.sh
: >"$tmp/empty.lua"
printf 'print(1)\000\001\002' >"$tmp/binary.lua"
head -c 52428800 /dev/zero | tr '\0' 'x' >"$tmp/huge.lua"
printf -- '-- ---\n-- title: x\n-- ---\n\n\n' >"$tmp/nocells.lua"
printf -- '-- ---\n-- title: never closed\nprint(1)\n' >"$tmp/header.lua"
printf -- '-- %%%%\nprint("ok")\nprint("\377\376")\n' >"$tmp/utf8.lua"
mkdir "$tmp/dir.lua"
try() { # file, expected words, name
	"$NNBOOK" --run "$1" >"$tmp/out" 2>&1
	rc=$?
	[ $rc = 2 ]; check $? "$3: exit status 2 (got $rc)"
	grep -qi "$2" "$tmp/out"; check $? "$3: says '$2': $(head -c 120 "$tmp/out")"
	grep -q "$(basename "$1")" "$tmp/out"; check $? "$3: names the file"
}
try "$tmp/missing.lua" "no such file" missing
try "$tmp/empty.lua" "empty" empty
try "$tmp/binary.lua" "binary\|NUL" binary
try "$tmp/huge.lua" "too large\|too big" "50 MB"
try "$tmp/nocells.lua" "no cells" "no cells"
try "$tmp/header.lua" "header" "unterminated header"
try "$tmp/utf8.lua" "UTF-8" "invalid UTF-8"
grep -q "utf8.lua:3" "$tmp/out"; check $? "invalid UTF-8: names line 3"
try "$tmp/dir.lua" "directory" directory
done_testing
