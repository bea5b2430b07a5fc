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

static void tbl_ref_(void *o) { tbl_ref(o); }
static void tbl_unref_(void *o) { tbl_unref(o); }
static int tbl_refs_(const void *o) { return tbl_refs(o); }
static unsigned long tbl_version_(const void *o) { return tbl_version(o); }
static int tbl_encode_(const void *o, unsigned long *c, strbuf *sb) { return tbl_encode(o, c, sb) ? -1 : 0; }
static int tbl_decode_(void **o, wire_rd *r) { return status(tbl_decode((tbl **)o, r), TBL_ENOMEM); }

static void dia_ref(void *o) { diagram_ref(o); }
static void dia_unref(void *o) { diagram_unref(o); }
static int dia_refs(const void *o) { return diagram_refs(o); }
static unsigned long dia_version(const void *o) { return diagram_version(o); }
static int dia_encode(const void *o, unsigned long *c, strbuf *sb) { return diagram_encode(o, c, sb) ? -1 : 0; }
static int dia_decode(void **o, wire_rd *r) { return status(diagram_decode((diagram **)o, r), DIAGRAM_ENOMEM); }

static void prog_ref(void *o) { progress_ref(o); }
static void prog_unref(void *o) { progress_unref(o); }
static int prog_refs(const void *o) { return progress_refs(o); }
static unsigned long prog_version(const void *o) { return progress_version(o); }
static int prog_encode(const void *o, unsigned long *c, strbuf *sb) { return progress_encode(o, c, sb) ? -1 : 0; }
static int prog_decode(void **o, wire_rd *r) { return status(progress_decode((progress **)o, r), PROGRESS_ENOMEM); }

static const block_obj_ops figure_ops = {fig_ref, fig_unref, fig_refs, fig_version, fig_encode, fig_decode};
static const block_obj_ops table_ops = {tbl_ref_, tbl_unref_, tbl_refs_, tbl_version_, tbl_encode_, tbl_decode_};
static const block_obj_ops diagram_ops = {dia_ref, dia_unref, dia_refs, dia_version, dia_encode, dia_decode};
static const block_obj_ops progress_ops = {prog_ref, prog_unref, prog_refs, prog_version, prog_encode, prog_decode};

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
