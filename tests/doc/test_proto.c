/*
** test_proto.c — the kernel protocol: what the kernel's outbox sends, the
** front end's mirror rebuilds exactly (drawn the same at any size), sends
** only what changed, and refuses what breaks the rules.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diagram.h"
#include "mem.h"
#include "plot.h"
#include "progress.h"
#include "proto.h"
#include "table.h"
#include "tap.h"
#include "wire.h"

/* The kernel's side and the front end's side of one conversation. */
static proto_out *K;
static proto_mirror *M;
static blocklist kout = BLOCKLIST_INIT, fout = BLOCKLIST_INIT;
static strbuf wire = STRBUF_INIT;
static size_t last_bytes;       /* the bytes the last sync sent */
static int last_type;           /* the type of the last message applied */

/* With PROTO_SEEDS=DIR, every conversation is also written there: seeds for fuzz_proto. */
static void seed(const strbuf *sb)
{
	static int k;
	const char *dir = getenv("PROTO_SEEDS");
	char path[512];
	if (!dir || !sb->len)
		return;
	snprintf(path, sizeof path, "%s/sync-%02d", dir, ++k);
	FILE *f = fopen(path, "wb");
	if (f) {
		fwrite(sb->s, 1, sb->len, f);
		fclose(f);
	}
}

/* Sends everything the outbox has for kout and applies it; returns the mirror's last status. */
static int sync(void)
{
	sb_clear(&wire);
	if (proto_out_sync(K, &kout, &wire) != PROTO_OK)
		return -1;
	seed(&wire);
	last_bytes = wire.len;
	size_t off = 0;
	int rc = PROTO_OK;
	while (off < wire.len && rc != PROTO_EBAD) {
		int type;
		size_t len;
		if (proto_frame((const unsigned char *)wire.s + off, wire.len - off, &type, &len) != 1)
			return -2;
		proto_event ev;
		int r = proto_mirror_apply(M, type, wire.s + off + PROTO_HEADER, len, 7, &fout, &ev);
		if (r == PROTO_ENOMEM)
			proto_mirror_drop(M);   /* as the link does: the run's output ends there */
		if (r != PROTO_OK)
			rc = r;
		last_type = type;
		off += PROTO_HEADER + len;
	}
	return rc;
}

/* Draws one block's object (figure, table, ...) as text. */
static char *draw(const block *b, size_t width)
{
	st_text t = ST_TEXT_INIT;
	if (b->kind == BLOCK_FIGURE) {
		plot_render(b->obj, width, 0, CANVAS_BRAILLE, 1, &t);
	} else if (b->kind == BLOCK_TABLE) {
		tbl_view v = {width, 0, 0, 1, 1};
		tbl_render(b->obj, &v, &t);
	} else if (b->kind == BLOCK_PROGRESS) {
		progress_render(b->obj, width, 1, 1, 1, &t);
	} else if (b->kind == BLOCK_DIAGRAM) {
		diagram_render(b->obj, width, CANVAS_BRAILLE, 1, &t);
	}
	strbuf sb = STRBUF_INIT;
	st_text_utf8(&sb, &t, 1);
	st_free(&t);
	if (b->obj == NULL) {
		sb_addf(&sb, "%d|%s|%s|%s|%d|%zu", (int)b->kind, sb_str(&b->text), sb_str(&b->detail),
		        sb_str(&b->extra), b->passed, b->dropped);
	}
	return sb_take(&sb);
}

/* The mirror's blocks draw exactly as the kernel's, at two widths. */
static int same(const char *what)
{
	int all = kout.n == fout.n;
	for (size_t i = 0; all && i < kout.n; i++) {
		for (size_t w = 40; w <= 120; w += 80) {
			char *a = draw(kout.items[i], w), *b = draw(fout.items[i], w);
			if (strcmp(a, b) != 0) {
				size_t k = 0;
				while (a[k] && a[k] == b[k])
					k++;
				printf("# block %zu at %zu columns differs at byte %zu (lengths %zu, %zu): "
				       "kernel \"%.40s\" mirror \"%.40s\"\n", i, w, k, strlen(a), strlen(b),
				       a + k, b + k);
				all = 0;
			}
			free(a);
			free(b);
		}
	}
	return ok(all, "%s: the mirror draws as the kernel (%zu blocks)", what, kout.n);
}

static void test_blocks(void)
{
	proto_out_run(K, 7);
	blocklist_text(&kout, "hello\n", 6);
	ok(sync() == PROTO_OK, "a text block is sent");
	same("text");
	blocklist_text(&kout, "world\n", 6);
	ok(sync() == PROTO_OK && last_bytes < 40, "printing more sends only the new text (%zu bytes)", last_bytes);
	same("text grown");
	block *b = blocklist_add(&kout, BLOCK_CHECK, "exercise 1");
	sb_adds(&b->detail, "a hint");
	sb_adds(&b->extra, "x = 1");
	b->passed = 1;
	blocklist_add(&kout, BLOCK_VALUE, "{1, 2, 3}");
	b = blocklist_add(&kout, BLOCK_ERROR, "lesson.lua:3: boom");
	sb_adds(&b->detail, "lesson.lua:3: in main chunk");
	ok(sync() == PROTO_OK, "checks, values and errors are sent");
	same("check, value, error");
	ok(sync() == PROTO_OK && last_bytes == 0, "nothing changed: nothing is sent");
	/* a long print: the kernel drops old lines, and the mirror follows */
	for (int i = 0; i < 40000; i++)
		blocklist_text(&kout, "a line of text that fills the cap\n", 34);
	ok(sync() == PROTO_OK, "a text block past its cap is sent");
	same("text past the cap");
}

static void test_figure(void)
{
	plot_fig *f = plot_fig_new();
	double x[1000], y[1000];
	int hue[1000];
	for (int i = 0; i < 1000; i++) {
		x[i] = sin(i * 0.37) * 3;
		y[i] = cos(i * 0.11) * 2;
		hue[i] = i % 3;
	}
	plot_set_title(f, "two moons");
	plot_scatter(f, x, y, hue, 1000, NULL, NULL);
	plot_id line;
	plot_style s = {"boundary", 0, 0, PLOT_DASHED, NULL, 0};
	plot_boundary(f, 1, 2, 0.5, &s, &line);
	plot_hline(f, 0.5, NULL, NULL);
	blocklist_add_obj(&kout, BLOCK_FIGURE, f);   /* the block holds f's first reference */
	plot_fig_ref(f);                              /* and "Lua" holds another */
	ok(sync() == PROTO_OK, "a figure is sent");
	size_t whole = last_bytes;
	same("figure");
	plot_set_boundary(f, line, 2, -1, 0.25);
	ok(sync() == PROTO_OK && last_bytes < 300 && whole > 16000,
	   "moving the line sends the line, not the points (%zu bytes, %zu at first)", last_bytes, whole);
	same("figure after set_boundary");
	plot_grid g;
	ok(plot_region_grid(f, 60, 20, CANVAS_BLOCK, &g) == PLOT_OK, "a region grid");
	int *cls = calloc(g.nx * g.ny, sizeof *cls);
	for (size_t i = 0; i < g.nx * g.ny; i++)
		cls[i] = (int)(i % 7 < 3);
	plot_regions(f, &g, cls, NULL, NULL);
	free(cls);
	plot_set_xlim(f, -4, 4);
	plot_set_log(f, 0, 0);
	ok(sync() == PROTO_OK, "regions and limits are sent");
	same("figure with regions");
	plot_remove(f, line);
	ok(sync() == PROTO_OK, "a removed element is removed");
	same("figure after remove");
	plot_clear(f);
	plot_line(f, NULL, y, 100, NULL, NULL);
	ok(sync() == PROTO_OK, "a cleared figure with a new line is sent");
	same("figure after clear");
	plot_fig_unref(f);
}

static void test_table_progress_diagram(void)
{
	const char *names[] = {"epoch", "loss"}, *fmts[] = {"%d", "%.4f"};
	tbl *t;
	tbl_new(names, fmts, 2, &t);
	tbl_set_cap(t, 50);
	blocklist_add_obj(&kout, BLOCK_TABLE, t);
	for (int e = 1; e <= 10; e++) {
		tbl_value v[2] = {{TBL_INT, e, NULL}, {TBL_NUM, 1.0 / e, NULL}};
		tbl_add(t, v, 2);
	}
	ok(sync() == PROTO_OK, "a table is sent");
	same("table");
	tbl_value v[2] = {{TBL_INT, 11, NULL}, {TBL_NUM, 123456.5, NULL}};
	tbl_add(t, v, 2);
	ok(sync() == PROTO_OK && last_bytes < 120, "a new row sends the row (%zu bytes)", last_bytes);
	same("table + 1 row");
	for (int e = 12; e <= 200; e++) {
		tbl_value w[2] = {{TBL_INT, e, NULL}, {TBL_STR, 0, "text"}};
		tbl_add(t, w, 2);
	}
	ok(sync() == PROTO_OK, "rows past the cap are counted, not sent");
	same("table past its cap");

	progress *p = progress_new(20);
	blocklist_add_obj(&kout, BLOCK_PROGRESS, p);
	progress_set_epoch(p, 3, 20);
	progress_set_step(p, 57, 57, 0.2);
	progress_set_metric(p, "loss", 2.953);
	progress_set_metric(p, "val_loss", 0.0001);
	ok(sync() == PROTO_OK, "a progress line is sent");
	same("progress");

	diagram_layer layers[] = {{2, "input", 0}, {4, "hidden\nrelu", 0}, {30, NULL, 3}};
	diagram *d;
	diagram_new(layers, 3, &d);
	blocklist_add_obj(&kout, BLOCK_DIAGRAM, d);
	ok(sync() == PROTO_OK, "a diagram is sent");
	same("diagram");
}

/* Many objects shown in one slice: ids arrive in order, whatever the outbox's table does. */
static void test_many(void)
{
	const char *names[] = {"n"};
	for (int i = 0; i < 40; i++) {
		tbl *t;
		tbl_new(names, NULL, 1, &t);
		tbl_value v = {TBL_INT, i, NULL};
		tbl_add(t, &v, 1);
		blocklist_add_obj(&kout, BLOCK_TABLE, t);
	}
	ok(sync() == PROTO_OK, "forty tables shown in one slice are all taken");
	same("forty tables");
	for (int i = 0; i < 40; i++)
		blocklist_add_obj(&kout, BLOCK_TABLE, kout.items[kout.n - 40]->obj),
		tbl_ref(kout.items[kout.n - 1]->obj);
	ok(sync() == PROTO_OK, "showing them again sends no object twice");
	same("forty tables twice");
}

static void test_forget(void)
{
	size_t before = proto_mirror_objects(M);
	blocklist_clear(&kout);          /* the run ended: only the outbox holds them */
	ok(sync() == PROTO_OK && proto_mirror_objects(M) + 4 == before,
	   "objects nothing else holds are forgotten (%zu -> %zu)", before, proto_mirror_objects(M));
	ok(fout.n > 0 && fout.items[fout.n - 1]->obj != NULL, "the front end's blocks keep their objects");
	blocklist_clear(&fout);
	proto_out_run(K, 7);
}

/* Applies one hand-made message; returns the status. */
static int apply(int type, const strbuf *payload)
{
	proto_event ev;
	return proto_mirror_apply(M, type, payload->s ? payload->s : "", payload->len, 7, &fout, &ev);
}

static void test_hostile(void)
{
	strbuf p = STRBUF_INIT;
	unsigned char hdr[8] = {'N', 'B', PROTO_VERSION, P_BLOCK, 0xff, 0xff, 0xff, 0x7f};
	int type;
	size_t len;
	ok(proto_frame(hdr, 8, &type, &len) == -1, "a frame longer than the limit is refused");
	hdr[4] = 3, hdr[5] = hdr[6] = hdr[7] = 0;
	ok(proto_frame(hdr, 8, &type, &len) == 0, "a frame waits for its payload");
	hdr[0] = 'X';
	ok(proto_frame(hdr, 1, &type, &len) == -1, "bad magic is refused at the first byte");
	hdr[0] = 'N', hdr[2] = 9;
	ok(proto_frame(hdr, 8, &type, &len) == -1, "another version is refused");
	hdr[2] = PROTO_VERSION, hdr[3] = 99;
	ok(proto_frame(hdr, 8, &type, &len) == -1, "an unknown type is refused");

	/* a block of the wrong run, at the wrong index, or naming no object */
	wire_u32(&p, 8); wire_u32(&p, 0); wire_u8(&p, BLOCK_VALUE); wire_u8(&p, 0); wire_u64(&p, 0);
	wire_cstr(&p, "x"); wire_cstr(&p, ""); wire_cstr(&p, ""); wire_u32(&p, 0);
	ok(apply(P_BLOCK, &p) == PROTO_EBAD, "a block of another run is refused");
	sb_clear(&p);
	wire_u32(&p, 7); wire_u32(&p, 5); wire_u8(&p, BLOCK_VALUE); wire_u8(&p, 0); wire_u64(&p, 0);
	wire_cstr(&p, "x"); wire_cstr(&p, ""); wire_cstr(&p, ""); wire_u32(&p, 0);
	ok(apply(P_BLOCK, &p) == PROTO_EBAD, "a block out of order is refused");
	sb_clear(&p);
	wire_u32(&p, 7); wire_u32(&p, 0); wire_u8(&p, BLOCK_FIGURE); wire_u8(&p, 0); wire_u64(&p, 0);
	wire_cstr(&p, ""); wire_cstr(&p, ""); wire_cstr(&p, ""); wire_u32(&p, 999);
	ok(apply(P_BLOCK, &p) == PROTO_EBAD, "a figure block naming no figure is refused");
	/* an object whose counts claim more than the message holds */
	sb_clear(&p);
	wire_u32(&p, 1000); wire_u8(&p, BLOCK_FIGURE);
	wire_cstr(&p, ""); wire_cstr(&p, ""); wire_cstr(&p, "");
	wire_u32(&p, 0); wire_u32(&p, 0); wire_u8(&p, 0);
	for (int i = 0; i < 4; i++)
		wire_f64(&p, 0);
	wire_u32(&p, 1); wire_u64(&p, 1); wire_u8(&p, 1);   /* one element, in full */
	wire_u8(&p, 0); wire_cstr(&p, ""); wire_u8(&p, 0); wire_u32(&p, 0); wire_u8(&p, 0);
	wire_u32(&p, 0);
	wire_u32(&p, 0x7fffffff); wire_u8(&p, 0);            /* 2^31 points, none there */
	size_t used = mem_used();
	ok(apply(P_OBJECT, &p) == PROTO_EBAD && mem_used() == used,
	   "a scatter claiming 2^31 points is refused before anything is allocated");
	sb_clear(&p);
	wire_u32(&p, 1001); wire_u8(&p, BLOCK_TABLE); wire_u32(&p, 2);
	wire_cstr(&p, "a"); wire_u32(&p, 1); wire_u32(&p, 1); wire_u32(&p, 1); wire_u8(&p, 0);
	wire_cstr(&p, "b"); wire_u32(&p, 1); wire_u32(&p, 1); wire_u32(&p, 1); wire_u8(&p, 0);
	wire_u32(&p, 10); wire_u64(&p, 0); wire_u32(&p, 1);
	wire_u8(&p, 'n'); wire_cstr(&p, "1"); wire_u8(&p, 'q'); wire_cstr(&p, "2");
	ok(apply(P_OBJECT, &p) == PROTO_EBAD, "a table cell of an unknown kind is refused");
	ok(proto_mirror_objects(M) == 0, "nothing refused was kept");
	sb_clear(&p);
	wire_u32(&p, 1); wire_u32(&p, 1); wire_u8(&p, 1); wire_cstr(&p, "");
	ok(apply(P_HELLO, &p) == PROTO_OK, "a hello is read");
	ok(apply(P_RUN, &p) == PROTO_EBAD, "the front end's own messages are refused from a kernel");
	sb_free(&p);
}

/* The budget bounds what the mirror keeps. */
static void test_budget(void)
{
	plot_fig *f = plot_fig_new();
	double *x = calloc(200000, sizeof *x);
	plot_scatter(f, x, x, NULL, 200000, NULL, NULL);
	free(x);
	blocklist_add_obj(&kout, BLOCK_FIGURE, f);
	mem_set_limit(mem_used() + 1000000);   /* the front end's cap: 1 MB more */
	int rc = sync();
	mem_set_limit(0);
	ok(rc == PROTO_ENOMEM, "a figure over the front end's cap is refused as 'no memory' (%d)", rc);
	double y[3] = {1, 2, 3};
	plot_line(f, NULL, y, 3, NULL, NULL);
	blocklist_add(&kout, BLOCK_VALUE, "after the flood");
	size_t shown = fout.n;
	ok(sync() == PROTO_OK && fout.n == shown,
	   "after that the figure's updates are ignored and the run's blocks dropped, with no fault");
	blocklist_clear(&kout);
	blocklist_clear(&fout);
	proto_out_run(K, 7);
	proto_mirror_run(M);
	blocklist_add(&kout, BLOCK_VALUE, "a new run");
	ok(sync() == PROTO_OK && fout.n == 1, "a new run's outputs are taken again");
	blocklist_clear(&kout);
	blocklist_clear(&fout);
	sync();
}

int main(void)
{
	K = proto_out_new();
	M = proto_mirror_new();
	test_blocks();
	test_figure();
	test_table_progress_diagram();
	test_forget();
	test_many();
	blocklist_clear(&kout);
	ok(sync() == PROTO_OK, "clearing sends the forgets");
	blocklist_clear(&fout);
	proto_out_run(K, 7);
	test_hostile();
	test_budget();
	blocklist_clear(&kout);
	blocklist_clear(&fout);
	proto_out_free(K);
	proto_mirror_free(M);
	sb_free(&wire);
	ok(mem_used() == 0, "everything charged was given back (%zu bytes left)", mem_used());
	return tap_done();
}
