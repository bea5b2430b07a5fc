#!/bin/sh
# run.sh BUILD — the benchmarks, one step after another, then the ratios.
#
# Every step prints lines "IMPL WORKLOAD time_s=T key=value ..."; the C
# programs are IMPL "c", the reference scripts "numpy" and "torch".  At the
# end each reference time is divided by the C time of the same workload,
# and each C time is checked against its limit (LIMITS below): the exit
# status is 1 when one is over.  To add a benchmark, add a step and, if it
# has a hard limit, a line to LIMITS.
BUILD=${1:-build}
PY=/usr/bin/python3
results=$(mktemp) || exit 1
trap 'rm -f "$results"' EXIT

# workload  seconds  (the C implementation's hard limits)
LIMITS='
xor 0.15
sigmoid 0.010
plot_scatter 0.002
plot_regions 0.005
scrub_step 0.005
scrub_record_slowdown 0.10
ui_runall_01 5
ui_runall_02 5
ui_runall_03 5
ui_runall_04 5
ui_runall_05 5
'
# workload  key=value  (fields the C line must print exactly)
EXPECT='
sigmoid weights=11.30926129,-0.20509237,-5.45001623
'

step() { # title, command...
	title=$1; shift
	echo "== $title"
	"$@" | tee -a "$results"
}

# --- steps ------------------------------------------------------------------
step "network core (C)" "$BUILD/bench/bench_nn"
step "plots (C)" "$BUILD/bench/bench_plot"
if $PY -c 'import numpy' 2>/dev/null; then
	step "network core (numpy, PyTorch when installed)" $PY bench/ref_nn.py
else
	echo "== numpy not importable by $PY: reference timings skipped"
fi

# the five lessons headless, as a user runs them: best of three
step_lessons() {
	echo "== the five lessons headless (nnbook --run), best of 3"
	best=
	for i in 1 2 3; do
		t0=$(date +%s%N)
		for l in lessons/0*.lua; do "$BUILD/nnbook" --run "$l" --no-times >/dev/null || true; done
		t=$(( ($(date +%s%N) - t0) / 1000000 ))
		[ -z "$best" ] || [ "$t" -lt "$best" ] && best=$t
	done
	echo "c lessons time_s=$(awk "BEGIN{print $best / 1000}")" | tee -a "$results"
}
step_lessons

# stepping back through frames: one step's redraw at 80x24 on lesson 5's
# training cell, and what recording the frames costs that cell at top
# speed (time_s is (with - without) / without there)
step "stepping back through frames (lesson 5, 80x24)" sh -c \
	"NNBOOK_BENCH=1 $BUILD/tests/ui/test_scrub | grep '^c '"
# R (run all) of each lesson in the notebook, from the key to idle: full
# speed, the animations not played (p would play them)
step "run all in the notebook (80x24, best of 3)" "$BUILD/bench/ui_runall" lessons/0*.lua

step_ui() { # the screen: its own limits, checked by bench/ui.sh
	echo "== the notebook screen (80x24)"
	sh bench/ui.sh "$BUILD" || ui_over=1
}
ui_over=0
step_ui

# --- ratios and limits --------------------------------------------------------
echo "== ratios (reference time / C time) and limits"
printf '%s\n%s\n' "$LIMITS" "$EXPECT" | awk -v res="$results" '
	NF == 2 && $2 ~ /=/ { expect[$1] = $2; next }
	NF == 2 { limit[$1] = $2 }
	END {
		cnt = 0
		while ((getline line < res) > 0) {
			n = split(line, f, " ")
			if (n < 3 || f[1] ~ /^#/) continue
			t = f[3]; sub(/^time_s=/, "", t)
			impl[cnt] = f[1]; wl[cnt] = f[2]; tm[cnt] = t; txt[cnt] = " " line " "
			cnt++
			if (f[1] == "c") c[f[2]] = t
		}
		bad = 0
		for (i = 0; i < cnt; i++) {
			w = wl[i]
			if (impl[i] != "c") {
				if ((w in c) && c[w] > 0)
					printf "%-8s %-6s %.4f s = %.1fx the C time\n", w, impl[i], tm[i], tm[i] / c[w]
				continue
			}
			if (w in limit) {
				ok = tm[i] + 0 <= limit[w] + 0
				printf "%-8s C %.4f s, limit %.3f s: %s\n", w, tm[i], limit[w], ok ? "ok" : "TOO SLOW"
				if (!ok) bad = 1
			} else
				printf "%-8s C %.4f s\n", w, tm[i]
			if (w in expect) {
				ok = index(txt[i], " " expect[w] " ") > 0
				printf "%-8s C prints %s: %s\n", w, expect[w], ok ? "ok" : "WRONG"
				if (!ok) bad = 1
			}
		}
		exit bad
	}'
rc=$?
[ "$ui_over" = 0 ] || { echo "the screen benchmark is over a limit (see above)"; rc=1; }
exit $rc
