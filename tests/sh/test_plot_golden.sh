#!/bin/sh
# test_plot_golden.sh — transcripts of the display bindings (figures,
# tables, progress, checks) compared with golden files:
#   tests/golden/lua/NAME.lua  ->  NAME.w60.txt         (--width 60, UTF-8)
#                                  NAME.w40.ascii.txt   (--width 40 --ascii)
# both with --no-color --no-times.  NNBOOK_UPDATE_GOLDEN=1 rewrites them.
. tests/sh/lib.sh
case $NNBOOK in /*) ;; *) NNBOOK=$PWD/$NNBOOK ;; esac
dir=$PWD/tests/golden/lua
out=$tmp/out
# A script's expected exit status: figures.lua ends with a failing cell on purpose.
want_status() { case $1 in figures) echo 1 ;; *) echo 0 ;; esac; }

for lua in "$dir"/*.lua; do
	name=$(basename "$lua" .lua)
	for variant in "w60:--width 60" "w40.ascii:--width 40 --ascii"; do
		suffix=${variant%%:*}
		flags=${variant#*:}
		golden="$dir/$name.$suffix.txt"
		# run from the folder so messages name the file as a lesson would
		# shellcheck disable=SC2086
		(cd "$dir" && NO_COLOR=1 "$NNBOOK" --run "$name.lua" $flags --no-color --no-times) >"$out" 2>&1
		rc=$?
		check $([ "$rc" = "$(want_status "$name")" ]; echo $?) "$name.lua $flags exits with $(want_status "$name")"
		if [ -n "$NNBOOK_UPDATE_GOLDEN" ]; then
			cp "$out" "$golden"
		fi
		cmp -s "$out" "$golden"
		same=$?
		check $same "$name.lua $flags matches $(basename "$golden")"
		[ $same = 0 ] || diff "$golden" "$out" | sed 's/^/#   /' | head -30
	done
done
done_testing
