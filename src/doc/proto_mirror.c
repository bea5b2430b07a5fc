/*
** proto_mirror.c — the front end's copy of the kernel's outputs (proto.h).
**
** The mirror holds every object the kernel sent, by id (kept sorted: ids
** only grow, so a new one goes at the end), and applies block and text
** messages to the running cell's block list.  Everything it reads is
** checked; the first message that breaks a rule makes it answer
** PROTO_EBAD and the caller stops trusting that kernel.
*/
#include "proto.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wire.h"
#include "vec.h"

typedef struct mobj {
	uint32_t id;
	block_kind kind;
	void *obj;               /* NULL when it could not even be made */
	int stale;               /* an update did not fit: later ones are ignored */
} mobj;

struct proto_mirror {
	mobj *o;
	size_t n, cap;
	uint32_t last_id;        /* the highest id ever sent */
	int full;                /* this run's outputs stopped fitting: the rest are dropped */
};

proto_mirror *proto_mirror_new(void)
{
	return calloc(1, sizeof(proto_mirror));
}

void proto_mirror_clear(proto_mirror *m)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->o[i].obj)
			block_obj_ops_of(m->o[i].kind)->unref(m->o[i].obj);
	m->n = 0;
	m->last_id = 0;
	m->full = 0;
}

void proto_mirror_run(proto_mirror *m) { m->full = 0; }
void proto_mirror_drop(proto_mirror *m) { m->full = 1; }

void proto_mirror_free(proto_mirror *m)
{
	if (!m)
		return;
	proto_mirror_clear(m);
	free(m->o);
	free(m);
}

size_t proto_mirror_objects(const proto_mirror *m) { return m->n; }

static mobj *find(const proto_mirror *m, uint32_t id)
{
	size_t lo = 0, hi = m->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->o[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < m->n && m->o[lo].id == id ? &m->o[lo] : NULL;
}

static int is_obj_kind(unsigned k)
{
	return k == BLOCK_TABLE || k == BLOCK_FIGURE || k == BLOCK_DIAGRAM || k == BLOCK_PROGRESS;
}

static int apply_object(proto_mirror *m, wire_rd *r)
{
	uint32_t id = wire_get_u32(r);
	unsigned kind = wire_get_u8(r);
	if (r->err || id == 0 || !is_obj_kind(kind))
		return PROTO_EBAD;
	mobj *x = find(m, id);
	if (x && x->kind != (block_kind)kind)
		return PROTO_EBAD;
	if (!x && id <= m->last_id)
		return PROTO_EBAD;   /* ids are never reused */
	if (!x && vec_grow(&m->o, &m->cap, m->n + 1, sizeof *m->o, VEC_PLAIN) != 0)
		return PROTO_ENOMEM;
	if (x && x->stale)
		return PROTO_OK;   /* it stopped fitting once: it stays as it was */
	void *obj = x ? x->obj : NULL;
	int rc = block_obj_ops_of((block_kind)kind)->decode(&obj, r);
	if (rc == BLOCK_EBAD)
		return PROTO_EBAD;
	if (!x) {
		m->o[m->n++] = (mobj){id, (block_kind)kind, rc == BLOCK_OK ? obj : NULL, rc != BLOCK_OK};
		m->last_id = id;
	} else if (rc != BLOCK_OK) {
		x->stale = 1;
	}
	return rc == BLOCK_OK ? PROTO_OK : PROTO_ENOMEM;
}

static int apply_forget(proto_mirror *m, wire_rd *r)
{
	uint32_t id = wire_get_u32(r);
	mobj *x = find(m, id);
	if (!wire_done(r) || !x)
		return PROTO_EBAD;
	if (x->obj)
		block_obj_ops_of(x->kind)->unref(x->obj);
	size_t i = (size_t)(x - m->o);
	memmove(m->o + i, m->o + i + 1, (m->n - i - 1) * sizeof *m->o);
	m->n--;
	return PROTO_OK;
}

/* Copies a wire string into a (charged) block buffer. */
static int put_text(strbuf *sb, const char *s, size_t n)
{
	if (n == 0)
		return PROTO_OK;   /* an empty buffer costs nothing, as in the kernel */
	sb_addn(sb, s, n);
	return sb->failed ? PROTO_ENOMEM : PROTO_OK;
}

static int apply_block(proto_mirror *m, wire_rd *r, blocklist *out)
{
	size_t index = wire_get_u32(r);
	unsigned kind = wire_get_u8(r), passed = wire_get_u8(r);
	uint64_t dropped = wire_get_u64(r);
	if (r->err || (!m->full && index != out->n) || kind > BLOCK_CHECK || passed > 1)
		return PROTO_EBAD;
	size_t tl, dl, el;
	const char *t = wire_get_str(r, &tl), *d = wire_get_str(r, &dl), *e = wire_get_str(r, &el);
	uint32_t id = wire_get_u32(r);
	mobj *x = id ? find(m, id) : NULL;
	if (!wire_done(r) || (is_obj_kind(kind) ? !x || x->kind != (block_kind)kind : id != 0))
		return PROTO_EBAD;
	if (m->full || (x && !x->obj))
		return PROTO_OK;   /* dropped: the outputs did not fit */
	block *b;
	if (x) {
		block_obj_ops_of(x->kind)->ref(x->obj);
		b = blocklist_add_obj(out, (block_kind)kind, x->obj);
	} else {
		b = blocklist_add(out, (block_kind)kind, NULL);
	}
	int rc = b ? PROTO_OK : PROTO_ENOMEM;
	if (b) {
		b->passed = (int)passed;
		b->dropped = (size_t)dropped;
		rc = put_text(&b->text, t, tl);
		if (rc == PROTO_OK)
			rc = put_text(&b->detail, d, dl);
		if (rc == PROTO_OK)
			rc = put_text(&b->extra, e, el);
	}
	if (rc != PROTO_OK)
		m->full = 1;
	return rc;
}

static int apply_text(proto_mirror *m, wire_rd *r, blocklist *out)
{
	size_t index = wire_get_u32(r);
	unsigned replace = wire_get_u8(r);
	uint64_t dropped = wire_get_u64(r);
	size_t n;
	const char *s = wire_get_str(r, &n);
	if (!wire_done(r) || replace > 1)
		return PROTO_EBAD;
	if (m->full)
		return PROTO_OK;
	if (index >= out->n || out->items[index]->kind != BLOCK_TEXT)
		return PROTO_EBAD;
	block *b = out->items[index];
	if (replace)
		sb_clear(&b->text);
	sb_addn(&b->text, s, n);
	b->dropped = (size_t)dropped;
	blocklist_touch(out);
	if (b->text.failed) {
		m->full = 1;
		return PROTO_ENOMEM;
	}
	return PROTO_OK;
}

/* Copies a wire string into ev->text (cut to fit). */
static void get_note(wire_rd *r, proto_event *ev)
{
	size_t n;
	const char *s = wire_get_str(r, &n);
	if (!s)
		return;
	if (n >= sizeof ev->text)
		n = sizeof ev->text - 1;
	memcpy(ev->text, s, n);
	ev->text[n] = '\0';
}

/* Messages for the running cell: blocks, text, frames, the end. */
static int apply_run(proto_mirror *m, int type, wire_rd *r, uint32_t tag, blocklist *out,
                     proto_event *ev)
{
	ev->tag = wire_get_u32(r);
	if (r->err || !out || ev->tag != tag)
		return PROTO_EBAD;
	switch (type) {
	case P_BLOCK: return apply_block(m, r, out);
	case P_TEXT: return apply_text(m, r, out);
	case P_FRAME:
		ev->frames = wire_get_u64(r);
		return wire_done(r) ? PROTO_OK : PROTO_EBAD;
	default: /* P_DONE */
		ev->failed = (int)wire_get_u8(r);
		ev->frames = wire_get_u64(r);
		return wire_done(r) && ev->failed <= 1 ? PROTO_OK : PROTO_EBAD;
	}
}

int proto_mirror_apply(proto_mirror *m, int type, const void *payload, size_t n,
                       uint32_t tag, blocklist *out, proto_event *ev)
{
	wire_rd r;
	wire_init(&r, payload, n);
	memset(ev, 0, sizeof *ev);
	ev->type = type;
	switch (type) {
	case P_HELLO:
		ev->version = wire_get_u32(&r);
		ev->pid = wire_get_u32(&r);
		ev->wall = (int)wire_get_u8(&r);
		get_note(&r, ev);
		return wire_done(&r) && ev->version == PROTO_VERSION && ev->wall <= 1 ? PROTO_OK : PROTO_EBAD;
	case P_OBJECT: return apply_object(m, &r);
	case P_FORGET: return apply_forget(m, &r);
	case P_REQUIRE:
		get_note(&r, ev);
		return wire_done(&r) && ev->text[0] ? PROTO_OK : PROTO_EBAD;
	case P_BLOCK:
	case P_TEXT:
	case P_FRAME:
	case P_DONE:
		return apply_run(m, type, &r, tag, out, ev);
	default:
		return PROTO_EBAD;   /* a kernel never sends the front end's messages */
	}
}
