#!/bin/sh
# test_layers.sh — the layering the build relies on, checked on the sources:
# the pure-C folders (base, text, nn, plot, doc, store, render) include
# neither Lua nor curses headers (the compiler would find <curses.h> on its
# own), and only src/ui includes curses.  Which folder may include which
# other folder's headers is enforced by the Makefile's -I paths (USES_*).
# And the house's sizes: no folder over 16 C files, no file over 600 lines,
# no function over 80 (from its opening brace at column 0 to its closing one).
. tests/sh/lib.sh
pure="base text nn plot doc store render"
for d in $pure; do
	bad=$(grep -lE '#include *[<"](lua|lualib|lauxlib|luaconf|curses|ncurses|term)\.h' src/$d/*.c src/$d/*.h include/$d/*.h 2>/dev/null)
	check $([ -z "$bad" ]; echo $?) "src/$d includes no Lua or curses header${bad:+: $bad}"
done
bad=$(grep -lE '#include *[<"](curses|ncurses|term)\.h' src/*/*.c src/*/*.h include/*/*.h | grep -v '^src/ui/')
check $([ -z "$bad" ]; echo $?) "only src/ui includes curses${bad:+: $bad}"
bad=$(grep -lE '#include *[<"](lua|lualib|lauxlib)\.h' src/*/*.c src/*/*.h include/*/*.h | grep -vE '^(src|include)/(lua|kernel)/')
check $([ -z "$bad" ]; echo $?) "only src/lua and src/kernel include Lua${bad:+: $bad}"
for d in src/*/; do
	files=$(ls "$d"*.c 2>/dev/null | wc -l)
	check $([ "$files" -le 16 ]; echo $?) "$d holds $files C files (at most 16)"
done
big=$(wc -l src/*/*.[ch] include/*/*.h | awk '$2 != "total" && $1 > 600 { print $2 " (" $1 ")" }')
check $([ -z "$big" ]; echo $?) "no source file over 600 lines${big:+: $big}"
long=$(awk 'FNR == 1 { open = 0 }
	/^\{$/ { open = 1; start = FNR; next }
	open && /^\}/ { if (FNR - start + 1 > 80) print FILENAME ":" start " (" FNR - start + 1 ")"; open = 0 }' \
	src/*/*.c)
check $([ -z "$long" ]; echo $?) "no function over 80 lines${long:+: $long}"
done_testing
