/*
** fhist.c — a cell's frame history (fhist.h).
**
** A record holds, for each block that has an object, a snapshot: a
** table's count of rows (its rows only ever grow, so the live table cut
** to that count is the table of then), or the object's protocol encoding
** in a reference-counted chunk, shared with the record before while the
** object's version stays the same.  Showing a record decodes those bytes
** into fresh objects, so the live outputs are never touched.
*/
#include "fhist.h"

#include <stdint.h>
#include <string.h>

#include "mem.h"
#include "plot.h"
#include "table.h"
#include "vec.h"

typedef struct chunk {
	int refs;
	size_t n;
	unsigned char b[];
} chunk;

/* A figure's element: its id, version, and its description. */
typedef struct part {
	plot_id id;
	unsigned long ver;
	chunk *c;
} part;

typedef struct snap {
	size_t block;        /* its index in the block list */
	const void *obj;     /* the live object, to share with the next record */
	unsigned long ver;   /* its version when recorded */
	size_t rows;         /* a table: rows ever added (kept + dropped) */
	chunk *c;            /* a figure's settings; a diagram's or progress line's encoding */
	part *p;             /* a figure's elements */
	size_t np;
} snap;

typedef struct rec {
	uint64_t frame;
	size_t nblocks;      /* blocks the list had */
	size_t textlen;      /* bytes of the last block's text (SIZE_MAX: not a text block) */
	snap *s;
	size_t ns;
	size_t size;         /* the bytes charged for the record itself */
} rec;

struct fhist {
	rec *r;
	size_t n, cap;
	size_t bytes, limit, thinned;
	uint64_t stride;     /* only frames that are multiples are kept (but the newest) */
};

size_t fhist_cap_for(size_t budget)
{
	return budget == 0 || budget / 32 >= FHIST_CAP ? FHIST_CAP : budget / 32;
}

fhist *fhist_new(size_t cap)
{
	fhist *h = mem_calloc(1, sizeof *h);
	if (h) {
		h->limit = cap;
		h->stride = 1;
	}
	return h;
}

static void chunk_drop(fhist *h, chunk *c)
{
	if (c && --c->refs == 0) {
		h->bytes -= sizeof *c + c->n;
		mem_free(c);
	}
}

static void snap_free(fhist *h, snap *s)
{
	chunk_drop(h, s->c);
	for (size_t i = 0; i < s->np; i++)
		chunk_drop(h, s->p[i].c);
	if (s->p)
		h->bytes -= s->np * sizeof *s->p;
	mem_free(s->p);
}

static void rec_free(fhist *h, rec *r)
{
	for (size_t i = 0; i < r->ns; i++)
		snap_free(h, &r->s[i]);
	h->bytes -= r->size;
	mem_free(r->s);
	memset(r, 0, sizeof *r);
}

void fhist_free(fhist *h)
{
	if (!h)
		return;
	for (size_t i = 0; i < h->n; i++)
		rec_free(h, &h->r[i]);
	vec_free(h->r, VEC_CHARGED);
	mem_free(h);
}

size_t fhist_count(const fhist *h) { return h->n; }
size_t fhist_bytes(const fhist *h) { return h->bytes; }
size_t fhist_thinned(const fhist *h) { return h->thinned; }

uint64_t fhist_frame(const fhist *h, size_t i)
{
	return i < h->n ? h->r[i].frame : 0;
}

size_t fhist_find(const fhist *h, uint64_t frame)
{
	size_t lo = 0, hi = h->n;   /* the first record after `frame` */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (h->r[mid].frame <= frame)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? lo - 1 : 0;
}

/* Returns a chunk holding sb's bytes (sb is emptied), or NULL. */
static chunk *chunk_of(fhist *h, strbuf *sb)
{
	chunk *c = !sb->failed ? mem_alloc(sizeof *c + sb->len) : NULL;
	if (c) {
		c->refs = 1;
		c->n = sb->len;
		memcpy(c->b, sb->s, sb->len);
		h->bytes += sizeof *c + c->n;
	}
	sb_clear(sb);
	return c;
}

static chunk *chunk_share(chunk *c)
{
	c->refs++;
	return c;
}

/*
** A figure's snapshot: its settings, and each element's description,
** shared with `old` (the same figure's snapshot before, or NULL) when the
** element's version is the same.  Ids only grow, so finding it is one walk.
*/
static int snap_figure(fhist *h, const plot_fig *f, const snap *old, snap *s, strbuf *sb)
{
	size_t n = plot_count(f), k = 0;
	if (n && !(s->p = mem_calloc(n, sizeof *s->p)))
		return FHIST_ENOMEM;
	h->bytes += n * sizeof *s->p;
	s->np = n;   /* parts not reached keep c NULL */
	if (plot_encode_head(f, sb) != PLOT_OK)
		return FHIST_ENOMEM;
	if (old && old->c->n == sb->len && !memcmp(old->c->b, sb->s, sb->len)) {
		s->c = chunk_share(old->c);   /* the title, the axes' limits did not change */
		sb_clear(sb);
	} else if (!(s->c = chunk_of(h, sb))) {
		return FHIST_ENOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		part *p = &s->p[i];
		p->id = plot_elem_at(f, i, &p->ver);
		while (old && k < old->np && old->p[k].id < p->id)
			k++;
		if (old && k < old->np && old->p[k].id == p->id && old->p[k].ver == p->ver)
			p->c = chunk_share(old->p[k].c);
		else if (plot_encode_elem(f, i, sb) != PLOT_OK || !(p->c = chunk_of(h, sb)))
			return FHIST_ENOMEM;
	}
	return FHIST_OK;
}

/* Takes a snapshot of b's object, sharing what did not change since `old` (may be NULL). */
static int snap_take(fhist *h, const block *b, const snap *old, snap *s)
{
	s->obj = b->obj;
	s->ver = b->ops->version(b->obj);
	if (old && (old->block != s->block || old->obj != s->obj))
		old = NULL;
	if (b->kind == BLOCK_TABLE) {
		s->rows = tbl_nrows(b->obj) + tbl_dropped(b->obj);
		return FHIST_OK;
	}
	if (old && old->ver == s->ver && b->kind != BLOCK_FIGURE) {
		s->c = chunk_share(old->c);
		return FHIST_OK;
	}
	strbuf sb = STRBUF_INIT;
	int rc = FHIST_OK;
	if (b->kind == BLOCK_FIGURE) {
		rc = snap_figure(h, b->obj, old, s, &sb);
	} else {
		unsigned long cursor = 0;
		if (b->ops->encode(b->obj, &cursor, &sb) != 0 || !(s->c = chunk_of(h, &sb)))
			rc = FHIST_ENOMEM;
	}
	sb_free(&sb);
	return rc;
}

/* Fills *r with what bl shows, sharing what did not change since `prev` (may be NULL). */
static int rec_take(fhist *h, const blocklist *bl, const rec *prev, rec *r)
{
	size_t ns = 0;
	for (size_t i = 0; i < bl->n; i++)
		ns += bl->items[i]->obj != NULL;
	memset(r, 0, sizeof *r);
	r->nblocks = bl->n;
	r->textlen = SIZE_MAX;
	if (bl->n && bl->items[bl->n - 1]->kind == BLOCK_TEXT)
		r->textlen = bl->items[bl->n - 1]->text.len;
	if (ns && !(r->s = mem_calloc(ns, sizeof *r->s)))
		return FHIST_ENOMEM;
	r->size = sizeof *r + ns * sizeof *r->s;
	h->bytes += r->size;
	size_t k = 0;   /* where the walk through prev's snapshots is */
	for (size_t i = 0; i < bl->n; i++) {
		const block *b = bl->items[i];
		if (!b->obj)
			continue;
		while (prev && k < prev->ns && prev->s[k].block < i)
			k++;
		snap *s = &r->s[r->ns];
		s->block = i;
		int rc = snap_take(h, b, prev && k < prev->ns ? &prev->s[k] : NULL, s);
		r->ns++;
		if (rc != FHIST_OK)
			return rc;
	}
	return FHIST_OK;
}

/*
** Drops records until the history fits its cap: each pass doubles the
** stride and keeps only frames that are its multiples (and the newest),
** so what stays is spread evenly over the run.  A pass that keeps
** everything lets the oldest go instead.
*/
static void thin(fhist *h)
{
	while (h->bytes > h->limit && h->n > 1) {
		if (h->stride < ((uint64_t)1 << 62))
			h->stride *= 2;
		size_t k = 0;
		for (size_t i = 0; i < h->n; i++) {
			if (i == h->n - 1 || h->r[i].frame % h->stride == 0) {
				h->r[k++] = h->r[i];
			} else {
				rec_free(h, &h->r[i]);
				h->thinned++;
			}
		}
		if (k == h->n) {
			rec_free(h, &h->r[0]);
			memmove(h->r, h->r + 1, (h->n - 1) * sizeof *h->r);
			h->thinned++;
			k--;
		}
		h->n = k;
	}
}

int fhist_record(fhist *h, const blocklist *bl, uint64_t frame)
{
	if (vec_grow(&h->r, &h->cap, h->n + 1, sizeof *h->r, VEC_CHARGED) != 0)
		return FHIST_ENOMEM;
	rec r;
	int rc = rec_take(h, bl, h->n ? &h->r[h->n - 1] : NULL, &r);
	if (rc != FHIST_OK) {
		rec_free(h, &r);
		thin(h);
		return rc;
	}
	/* the newest record stays only until a newer one comes, unless its frame is on the stride */
	if (h->n && (h->r[h->n - 1].frame >= frame || h->r[h->n - 1].frame % h->stride)) {
		h->thinned += h->r[h->n - 1].frame < frame;
		rec_free(h, &h->r[--h->n]);
	}
	r.frame = frame;
	h->r[h->n++] = r;
	thin(h);
	return FHIST_OK;
}

/* Adds to out a copy of the block b (no object), its text cut to `textlen` (SIZE_MAX: whole). */
static int copy_block(const block *b, size_t textlen, blocklist *out)
{
	block *c = blocklist_add(out, b->kind, NULL);
	if (!c)
		return FHIST_ENOMEM;
	c->passed = b->passed;
	c->dropped = b->dropped;
	size_t n = textlen < b->text.len ? textlen : b->text.len;
	if (n)   /* an empty buffer has no bytes at all (s NULL) */
		sb_addn(&c->text, b->text.s, n);
	if (b->detail.len)
		sb_addn(&c->detail, b->detail.s, b->detail.len);
	if (b->extra.len)
		sb_addn(&c->extra, b->extra.s, b->extra.len);
	return c->text.failed || c->detail.failed || c->extra.failed ? FHIST_ENOMEM : FHIST_OK;
}

/* Appends to sb the message that makes the figure snapshot s shows. */
static void figure_message(const snap *s, strbuf *sb)
{
	sb_addn(sb, (const char *)s->c->b, s->c->n);
	wire_u32(sb, (uint32_t)s->np);
	for (size_t i = 0; i < s->np; i++) {
		wire_u64(sb, s->p[i].id);
		wire_u8(sb, 1);
		sb_addn(sb, (const char *)s->p[i].c->b, s->p[i].c->n);
	}
}

/* Makes the object snapshot s shows (a table from the live one b holds); NULL when out of memory. */
static void *snap_object(const snap *s, const block *b)
{
	void *obj = NULL;
	wire_rd rd;
	strbuf sb = STRBUF_INIT;
	unsigned long cursor = 0;
	if (b->kind == BLOCK_TABLE) {
		if (b->ops->encode(b->obj, &cursor, &sb) != 0)
			sb.failed = 1;
	} else if (b->kind == BLOCK_FIGURE) {
		figure_message(s, &sb);
	} else {
		sb_addn(&sb, (const char *)s->c->b, s->c->n);
	}
	wire_init(&rd, sb.s, sb.len);
	int rc = sb.failed ? BLOCK_ENOMEM : b->ops->decode(&obj, &rd);
	sb_free(&sb);
	if (rc != BLOCK_OK)
		return NULL;
	if (b->kind == BLOCK_TABLE)
		tbl_truncate(obj, s->rows);
	return obj;
}

int fhist_show(const fhist *h, size_t i, const blocklist *live, blocklist *out)
{
	blocklist_clear(out);
	if (i >= h->n)
		return FHIST_OK;
	const rec *r = &h->r[i];
	size_t nb = r->nblocks < live->n ? r->nblocks : live->n, k = 0;
	for (size_t j = 0; j < nb; j++) {
		const block *b = live->items[j];
		while (k < r->ns && r->s[k].block < j)
			k++;
		if (!b->obj) {
			if (copy_block(b, j == r->nblocks - 1 ? r->textlen : SIZE_MAX, out) != FHIST_OK)
				return FHIST_ENOMEM;
			continue;
		}
		if (k == r->ns || r->s[k].block != j || r->s[k].obj != b->obj)
			return FHIST_OK;   /* not the list the record was taken from */
		void *obj = snap_object(&r->s[k], b);
		if (!obj || !blocklist_add_obj(out, b->kind, obj))
			return FHIST_ENOMEM;
	}
	return FHIST_OK;
}
