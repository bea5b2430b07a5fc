/*
** md_int.h — what the pieces of the markdown renderer share (markdown.c,
** md_flow.c, md_table.c, md_math.c).  Not a public header.
*/
#ifndef NNBOOK_MD_INT_H
#define NNBOOK_MD_INT_H

#include <stddef.h>
#include <stdint.h>

#include "markdown.h"
#include "strbuf.h"
#include "styled.h"

typedef struct cmark_node cmark_node;   /* cmark.h, where the renderer uses it */

/*
** A flow is the inline content of one block as styled code points, before
** it is wrapped.  Besides text it holds ' ' (a break opportunity; runs
** collapse to one), MD_BR (a hard line break) and MD_DISP_BEGIN/END
** around display math, which gets a line of its own.
*/
enum { MD_DISP_BEGIN = 1, MD_DISP_END = 2, MD_BR = '\n' };

typedef struct md_flow {
	st_cell *c;   /* owned */
	size_t n, cap;
	int failed;
} md_flow;

#define MD_FLOW_INIT {NULL, 0, 0, 0}

/* Frees f's cells and resets it. */
void md_flow_free(md_flow *f);

/* Appends cp as is (MD_BR and MD_DISP_* included). */
void md_flow_putc(md_flow *f, uint32_t cp, st_style s);

/* Appends UTF-8 text; control characters (newlines too) become spaces. */
void md_flow_puts(md_flow *f, const char *s, size_t n, st_style st);

/* Returns the columns f takes unwrapped (the widest of its hard-broken lines). */
size_t md_flow_width(const md_flow *f);

/* Returns the width of f's widest word (what it needs to wrap without breaking words). */
size_t md_flow_minwidth(const md_flow *f);

/* Appends f wrapped to width columns (>= 1) as lines of out. */
void md_flow_layout(const md_flow *f, size_t width, st_text *out);

/*
** Appends every line of src to out behind `indent` spaces (st_append,
** minus its memcpy from a NULL line, which UBSan rejects).
*/
void md_append(st_text *out, const st_text *src, size_t indent);

/* What a placeholder in the text handed to cmark stands for. */
enum md_kind { MD_MATH, MD_DISPLAY, MD_TABLE };

typedef struct md_item {
	int kind;            /* enum md_kind */
	size_t raw, len;     /* the original text: ctx->raw.s[raw .. raw+len) */
	size_t body, blen;   /* math without its $ delimiters (offsets into raw.s) */
} md_item;

/* One rendering: the options and the items taken out of the source. */
typedef struct md_ctx {
	const md_opts *o;
	size_t width;        /* o->width, 0 resolved */
	md_item *items;      /* owned */
	size_t nitems, cap;
	strbuf raw;          /* the items' original text */
	int list_depth;      /* for the bullet shape */
	int failed;
} md_ctx;

/*
** The placeholder for item k: U+E000, k in decimal, U+E001.  Private-use
** characters are letters to cmark, so a placeholder stays inside one
** text node; the same characters in the source are replaced by U+FFFD.
*/
#define MD_PH_OPEN "\xee\x80\x80"
#define MD_PH_CLOSE "\xee\x80\x81"

/*
** Appends to out the text cmark is to parse: s[0..n) with fenced code
** copied as is and every pipe table and $…$ / $$…$$ (outside code)
** replaced by a placeholder registered in c.
*/
void md_protect(md_ctx *c, const char *s, size_t n, strbuf *out);

/* The same for math only (a table cell's text). */
void md_protect_math(md_ctx *c, const char *s, size_t n, strbuf *out);

/* If a placeholder of c starts at s (n bytes), returns its length and sets *k; else 0. */
size_t md_ph_parse(const md_ctx *c, const char *s, size_t n, size_t *k);

/* Appends s[0..n) to out with every placeholder replaced by its original text. */
void md_restore(const md_ctx *c, const char *s, size_t n, strbuf *out);

/* Returns the offset of the '\n' ending the line that starts at i (n if none). */
size_t md_line_end(const char *s, size_t n, size_t i);

/*
** Builds the flow of a table cell's markdown s[0..n) (inline markup only;
** blocks are joined by spaces) in style base.  Returns 0 or -1.
*/
int md_cell_flow(md_ctx *c, const char *s, size_t n, st_style base, md_flow *f);

/* Appends the inlines under root (a paragraph, a heading) to the flow f in style base (md_inline.c). */
void md_inlines(md_ctx *c, cmark_node *root, st_style base, md_flow *f);

/* Returns the offset past the pipe table starting at line `pos` of s, or 0 if none starts there. */
size_t md_table_detect(const char *s, size_t n, size_t pos);

/* Draws the pipe table whose source lines are t[0..n) at the width. */
void md_table_render(md_ctx *c, const char *t, size_t n, size_t width, st_text *out);

/*
** TeX commands (md_symbols.c).  MK_SYM: a symbol; MK_PRE: a symbol that
** binds to the operand after it (Greek letters, ∂, ∇): like TeX, the space
** after it is dropped, so "\partial L" reads ∂L; MK_WORD: a function name
** (log, max); MK_ARG: shows its argument (\text, \mathbf); MK_DROPARG:
** hides it (\label); MK_IGNORE: sizing and spacing hints (\big); the rest
** are structures the converter handles itself.
*/
enum md_cmd_kind {
	MK_SYM, MK_PRE, MK_WORD, MK_ARG, MK_DROPARG, MK_IGNORE, MK_FRAC, MK_SQRT,
	MK_ACCENT, MK_LEFT, MK_RIGHT, MK_BEGIN
};

typedef struct md_cmd {
	const char *name;
	const char *u, *a;  /* UTF-8 and ASCII output (symbols); the accent's name (MK_ACCENT) */
	int kind;           /* enum md_cmd_kind */
} md_cmd;

/* Returns the command called name[0..k) (k > 0), or NULL when unknown. */
const md_cmd *md_math_command(const char *name, size_t k);

/* Returns the Unicode superscript (sup) or subscript form of c, or 0 if it has none. */
uint32_t md_script_cp(uint32_t c, int sup);

/* The precomposed letter for \hat, \bar or \tilde over letter (its UTF-8, *len bytes), or NULL. */
const char *md_accented(const char *accent, char letter, size_t *len);

#endif
