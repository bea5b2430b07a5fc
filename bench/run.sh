#!/bin/sh
# run.sh BUILD — the benchmarks, one step after another, then the ratios.
#
# Every step prints lines "IMPL WORKLOAD time_s=T key=value ..."; nnbook's
# own (the C programs, and bench/speed.lua run as a lesson) are IMPL
# "nnbook", the reference scripts "numpy" and "torch".  At the end each
# reference time is divided by nnbook's time of the same workload, and each
# nnbook time is checked against its limit (LIMITS below): the exit status
# is 1 when one is over.  To add a benchmark, add a step and, if it has a
# hard limit, a line to LIMITS.
#
# The workloads (the README's figures come from this run):
#   xor            seed 004's training in the C core (bench_nn.c)
#   sigmoid_core   seed 001's loop as a hand-written C loop (the floor)
#   sigmoid        seed 001's loop as lesson 3 writes it, run by nnbook
#                  (bench/speed.lua); numpy and PyTorch run the same loop
#   regions_W_SIZE one frame of a 2-W-W-2 network's decision regions in a
#                  figure of SIZE, through fig:regions (bench/speed.lua);
#                  numpy and PyTorch predict the same number of points
#   dot_1000       nn.dot of two 1000 x 1000 arrays, in a lesson (speed.lua)
#   dense_W        a Dense layer W x W on 256 rows in GFLOP/s (bench_nn.c)
#   plot_*         rendering alone (bench_plot.c)
#   lesson_NN      each lesson headless (nnbook --run), best of 3, wall time
BUILD=${1:-build}
PY=/usr/bin/python3
results=$(mktemp) || exit 1
trap 'rm -f "$results"' EXIT

# workload  seconds  (the C implementation's hard limits)
LIMITS='
xor 0.15
sigmoid_core 0.010
sigmoid 0.5
plot_scatter 0.002
plot_regions 0.005
scrub_step 0.005
scrub_record_slowdown 0.10
regions_256_80x20 0.05
class_update 1.0
ui_runall_01 5
ui_runall_02 5
ui_runall_03 5
ui_runall_04 5
ui_runall_05 5
'
# workload  key=value  (fields nnbook's line must print exactly)
EXPECT='
sigmoid_core weights=11.30926129,-0.20509237,-5.45001623
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
echo "== inside a lesson (nnbook --run bench/speed.lua, kernel CPU time; $("$BUILD/bench/bench_nn" --kernels))"
"$BUILD/nnbook" --run bench/speed.lua --no-times | grep '^nnbook ' | tee -a "$results"
regions=$(awk '$1 == "nnbook" && $2 ~ /^regions_/ {
	split($2, w, "_"); n = $0; sub(/.*points=/, "", n); sub(/ .*/, "", n)
	printf "regions=%s:%s:%s ", w[2], w[3], n }' "$results")
if $PY -c 'import numpy' 2>/dev/null; then
	step "the same in numpy, and PyTorch when installed" $PY bench/ref_nn.py 0 3 $regions
else
	echo "== numpy not importable by $PY: reference timings skipped"
fi

# each lesson headless, as a user runs it: best of three, wall time
step_lessons() {
	echo "== the five lessons headless (nnbook --run), best of 3"
	total=0
	for l in lessons/0*.lua; do
		best=
		for i in 1 2 3; do
			t0=$(date +%s%N)
			"$BUILD/nnbook" --run "$l" --no-times >/dev/null || true
			t=$(( ($(date +%s%N) - t0) / 1000000 ))
			[ -z "$best" ] || [ "$t" -lt "$best" ] && best=$t
		done
		total=$((total + best))
		name=$(basename "$l" .lua | cut -c1-2)
		echo "nnbook lesson_$name time_s=$(awk "BEGIN{print $best / 1000}") file=$(basename "$l")" | tee -a "$results"
	done
	echo "nnbook lessons time_s=$(awk "BEGIN{print $total / 1000}")" | tee -a "$results"
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
step "a class of 100 students and the teacher's dashboard (bench/class.sh)" sh bench/class.sh "$BUILD"

# --- ratios and limits --------------------------------------------------------
echo "== ratios (reference time / nnbook time) and limits"
printf '%s\n%s\n' "$LIMITS" "$EXPECT" | awk -v res="$results" '
	NF == 2 && $2 ~ /=/ { expect[$1] = $2; next }
	NF == 2 { limit[$1] = $2 }
	END {
		cnt = 0
		while ((getline line < res) > 0) {
			n = split(line, f, " ")
			if (n < 3 || f[1] ~ /^#/) continue
			t = f[3]; sub(/^time_s=/, "", t)
			if (f[1] == "c") f[1] = "nnbook"   # the C programs that still say "c"
			impl[cnt] = f[1]; wl[cnt] = f[2]; tm[cnt] = t; txt[cnt] = " " line " "
			cnt++
			if (f[1] == "nnbook") c[f[2]] = t
		}
		bad = 0
		for (i = 0; i < cnt; i++) {
			w = wl[i]
			if (impl[i] != "nnbook") {
				if ((w in c) && c[w] > 0)
					printf "%-20s %-6s %.4f s = %.1fx nnbook\n", w, impl[i], tm[i], tm[i] / c[w]
				continue
			}
			if (w in limit) {
				ok = tm[i] + 0 <= limit[w] + 0
				printf "%-20s nnbook %.4f s, limit %.3f s: %s\n", w, tm[i], limit[w], ok ? "ok" : "TOO SLOW"
				if (!ok) bad = 1
			} else
				printf "%-20s nnbook %.4f s\n", w, tm[i]
			if (w in expect) {
				ok = index(txt[i], " " expect[w] " ") > 0
				printf "%-20s nnbook prints %s: %s\n", w, expect[w], ok ? "ok" : "WRONG"
				if (!ok) bad = 1
			}
		}
		exit bad
	}'
rc=$?
[ "$ui_over" = 0 ] || { echo "the screen benchmark is over a limit (see above)"; rc=1; }
exit $rc
