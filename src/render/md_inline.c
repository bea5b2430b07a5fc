/*
** md_inline.c — the inlines of a markdown block (emphasis, code, links,
** math placeholders) as a flow of styled characters: what paragraphs and
** headings hold, and what a pipe table's cells hold (md_cell_flow).  Below
** the block renderer (markdown.c) and the table renderer (md_table.c).
*/
#include <cmark.h>
#include <string.h>

#include "md_int.h"
#include "utf8.h"

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
void md_inlines(md_ctx *c, cmark_node *root, st_style base, md_flow *f)
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
		md_inlines(c, doc, base, f);
		cmark_node_free(doc);
	}
	while (f->n && f->c[f->n - 1].cp == ' ')
		f->n--;   /* the space that closed the cell's paragraph */
	int failed = src.failed || p.failed || f->failed || !doc;
	sb_free(&src);
	sb_free(&p);
	return failed ? -1 : 0;
}
