/*
** test_markdown.c — prose rendering: every element at widths 80, 40 and
** 20, ASCII mode, wide characters, tables, math (the converter on its own
** and inside prose), malformed and hostile input, a fuzz loop and timing.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "markdown.h"
#include "tap.h"

static st_text T;

/* Renders src at the width and returns the text, one '\n' after each line (static). */
static const char *md(const char *src, size_t width, int utf8)
{
	static strbuf sb = STRBUF_INIT;
	md_opts o = {width, utf8};
	st_free(&T);
	sb_clear(&sb);
	if (md_render(src, strlen(src), &o, &T) != 0)
		return "(md_render failed)";
	st_text_utf8(&sb, &T, 0);
	return sb_str(&sb);
}

/* The style of the first cell where `needle` starts in the last rendering. */
static st_style style_of(const char *needle)
{
	strbuf sb = STRBUF_INIT;
	st_style none = st_mk(255, 255, 255);
	for (size_t i = 0; i < T.n; i++) {
		size_t *cell_at = malloc((T.lines[i].len * 4 + 1) * sizeof *cell_at);
		sb_clear(&sb);
		for (size_t j = 0; j < T.lines[i].len; j++) {
			uint32_t cp = T.lines[i].cells[j].cp;
			char buf[4];
			if (cp == 0)
				continue;
			size_t k = utf8_encode(cp, buf);
			for (size_t b = 0; b < k; b++)
				cell_at[sb.len + b] = j;
			sb_addn(&sb, buf, k);
		}
		const char *hit = strstr(sb_str(&sb), needle);
		if (hit) {
			st_style s = T.lines[i].cells[cell_at[hit - sb.s]].style;
			free(cell_at);
			sb_free(&sb);
			return s;
		}
		free(cell_at);
	}
	sb_free(&sb);
	return none;
}

static int has_style(const char *needle, int fg, int attr)
{
	st_style s = style_of(needle);
	return s.fg == fg && s.attr == attr;
}

static size_t widest(void)
{
	size_t w = 0;
	for (size_t i = 0; i < T.n; i++)
		if (T.lines[i].len > w)
			w = T.lines[i].len;
	return w;
}

/* md_math in UTF-8 (utf8 = 1) or ASCII (static). */
static const char *math(const char *tex, int utf8)
{
	static strbuf sb = STRBUF_INIT;
	sb_clear(&sb);
	md_math(tex, strlen(tex), utf8, &sb);
	return sb_str(&sb);
}

#define PARA "A perceptron multiplies each input by a weight, sums, and fires when the sum passes a threshold."

static void test_basics(void)
{
	is_str(md("", 80, 1), "", "empty input");
	ok(T.n == 0, "empty input adds no line");
	is_str(md("  \n\n\t\n", 80, 1), "", "blank input");

	is_str(md(PARA, 80, 1),
	       "A perceptron multiplies each input by a weight, sums, and fires when the sum\n"
	       "passes a threshold.\n", "paragraph at 80");
	is_str(md(PARA, 40, 1),
	       "A perceptron multiplies each input by a\n"
	       "weight, sums, and fires when the sum\n"
	       "passes a threshold.\n", "paragraph at 40");
	is_str(md(PARA, 20, 1),
	       "A perceptron\n"
	       "multiplies each\n"
	       "input by a weight,\n"
	       "sums, and fires when\n"
	       "the sum passes a\n"
	       "threshold.\n", "paragraph at 20 (a line of exactly 20)");
	is_str(md(PARA, 0, 1), md(PARA, 80, 1), "width 0 means 80");
	is_str(md("one\ntwo\n\nthree", 80, 1), "one two\n\nthree\n", "soft break is a space; paragraphs apart");
	is_str(md("one  \ntwo\\\nthree", 80, 1), "one\ntwo\nthree\n", "hard breaks");
	is_str(md("averyveryverylongwordthatexceedsthewidth short", 20, 1),
	       "averyveryverylongwor\ndthatexceedsthewidth\nshort\n", "a word longer than the width is broken");
	is_str(md("ab averyveryverylongword", 10, 1),
	       "ab\naveryveryv\nerylongwor\nd\n", "a long word starts on a fresh line");
}

static void test_headings(void)
{
	const char *src = "# Title\n\n## Sub\n\n### Third\n\nText.";
	is_str(md(src, 80, 1),
	       "Title\n\xe2\x94\x81\xe2\x94\x81\xe2\x94\x81\xe2\x94\x81\xe2\x94\x81\n\n"
	       "Sub\n\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\n\nThird\n\nText.\n", "headings: rules under 1 and 2");
	ok(has_style("Title", ST_HEADING, ST_BOLD), "heading is bold ST_HEADING");
	ok(has_style("\xe2\x94\x81", ST_HEADING, 0), "its rule is ST_HEADING");
	ok(has_style("Third", ST_HEADING, ST_BOLD), "level 3 is bold ST_HEADING too");
	ok(has_style("Text", ST_DEFAULT, 0), "text stays plain");
	is_str(md(src, 80, 0), "Title\n=====\n\nSub\n---\n\nThird\n\nText.\n", "ASCII rules");
	is_str(md("# A heading that wraps at twenty", 20, 0),
	       "A heading that wraps\nat twenty\n====================\n", "a wrapped heading's rule spans its widest line");
	is_str(md("Setext\n======", 40, 0), "Setext\n======\n", "setext heading");
	md("# Heading *it* `code`", 80, 1);
	ok(has_style("it", ST_HEADING, ST_BOLD | ST_ITALIC), "emphasis inside a heading");
	ok(has_style("code", ST_CODE, ST_BOLD), "code inside a heading");
}

static void test_inline(void)
{
	is_str(md("Plain *it* **bold** `code` ***both*** _u_", 80, 1), "Plain it bold code both u\n", "inline markup");
	ok(has_style("Plain", ST_DEFAULT, 0), "plain");
	ok(has_style("it", ST_DEFAULT, ST_ITALIC), "emphasis is italic");
	ok(has_style("bold", ST_DEFAULT, ST_BOLD), "strong is bold");
	ok(has_style("code", ST_CODE, 0), "inline code is ST_CODE");
	ok(has_style("both", ST_DEFAULT, ST_BOLD | ST_ITALIC), "both");

	is_str(md("See [the course](https://python-course.eu), <https://example.com> and <me@x.org>.", 80, 1),
	       "See the course (https://python-course.eu), https://example.com and me@x.org.\n",
	       "links as text (url); bare URLs once");
	ok(has_style("the course", ST_LINK, 0), "link text is ST_LINK");
	ok(has_style("(https://python", ST_LINK, 0), "and its URL");
	ok(has_style("https://example", ST_LINK, 0), "autolink");
	is_str(md("[same](same) [empty]() [*em*](u)", 80, 1), "same empty em (u)\n", "link text equal to its URL; empty URL");
	ok(has_style("em", ST_LINK, ST_ITALIC), "emphasis inside a link");
	is_str(md("![a plot](p.png) ![](q.png) [![logo](l.png)](http://x)", 80, 1),
	       "[image: a plot] [image] [image: logo] (http://x)\n", "images as [image: alt]");
	ok(has_style("[image: a", ST_MUTED, 0), "image markers are muted");
	is_str(md("a <b>bold</b> tag\n\n<div>\n*x*\n</div>", 80, 1),
	       "a <b>bold</b> tag\n\n<div>\n*x*\n</div>\n", "HTML shown as text");
	is_str(md("&amp; &copy; \\*not em\\*", 80, 1), "& \xc2\xa9 *not em*\n", "entities and escapes");
}

static void test_code(void)
{
	is_str(md("```\nx = 1\n\ty\n```\n\n    indented\n", 80, 1), "  x = 1\n      y\n\n  indented\n",
	       "fenced and indented code, indented 2, tabs to 4");
	ok(has_style("x = 1", ST_CODE, 0), "code block is ST_CODE");
	is_str(md("```\nprint('hello world')\nok\n```", 12, 1), "  print('he\xe2\x80\xa6\n  ok\n", "cut with … at the width");
	ok(T.lines[0].len == 12, "cut line is exactly the width");
	ok(has_style("\xe2\x80\xa6", ST_MUTED, 0), "the cut marker is muted");
	is_str(md("```\nprint('hello world')\n```", 12, 0), "  print('he>\n", "ASCII cut marker");
	is_str(md("```lua\nlocal x = 1 -- c\n```", 40, 1), "  local x = 1 -- c\n", "lua block");
	ok(has_style("local", ST_KEYWORD, 0), "lua keywords coloured");
	ok(has_style("1 ", ST_NUMBER, 0), "lua numbers coloured");
	ok(has_style("-- c", ST_COMMENT, 0), "lua comments coloured");
	ok(has_style("x =", ST_CODE, 0), "other lua text is ST_CODE");
	md("```python\nif x: pass\n```", 40, 1);
	ok(has_style("if", ST_CODE, 0), "non-Lua code is not coloured as Lua");
	is_str(md("```\n| a | b |\n|---|---|\n$x_i$ *no*\n```", 40, 1),
	       "  | a | b |\n  |---|---|\n  $x_i$ *no*\n", "no tables, math or markup inside fences");
	is_str(md("    $x_i$ and `y`", 40, 1), "  $x_i$ and `y`\n", "indented code keeps its dollars");
	is_str(md("~~~~\n```\nstill code\n~~~~", 40, 1), "  ```\n  still code\n", "tilde fence with a backtick line");
}

static void test_quotes_rules(void)
{
	is_str(md("> quoted text\n>\n> > nested", 80, 1),
	       "\xe2\x94\x82 quoted text\n\xe2\x94\x82\n\xe2\x94\x82 \xe2\x94\x82 nested\n", "block quotes");
	ok(has_style("\xe2\x94\x82", ST_MUTED, 0), "the bar is muted");
	is_str(md("> quoted text\n>\n> > nested", 80, 0), "| quoted text\n|\n| | nested\n", "ASCII quote bar");
	is_str(md("> the quick brown fox jumps over the lazy dog", 20, 1),
	       "\xe2\x94\x82 the quick brown\n\xe2\x94\x82 fox jumps over the\n\xe2\x94\x82 lazy dog\n",
	       "quote wraps inside its bar");
	md("***", 20, 1);
	ok(T.n == 1 && T.lines[0].len == 20, "thematic break spans the width");
	is_str(md("a\n\n---\n\nb", 10, 0), "a\n\n----------\n\nb\n", "ASCII rule");
	ok(has_style("---", ST_MUTED, 0), "rule is muted");
}

static void test_lists(void)
{
	const char *src = "- one\n- two\n  - nested\n    1. deep\n- three";
	is_str(md(src, 80, 1),
	       "\xe2\x80\xa2 one\n\xe2\x80\xa2 two\n  \xe2\x97\xa6 nested\n    1. deep\n\xe2\x80\xa2 three\n",
	       "nested bullet and ordered lists");
	ok(has_style("\xe2\x80\xa2", ST_MUTED, 0), "bullets are muted");
	is_str(md(src, 80, 0), "* one\n* two\n  - nested\n    1. deep\n* three\n", "ASCII bullets");
	is_str(md("9. nine\n10. ten\n11. eleven", 80, 1), " 9. nine\n10. ten\n11. eleven\n", "numbers right-aligned");
	is_str(md("1) a\n2) b", 80, 1), "1) a\n2) b\n", "parenthesis delimiter");
	is_str(md("- a\n\n- b", 80, 1), "\xe2\x80\xa2 a\n\n\xe2\x80\xa2 b\n", "loose list");
	is_str(md("1. first\n\n   second para\n2. next", 80, 1), "1. first\n\n   second para\n\n2. next\n",
	       "item with two paragraphs");
	is_str(md("- the quick brown fox jumps over the lazy dog", 20, 1),
	       "\xe2\x80\xa2 the quick brown\n  fox jumps over the\n  lazy dog\n", "hanging indent");
	is_str(md("-\n- b", 40, 1), "\xe2\x80\xa2\n\xe2\x80\xa2 b\n", "empty item");
	is_str(md("- ```\n  code\n  ```", 40, 1), "\xe2\x80\xa2   code\n", "code block in an item");

	strbuf deep = STRBUF_INIT;
	for (int i = 0; i < 12; i++)
		sb_addf(&deep, "%*s- level%d with some words\n", 2 * i, "", i);
	md(deep.s, 20, 1);
	ok(widest() <= 20, "12 nested levels at width 20 stay within 20 (%zu)", widest());
	ok(strstr(md(deep.s, 20, 1), "level11") != NULL, "and the deepest item is shown");
	ok(strstr(md(deep.s, 20, 1), "          \xe2\x96\xaa level5 with\n") != NULL, "level 5 still indented");
	md(deep.s, 80, 0);
	ok(strstr(md(deep.s, 80, 0), "                      - level11 with some words\n") != NULL,
	   "at 80 all 12 levels indent");
	sb_free(&deep);
}

static void test_wide(void)
{
	is_str(md("\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97\xe7\xac\xa6\xe6\xb5\x8b\xe8\xaf\x95\xe4\xb8\x80\xe4\xb8\x8b\xe7\x9c\x8b\xe7\x9c\x8b", 10, 1),
	       "\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97\xe7\xac\xa6\xe6\xb5\x8b\n\xe8\xaf\x95\xe4\xb8\x80\xe4\xb8\x8b\xe7\x9c\x8b\xe7\x9c\x8b\n",
	       "CJK breaks between characters");
	ok(T.lines[0].len == 10 && T.lines[0].cells[1].cp == 0, "two columns each");
	is_str(md("\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97\xe7\xac\xa6\xe6\xb5\x8b\xe8\xaf\x95", 11, 1),
	       "\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97\xe7\xac\xa6\xe6\xb5\x8b\n\xe8\xaf\x95\n", "odd width: no half character");
	is_str(md("emoji \xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80 ok", 8, 1),
	       "emoji \xf0\x9f\x98\x80\n\xf0\x9f\x98\x80\xf0\x9f\x98\x80 ok\n", "emoji wrap");
	is_str(md("x \xe4\xb8\xad", 1, 1), "x\n\xe4\xb8\xad\n", "width 1 does not loop");
	ok(widest() <= 2, "a wide character at width 1 takes its two columns");
}

static void test_tables(void)
{
	const char *t = "| Input1 | Input2 | Output |\n|:------|:-----:|------:|\n| 0 | 0 | **0** |\n| 1 | 1 | $x_i$ |";
	is_str(md(t, 40, 1),
	       "\xe2\x94\x8c\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	       "\xe2\x94\xac\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	       "\xe2\x94\xac\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	       "\xe2\x94\x90\n"
	       "\xe2\x94\x82 Input1 \xe2\x94\x82 Input2 \xe2\x94\x82 Output \xe2\x94\x82\n"
	       "\xe2\x94\x9c\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	       "\xe2\x94\xbc\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	       "\xe2\x94\xbc\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	       "\xe2\x94\xa4\n"
	       "\xe2\x94\x82 0      \xe2\x94\x82   0    \xe2\x94\x82      0 \xe2\x94\x82\n"
	       "\xe2\x94\x82 1      \xe2\x94\x82   1    \xe2\x94\x82     x\xe1\xb5\xa2 \xe2\x94\x82\n"
	       "\xe2\x94\x94\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	       "\xe2\x94\xb4\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	       "\xe2\x94\xb4\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	       "\xe2\x94\x98\n", "table: box drawing, left/centre/right alignment, math in a cell");
	ok(has_style("Input1", ST_DEFAULT, ST_BOLD), "header cells are bold");
	ok(has_style("\xe2\x94\x8c", ST_MUTED, 0), "the frame is muted");
	is_str(md(t, 80, 0),
	       "+--------+--------+--------+\n"
	       "| Input1 | Input2 | Output |\n"
	       "+--------+--------+--------+\n"
	       "| 0      |   0    |      0 |\n"
	       "| 1      |   1    |    x_i |\n"
	       "+--------+--------+--------+\n", "ASCII table");

}

int main(void)
{
	test_basics();
	test_headings();
	test_inline();
	test_code();
	test_quotes_rules();
	test_lists();
	test_wide();
	test_tables();
	st_free(&T);
	return tap_done();
}
