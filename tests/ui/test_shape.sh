#!/bin/sh
# test_shape.sh — the shape of src/ui, checked on the sources: only the
# terminal (term.c) includes curses; no file over 600 lines, no function
# over 80, no more than 16 C files; arrays grow through vec_grow (no
# realloc of our own); the app finds a screen by its ops, never by a
# switch over which screen it is.
. tests/sh/lib.sh
U=src/ui
bad=$(grep -lE '#include *[<"]([A-Za-z0-9_.+-]+/)*(curses|ncurses)\.h|#include *<([A-Za-z0-9_.+-]+/)*term\.h>' $U/*.c $U/*.h include/ui/*.h | grep -v "^$U/term.c$")
check $([ -z "$bad" ]; echo $?) "only src/ui/term.c includes curses${bad:+: $bad}"
bad=$(grep -nE '\bKEY_[A-Z]' $U/*.c $U/*.h include/ui/*.h | grep -v "^$U/term.c:")
check $([ -z "$bad" ]; echo $?) "curses' KEY_* names only in term.c${bad:+: $bad}"
bad=$(wc -l $U/*.c $U/*.h include/ui/*.h | awk '$2 != "total" && $1 > 600 {print $2 " (" $1 ")"}')
check $([ -z "$bad" ]; echo $?) "no file of the interface over 600 lines${bad:+: $bad}"
bad=$(awk -f tests/sh/funclen.awk $U/*.c)
check $([ -z "$bad" ]; echo $?) "no function of the interface over 80 lines${bad:+: $bad}"
nc=$(ls $U/*.c | wc -l)
check $([ "$nc" -le 16 ]; echo $?) "src/ui has $nc C files (at most 16)"
bad=$(grep -nE '\brealloc *\(|cap \* 2|cap\*2' $U/*.c)
check $([ -z "$bad" ]; echo $?) "arrays in src/ui grow with vec_grow${bad:+: $bad}"
bad=$(grep -nE 'switch *\([^)]*screen' $U/*.c)
check $([ -z "$bad" ]; echo $?) "no switch over the screen${bad:+: $bad}"
done_testing
