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

/* ---- inlines ---- */

/* Appends text with placeholders: math rendered (display math on its own line), others as source. */
static void text(md_ctx *c, const char *s, size_t n, st_style st, md_flow *f)
{
	size_t a = 0, i = 0, k, len;
	while (i < n) {
		if ((unsigned char)s[i] != 0xEE || !(len = md_ph_parse(c, s + i, n - i, &k))) {
			i++;
			continue;
		}
		md_flow_puts(f, s + a, i - a, st);
		const md_item *it = &c->items[k];
		if (it->kind == MD_TABLE) {
			md_flow_puts(f, c->raw.s + it->raw, it->len, st);
		} else {
			strbuf m = STRBUF_INIT;
			if (md_math(c->raw.s + it->body, it->blen, c->o->utf8, &m) < 0)
				c->failed = 1;
			if (it->kind == MD_DISPLAY)
				md_flow_putc(f, MD_DISP_BEGIN, st);
			md_flow_puts(f, m.s, m.len, st);
			if (it->kind == MD_DISPLAY)
				md_flow_putc(f, MD_DISP_END, st);
			sb_free(&m);
		}
		a = i += len;
	}
	md_flow_puts(f, s + a, n - a, st);
}

/* Appends literal text (code, HTML) with placeholders put back as their source. */
static void literal(md_ctx *c, const char *s, st_style st, md_flow *f)
{
	strbuf b = STRBUF_INIT;
	md_restore(c, s, s ? strlen(s) : 0, &b);
	md_flow_puts(f, b.s, b.len, st);
	c->failed |= b.failed;
	sb_free(&b);
}

/* After a link's text: " (url)" unless the text already is the URL. */
static void link_url(md_ctx *c, cmark_node *n, size_t at, md_flow *f)
{
	const char *url = cmark_node_get_url(n);
	strbuf u = STRBUF_INIT, t = STRBUF_INIT;
	md_restore(c, url, url ? strlen(url) : 0, &u);
	for (size_t i = at; i < f->n; i++) {
		char buf[4];
		sb_addn(&t, buf, utf8_encode(f->c[i].cp, buf));
	}
	const char *bare = u.len >= 7 && !memcmp(u.s, "mailto:", 7) ? u.s + 7 : sb_str(&u);
	if (u.len && strcmp(sb_str(&t), bare) != 0 && strcmp(sb_str(&t), sb_str(&u)) != 0) {
		md_flow_putc(f, ' ', sty(ST_LINK, 0));
		md_flow_puts(f, "(", 1, sty(ST_LINK, 0));
		md_flow_puts(f, u.s, u.len, sty(ST_LINK, 0));
		md_flow_puts(f, ")", 1, sty(ST_LINK, 0));
	}
	c->failed |= u.failed | t.failed;
	sb_free(&u);
	sb_free(&t);
}

/*
** Collects the inlines under root into f.  Walked with cmark's iterator,
** not recursion, so deeply nested emphasis costs no stack.  Leaf blocks met
** on the way (when a subtree is drawn flat) are joined with spaces.
*/
static void inlines(md_ctx *c, cmark_node *root, st_style base, md_flow *f)
{
	cmark_iter *it = cmark_iter_new(root);
	int emph = 0, strong = 0, link = 0, image = 0;
	size_t link_at = 0;
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		int enter = ev == CMARK_EVENT_ENTER, d = enter ? 1 : -1;
		st_style st = base;
		st.attr |= (emph ? ST_ITALIC : 0) | (strong ? ST_BOLD : 0);
		if (image)
			st.fg = ST_MUTED;
		else if (link)
			st.fg = ST_LINK;
		if (n == root)
			continue;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT: {
			const char *lit = cmark_node_get_literal(n);
			text(c, lit, lit ? strlen(lit) : 0, st, f);
			break;
		}
		case CMARK_NODE_SOFTBREAK:
			md_flow_putc(f, ' ', st);
			break;
		case CMARK_NODE_LINEBREAK:
			md_flow_putc(f, image ? ' ' : MD_BR, st);
			break;
		case CMARK_NODE_CODE:
			if (!image)
				st.fg = ST_CODE;
			literal(c, cmark_node_get_literal(n), st, f);
			break;
		case CMARK_NODE_HTML_INLINE:
			literal(c, cmark_node_get_literal(n), st, f);
			break;
		case CMARK_NODE_EMPH:
			emph += d;
			break;
		case CMARK_NODE_STRONG:
			strong += d;
			break;
		case CMARK_NODE_LINK:
			if (enter && link++ == 0)
				link_at = f->n;
			else if (!enter && --link == 0 && !image)
				link_url(c, n, link_at, f);
			break;
		case CMARK_NODE_IMAGE:
			if (enter && image++ == 0) {
				const char *open = cmark_node_first_child(n) ? "[image: " : "[image";
				md_flow_puts(f, open, strlen(open), sty(ST_MUTED, 0));
			} else if (!enter && --image == 0) {
				md_flow_puts(f, "]", 1, sty(ST_MUTED, 0));
			}
			break;
		case CMARK_NODE_CODE_BLOCK:
		case CMARK_NODE_HTML_BLOCK:
			literal(c, cmark_node_get_literal(n), st, f);
			md_flow_putc(f, ' ', st);
			break;
		default:   /* a block boundary inside a subtree drawn flat */
			md_flow_putc(f, ' ', st);
			break;
		}
	}
	cmark_iter_free(it);
}

/* Wraps a flow into out and frees it. */
static void emit(md_ctx *c, md_flow *f, size_t width, st_text *out)
{
	md_flow_layout(f, width, out);
	c->failed |= f->failed;
	md_flow_free(f);
}

/* Escapes a leading character that would make a table cell a block (list, heading, quote). */
static void cell_source(const char *s, size_t n, strbuf *b)
{
	size_t d = 0;
	while (d < n && d < 9 && s[d] >= '0' && s[d] <= '9')
		d++;
	int only = n > 0;
	for (size_t i = 0; i < n; i++)
		only &= s[i] == s[0] || s[i] == ' ';
	if (n && (strchr("#>+-=~", s[0]) ||
	          ((s[0] == '*' || s[0] == '_') && ((n > 1 && s[1] == ' ') || only)))) {
		sb_addc(b, '\\');
	} else if (d && d < n && (s[d] == '.' || s[d] == ')')) {
		sb_addn(b, s, d);
		sb_addc(b, '\\');
		s += d;
		n -= d;
	}
	sb_addn(b, s, n);
}

int md_cell_flow(md_ctx *c, const char *s, size_t n, st_style base, md_flow *f)
{
	strbuf src = STRBUF_INIT, p = STRBUF_INIT;
	cell_source(s, n, &src);
	md_protect_math(c, src.s ? src.s : "", src.len, &p);
	cmark_node *doc = cmark_parse_document(p.s ? p.s : "", p.len, CMARK_OPT_DEFAULT);
	if (doc) {
		inlines(c, doc, base, f);
		cmark_node_free(doc);
	}
	while (f->n && f->c[f->n - 1].cp == ' ')
		f->n--;   /* the space that closed the cell's paragraph */
	int failed = src.failed || p.failed || f->failed || !doc;
	sb_free(&src);
	sb_free(&p);
	return failed ? -1 : 0;
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
	inlines(c, n, sty(ST_HEADING, ST_BOLD), &f);
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
		inlines(c, n, sty(ST_DEFAULT, 0), &f);
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
		inlines(c, n, sty(ST_DEFAULT, 0), &f);
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
