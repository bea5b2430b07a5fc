/*
** markdown.c — a markdown cell as styled lines.
**
** Three passes.  md_protect() (md_protect.c) walks the source line by
** line: fenced code is copied as is; a GFM pipe table or a $…$ math span
** is cut out, kept in the context as an item, and replaced by a
** placeholder that cmark passes through as plain text.  cmark then parses
** the rest.  Finally this file draws the tree block by block: containers
** (quotes, list items) draw their children at a narrower width and add a
** prefix to every line; leaf blocks collect their inlines into a flow
** (md_flow.c) that is wrapped to the width.  Placeholders become rendered
** math in text, the original source in code, and a drawn table
** (md_table.c) when a paragraph holds nothing else.
*/
#include <cmark.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "highlight.h"
#include "md_int.h"
#include "utf8.h"

#define MAXNEST 32  /* containers nested deeper are drawn as plain text */
#define MINW 8      /* narrower than this, lists and quotes stop indenting */

static st_style sty(int fg, int attr)
{
	return st_mk((uint8_t)fg, ST_DEFAULT, (uint8_t)attr);
}

/* Wraps a flow into out and frees it. */
static void emit(md_ctx *c, md_flow *f, size_t width, st_text *out)
{
	md_flow_layout(f, width, out);
	c->failed |= f->failed;
	md_flow_free(f);
}

/* ---- blocks ---- */

static void block(md_ctx *c, cmark_node *n, size_t width, int depth, st_text *out);

/* Draws n's children in order; loose containers put a blank line between them. */
static void blocks(md_ctx *c, cmark_node *n, size_t width, int depth, int tight, st_text *out)
{
	int first = 1;
	for (cmark_node *ch = cmark_node_first_child(n); ch; ch = cmark_node_next(ch)) {
		if (!first && !tight)
			st_newline(out);
		block(c, ch, width, depth, out);
		first = 0;
	}
}

/* Writes a prefix of width-1 characters over the first cells (spaces) of line l. */
static void stamp(st_line *l, const char *p, st_style s)
{
	size_t i = 0;
	while (*p && i < l->len) {
		uint32_t cp;
		p += utf8_decode(p, strlen(p), &cp);
		l->cells[i].cp = cp;
		l->cells[i].style = s;
		i++;
	}
}

/* Appends sub's lines indented by w, the first one stamped with `first`, the others with `rest`. */
static void prefixed(st_text *out, st_text *sub, size_t w, const char *first, const char *rest, st_style ps)
{
	size_t n0 = out->n;
	if (sub->n == 0)
		st_newline(sub);
	md_append(out, sub, w);
	for (size_t i = n0; i < out->n; i++)
		stamp(&out->lines[i], i == n0 ? first : rest, ps);
}

/* Draws n's children into a scratch text of the given width (the caller frees it). */
static st_text inner(md_ctx *c, cmark_node *n, size_t width, int depth, int tight)
{
	st_text sub = ST_TEXT_INIT;
	blocks(c, n, width, depth, tight, &sub);
	c->failed |= sub.failed;
	return sub;
}

/*
** Lists: a marker (a bullet whose shape follows the nesting depth, or a
** number right-aligned to the widest one) and a hanging indent as wide as
** the marker, so wrapped lines and nested blocks line up under the text.
*/
static void list(md_ctx *c, cmark_node *n, size_t width, int depth, st_text *out)
{
	static const char *const bullets[2][3] = {
		{"*", "-", "+"}, {"\xe2\x80\xa2", "\xe2\x97\xa6", "\xe2\x96\xaa"}};
	int ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
	int tight = cmark_node_get_list_tight(n);
	long start = cmark_node_get_list_start(n), count = 0;
	char delim = cmark_node_get_list_delim(n) == CMARK_PAREN_DELIM ? ')' : '.';
	for (cmark_node *it = cmark_node_first_child(n); it; it = cmark_node_next(it))
		count++;
	char mk[48];
	int digits = snprintf(mk, sizeof mk, "%ld", start + (count ? count - 1 : 0));
	size_t w = ordered ? (size_t)digits + 2 : 2;
	const char *bullet = bullets[c->o->utf8 != 0][c->list_depth % 3];
	c->list_depth++;
	long k = 0;
	for (cmark_node *it = cmark_node_first_child(n); it; it = cmark_node_next(it), k++) {
		if (k > 0 && !tight)
			st_newline(out);
		if (ordered)
			snprintf(mk, sizeof mk, "%*ld%c", digits, start + k, delim);
		else
			snprintf(mk, sizeof mk, "%s", bullet);
		st_style ms = sty(ordered ? ST_DEFAULT : ST_MUTED, 0);
		if (width >= w + MINW) {
			st_text sub = inner(c, it, width - w, depth + 1, tight);
			prefixed(out, &sub, w, mk, "", ms);
			st_free(&sub);
		} else {   /* too narrow to indent: the marker on a line of its own */
			st_line *l = st_newline(out);
			if (l)
				st_puts(out, l, mk, strlen(mk), ms);
			blocks(c, it, width, depth + 1, tight, out);
		}
	}
	c->list_depth--;
}

/* Headings: bold ST_HEADING; levels 1 and 2 underlined as wide as their widest line. */
static void heading(md_ctx *c, cmark_node *n, size_t width, st_text *out)
{
	md_flow f = MD_FLOW_INIT;
	size_t n0 = out->n, w = 0;
	md_inlines(c, n, sty(ST_HEADING, ST_BOLD), &f);
	emit(c, &f, width, out);
	int level = cmark_node_get_heading_level(n);
	if (level > 2 || out->n == n0)
		return;   /* levels 3-6 and empty headings get no rule */
	for (size_t i = n0; i < out->n; i++)
		if (out->lines[i].len > w)
			w = out->lines[i].len;
	const char *rule = c->o->utf8 ? (level == 1 ? "\xe2\x94\x81" : "\xe2\x94\x80") : (level == 1 ? "=" : "-");
	st_line *l = st_newline(out);
	for (size_t i = 0; l && i < w; i++)
		st_puts(out, l, rule, strlen(rule), sty(ST_HEADING, 0));
}

/* Code blocks: indented 2, cut at the width; ```lua blocks are coloured like code cells. */
static void code_block(md_ctx *c, cmark_node *n, size_t width, st_text *out)
{
	const char *lit = cmark_node_get_literal(n), *info = cmark_node_get_fence_info(n);
	int lua = info && !strncmp(info, "lua", 3) && (info[3] == 0 || info[3] == ' ');
	strbuf b = STRBUF_INIT;
	md_restore(c, lit, lit ? strlen(lit) : 0, &b);
	size_t indent = width > 4 ? 2 : 0;
	hl_opts ho = {width - indent, c->o->utf8, 0, 1, 0};
	st_text sub = ST_TEXT_INIT;
	if (hl_render(b.s ? b.s : "", b.len, &ho, &sub) < 0 || b.failed)
		c->failed = 1;
	for (size_t i = 0; i < sub.n; i++) {
		for (size_t j = 0; j < sub.lines[i].len; j++) {
			st_style *s = &sub.lines[i].cells[j].style;
			if (s->fg != ST_MUTED && (!lua || s->fg == ST_DEFAULT))
				s->fg = ST_CODE;
		}
	}
	md_append(out, &sub, indent);
	st_free(&sub);
	sb_free(&b);
}

/* Raw HTML is shown as the text it is, its lines kept and wrapped like prose. */
static void html_block(md_ctx *c, cmark_node *n, size_t width, st_text *out)
{
	const char *lit = cmark_node_get_literal(n);
	strbuf b = STRBUF_INIT;
	md_flow f = MD_FLOW_INIT;
	md_restore(c, lit, lit ? strlen(lit) : 0, &b);
	size_t len = b.len;
	while (len > 0 && b.s[len - 1] == '\n')
		len--;
	for (size_t i = 0; i < len; ) {
		size_t e = md_line_end(b.s, len, i);
		md_flow_puts(&f, b.s + i, e - i, sty(ST_DEFAULT, 0));
		if (e < len)
			md_flow_putc(&f, MD_BR, sty(ST_DEFAULT, 0));
		i = e + 1;
	}
	c->failed |= b.failed;
	sb_free(&b);
	emit(c, &f, width, out);
}

/* Returns the table item a paragraph consists of, or -1. */
static long sole_table(const md_ctx *c, cmark_node *p)
{
	cmark_node *t = cmark_node_first_child(p);
	if (!t || cmark_node_next(t) || cmark_node_get_type(t) != CMARK_NODE_TEXT)
		return -1;
	const char *s = cmark_node_get_literal(t);
	size_t k, n = strlen(s);
	if (md_ph_parse(c, s, n, &k) != n || c->items[k].kind != MD_TABLE)
		return -1;
	return (long)k;
}

/*
** Draws one block at the width.  Containers nested MAXNEST deep are drawn
** as one plain paragraph: a recursive renderer must not let a document of
** ">>>>…" use up the stack.
*/
static void block(md_ctx *c, cmark_node *n, size_t width, int depth, st_text *out)
{
	md_flow f = MD_FLOW_INIT;
	int type = cmark_node_get_type(n);
	if (depth >= MAXNEST && (type == CMARK_NODE_BLOCK_QUOTE || type == CMARK_NODE_LIST)) {
		md_inlines(c, n, sty(ST_DEFAULT, 0), &f);
		emit(c, &f, width, out);
		return;
	}
	switch (type) {
	case CMARK_NODE_PARAGRAPH: {
		long k = sole_table(c, n);
		if (k >= 0) {
			const md_item *it = &c->items[k];
			md_table_render(c, c->raw.s + it->raw, it->len, width, out);
			break;
		}
		md_inlines(c, n, sty(ST_DEFAULT, 0), &f);
		emit(c, &f, width, out);
		break;
	}
	case CMARK_NODE_HEADING:
		heading(c, n, width, out);
		break;
	case CMARK_NODE_CODE_BLOCK:
		code_block(c, n, width, out);
		break;
	case CMARK_NODE_HTML_BLOCK:
		html_block(c, n, width, out);
		break;
	case CMARK_NODE_THEMATIC_BREAK: {
		st_line *l = st_newline(out);
		const char *r = c->o->utf8 ? "\xe2\x94\x80" : "-";
		for (size_t i = 0; l && i < width; i++)
			st_puts(out, l, r, strlen(r), sty(ST_MUTED, 0));
		break;
	}
	case CMARK_NODE_BLOCK_QUOTE:
		if (width >= 2 + MINW) {
			const char *bar = c->o->utf8 ? "\xe2\x94\x82" : "|";
			st_text sub = inner(c, n, width - 2, depth + 1, 0);
			prefixed(out, &sub, 2, bar, bar, sty(ST_MUTED, 0));
			st_free(&sub);
		} else {
			blocks(c, n, width, depth + 1, 0, out);
		}
		break;
	case CMARK_NODE_LIST:
		list(c, n, width, depth, out);
		break;
	default:
		blocks(c, n, width, depth, 0, out);
		break;
	}
}

/* Cuts lines wider than the width (only ever needed for absurdly narrow widths). */
static void clip(st_text *out, size_t from, size_t width)
{
	for (size_t i = from; i < out->n; i++) {
		st_line *l = &out->lines[i];
		if (l->len <= width)
			continue;
		l->len = width;
		if (width && l->cells[width].cp == 0)
			l->cells[width - 1].cp = ' ';   /* half a wide character */
	}
}

int md_render(const char *src, size_t len, const md_opts *o, st_text *out)
{
	md_ctx c;
	memset(&c, 0, sizeof c);
	c.o = o;
	c.width = o->width ? o->width : 80;
	size_t n0 = out->n;
	strbuf p = STRBUF_INIT;
	md_protect(&c, src ? src : "", src ? len : 0, &p);
	cmark_node *doc = p.failed ? NULL : cmark_parse_document(p.s ? p.s : "", p.len, CMARK_OPT_DEFAULT);
	if (doc) {
		blocks(&c, doc, c.width, 0, 0, out);
		cmark_node_free(doc);
	} else {
		c.failed = 1;
	}
	clip(out, n0, c.width);
	sb_free(&p);
	sb_free(&c.raw);
	free(c.items);
	return c.failed || out->failed ? -1 : 0;
}
