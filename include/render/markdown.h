/*
** markdown.h — a markdown cell's prose as styled text for a given width.
**
** CommonMark is parsed by libcmark; on top of it come what lessons need and
** CommonMark lacks: GFM pipe tables and TeX math ($…$ inline, $$…$$ on a
** line of its own), shown as readable text (Φ(x) = w₁/w₂, Σᵢ xᵢ · wᵢ).
** Math and tables are taken out of the text before cmark sees it, so
** `$x_i w_i$` never turns into emphasis, and put back when drawing.
**
** Layout: headings bold (level 1 and 2 underlined), paragraphs wrapped on
** word boundaries (a word wider than the line is broken; wide characters
** count two columns and CJK text may break between characters), code
** blocks indented 2 and cut at the width, lists with hanging indents, block
** quotes with a bar, links as `text (url)`, images as `[image: alt]`.
** With utf8 = 0 every character the renderer adds is ASCII (bullets `*`,
** rules `-`, quote bar `|`, tables `+-|`, Greek spelled out).
**
** Limitations: tables are recognised at the top level only (not inside
** lists or quotes); a `$…$` never spans a blank line; the closing `$` of
** inline math must not follow a space nor precede a digit ("$5 and $10"
** stays text).
*/
#ifndef NNBOOK_MARKDOWN_H
#define NNBOOK_MARKDOWN_H

#include <stddef.h>

#include "strbuf.h"
#include "styled.h"

typedef struct md_opts {
	size_t width;  /* columns; 0 means 80.  No line is ever wider. */
	int utf8;      /* Unicode bullets, rules, boxes and math; else ASCII only */
} md_opts;

/*
** Appends the rendered lines of markdown src[0..len) to out (no leading or
** trailing blank line; empty input adds nothing).  Returns 0, or -1 when
** an allocation failed: out then keeps what was rendered (out->failed).
*/
int md_render(const char *src, size_t len, const md_opts *o, st_text *out);

/*
** Appends TeX math s[0..n) (without its $ delimiters) to out as readable
** text: Greek letters and operators as symbols (spelled out in ASCII),
** \frac{a}{b} as a/b, sub- and superscripts as Unicode where every
** character has one (else x_i, x^(n+1)), environments as rows joined with
** "; ".  Never fails on malformed input.  Returns 0, or -1 if out->failed.
*/
int md_math(const char *s, size_t n, int utf8, strbuf *out);

#endif
