/*
** block.c — output block lists.
**
** Everything a block list holds is charged to the memory budget (mem.h):
** in the kernel that is the lesson's budget, so a cell that floods its
** output with show() ends with "not enough memory"; in the front end it is
** the cap on what the kernel may make it keep.
*/
#include "block.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "vec.h"

static void block_free(block *b)
{
	if (!b)
		return;
	if (b->obj && b->ops && b->ops->unref)
		b->ops->unref(b->obj);
	sb_free(&b->text);
	sb_free(&b->detail);
	sb_free(&b->extra);
	mem_free(b);
}

void blocklist_clear(blocklist *bl)
{
	for (size_t i = 0; i < bl->n; i++)
		block_free(bl->items[i]);
	mem_free(bl->items);
	bl->items = NULL;
	bl->n = bl->cap = 0;
	bl->version++;
}

int blocklist_full(const blocklist *bl) { return bl->n >= BLOCK_MAX_BLOCKS; }

const char *blocklist_add_error(const blocklist *bl, const char *fname, char *buf, size_t size)
{
	if (blocklist_full(bl))
		snprintf(buf, size, "%s: a cell may make at most %d outputs (print, or a table or "
		         "figure that the loop updates, shows more)", fname, BLOCK_MAX_BLOCKS);
	else
		snprintf(buf, size, "%s: not enough memory for the output", fname);
	return buf;
}

static block *push(blocklist *bl, block_kind kind)
{
	/* the kernel's own error block still goes in: it says why the cell ended */
	if (blocklist_full(bl) && (kind != BLOCK_ERROR || bl->n > BLOCK_MAX_BLOCKS))
		return NULL;
	if (vec_grow(&bl->items, &bl->cap, bl->n + 1, sizeof *bl->items, VEC_CHARGED) != 0)
		return NULL;
	block *b = mem_calloc(1, sizeof *b);
	if (!b)
		return NULL;
	b->kind = kind;
	b->text.charged = b->detail.charged = b->extra.charged = 1;
	bl->items[bl->n++] = b;
	bl->version++;
	return b;
}

block *blocklist_add(blocklist *bl, block_kind kind, const char *s)
{
	block *b = push(bl, kind);
	if (b && s) {
		sb_adds(&b->text, s);
		if (b->text.failed) {
			bl->n--;
			block_free(b);
			return NULL;
		}
	}
	return b;
}

block *blocklist_add_obj(blocklist *bl, block_kind kind, void *obj)
{
	const block_obj_ops *ops = block_obj_ops_of(kind);
	block *b = push(bl, kind);
	if (!b) {
		if (obj && ops && ops->unref)
			ops->unref(obj);
		return NULL;
	}
	b->obj = obj;
	b->ops = ops;
	return b;
}

/*
** Drops whole lines from the front of a text block that outgrew the cap, so
** a cell printing in an endless loop costs bounded memory; the renderer
** shows how many lines went.
*/
static void trim_text(block *b)
{
	if (b->text.len <= BLOCK_TEXT_MAX)
		return;
	size_t cut = b->text.len - BLOCK_TEXT_MAX / 2;
	const char *nl = memchr(b->text.s + cut, '\n', b->text.len - cut);
	cut = nl ? (size_t)(nl - b->text.s) + 1 : cut;
	for (size_t i = 0; i < cut; i++)
		if (b->text.s[i] == '\n')
			b->dropped++;
	memmove(b->text.s, b->text.s + cut, b->text.len - cut + 1);
	b->text.len -= cut;
}

int blocklist_text(blocklist *bl, const char *s, size_t n)
{
	block *b = bl->n ? bl->items[bl->n - 1] : NULL;
	if (!b || b->kind != BLOCK_TEXT)
		b = push(bl, BLOCK_TEXT);
	if (!b)
		return -1;
	sb_addn(&b->text, s, n);
	if (b->text.failed)
		return -1;
	trim_text(b);
	bl->version++;
	return 0;
}

unsigned long blocklist_version(const blocklist *bl)
{
	unsigned long v = bl->version;
	for (size_t i = 0; i < bl->n; i++) {
		const block *b = bl->items[i];
		if (b->obj && b->ops && b->ops->version)
			v += b->ops->version(b->obj) * 2654435761u;
	}
	return v;
}

void blocklist_touch(blocklist *bl) { bl->version++; }
