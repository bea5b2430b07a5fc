/*
** table_wire.c — a live table as protocol bytes, and back (table.h).
**
** A table grows one row per epoch, so the kernel sends the column widths
** and only the rows the receiver has not seen: row k of the table's whole
** life is sent once.  Rows dropped past the cap before they were sent
** arrive as a count.  Cells travel as the text tbl_add formatted, with
** their kind (number, text, empty) — the receiver lays them out itself.
**
** The receiver checks every count against the bytes left, every kind
** byte, and that rows continue where its copy ends.
*/
#include "table_int.h"

#include <string.h>

#include "mem.h"
#include "wire.h"

int tbl_encode(const tbl *t, unsigned long *cursor, strbuf *sb)
{
	size_t total = t->dropped + t->n, first = *cursor > t->dropped ? *cursor : t->dropped;
	wire_u32(sb, (uint32_t)t->ncols);
	for (size_t i = 0; i < t->ncols; i++) {
		const column *c = &t->cols[i];
		wire_cstr(sb, c->name);
		wire_u32(sb, (uint32_t)c->intw);
		wire_u32(sb, (uint32_t)c->fracw);
		wire_u32(sb, (uint32_t)c->strw);
		wire_u8(sb, (unsigned)c->numeric);
	}
	wire_u32(sb, (uint32_t)t->cap);
	wire_u64(sb, first);
	wire_u32(sb, (uint32_t)(total - first));
	for (size_t k = first; k < total; k++) {
		const char *p = t->ring[(t->head + (k - t->dropped)) % t->ringcap];
		for (size_t i = 0; i < t->ncols; i++) {
			size_t len = strlen(p + 1);
			wire_u8(sb, (unsigned char)*p);
			wire_str(sb, p + 1, len);
			p += len + 2;
		}
	}
	if (sb->failed)
		return TBL_ENOMEM;
	*cursor = total;
	return TBL_OK;
}

/* A column as the message describes it. */
typedef struct wire_col {
	const char *name;
	size_t len, intw, fracw, strw;
	unsigned numeric;
} wire_col;

static void get_columns(wire_rd *r, wire_col *c, size_t ncols)
{
	for (size_t i = 0; i < ncols; i++) {
		c[i].name = wire_get_str(r, &c[i].len);
		c[i].intw = wire_get_u32(r);
		c[i].fracw = wire_get_u32(r);
		c[i].strw = wire_get_u32(r);
		c[i].numeric = wire_get_u8(r);
		if (r->err || memchr(c[i].name, 0, c[i].len) || c[i].intw > 4096 ||
		    c[i].fracw > 4096 || c[i].strw > 4096 || c[i].numeric > 1) {
			wire_fail(r);
			return;
		}
	}
}

/* Makes the receiver's table with the message's column names. */
static int make_table(const wire_col *c, size_t ncols, tbl **out)
{
	const char *names[TBL_MAX_COLS];
	char *copies[TBL_MAX_COLS] = {0};
	int rc = TBL_OK;
	for (size_t i = 0; i < ncols && rc == TBL_OK; i++)
		if (!(names[i] = copies[i] = tbl__dup(c[i].name, c[i].len)))
			rc = TBL_ENOMEM;
	if (rc == TBL_OK)
		rc = tbl_new(names, NULL, ncols, out);
	for (size_t i = 0; i < ncols; i++)
		mem_free(copies[i]);
	return rc;
}

/* Widens t's columns to the message's widths (they only ever grow). */
static void widen(tbl *t, const wire_col *w)
{
	for (size_t i = 0; i < t->ncols; i++) {
		column *c = &t->cols[i];
		c->intw = w[i].intw > c->intw ? w[i].intw : c->intw;
		c->fracw = w[i].fracw > c->fracw ? w[i].fracw : c->fracw;
		c->strw = w[i].strw > c->strw ? w[i].strw : c->strw;
		c->numeric |= (int)w[i].numeric;
	}
}

/* Reads one row of t->ncols cells into a new row. */
static int get_row(wire_rd *r, const tbl *t, row *out)
{
	strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < t->ncols; i++) {
		unsigned kind = wire_get_u8(r);
		size_t n;
		const char *s = wire_get_str(r, &n);
		if (!s || (kind != 'n' && kind != 's' && kind != '-') || memchr(s, 0, n) ||
		    (kind == '-' && n)) {
			sb_free(&sb);
			return TBL_EARG;
		}
		sb_addc(&sb, (char)kind);
		sb_addn(&sb, s, n);
		sb_addc(&sb, 0);
	}
	*out = sb.failed ? NULL : tbl__dup(sb.s, sb.len);
	sb_free(&sb);
	return *out ? TBL_OK : TBL_ENOMEM;
}

int tbl_decode(tbl **tp, wire_rd *r)
{
	wire_col cols[TBL_MAX_COLS];
	size_t ncols = wire_get_u32(r);
	if (r->err || ncols == 0 || ncols > TBL_MAX_COLS || (*tp && ncols != (*tp)->ncols))
		return TBL_EARG;
	get_columns(r, cols, ncols);
	size_t cap = wire_get_u32(r), first = (size_t)wire_get_u64(r);
	size_t nrows = wire_get_count(r, ncols * 5);
	if (r->err)
		return TBL_EARG;
	int made = !*tp;
	if (made) {
		int rc = make_table(cols, ncols, tp);
		if (rc != TBL_OK)
			return rc;
	}
	tbl *t = *tp;
	size_t total = t->dropped + t->n;
	int rc = first < total || first - total > SIZE_MAX / 4 ? TBL_EARG : TBL_OK;
	if (rc == TBL_OK) {
		widen(t, cols);
		tbl_set_cap(t, cap);
		t->dropped += first - total;   /* rows that went before they were sent */
	}
	for (size_t k = 0; k < nrows && rc == TBL_OK; k++) {
		row w;
		rc = get_row(r, t, &w);
		if (rc == TBL_OK)
			rc = tbl__push(t, w);
	}
	if (rc == TBL_OK && !wire_done(r))
		rc = TBL_EARG;
	if (rc != TBL_OK && made) {
		tbl_unref(t);
		*tp = NULL;
		return rc;
	}
	t->version++;
	return rc;
}
