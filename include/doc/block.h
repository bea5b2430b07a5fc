/*
** block.h — a cell's output: a list of blocks, each data, never characters.
**
** The kernel appends blocks while a cell runs (print, show, tables, figures,
** progress, errors); the renderer turns them into styled text at whatever
** width the screen or transcript has.  Blocks that keep changing (a table
** that grows, a figure whose line moves) point to a reference-counted
** object with its own version; the list's `version` changes whenever a
** block is added or its text grows, so a viewer redraws only what changed.
**
** Blocks outlive the Lua state that made them: restarting the kernel keeps
** the outputs on screen, as in Jupyter.
*/
#ifndef NNBOOK_BLOCK_H
#define NNBOOK_BLOCK_H

#include <stddef.h>

#include "strbuf.h"
#include "wire.h"

typedef enum block_kind {
	BLOCK_TEXT,      /* print() output; consecutive prints share one block */
	BLOCK_VALUE,     /* show(x): preformatted text (arrays, summaries, trees) */
	BLOCK_TABLE,     /* obj: tbl *          (table.h) */
	BLOCK_FIGURE,    /* obj: plot_fig *     (plot.h) */
	BLOCK_DIAGRAM,   /* obj: diagram *      (diagram.h) */
	BLOCK_PROGRESS,  /* obj: progress *     (progress.h) */
	BLOCK_ERROR,     /* text: message; detail: traceback */
	BLOCK_CHECK      /* an exercise verdict: text = name, detail = hint (or the
	                 ** error of a failing check), extra = solution; passed */
} block_kind;

/*
** What a block kind with an object (table, figure, diagram, progress) can
** do with it: references, the version that says it changed, and its
** protocol bytes (the kernel encodes, the front end decodes).  One table
** per kind, in block_obj.c; block_obj_ops_of() finds it.
*/
typedef struct block_obj_ops {
	void (*ref)(void *obj);
	void (*unref)(void *obj);
	int (*refs)(const void *obj);
	unsigned long (*version)(const void *obj);
	/* appends what a receiver at *cursor lacks (0: everything); moves *cursor; 0 or -1 */
	int (*encode)(const void *obj, unsigned long *cursor, strbuf *sb);
	/* applies a message to *obj, making it when NULL; a BLOCK_* status */
	int (*decode)(void **obj, wire_rd *r);
} block_obj_ops;

/* What decode returns. */
enum { BLOCK_OK = 0, BLOCK_EBAD, BLOCK_ENOMEM };

/* Returns the operations of a kind that holds an object, or NULL. */
const block_obj_ops *block_obj_ops_of(block_kind kind);

typedef struct block {
	block_kind kind;
	strbuf text;           /* TEXT, VALUE, ERROR message, CHECK name */
	strbuf detail;         /* ERROR traceback, CHECK hint */
	strbuf extra;          /* CHECK: the solution's source (revealed on request);
	                       ** ERROR: a hint the notebook adds (cells above not run) */
	size_t dropped;        /* TEXT: lines dropped from the front (cap) */
	int passed;            /* CHECK */
	void *obj;             /* TABLE, FIGURE, DIAGRAM, PROGRESS */
	const block_obj_ops *ops;
} block;

typedef struct blocklist {
	block **items;
	size_t n, cap;
	unsigned long version; /* changes when a block is added or grows */
} blocklist;

#define BLOCKLIST_INIT {NULL, 0, 0, 0}

/* Text kept per text block before the oldest lines are dropped. */
#define BLOCK_TEXT_MAX (256 * 1024)

/*
** Blocks one cell may make.  Past it adding fails (blocklist_full says
** why): a cell that shows a value in an endless loop would otherwise cost
** the front end its memory drawing them all.
*/
#define BLOCK_MAX_BLOCKS 5000

/* Removes and frees every block (objects are unref'd). */
void blocklist_clear(blocklist *bl);

/* Appends s[0..n) to the last block if it is a TEXT block, else to a new one.
** Returns 0, or -1 when out of memory. */
int blocklist_text(blocklist *bl, const char *s, size_t n);

/* Appends a block of `kind` with text s (may be NULL); returns it or NULL. */
block *blocklist_add(blocklist *bl, block_kind kind, const char *s);

/*
** Appends a block of an object kind holding obj (one of its references
** passes to the block).  Returns it, or NULL (obj is then unref'd).
*/
block *blocklist_add_obj(blocklist *bl, block_kind kind, void *obj);

/* Returns a number that changes when anything in the list changes,
** including the objects' own versions. */
unsigned long blocklist_version(const blocklist *bl);

/* Marks the list changed (e.g. after a block's text was edited). */
void blocklist_touch(blocklist *bl);

/* Returns 1 when the list holds BLOCK_MAX_BLOCKS blocks and takes no more. */
int blocklist_full(const blocklist *bl);

/*
** Returns the message for a failed add: "<fname>: a cell may make at most
** 5000 outputs ..." when the list is full, else "<fname>: not enough
** memory for the output"; in buf.
*/
const char *blocklist_add_error(const blocklist *bl, const char *fname, char *buf, size_t size);

#endif
