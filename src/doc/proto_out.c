/*
** proto_out.c — framing, and the kernel's outbox (proto.h).
**
** The outbox remembers what the front end already has: for each object it
** ever sent (table, figure, ...) its id, the version sent and the kind's
** cursor (the rows a table has sent, the figure version its elements were
** sent at); for the running cell, how many blocks went and how much of the
** last text block.  A sync sends the difference.  Objects are found by
** address in a small open-addressing table.
*/
#include "proto.h"

#include <stdlib.h>
#include <string.h>

#include "wire.h"

/* --- frames ------------------------------------------------------------------ */

void proto_begin(strbuf *sb, int type, size_t *at)
{
	*at = sb->len;
	sb_addn(sb, "NB", 2);
	wire_u8(sb, PROTO_VERSION);
	wire_u8(sb, (unsigned)type);
	wire_u32(sb, 0);
}

void proto_end(strbuf *sb, size_t at)
{
	if (sb->failed)
		return;
	size_t n = sb->len - at - PROTO_HEADER;
	if (n > PROTO_MAX_PAYLOAD) {
		sb->failed = 1;
		return;
	}
	for (int i = 0; i < 4; i++)
		sb->s[at + 4 + (size_t)i] = (char)(n >> (8 * i) & 0xff);
}

void proto_empty(strbuf *sb, int type)
{
	size_t at;
	proto_begin(sb, type, &at);
	proto_end(sb, at);
}

static int known_type(int t)
{
	return (t >= P_RUN && t <= P_MODULE) || (t >= P_HELLO && t <= P_DONE);
}

int proto_frame(const unsigned char *buf, size_t n, int *type, size_t *len)
{
	if (n >= 1 && buf[0] != 'N')
		return -1;
	if (n >= 2 && buf[1] != 'B')
		return -1;
	if (n >= 3 && buf[2] != PROTO_VERSION)
		return -1;
	if (n >= 4 && !known_type(buf[3]))
		return -1;
	if (n < PROTO_HEADER)
		return 0;
	size_t l = (size_t)buf[4] | (size_t)buf[5] << 8 | (size_t)buf[6] << 16 | (size_t)buf[7] << 24;
	if (l > PROTO_MAX_PAYLOAD)
		return -1;
	*type = buf[3];
	*len = l;
	return n - PROTO_HEADER >= l;
}

/* --- the outbox --------------------------------------------------------------- */

typedef struct sent {
	void *obj;               /* NULL: a free slot; TOMB: a removed one */
	block_kind kind;
	uint32_t id;
	unsigned long version;   /* the object's version when last sent */
	unsigned long cursor;    /* its kind's encoder cursor */
} sent;

static char tomb_;
#define TOMB ((void *)&tomb_)

struct proto_out {
	sent *slot;
	size_t cap, used;        /* used counts live slots and tombs */
	uint32_t next_id;
	uint32_t tag;
	size_t nblocks;          /* blocks of this run already sent */
	size_t text_len, text_dropped;  /* of the last one sent, when text */
};

proto_out *proto_out_new(void)
{
	proto_out *o = calloc(1, sizeof *o);
	if (o)
		o->next_id = 1;
	return o;
}

void proto_out_free(proto_out *o)
{
	if (!o)
		return;
	for (size_t i = 0; i < o->cap; i++)
		if (o->slot[i].obj && o->slot[i].obj != TOMB)
			block_obj_ops_of(o->slot[i].kind)->unref(o->slot[i].obj);
	free(o->slot);
	free(o);
}

void proto_out_run(proto_out *o, uint32_t tag)
{
	o->tag = tag;
	o->nblocks = 0;
	o->text_len = o->text_dropped = 0;
}

static size_t hash(const void *p, size_t cap)
{
	uint64_t h = (uint64_t)(uintptr_t)p * 0x9e3779b97f4a7c15u;
	return (size_t)(h >> 20) & (cap - 1);
}

/* Returns the slot of obj, or NULL. */
static sent *lookup(proto_out *o, const void *obj)
{
	if (!o->cap)
		return NULL;
	for (size_t i = hash(obj, o->cap);; i = (i + 1) & (o->cap - 1)) {
		if (!o->slot[i].obj)
			return NULL;
		if (o->slot[i].obj == obj)
			return &o->slot[i];
	}
}

static int rehash(proto_out *o, size_t cap)
{
	sent *old = o->slot;
	size_t ocap = o->cap;
	if (!(o->slot = calloc(cap, sizeof *o->slot))) {
		o->slot = old;
		return -1;
	}
	o->cap = cap;
	o->used = 0;
	for (size_t i = 0; i < ocap; i++) {
		if (!old[i].obj || old[i].obj == TOMB)
			continue;
		size_t j = hash(old[i].obj, cap);
		while (o->slot[j].obj)
			j = (j + 1) & (cap - 1);
		o->slot[j] = old[i];
		o->used++;
	}
	free(old);
	return 0;
}

/* Registers obj (taking a reference); returns its slot or NULL when out of memory. */
static sent *add(proto_out *o, void *obj, block_kind kind)
{
	if ((o->used + 1) * 2 > o->cap) {
		/* sized for the live entries: a rehash also clears the tombs */
		size_t live = 0, cap = 16;
		for (size_t i = 0; i < o->cap; i++)
			live += o->slot[i].obj && o->slot[i].obj != TOMB;
		while ((live + 1) * 4 > cap)
			cap *= 2;
		if (rehash(o, cap) != 0)
			return NULL;
	}
	size_t i = hash(obj, o->cap);
	while (o->slot[i].obj && o->slot[i].obj != TOMB)
		i = (i + 1) & (o->cap - 1);
	if (!o->slot[i].obj)
		o->used++;
	sent *s = &o->slot[i];
	s->obj = obj;
	s->kind = kind;
	s->id = o->next_id++;
	s->version = 0;
	s->cursor = 0;
	block_obj_ops_of(kind)->ref(obj);
	return s;
}

static void put_object(sent *s, strbuf *sb)
{
	const block_obj_ops *ops = block_obj_ops_of(s->kind);
	size_t at;
	proto_begin(sb, P_OBJECT, &at);
	wire_u32(sb, s->id);
	wire_u8(sb, (unsigned)s->kind);
	if (ops->encode(s->obj, &s->cursor, sb) != 0)
		sb->failed = 1;
	proto_end(sb, at);
	s->version = ops->version(s->obj);
}

static void put_block(const proto_out *o, size_t index, const block *b, strbuf *sb)
{
	const sent *s = b->obj ? lookup((proto_out *)o, b->obj) : NULL;
	size_t at;
	proto_begin(sb, P_BLOCK, &at);
	wire_u32(sb, o->tag);
	wire_u32(sb, (uint32_t)index);
	wire_u8(sb, (unsigned)b->kind);
	wire_u8(sb, (unsigned)(b->passed != 0));
	wire_u64(sb, b->dropped);
	wire_str(sb, sb_str(&b->text), b->text.len);
	wire_str(sb, sb_str(&b->detail), b->detail.len);
	wire_str(sb, sb_str(&b->extra), b->extra.len);
	wire_u32(sb, s ? s->id : 0);
	proto_end(sb, at);
}

static void put_text(const proto_out *o, size_t index, int replace, const block *b,
                     size_t from, strbuf *sb)
{
	size_t at;
	proto_begin(sb, P_TEXT, &at);
	wire_u32(sb, o->tag);
	wire_u32(sb, (uint32_t)index);
	wire_u8(sb, (unsigned)replace);
	wire_u64(sb, b->dropped);
	wire_str(sb, b->text.s + from, b->text.len - from);
	proto_end(sb, at);
}

/* Sends what the last block sent, a text block, printed since. */
static void sync_text(proto_out *o, const blocklist *bl, strbuf *sb)
{
	if (!o->nblocks || o->nblocks > bl->n)
		return;
	const block *b = bl->items[o->nblocks - 1];
	if (b->kind != BLOCK_TEXT)
		return;
	if (b->dropped != o->text_dropped)
		put_text(o, o->nblocks - 1, 1, b, 0, sb);
	else if (b->text.len > o->text_len)
		put_text(o, o->nblocks - 1, 0, b, o->text_len, sb);
	o->text_len = b->text.len;
	o->text_dropped = b->dropped;
}

int proto_out_sync(proto_out *o, const blocklist *bl, strbuf *sb)
{
	/* objects the new blocks show for the first time, in the order of their ids */
	for (size_t i = o->nblocks; i < bl->n; i++) {
		const block *b = bl->items[i];
		if (!b->obj || !block_obj_ops_of(b->kind) || lookup(o, b->obj))
			continue;
		sent *s = add(o, b->obj, b->kind);
		if (!s)
			return PROTO_ENOMEM;
		put_object(s, sb);
	}
	/* and the objects sent before that changed since */
	for (size_t i = 0; i < o->cap; i++) {
		sent *s = &o->slot[i];
		if (s->obj && s->obj != TOMB && block_obj_ops_of(s->kind)->version(s->obj) != s->version)
			put_object(s, sb);
	}
	sync_text(o, bl, sb);
	for (; o->nblocks < bl->n; o->nblocks++) {
		const block *b = bl->items[o->nblocks];
		put_block(o, o->nblocks, b, sb);
		o->text_len = b->text.len;
		o->text_dropped = b->dropped;
	}
	proto_out_collect(o, sb);
	return sb->failed ? PROTO_ENOMEM : PROTO_OK;
}

void proto_out_collect(proto_out *o, strbuf *sb)
{
	/* objects only the outbox still holds can never change again */
	for (size_t i = 0; i < o->cap; i++) {
		sent *s = &o->slot[i];
		if (!s->obj || s->obj == TOMB || block_obj_ops_of(s->kind)->refs(s->obj) > 1)
			continue;
		size_t at;
		proto_begin(sb, P_FORGET, &at);
		wire_u32(sb, s->id);
		proto_end(sb, at);
		block_obj_ops_of(s->kind)->unref(s->obj);
		s->obj = TOMB;
	}
}
