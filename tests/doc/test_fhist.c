/*
** test_fhist.c — the frame history: a cell's outputs recorded at each
** frame, shown again as they were (step back and forth), shared where
** nothing changed, thinned evenly under its cap (never the newest), and
** charged to the memory budget.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fhist.h"
#include "mem.h"
#include "plot.h"
#include "progress.h"
#include "table.h"
#include "tap.h"

#define NPTS 500

/* A training cell's outputs: a figure (a scatter and a moving line), a table, progress, text. */
typedef struct cell {
	blocklist bl;
	plot_fig *fig;
	plot_id line;
	tbl *t;
	progress *p;
} cell;

static void cell_init(cell *c)
{
	static double x[NPTS], y[NPTS];
	memset(c, 0, sizeof *c);
	for (int i = 0; i < NPTS; i++) {
		x[i] = (i * 37 % 101) / 50.0 - 1;
		y[i] = (i * 53 % 103) / 51.0 - 1;
	}
	c->fig = plot_fig_new();
	plot_scatter(c->fig, x, y, NULL, NPTS, NULL, NULL);
	plot_boundary(c->fig, 1, 1, 0, NULL, &c->line);
	const char *names[] = {"epoch", "loss"}, *fmts[] = {"%d", "%.4f"};
	tbl_new(names, fmts, 2, &c->t);
	c->p = progress_new(0);
	blocklist_text(&c->bl, "training starts\n", 16);
	plot_fig_ref(c->fig);
	blocklist_add_obj(&c->bl, BLOCK_FIGURE, c->fig);
	tbl_ref(c->t);
	blocklist_add_obj(&c->bl, BLOCK_TABLE, c->t);
	progress_ref(c->p);
	blocklist_add_obj(&c->bl, BLOCK_PROGRESS, c->p);
}

/* What epoch e of the cell does: the line moves, a row, the progress, a printed line. */
static void cell_epoch(cell *c, int e)
{
	char s[64];
	plot_set_boundary(c->fig, c->line, 1, 0.1 * e, -0.05 * e);
	tbl_value v[2] = {{TBL_INT, e, NULL}, {TBL_NUM, 1.0 / e, NULL}};
	tbl_add(c->t, v, 2);
	progress_set_epoch(c->p, (size_t)e, 0);
	int n = snprintf(s, sizeof s, "epoch %d\n", e);
	blocklist_text(&c->bl, s, (size_t)n);
}

static void cell_free(cell *c)
{
	blocklist_clear(&c->bl);
	plot_fig_unref(c->fig);
	tbl_unref(c->t);
	progress_unref(c->p);
}

/* Returns the encoding of an object (figure or progress) as a malloc'd strbuf's text. */
static strbuf encoding(const block *b)
{
	strbuf sb = STRBUF_INIT;
	unsigned long cursor = 0;
	b->ops->encode(b->obj, &cursor, &sb);
	return sb;
}

static int same(const strbuf *a, const strbuf *b)
{
	return a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
}

/* Records 30 epochs; checks frame 20 shows exactly what the cell showed at epoch 20. */
static void test_record_and_step(void)
{
	cell c;
	cell_init(&c);
	fhist *h = fhist_new(FHIST_CAP);
	strbuf fig20 = STRBUF_INIT, prog20 = STRBUF_INIT, text20 = STRBUF_INIT;
	for (int e = 1; e <= 30; e++) {
		cell_epoch(&c, e);
		if (e == 20) {
			fig20 = encoding(c.bl.items[1]);
			prog20 = encoding(c.bl.items[3]);
			sb_addn(&text20, c.bl.items[4]->text.s, c.bl.items[4]->text.len);
		}
		ok(fhist_record(h, &c.bl, (uint64_t)e) == FHIST_OK, "record frame %d", e);
	}
	ok(fhist_count(h) == 30, "30 frames kept (%zu)", fhist_count(h));
	ok(fhist_frame(h, 0) == 1 && fhist_frame(h, 29) == 30, "numbered 1..30");
	ok(fhist_find(h, 20) == 19 && fhist_find(h, 1000) == 29 && fhist_find(h, 0) == 0, "find by frame");

	blocklist out = BLOCKLIST_INIT;
	ok(fhist_show(h, fhist_find(h, 20), &c.bl, &out) == FHIST_OK, "show frame 20");
	ok(out.n == 5, "five blocks (%zu)", out.n);
	if (out.n == 5) {
		strbuf f = encoding(out.items[1]), p = encoding(out.items[3]);
		ok(same(&f, &fig20), "the figure as it was at frame 20");
		ok(same(&p, &prog20), "the progress line as it was");
		ok(tbl_nrows(out.items[2]->obj) == 20, "the table has 20 rows (%zu)", tbl_nrows(out.items[2]->obj));
		is_str(tbl_cell(out.items[2]->obj, 19, 0), "20", "its newest row is epoch 20");
		ok(out.items[4]->text.len == text20.len && !memcmp(out.items[4]->text.s, text20.s, text20.len),
		   "the printed text stops at epoch 20");
		is_str(out.items[0]->text.s, "training starts\n", "earlier text is whole");
		sb_free(&f);
		sb_free(&p);
	}
	ok(tbl_nrows(c.t) == 30, "the live table is untouched");
	int good = 1;
	for (int i = 29; i >= 0; i--) {   /* step back, then forth */
		fhist_show(h, (size_t)i, &c.bl, &out);
		good &= out.n == 5 && tbl_nrows(out.items[2]->obj) == (size_t)i + 1;
	}
	for (int i = 0; i < 30; i += 10) {
		fhist_show(h, (size_t)i, &c.bl, &out);
		good &= out.n == 5 && tbl_nrows(out.items[2]->obj) == (size_t)i + 1;
	}
	ok(good, "every frame shows its epoch's rows, stepping back and forth");

	/* recording the same frame again replaces it (the cell's end after its last frame) */
	cell_epoch(&c, 31);
	fhist_record(h, &c.bl, 30);
	fhist_show(h, fhist_count(h) - 1, &c.bl, &out);
	ok(fhist_count(h) == 30 && out.n == 5 && tbl_nrows(out.items[2]->obj) == 31,
	   "frame 30 recorded again shows the end");

	blocklist_clear(&out);
	sb_free(&fig20);
	sb_free(&prog20);
	sb_free(&text20);
	fhist_free(h);
	cell_free(&c);
}

/* The scatter that never changes is kept once; only the moving line costs per frame. */
static void test_shared(void)
{
	cell c;
	cell_init(&c);
	strbuf whole = encoding(c.bl.items[1]);
	fhist *h = fhist_new(FHIST_CAP);
	for (int e = 1; e <= 100; e++) {
		cell_epoch(&c, e);
		fhist_record(h, &c.bl, (uint64_t)e);
	}
	size_t per = (fhist_bytes(h) - whole.len) / 100;
	ok(fhist_bytes(h) < whole.len + 100 * 400,
	   "100 frames of a %zu-byte figure keep %zu bytes (%zu a frame)", whole.len, fhist_bytes(h), per);
	sb_free(&whole);
	fhist_free(h);
	cell_free(&c);
}

/* Over the cap, records go evenly and the newest stays. */
static void test_thinning(void)
{
	cell c;
	cell_init(&c);
	strbuf whole = encoding(c.bl.items[1]);
	size_t cap = whole.len + 6000;
	fhist *h = fhist_new(cap);
	int under = 1;
	for (int e = 1; e <= 301; e++) {
		cell_epoch(&c, e);
		fhist_record(h, &c.bl, (uint64_t)e);
		under &= fhist_bytes(h) <= cap;
	}
	size_t n = fhist_count(h);
	ok(under, "always under the cap of %zu bytes", cap);
	ok(fhist_thinned(h) > 0 && n > 4 && n < 301, "thinned: %zu kept, %zu let go", n, fhist_thinned(h));
	ok(fhist_frame(h, n - 1) == 301, "the newest frame is kept (%llu)", (unsigned long long)fhist_frame(h, n - 1));
	uint64_t step = fhist_frame(h, 1) - fhist_frame(h, 0);
	int even = step > 1;
	for (size_t i = 1; i + 1 < n; i++)
		even &= fhist_frame(h, i) - fhist_frame(h, i - 1) == step;
	ok(even, "the others are evenly spaced, every %llu frames", (unsigned long long)step);
	blocklist out = BLOCKLIST_INIT;
	fhist_show(h, n - 2, &c.bl, &out);
	ok(out.n == 5 && tbl_nrows(out.items[2]->obj) == fhist_frame(h, n - 2), "a thinned history still shows its frames");
	blocklist_clear(&out);
	sb_free(&whole);
	fhist_free(h);
	cell_free(&c);
}

/* The history is charged to the budget, gives it all back, and stops cleanly at its edge. */
static void test_budget(void)
{
	ok(fhist_cap_for(0) == FHIST_CAP && fhist_cap_for((size_t)256 << 20) == FHIST_CAP &&
	   fhist_cap_for((size_t)32 << 20) == (size_t)1 << 20, "the cap: 8 MiB, a 32nd of a small budget");
	cell c;
	cell_init(&c);
	size_t before = mem_used();
	fhist *h = fhist_new(FHIST_CAP);
	for (int e = 1; e <= 20; e++) {
		cell_epoch(&c, e);
		fhist_record(h, &c.bl, (uint64_t)e);
	}
	size_t during = mem_used();
	ok(during >= before + fhist_bytes(h) && fhist_bytes(h) > 0, "charged: %zu bytes more for %zu kept",
	   during - before, fhist_bytes(h));
	size_t kept = fhist_count(h);
	mem_set_limit(mem_used() + 64);
	int rc = FHIST_OK;
	for (int e = 21; e <= 25 && rc == FHIST_OK; e++) {
		cell_epoch(&c, e);
		rc = fhist_record(h, &c.bl, (uint64_t)e);
	}
	mem_set_limit(0);
	ok(rc == FHIST_ENOMEM && fhist_count(h) <= kept + 5, "at the budget's edge recording says so");
	fhist_free(h);
	size_t rows_mem = mem_used();
	cell_free(&c);
	ok(rows_mem - before < during - before, "freeing the history gives its bytes back");
	ok(mem_used() <= before, "nothing is left charged (%zu, %zu before)", mem_used(), before);
}

int main(void)
{
	test_record_and_step();
	test_shared();
	test_thinning();
	test_budget();
	return tap_done();
}
