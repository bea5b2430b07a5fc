/*
** test_pacing.c — when frame() waits, seen from the notebook: only when
** the running cell is on screen, in play mode, and the frame changed
** something visible.  R runs at full speed (p plays), lesson 4's "every
** loss, compared" and a quiet fit take no pacing, an off-screen cell
** runs at full speed, and a visible animation is still paced.  The time
** limits are generous: the machine may be shared.
*/
#include "screen_harness.h"

#define F "tests/ui/fixtures"
#define L4 "lessons/04-linear-classifier.lua"

/* Presses r (run, go on) until the status bar says "cell n/"; 1 when it does. */
static int run_to(app *a, int n)
{
	char want[32];
	snprintf(want, sizeof want, "cell %d/", n);
	for (int k = 0; k < 60 && !strstr(h_row(a, -2), want); k++) {
		h_keys(a, "r");
		if (!h_settle(a))
			return 0;
	}
	return strstr(h_row(a, -2), want) != NULL;
}

/* Lesson 4: R runs every cell at full speed; "every loss, compared" alone, on screen, in play mode. */
static void lesson4(void)
{
	app *a = h_open(24, 80, L4);
	if (!a)
		return;
	double t0 = h_clock();
	h_keys(a, "R");
	int idle = h_settle(a);
	double all = h_clock() - t0;
	printf("# lesson 4, R: %.2f s\n", all);
	h_ok(a, idle && all < 10, "R runs lesson 4 to its end at full speed (%.2f s)", all);
	h_ok(a, h_has(a, "idle") && h_has(a, "done #.##s"), "and shows the final state");
	h_keys(a, "g j j");
	if (!h_ok(a, run_to(a, 19), "the cells before \"every loss, compared\" ran")) {
		app_free(a);
		return;
	}
	t0 = h_clock();
	h_keys(a, "Enter");
	idle = h_settle(a);
	double one = h_clock() - t0;
	printf("# every loss, compared: %.2f s\n", one);
	h_ok(a, idle && one < 2,
	     "\"every loss, compared\" in play mode on screen finishes in under 2 s (%.2f s)", one);
	app_free(a);
}

/* The number after `label` on screen, or -1. */
static long number_after(app *a, const char *label)
{
	const char *s = strstr(h_screen(a), label);
	return s ? strtol(s + strlen(label), NULL, 10) : -1;
}

/* Lets the app work for the seconds given. */
static void idle_for(app *a, double seconds)
{
	double end = h_clock() + seconds;
	while (h_clock() < end)
		app_turn(a, 10);
}

/*
** A cell that adds a table row each frame: off the screen it runs at full
** speed; under R too, until p plays its frames.
*/
static void off_screen(void)
{
	app *a = h_open(24, 80, F "/pacing.lua");
	if (!a)
		return;
	double t0 = h_clock();
	h_keys(a, "j Enter g");
	h_ok(a, !h_has(a, "Ticks"), "the running cell is off the screen");
	int idle = h_settle(a);
	double took = h_clock() - t0;
	printf("# 3000 frames off the screen: %.2f s\n", took);
	h_ok(a, idle && took < 8, "3000 frames of a cell off the screen are not paced (%.2f s)", took);
	h_keys(a, "j");
	h_ok(a, h_has(a, "ticks done") && h_has(a, "\xe2\x96\x8c 3000\n"), "and the cell did all its frames");
	h_keys(a, "R");
	h_ok(a, h_wait(a, "Many ticks", 10) && h_wait(a, "running all, frame", 10),
	     "R: the status bar says it runs all");
	long f0 = number_after(a, "running all, frame ");
	idle_for(a, 0.3);
	long f1 = number_after(a, "running all, frame ");
	h_ok(a, f1 - f0 > 30, "R runs the visible frames at full speed (%ld frames in 0.3 s)", f1 - f0);
	h_keys(a, "p");
	h_ok(a, h_wait(a, "playing, frame", 5), "p plays the frames of a run-all");
	f0 = number_after(a, "playing, frame ");
	idle_for(a, 1);
	f1 = number_after(a, "playing, frame ");
	h_ok(a, f1 - f0 >= 3 && f1 - f0 <= 20, "at 10 fps (%ld frames in 1 s)", f1 - f0);
	h_keys(a, "C-c");
	h_settle(a);
	app_free(a);
}

/* A fit with verbose = 0 shows nothing per epoch: it runs at full speed, on screen, in play mode. */
static void quiet_fit(void)
{
	h_write(h_path("quiet_fit.lua"),
	        "-- %% quiet fit\n"
	        "nn.random.seed(1)\n"
	        "X = nn.random.randn(64, 2)\n"
	        "m = nn.Sequential{nn.Dense(1, {activation = \"linear\", input_dim = 2})}\n"
	        "m:compile{loss = \"mean_squared_error\"}\n"
	        "h = m:fit(X, X:col(1), {epochs = 1000, verbose = 0})\n"
	        "print(\"epochs: \" .. #h.loss)\n");
	app *a = h_open(24, 80, h_path("quiet_fit.lua"));
	if (!a)
		return;
	double t0 = h_clock();
	h_keys(a, "Enter");
	int done = h_wait(a, "epochs: 1000", 20);
	double took = h_clock() - t0;
	printf("# a quiet fit of 1000 epochs: %.2f s\n", took);
	h_ok(a, done && took < 5, "a verbose = 0 fit of 1000 epochs is not paced (%.2f s)", took);
	app_free(a);
}

/*
** A frame that takes long shows its outputs before its frame() comes: the
** header and the status bar count that frame already ("frame 2" beside
** "epoch 2", not the frame before).  Once the cell has ended, the message
** of p ("Playing: p pauses...") goes: it no longer applies.
*/
static void long_frames(void)
{
	h_write(h_path("long_frames.lua"),
	        "-- %% long frames\n"
	        "for e = 1, 3 do\n"
	        "  print(\"epoch \" .. e)\n"
	        "  local t = os.clock()\n"
	        "  while os.clock() - t < 0.4 do end\n"
	        "  frame()\n"
	        "end\n"
	        "print(\"all done\")\n");
	app *a = h_open(24, 80, h_path("long_frames.lua"));
	if (!a)
		return;
	h_keys(a, "Enter");
	int seen = h_wait(a, "epoch 2", 10);
	h_ok(a, seen && h_has(a, "running, frame 2") && strstr(h_row(a, -2), "playing, frame 2"),
	     "while epoch 2 is on screen, the header and the status say frame 2");
	h_keys(a, "p p");
	h_ok(a, strstr(h_row(a, -1), "Playing: p pauses"), "p p: playing again, says the message");
	h_ok(a, h_wait(a, "all done", 10), "the cell ends");
	h_settle(a);
	h_ok(a, !strstr(h_row(a, -1), "Playing:"), "once it has ended, the message of p is gone");
	app_free(a);
}

int main(void)
{
	h_setup();
	lesson4();
	off_screen();
	quiet_fit();
	long_frames();
	return tap_done();
}
