/*
** plot_wire.c — a figure as protocol bytes, and back (plot.h).
**
** The kernel sends a figure whenever its version moved: the figure's own
** settings every time (a few dozen bytes), and the data of only those
** elements that changed since the receiver's copy (a moving boundary line
** costs 30 bytes a frame, not the 10,000 points of the scatter under it).
** An unchanged element travels as its id alone.
**
** The front end treats the bytes as hostile: every count is checked
** against the bytes left before anything is allocated, every enum and
** glyph against its range, and the figure changes only when the whole
** message was read without a fault.
*/
#include "plot_int.h"

#include <math.h>
#include <string.h>

#include "mem.h"
#include "utf8.h"
#include "wire.h"

static void put_elem(strbuf *sb, const plot_elem *e)
{
	wire_u8(sb, (unsigned)e->kind);
	wire_cstr(sb, e->label);
	wire_u8(sb, (unsigned)e->color);
	wire_u32(sb, e->marker);
	wire_u8(sb, (unsigned)e->dash);
	wire_u32(sb, (uint32_t)e->nnames);
	for (size_t i = 0; i < e->nnames; i++)
		wire_cstr(sb, e->names[i]);
	plot__kinds[e->kind]->encode(e, sb);
}

/* The figure's own settings: what every message starts with. */
static void put_head(const plot_fig *f, strbuf *sb)
{
	wire_cstr(sb, f->title);
	wire_cstr(sb, f->xlabel);
	wire_cstr(sb, f->ylabel);
	wire_u32(sb, (uint32_t)f->width);
	wire_u32(sb, (uint32_t)f->height);
	wire_u8(sb, (unsigned)(f->has_xlim | f->has_ylim << 1 | f->xlog << 2 | f->ylog << 3));
	wire_f64(sb, f->xlim[0]);
	wire_f64(sb, f->xlim[1]);
	wire_f64(sb, f->ylim[0]);
	wire_f64(sb, f->ylim[1]);
}

static int too_big(const plot_elem *e)
{
	const plot_kind_ops *o = plot__kinds[e->kind];
	return o->largest && o->largest(e) > UINT32_MAX;
}

int plot_encode(const plot_fig *f, unsigned long *cursor, strbuf *sb)
{
	unsigned long since = *cursor;
	for (size_t i = 0; i < f->n; i++)
		if (too_big(f->el[i]))
			return PLOT_ETOOBIG;
	put_head(f, sb);
	wire_u32(sb, (uint32_t)f->n);
	for (size_t i = 0; i < f->n; i++) {
		const plot_elem *e = f->el[i];
		wire_u64(sb, e->id);
		wire_u8(sb, since == 0 || e->ver > since);
		if (since == 0 || e->ver > since)
			put_elem(sb, e);
	}
	if (sb->failed)
		return PLOT_ENOMEM;
	*cursor = f->version;
	return PLOT_OK;
}

int plot_encode_head(const plot_fig *f, strbuf *sb)
{
	put_head(f, sb);
	return sb->failed ? PLOT_ENOMEM : PLOT_OK;
}

plot_id plot_elem_at(const plot_fig *f, size_t i, unsigned long *ver)
{
	if (i >= f->n)
		return 0;
	if (ver)
		*ver = f->el[i]->ver;
	return f->el[i]->id;
}

int plot_encode_elem(const plot_fig *f, size_t i, strbuf *sb)
{
	if (i >= f->n)
		return PLOT_ENOELEM;
	if (too_big(f->el[i]))
		return PLOT_ETOOBIG;
	put_elem(sb, f->el[i]);
	return sb->failed ? PLOT_ENOMEM : PLOT_OK;
}

/* --- reading ------------------------------------------------------------------ */

/* A charged, NUL-terminated copy of a wire string ("" gives NULL). */
static int get_cstr(wire_rd *r, char **out)
{
	size_t n;
	const char *s = wire_get_str(r, &n);
	*out = NULL;
	if (!s || n == 0)
		return r->err ? PLOT_EARG : PLOT_OK;
	char *d = mem_alloc(n + 1);
	if (!d)
		return PLOT_ENOMEM;
	memcpy(d, s, n);
	d[n] = '\0';
	*out = d;
	return PLOT_OK;
}

static int marker_ok(uint32_t m)
{
	return m == PLOT_MARKER_AUTO || m == PLOT_MARKER_DOT ||
	       (m < 0x110000 && m != UTF8_REPLACEMENT && utf8_cpwidth(m) == 1);
}

static int get_style(wire_rd *r, plot_elem *e)
{
	int rc = get_cstr(r, &e->label);
	e->color = (int)wire_get_u8(r);
	e->marker = wire_get_u32(r);
	e->dash = (int)wire_get_u8(r);
	if (e->color >= ST_NCOLORS || e->dash > PLOT_DOTTED || !marker_ok(e->marker))
		wire_fail(r);
	size_t nn = wire_get_count(r, 4);
	if (nn > 4096)
		wire_fail(r);
	if (rc != PLOT_OK || r->err || nn == 0)
		return rc != PLOT_OK ? rc : r->err ? PLOT_EARG : PLOT_OK;
	if (!(e->names = mem_calloc(nn, sizeof *e->names)))
		return PLOT_ENOMEM;
	e->nnames = nn;
	for (size_t i = 0; i < nn && rc == PLOT_OK; i++) {
		rc = get_cstr(r, &e->names[i]);
		if (rc == PLOT_OK && !e->names[i] && !(e->names[i] = mem_strdup("")))
			rc = PLOT_ENOMEM;
	}
	return rc;
}

/* Reads one element's full description into a new element (*out), or fails. */
static int get_elem(wire_rd *r, plot_id id, plot_elem **out)
{
	plot_elem *e = mem_calloc(1, sizeof *e);
	*out = NULL;
	if (!e)
		return PLOT_ENOMEM;
	e->id = id;
	unsigned kind = wire_get_u8(r);
	e->kind = kind < PLOT_NKINDS ? (plot_kind)kind : PLOT_NKINDS;
	int rc = kind >= PLOT_NKINDS ? PLOT_EARG : get_style(r, e);
	if (rc == PLOT_OK && !r->err)
		rc = plot__kinds[e->kind]->decode(e, r);
	if (rc == PLOT_OK && r->err)
		rc = PLOT_EARG;
	if (rc != PLOT_OK) {
		plot__elem_free(e);
		return rc;
	}
	*out = e;
	return PLOT_OK;
}

/* The figure-level fields, read before they replace the figure's. */
typedef struct fig_head {
	char *title, *xlabel, *ylabel;
	size_t width, height;
	unsigned flags;
	double xlim[2], ylim[2];
} fig_head;

static int get_head(wire_rd *r, fig_head *h)
{
	int rc = get_cstr(r, &h->title);
	if (rc == PLOT_OK)
		rc = get_cstr(r, &h->xlabel);
	if (rc == PLOT_OK)
		rc = get_cstr(r, &h->ylabel);
	h->width = wire_get_u32(r);
	h->height = wire_get_u32(r);
	h->flags = wire_get_u8(r);
	h->xlim[0] = wire_get_f64(r);
	h->xlim[1] = wire_get_f64(r);
	h->ylim[0] = wire_get_f64(r);
	h->ylim[1] = wire_get_f64(r);
	if (h->width > PLOT_MAX_W || h->height > PLOT_MAX_H || h->flags > 15 ||
	    (h->flags & 1 && !(h->xlim[0] < h->xlim[1] && isfinite(h->xlim[0]) && isfinite(h->xlim[1]))) ||
	    (h->flags & 2 && !(h->ylim[0] < h->ylim[1] && isfinite(h->ylim[0]) && isfinite(h->ylim[1]))))
		wire_fail(r);
	return rc != PLOT_OK ? rc : r->err ? PLOT_EARG : PLOT_OK;
}

/*
** Puts the elements taken from f back where they were (a failed read
** leaves f as it was) and frees the new ones.  kept[i] is 1 + the old
** index of a kept element, 0 for a new one.
*/
static void put_back(plot_fig *f, plot_elem **el, const size_t *kept, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (kept[i])
			f->el[kept[i] - 1] = el[i];
		else
			plot__elem_free(el[i]);
	}
}

/*
** Reads the element list.  Ids come in increasing order (the order
** elements are added in), so finding a kept element in f is one walk.
*/
static int get_elems(wire_rd *r, plot_fig *f, plot_elem **el, size_t *kept, size_t n)
{
	plot_id last = 0;
	size_t at = 0;   /* where the walk through f's elements is */
	for (size_t i = 0; i < n; i++) {
		plot_id id = wire_get_u64(r);
		unsigned full = wire_get_u8(r);
		if (r->err || id <= last || full > 1)
			return PLOT_EARG;
		last = id;
		if (full) {
			int rc = get_elem(r, id, &el[i]);
			if (rc != PLOT_OK)
				return rc;
			continue;
		}
		while (at < f->n && (!f->el[at] || f->el[at]->id < id))
			at++;
		if (at == f->n || f->el[at]->id != id)
			return PLOT_EARG;   /* the sender thinks we have an element we do not */
		el[i] = f->el[at];
		f->el[at] = NULL;
		kept[i] = at + 1;
	}
	return PLOT_OK;
}

int plot_decode(plot_fig *f, wire_rd *r)
{
	fig_head h = {0};
	int rc = get_head(r, &h);
	size_t n = wire_get_count(r, 9);
	plot_elem **el = NULL;
	size_t *kept = NULL;
	if (rc == PLOT_OK && r->err)
		rc = PLOT_EARG;
	if (rc == PLOT_OK && (!(el = mem_calloc(n ? n : 1, sizeof *el)) ||
	                      !(kept = mem_calloc(n ? n : 1, sizeof *kept))))
		rc = PLOT_ENOMEM;
	if (rc == PLOT_OK)
		rc = get_elems(r, f, el, kept, n);
	if (rc == PLOT_OK && !wire_done(r))
		rc = PLOT_EARG;
	if (rc != PLOT_OK) {
		if (el)
			put_back(f, el, kept, n);
		mem_free(el);
		mem_free(kept);
		mem_free(h.title);
		mem_free(h.xlabel);
		mem_free(h.ylabel);
		return rc;
	}
	for (size_t i = 0; i < f->n; i++)
		plot__elem_free(f->el[i]);   /* the ones the new list did not take (NULL: taken) */
	mem_free(f->el);
	f->el = el;
	f->n = f->cap = n;
	mem_free(f->title);
	mem_free(f->xlabel);
	mem_free(f->ylabel);
	f->title = h.title;
	f->xlabel = h.xlabel;
	f->ylabel = h.ylabel;
	f->width = h.width;
	f->height = h.height;
	f->has_xlim = h.flags & 1;
	f->has_ylim = h.flags >> 1 & 1;
	f->xlog = h.flags >> 2 & 1;
	f->ylog = h.flags >> 3 & 1;
	memcpy(f->xlim, h.xlim, sizeof f->xlim);
	memcpy(f->ylim, h.ylim, sizeof f->ylim);
	f->version++;
	for (size_t i = 0; i < n; i++) {
		if (el[i]->id >= f->next_id)
			f->next_id = el[i]->id + 1;
		if (!kept[i])
			el[i]->ver = f->version;   /* a copy knows what changed too (fhist.h) */
	}
	mem_free(kept);
	return PLOT_OK;
}
