/*
** test_table.c — live tables: formats, alignment, scrolling, the row cap.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "golden.h"
#include "mem.h"
#include "table.h"
#include "tap.h"

static char *render(const tbl *t, size_t width, size_t max_rows, size_t skip, int utf8)
{
	st_text out = ST_TEXT_INIT;
	tbl_view v = {width, max_rows, skip, utf8, 0};
	tbl_render(t, &v, &out);
	strbuf sb = STRBUF_INIT;
	st_text_utf8(&sb, &out, 0);
	st_free(&out);
	return sb_take(&sb);
}

static tbl_value num(double x) { tbl_value v = {TBL_NUM, x, NULL}; return v; }
static tbl_value inum(double x) { tbl_value v = {TBL_INT, x, NULL}; return v; }
static tbl_value str(const char *s) { tbl_value v = {TBL_STR, 0, s}; return v; }

/* Formats one value in a one-column table and checks the cell's text. */
static void cell(const char *fmt, tbl_value v, const char *want)
{
	const char *names[1] = {"c"}, *fmts[1] = {fmt};
	tbl *t;
	int rc = tbl_new(names, fmts, 1, &t);
	if (rc != TBL_OK) {
		ok(0, "format %s: %s", fmt ? fmt : "(none)", tbl_strerror(rc));
		return;
	}
	tbl_add(t, &v, 1);
	is_str(tbl_cell(t, 0, 0), want, "format %s -> \"%s\"", fmt ? fmt : "(none)", want);
	tbl_unref(t);
}

static void test_formats(void)
{
	cell("%.4f", num(2.95304), "2.9530");
	cell("%d", inum(42), "42");
	cell("%d", num(2.7), "2");
	cell("%5d", num(-3), "   -3");
	cell("%-6.2f|", num(1.5), "1.50  |");
	cell("%s", str("hello"), "hello");
	cell("%6s", str("ab"), "    ab");
	cell("%.2s", str("abc"), "ab");
	cell("%e", num(12345.678), "1.234568e+04");
	cell("%.3g", num(0.000123456), "0.000123");
	cell("%x", inum(255), "ff");
	cell("%ld", inum(7), "7");
	cell("%.4f", num(NAN), "nan");
	cell("%d", num(INFINITY), "inf");
	cell("%d", num(1e19), "10000000000000000000");
	cell("loss=%.3f (%%)", num(0.5), "loss=0.500 (%)");
	cell("{:>7.3f}", num(1.5), "  1.500");
	cell("{:.3f}", num(2.25), "2.250");
	cell("{0:.1f}", num(2.25), "2.2");
	cell("w = {:>7.3f}", num(-0.5), "w =  -0.500");
	cell("{{{:.2f}}}", num(0.5), "{0.50}");
	cell("{:>6}", str("ab"), "    ab");
	cell("{:^6}", str("ab"), "  ab  ");
	cell("{}", str("text"), "text");
	cell("{:>8s}", str("text"), "    text");
	cell("{:<6s}|", num(0.5), "0.5   |");
	cell(NULL, str("plain"), "plain");
	cell(NULL, inum(3), "3");
	cell(NULL, num(0.5), "0.5");
	cell("%s", inum(12), "12");

	static const char *bad[] = {"abc", "%d %d", "%n", "%*d", "{} {}", "{", "}", "{x}", "{:.3q}", "%", "%ll"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		const char *names[1] = {"c"}, *fmts[1] = {bad[i]};
		tbl *t;
		ok(tbl_new(names, fmts, 1, &t) == TBL_EFORMAT && t == NULL, "format \"%s\" refused", bad[i]);
	}
	tbl *t;
	const char *names[2] = {"a", NULL};
	ok(tbl_new(names, NULL, 2, &t) == TBL_EARG, "a NULL name: TBL_EARG");
	ok(tbl_new(names, NULL, 0, &t) == TBL_EARG, "no columns: TBL_EARG");
}

/* The column of the first '.' on each line that has one between rows [a, b). */
static int points_aligned(const char *s, int a, int b)
{
	int line = 0, col = -1, same = 1;
	const char *p = s;
	while (*p) {
		const char *end = strchr(p, '\n');
		if (line >= a && line < b) {
			const char *dot = memchr(p, '.', (size_t)(end - p));
			if (dot) {
				if (col < 0)
					col = (int)(dot - p);
				same &= (int)(dot - p) == col;
			}
		}
		line++;
		p = end + 1;
	}
	return same && col >= 0;
}

static void test_layout(void)
{
	const char *names[3] = {"epoch", "loss", "name"}, *fmts[3] = {"%d", NULL, "%s"};
	tbl *t;
	ok(tbl_new(names, fmts, 3, &t) == TBL_OK, "a table");
	unsigned long v = tbl_version(t);
	tbl_value r1[3] = {inum(1), num(0.5), str("short")};
	tbl_value r2[3] = {inum(10), num(123.25), str("a longer name")};
	tbl_value r3[1] = {inum(100)};
	ok(tbl_add(t, r1, 3) == TBL_OK && tbl_add(t, r2, 3) == TBL_OK && tbl_add(t, r3, 1) == TBL_OK, "rows added");
	ok(tbl_version(t) > v && tbl_nrows(t) == 3, "rows change the version");
	is_str(tbl_cell(t, 2, 2), "", "a missing cell is empty");
	ok(tbl_cell(t, 3, 0) == NULL && tbl_cell(t, 0, 3) == NULL, "out of range: NULL");
	char *s = render(t, 80, 0, 0, 1);
	is_str(s, "epoch    loss  name\n"
	          "\u2500\u2500\u2500\u2500\u2500  \u2500\u2500\u2500\u2500\u2500\u2500  \u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\n"
	          "    1    0.5   short\n"
	          "   10  123.25  a longer name\n"
	          "  100\n",
	       "numbers right-aligned on the decimal point, text left-aligned");
	ok(points_aligned(s, 2, 4), "decimal points in one column");
	free(s);
	s = render(t, 12, 0, 0, 0);
	is_str(s, "epoch    lo>\n-----  ---->\n    1    0.>\n   10  123.>\n  100      >\n", "cut at the width with '>' in ASCII");
	free(s);
	tbl_unref(t);

	/* max_rows, scrolling, the cap */
	const char *n1[1] = {"i"};
	tbl_new(n1, NULL, 1, &t);
	for (int i = 1; i <= 12; i++) {
		tbl_value x = inum(i);
		tbl_add(t, &x, 1);
	}
	s = render(t, 80, 3, 0, 1);
	is_str(s, " i\n\u2500\u2500\n\u2026 9 earlier rows\n10\n11\n12\n", "the newest rows under \"… 9 earlier rows\"");
	free(s);
	s = render(t, 80, 3, 4, 0);
	is_str(s, " i\n--\n... 5 earlier rows\n 6\n 7\n 8\n... 4 later rows\n", "scrolled back by 4");
	free(s);
	s = render(t, 80, 3, 100, 0);
	is_str(s, " i\n--\n... 12 later rows\n", "scrolled past the start");
	free(s);
	ok(tbl_set_cap(t, 5) == TBL_OK && tbl_nrows(t) == 5 && tbl_dropped(t) == 7, "a smaller cap drops the oldest");
	for (int i = 13; i <= 20; i++) {
		tbl_value x = inum(i);
		tbl_add(t, &x, 1);
	}
	ok(tbl_nrows(t) == 5 && tbl_dropped(t) == 15, "past the cap the oldest rows go and are counted");
	is_str(tbl_cell(t, 0, 0), "16", "the oldest kept row");
	is_str(tbl_cell(t, 4, 0), "20", "the newest row");
	s = render(t, 80, 0, 0, 1);
	is_str(s, " i\n\u2500\u2500\n\u2026 15 earlier rows\n16\n17\n18\n19\n20\n", "dropped rows are reported");
	free(s);
	tbl_unref(t);
}

static void test_memory(void)
{
	size_t base = mem_used();
	const char *names[2] = {"epoch", "loss"}, *fmts[2] = {"%d", "%.4f"};
	tbl *t;
	tbl_new(names, fmts, 2, &t);
	for (int i = 0; i < 150000; i++) {
		tbl_value r[2] = {inum(i), num(1.0 / (i + 1))};
		if (tbl_add(t, r, 2) != TBL_OK)
			break;
	}
	ok(tbl_nrows(t) == TBL_MAX_ROWS && tbl_dropped(t) == 150000 - TBL_MAX_ROWS, "150000 rows: %d kept", TBL_MAX_ROWS);
	char *s = render(t, 80, 5, 0, 1);
	ok(strstr(s, "\u2026 149995 earlier rows\n") != NULL && strstr(s, "149999  0.0000\n") != NULL, "newest rows shown");
	free(s);
	tbl_ref(t);
	tbl_unref(t);
	tbl_unref(t);
	tbl_unref(NULL);
	ok(mem_used() == base, "everything charged is given back");

	tbl_new(names, fmts, 2, &t);
	tbl_value r[2] = {inum(1), num(2)};
	tbl_add(t, r, 2);
	unsigned long v = tbl_version(t);
	mem_set_limit(mem_used());
	ok(tbl_add(t, r, 2) == TBL_ENOMEM, "over budget: TBL_ENOMEM");
	ok(tbl_nrows(t) == 1 && tbl_version(t) == v, "and the table is unchanged");
	mem_set_limit(0);
	tbl_unref(t);
	mem_set_limit(base + 8);
	ok(tbl_new(names, fmts, 2, &t) == TBL_ENOMEM && t == NULL, "tbl_new over budget: TBL_ENOMEM");
	mem_set_limit(0);
	ok(mem_used() == base, "nothing stays charged");
}

static void goldens(void)
{
	static const size_t widths[3] = {80, 40, 120};
	const char *names[4] = {"epoch", "loss", "val_loss", "note"};
	const char *fmts[4] = {"%d", "{:>7.3f}", "%.4f", "%s"};
	tbl *t;
	tbl_new(names, fmts, 4, &t);
	for (int e = 1; e <= 12; e++) {
		double loss = 3000.0 / (e * e * e), val = 2.0 / e;
		tbl_value r[4] = {inum(e), num(loss), num(val), str(e % 4 ? "" : "checkpoint")};
		tbl_add(t, r, e % 4 ? 3 : 4);
	}
	for (int wi = 0; wi < 3; wi++)
		for (int u = 0; u < 2; u++)
			for (int color = 0; color < 2; color++) {
				st_text out = ST_TEXT_INIT;
				tbl_view v = {widths[wi], 8, 0, u, color};
				tbl_render(t, &v, &out);
				char base[64];
				snprintf(base, sizeof base, "table_w%zu_%s%s", widths[wi], u ? "utf8" : "ascii",
				         color ? "_color" : "");
				golden_text("plot", base, &out, color);
				st_free(&out);
			}
	tbl_unref(t);
}

int main(void)
{
	test_formats();
	test_layout();
	test_memory();
	goldens();
	return tap_done();
}
