/*
** test_progress.c — the Keras progress line.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "golden.h"
#include "mem.h"
#include "progress.h"
#include "tap.h"

static char *render(const progress *p, size_t w, int utf8, int color, int times)
{
	st_text t = ST_TEXT_INIT;
	progress_render(p, w, utf8, color, times, &t);
	strbuf sb = STRBUF_INIT;
	st_text_utf8(&sb, &t, 0);
	st_free(&t);
	return sb_take(&sb);
}

static int fits(const char *s, size_t w)
{
	while (*s) {
		size_t cols = 0;
		for (; *s && *s != '\n'; s++)
			cols += (*s & 0xC0) != 0x80;
		if (cols > w)
			return 0;
		if (*s)
			s++;
	}
	return 1;
}

static void value(double v, const char *want)
{
	strbuf sb = STRBUF_INIT;
	progress_format_value(&sb, v);
	is_str(sb_str(&sb), want, "value %g prints as %s", v, want);
	sb_free(&sb);
}

static void test_values(void)
{
	value(2.95304, "2.9530");
	value(-0.5, "-0.5000");
	value(0.0011, "0.0011");
	value(1e-3, "1.0000e-03");
	value(-4.567e-4, "-4.5670e-04");
	value(0, "0.0000e+00");
	value(12345.678, "12345.6780");
	value(NAN, "nan");
	value(-INFINITY, "-inf");
}

static void test_lines(void)
{
	size_t base = mem_used();
	progress *p = progress_new(100);
	ok(p != NULL, "progress_new");
	unsigned long v = progress_version(p);
	progress_set_epoch(p, 1, 100);
	progress_set_step(p, 57, 57, 0.114);
	ok(progress_set_metric(p, "loss", 2.95304) == PROGRESS_OK, "metric loss");
	ok(progress_set_metric(p, "val_loss", 2.855) == PROGRESS_OK, "metric val_loss");
	ok(progress_version(p) > v, "changes bump the version");
	char *s = render(p, 120, 1, 0, 1);
	is_str(s, "Epoch 1/100\n57/57 [==============================] - 0s 2ms/step - loss: 2.9530 - val_loss: 2.8550\n",
	       "the notebook's line, exactly");
	free(s);
	s = render(p, 120, 1, 0, 0);
	is_str(s, "Epoch 1/100\n57/57 [==============================] - loss: 2.9530 - val_loss: 2.8550\n",
	       "without timings");
	free(s);
	s = render(p, 80, 1, 0, 1);
	ok(fits(s, 80) && strstr(s, "val_loss: 2.8550") && !strstr(s, "\n  -"), "at 80 columns the bar shrinks to fit one line");
	free(s);
	s = render(p, 40, 1, 0, 1);
	ok(fits(s, 40) && strstr(s, "\n  - loss: 2.9530 - val_loss: 2.8550\n"), "at 40 columns the metrics wrap");
	free(s);
	for (size_t w = 1; w < 24; w++) {
		s = render(p, w, 1, 1, 1);
		if (!fits(s, w))
			break;
		free(s);
		s = NULL;
	}
	ok(s == NULL, "widths 1..23 never overflow");
	free(s);

	progress_set_metric(p, "loss", 0.0004567);
	progress_set_step(p, 23, 57, 0.05);
	s = render(p, 120, 1, 0, 1);
	is_str(s, "Epoch 1/100\n23/57 [===========>..................] - ETA: 0s - loss: 4.5670e-04 - val_loss: 2.8550\n",
	       "mid-epoch: an arrow and an ETA; small values in %%.4e");
	free(s);
	progress_set_step(p, 1, 57, 2.2);
	s = render(p, 120, 1, 0, 1);
	ok(strstr(s, "[..............................] - ETA: 2:03") != NULL, "ETA in m:ss past a minute");
	free(s);
	progress_set_step(p, 1, 57, 100);
	s = render(p, 120, 1, 0, 1);
	ok(strstr(s, "ETA: 1:33:20") != NULL, "ETA in h:mm:ss past an hour");
	free(s);
	progress_set_epoch(p, 3, 0);
	progress_set_step(p, 5, 100, 1e-3);
	progress_clear_metrics(p);
	s = render(p, 120, 1, 0, 1);
	ok(strncmp(s, "Epoch 3\n  5/100 [>.", 19) == 0, "unknown epochs; counts padded as Keras pads them");
	free(s);
	progress_set_step(p, 100, 100, 1e-3);
	s = render(p, 120, 1, 0, 1);
	ok(strstr(s, "] - 0s 10us/step\n") != NULL, "microseconds per step");
	free(s);
	progress_set_step(p, 100, 100, 250);
	s = render(p, 120, 1, 0, 1);
	ok(strstr(s, "] - 250s 2s/step\n") != NULL, "seconds per step");
	free(s);
	progress_set_step(p, 0, 0, 0);
	s = render(p, 120, 1, 0, 1);
	is_str(s, "Epoch 3\n", "no steps: the epoch line only");
	free(s);
	progress_set_epoch(p, 0, 0);
	s = render(p, 120, 1, 0, 1);
	is_str(s, "", "nothing yet: nothing drawn");
	free(s);

	char name[16];
	int all = 1;
	for (int i = 0; i < PROGRESS_MAX_METRICS; i++) {
		snprintf(name, sizeof name, "m%d", i);
		all &= progress_set_metric(p, name, i) == PROGRESS_OK;
	}
	ok(all, "%d metrics", PROGRESS_MAX_METRICS);
	ok(progress_set_metric(p, "one more", 1) == PROGRESS_EARG, "one too many: PROGRESS_EARG");
	ok(progress_set_metric(p, "m3", 7) == PROGRESS_OK, "an existing metric can still change");
	ok(progress_set_metric(p, "", 1) == PROGRESS_EARG && progress_set_metric(p, NULL, 1) == PROGRESS_EARG,
	   "empty names refused");
	progress_ref(p);
	progress_unref(p);
	progress_unref(p);
	progress_unref(NULL);
	ok(mem_used() == base, "everything charged is given back");
	mem_set_limit(base + 8);
	ok(progress_new(10) == NULL, "over budget: NULL");
	mem_set_limit(0);
}

static void goldens(void)
{
	static const size_t widths[3] = {80, 40, 120};
	progress *p = progress_new(100);
	progress_set_epoch(p, 3, 100);
	progress_set_metric(p, "loss", 2.6083);
	progress_set_metric(p, "val_loss", 2.5132);
	for (int wi = 0; wi < 3; wi++)
		for (int u = 0; u < 2; u++)
			for (int color = 0; color < 2; color++) {
				st_text t = ST_TEXT_INIT;
				progress_set_step(p, 57, 57, 0.0298);
				progress_render(p, widths[wi], u, color, 1, &t);
				progress_set_step(p, 40, 57, 0.021);
				progress_render(p, widths[wi], u, color, 1, &t);
				char base[64];
				snprintf(base, sizeof base, "progress_w%zu_%s%s", widths[wi], u ? "utf8" : "ascii",
				         color ? "_color" : "");
				golden_text("plot", base, &t, color);
				st_free(&t);
			}
	progress_unref(p);
}

int main(void)
{
	test_values();
	test_lines();
	goldens();
	return tap_done();
}
