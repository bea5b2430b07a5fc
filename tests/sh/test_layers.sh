#!/bin/sh
# test_layers.sh — the layering the build relies on, checked on the sources:
# the pure-C folders (base, text, nn, plot, doc, store) include neither Lua
# nor curses headers (the compiler would find <curses.h> on its own), and
# only src/ui includes curses.  Which folder may include which other
# folder's headers is enforced by the Makefile's -I paths (USES_*).
. tests/sh/lib.sh
pure="base text nn plot doc store"
for d in $pure; do
	bad=$(grep -lE '#include *[<"](lua|lualib|lauxlib|luaconf|curses|ncurses|term)\.h' src/$d/*.c src/$d/*.h include/$d/*.h 2>/dev/null)
	check $([ -z "$bad" ]; echo $?) "src/$d includes no Lua or curses header${bad:+: $bad}"
done
bad=$(grep -lE '#include *[<"](curses|ncurses|term)\.h' src/*/*.c src/*/*.h include/*/*.h | grep -v '^src/ui/')
check $([ -z "$bad" ]; echo $?) "only src/ui includes curses${bad:+: $bad}"
bad=$(grep -lE '#include *[<"](lua|lualib|lauxlib)\.h' src/*/*.c src/*/*.h include/*/*.h | grep -vE '^(src|include)/(lua|kernel)/')
check $([ -z "$bad" ]; echo $?) "only src/lua and src/kernel include Lua${bad:+: $bad}"
done_testing
