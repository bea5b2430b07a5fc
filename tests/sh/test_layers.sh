#!/bin/sh
# test_layers.sh — the layering the build relies on, checked on the sources:
# the pure-C folders (base, text, nn, plot, doc, store, render) include
# neither Lua nor curses headers (the compiler would find <curses.h> on its
# own), and only src/ui includes curses; cmark, libseccomp and jansson stay
# in the one folder each that uses them (render, kernel, ipynb).  Which folder may include which
# other folder's headers is enforced by the Makefile's -I paths (USES_*).
# And the house's sizes: no folder over 16 C files, no file over 600 lines,
# no function over 80 (tests/sh/funclen.awk).  Headers are found through
# the -I lists only: no include names a path.
. tests/sh/lib.sh
pure="base text nn plot doc store render"
# a system header may be named through its package's folder: <lua5.4/lua.h>
sys='#include *[<"]([A-Za-z0-9_.+-]+/)*'
all="src/*/*.c src/*/*.h include/*/*.h"
for d in $pure; do
	bad=$(grep -lE "$sys(lua|lualib|lauxlib|luaconf|curses|ncurses|term)\.h" src/$d/*.c src/$d/*.h include/$d/*.h 2>/dev/null)
	check $([ -z "$bad" ]; echo $?) "src/$d includes no Lua or curses header${bad:+: $bad}"
done
bad=$(grep -lE "$sys(curses|ncurses|term)\.h[>\"]" $all | grep -v '^src/ui/')
check $([ -z "$bad" ]; echo $?) "only src/ui includes curses${bad:+: $bad}"
bad=$(grep -lE "$sys(lua|lualib|lauxlib|luaconf)\.h" $all | grep -vE '^(src|include)/(lua|kernel)/')
check $([ -z "$bad" ]; echo $?) "only src/lua and src/kernel include Lua${bad:+: $bad}"
bad=$(grep -lE "$sys(cmark|cmark_export|cmark_version)\.h" $all | grep -v '^src/render/')
check $([ -z "$bad" ]; echo $?) "only src/render includes cmark${bad:+: $bad}"
bad=$(grep -lE "${sys}seccomp\.h" $all | grep -v '^src/kernel/')
check $([ -z "$bad" ]; echo $?) "only src/kernel includes libseccomp${bad:+: $bad}"
bad=$(grep -lE "${sys}jansson(_config)?\.h" $all | grep -v '^src/ipynb/')
check $([ -z "$bad" ]; echo $?) "only src/ipynb includes jansson${bad:+: $bad}"
# the -I lists are the boundaries; a path around them is not allowed
bad=$(grep -nE '#include *["<](\.|/)|#include *"[^"]*/' $all)
check $([ -z "$bad" ]; echo $?) "no include by a path (\"../x.h\", \"dir/x.h\", \"/abs\")${bad:+: $bad}"
for d in src/*/; do
	files=$(ls "$d"*.c 2>/dev/null | wc -l)
	check $([ "$files" -le 16 ]; echo $?) "$d holds $files C files (at most 16)"
done
big=$(wc -l src/*/*.[ch] include/*/*.h | awk '$2 != "total" && $1 > 600 { print $2 " (" $1 ")" }')
check $([ -z "$big" ]; echo $?) "no source file over 600 lines${big:+: $big}"
long=$(awk -f tests/sh/funclen.awk src/*/*.c)
check $([ -z "$long" ]; echo $?) "no function over 80 lines, whatever the brace style${long:+: $long}"
# the checks above must see what they look for
printf '#include <lua5.4/lua.h>\n#include "../../include/kernel/klink.h"\nint f(void) {\n%s}\n' \
	"$(yes '	g();' | head -90)" >"$tmp/bad.c"
grep -qE "$sys(lua|lualib|lauxlib|luaconf)\.h" "$tmp/bad.c" && grep -qE '#include *"[^"]*/' "$tmp/bad.c" \
	&& [ -n "$(awk -f tests/sh/funclen.awk "$tmp/bad.c")" ]
check $? "the checks catch <lua5.4/lua.h>, a relative include and a 92-line function"
done_testing
