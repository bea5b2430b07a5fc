/*
** block_obj.c — the operations of each block kind that holds an object
** (block.h): one table per kind, so the kernel's outbox and the front
** end's mirror treat tables, figures, diagrams and progress lines alike.
*/
#include "block.h"

#include "diagram.h"
#include "plot.h"
#include "progress.h"
#include "table.h"

static void fig_ref(void *o) { plot_fig_ref(o); }
static void fig_unref(void *o) { plot_fig_unref(o); }
static int fig_refs(const void *o) { return plot_fig_refs(o); }
static unsigned long fig_version(const void *o) { return plot_fig_version(o); }
static int fig_encode(const void *o, unsigned long *c, strbuf *sb) { return plot_encode(o, c, sb) ? -1 : 0; }

/* Turns a module's status into a BLOCK_* one. */
static int status(int rc, int enomem)
{
	return rc == 0 ? BLOCK_OK : rc == enomem ? BLOCK_ENOMEM : BLOCK_EBAD;
}

static int fig_decode(void **o, wire_rd *r)
{
	plot_fig *f = *o ? *o : plot_fig_new();
	if (!f)
		return BLOCK_ENOMEM;
	int rc = plot_decode(f, r);
	if (rc != PLOT_OK && !*o)
		plot_fig_unref(f);
	else
		*o = f;
	return status(rc, PLOT_ENOMEM);
}

/*
** Tables, diagrams and progress lines share one shape of API (x_ref, x_unref,
** x_refs, x_version, x_encode, x_decode(x **, r)), so one macro writes the
** untyped wrappers and the table of each.
*/
#define OBJ_OPS(name, type, pre, enomem)                                        \
	static void pre##_ref_(void *o) { pre##_ref(o); }                       \
	static void pre##_unref_(void *o) { pre##_unref(o); }                   \
	static int pre##_refs_(const void *o) { return pre##_refs(o); }         \
	static unsigned long pre##_version_(const void *o)                      \
	{                                                                        \
		return pre##_version(o);                                         \
	}                                                                        \
	static int pre##_encode_(const void *o, unsigned long *c, strbuf *sb)   \
	{                                                                        \
		return pre##_encode(o, c, sb) ? -1 : 0;                          \
	}                                                                        \
	static int pre##_decode_(void **o, wire_rd *r)                          \
	{                                                                        \
		return status(pre##_decode((type **)o, r), enomem);              \
	}                                                                        \
	static const block_obj_ops name = {pre##_ref_, pre##_unref_, pre##_refs_, \
	                                   pre##_version_, pre##_encode_, pre##_decode_}

OBJ_OPS(table_ops, tbl, tbl, TBL_ENOMEM);
OBJ_OPS(diagram_ops, diagram, diagram, DIAGRAM_ENOMEM);
OBJ_OPS(progress_ops, progress, progress, PROGRESS_ENOMEM);

static const block_obj_ops figure_ops = {fig_ref, fig_unref, fig_refs, fig_version, fig_encode, fig_decode};

const block_obj_ops *block_obj_ops_of(block_kind kind)
{
	switch (kind) {
	case BLOCK_TABLE: return &table_ops;
	case BLOCK_FIGURE: return &figure_ops;
	case BLOCK_DIAGRAM: return &diagram_ops;
	case BLOCK_PROGRESS: return &progress_ops;
	default: return NULL;
	}
}
