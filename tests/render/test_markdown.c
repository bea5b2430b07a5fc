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
#include "utf8.h"

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
	is_str(md("#\n\ntext", 40, 0), "\ntext\n", "an empty heading has no rule");
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
	ok(has_style("em (u)", ST_LINK, ST_ITALIC), "emphasis inside a link");
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
	ok(strstr(md(deep.s, 20, 1), "\n          \xe2\x96\xaa level5\n            with\n") != NULL,
	   "level 5 still indented (its text 8 wide)");
	ok(strstr(md(deep.s, 20, 1), "\n            \xe2\x80\xa2\n            level6\n") != NULL,
	   "deeper: the marker on its own line, no more indent");
	ok(strstr(md(deep.s, 80, 0), "\n                      + level11 with some words\n") != NULL,
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
	is_str(md("x \xe4\xb8\xad y", 1, 1), "x\n\ny\n", "width 1: no loop, and no line wider (the wide one is blanked)");
	ok(widest() <= 1, "width 1 kept");
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

static void test_tables2(void)
{
	const char *d = "Name | Description | Value\n--- | --- | ---:\n"
	                "weight | the *strength* of a connection between two neurons | 0.5\n"
	                "bias | shifts the `threshold` | $-\\theta$\na \\| b | |\n";
	is_str(md(d, 40, 0),
	       "+--------+--------------------+--------+\n"
	       "| Name   | Description        |  Value |\n"
	       "+--------+--------------------+--------+\n"
	       "| weight | the strength of a  |    0.5 |\n"
	       "|        | connection between |        |\n"
	       "|        | two neurons        |        |\n"
	       "| bias   | shifts the         | -theta |\n"
	       "|        | threshold          |        |\n"
	       "| a | b  |                    |        |\n"
	       "+--------+--------------------+--------+\n",
	       "table at 40: the wide column wraps on words, escaped pipe, empty cells");
	ok(widest() == 40, "fills the width exactly");
	is_str(md(d, 20, 1),
	       "Name: weight\nDescription: the\nstrength of a\nconnection between\ntwo neurons\nValue: 0.5\n\n"
	       "Name: bias\nDescription: shifts\nthe threshold\nValue: -\xce\xb8\n\n"
	       "Name: a | b\nDescription:\nValue:\n", "too narrow for a grid: records");
	ok(has_style("Name:", ST_DEFAULT, ST_BOLD), "record labels are bold");
	md(d, 80, 1);
	ok(T.n == 7 && widest() == 69, "at 80 every row is one line (%zu lines, %zu wide)", T.n, widest());

	is_str(md("Intro line\na | b\n-|-\n1 | 2\n3\n\nafter", 40, 0),
	       "Intro line\n\n+---+---+\n| a | b |\n+---+---+\n| 1 | 2 |\n+---+---+\n\n3\n\nafter\n",
	       "no outer pipes; a table right after a paragraph line; ends at a line without a pipe");
	is_str(md("| a | b |\n|---|---|\n| 1 |", 20, 0),
	       "+---+---+\n| a | b |\n+---+---+\n| 1 |   |\n+---+---+\n", "missing cells are empty");
	is_str(md("| a | b |\n|---|---|", 20, 0), "+---+---+\n| a | b |\n+---+---+\n+---+---+\n", "header only");
	is_str(md("| a | b |\n|---|", 20, 0), "| a | b | |---|\n", "delimiter with another cell count: no table");
	is_str(md("a | b\n--- | -x-", 20, 0), "a | b --- | -x-\n", "not a delimiter row");
	is_str(md("Title | x\n---", 20, 0), "Title | x\n---------\n", "setext heading, not a table");
	md("| a | b |\n|---|---|\n| **bold** | `code` |\n| [l](u) | *i* |", 40, 1);
	ok(has_style("bold", ST_DEFAULT, ST_BOLD), "strong in a cell");
	ok(has_style("code", ST_CODE, 0), "code in a cell");
	ok(has_style("l (u)", ST_LINK, 0), "link in a cell");
	ok(has_style("i ", ST_DEFAULT, ST_ITALIC), "emphasis in a cell");
	is_str(md("| - | # | 1. |\n|---|---|---|\n| + | > | 2) |", 40, 0),
	       "+---+---+----+\n| - | # | 1. |\n+---+---+----+\n| + | > | 2) |\n+---+---+----+\n",
	       "cells that look like block markers stay text");
	is_str(md("| \xe4\xb8\xad\xe6\x96\x87 | b |\n|---|---|\n| x | \xf0\x9f\x98\x80 |", 40, 0),
	       "+------+----+\n| \xe4\xb8\xad\xe6\x96\x87 | b  |\n+------+----+\n| x    | \xf0\x9f\x98\x80 |\n+------+----+\n",
	       "wide characters measured in columns");
}

static void test_math(void)
{
	const char *phi = "\\Phi(x) = \\left\\{ \\begin{array}{rl} 1 &\\mbox{ wx + b > s} \\\\ 0 &\\mbox{ otherwise} \\end{array} \\right.";
	is_str(math(phi, 1), "\xce\xa6(x) = { 1, wx + b > s; 0, otherwise }", "the step function");
	is_str(math(phi, 0), "Phi(x) = { 1, wx + b > s; 0, otherwise }", "ASCII spells Greek");
	is_str(math("x_2 = -\\frac{w_1}{w_2}x_1", 1), "x\xe2\x82\x82 = -(w\xe2\x82\x81/w\xe2\x82\x82) x\xe2\x82\x81", "fraction, subscripts: a fraction before a term is one");
	is_str(math("x_2 = -\\frac{w_1}{w_2}x_1", 0), "x_2 = -(w_1/w_2) x_1", "ASCII subscripts");
	is_str(math("\\frac{1}{n}\\sum_i (y_i - p_i)^2", 1), "(1/n)\xce\xa3\xe1\xb5\xa2 (y\xe1\xb5\xa2 - p\xe1\xb5\xa2)\xc2\xb2", "(1/n)Σᵢ: the fraction before a sum is one");
	is_str(math("\\frac{a}{b} = c", 0), "a/b = c", "before an operator a fraction needs no parentheses");
	is_str(math("\\frac{a}{b} \\cdot c", 0), "a/b * c", "nor before \\cdot");
	is_str(math("w^*", 1), "w*", "w^* is w*, the optimum");
	is_str(math("w^{*}", 0), "w*", "w^{*} in ASCII too");
	is_str(math("b + \\sum_{i=1}^{n} x_i \\cdot w_i = 0", 1),
	       "b + \xce\xa3\xe1\xb5\xa2\xe2\x82\x8c\xe2\x82\x81\xe2\x81\xbf x\xe1\xb5\xa2 \xc2\xb7 w\xe1\xb5\xa2 = 0", "sum, cdot");
	is_str(math("b + \\sum_{i=1}^{n} x_i \\cdot w_i = 0", 0), "b + sum_(i=1)^n x_i * w_i = 0", "ASCII sum");
	is_str(math("\\frac{1}{1+e^{-x}}", 1), "1/(1+e\xe2\x81\xbb\xcb\xa3)", "parenthesised denominator, superscripts");
	is_str(math("\\frac{1}{1+e^{-x}}", 0), "1/(1+e^(-x))", "ASCII");
	is_str(math("\\frac{\\partial L}{\\partial w}", 1), "\xe2\x88\x82L/\xe2\x88\x82w", "partial binds to its operand");
	is_str(math("\\frac{\\partial L}{\\partial w}", 0), "dL/dw", "ASCII partial");
	is_str(math("\\Delta w = \\eta (t - o) x", 1), "\xce\x94w = \xce\xb7(t - o) x", "Greek binds too");
	is_str(math("\\Delta w = \\eta (t - o) x", 0), "Delta w = eta(t - o) x", "spelled Greek keeps a space before letters");
	is_str(math("a \\le b \\ge c \\ne d \\approx e \\times f", 1),
	       "a \xe2\x89\xa4 b \xe2\x89\xa5 c \xe2\x89\xa0 d \xe2\x89\x88 e \xc3\x97 f", "relations");
	is_str(math("a \\le b \\ge c \\ne d \\approx e \\times f", 0), "a <= b >= c != d ~= e x f", "ASCII relations");
	is_str(math("\\sigma(z) = \\frac{1}{1 + \\exp(-z)}", 1), "\xcf\x83(z) = 1/(1 + exp(-z))", "function names");
	is_str(math("\\phi \\varphi \\epsilon \\Sigma \\omega", 1), "\xcf\x86 \xcf\x86 \xce\xb5 \xce\xa3 \xcf\x89", "more Greek");
	is_str(math("x_b x_{ab} x^{n+1} x^{(l)} W^T y^* e^{i\\pi} x_{i,j}", 1),
	       "x_b x_ab x\xe2\x81\xbf\xe2\x81\xba\xc2\xb9 x\xe2\x81\xbd\xcb\xa1\xe2\x81\xbe W\xe1\xb5\x80 y* e^(i\xcf\x80) x_(i,j)",
	       "scripts: Unicode where every character has one, else _ and ^");
	is_str(math("x^{(l)} x^{n+1} x_{i,j}", 0), "x^(l) x^(n+1) x_(i,j)", "ASCII scripts");
	is_str(math("\\sqrt{x^2 + y^2} \\sqrt[3]{x}", 1),
	       "\xe2\x88\x9a(x\xc2\xb2 + y\xc2\xb2) \xc2\xb3\xe2\x88\x9a(x)", "square and cube roots");
	is_str(math("\\sqrt{x}", 0), "sqrt(x)", "ASCII root");
	is_str(math("\\hat{y} = \\bar{x}", 1), "\xc5\xb7 = bar(x)", "accents");
	is_str(math("\\text{if } x > 0, a\\text{ and }b, \\mathbf{w}^T", 1), "if x > 0, a and b, w\xe1\xb5\x80", "text and fonts");
	is_str(math("\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}", 1), "(1, 2; 3, 4)", "matrix");
	is_str(math("\\begin{cases} 1 & x > 0 \\\\ 0 & \\text{otherwise} \\end{cases}", 1),
	       "{ 1, x > 0; 0, otherwise }", "cases");
	is_str(math("\\begin{aligned} a &= b \\\\ c &= d \\\\ \\end{aligned}", 1), "a = b; c = d", "aligned, trailing \\\\");
	is_str(math("\\left( \\frac{a}{b} \\right) \\left[ x \\right]", 1), "(a/b) [x]", "\\left and \\right");
	is_str(math("{{{x}}} \\{0, 1\\} \\foo{bar}", 1), "x {0, 1} foo bar", "braces removed, unknown commands named");
	is_str(math("f'(x) \\, x^{\\prime}", 1), "f\xe2\x80\xb2(x) x\xe2\x80\xb2", "primes");
	is_str(math("f'(x)", 0), "f'(x)", "ASCII prime");
	is_str(math("  a   b  ", 1), "a b", "spaces collapse and trim");

	/* Malformed input: never a crash, something sensible. */
	is_str(math("\\frac{", 1), "", "\\frac{ unclosed");
	is_str(math("\\frac{a}{b", 1), "a/b", "\\frac{a}{b unclosed");
	is_str(math("\\frac", 1), "", "\\frac without arguments");
	is_str(math("\\sqrt", 1), "\xe2\x88\x9a()", "\\sqrt without argument");
	is_str(math("\\left", 1), "", "\\left alone");
	is_str(math("\\begin{array}", 1), "", "unclosed environment");
	is_str(math("\\begin{array}{cc} 1 & 2", 1), "1, 2", "environment without \\end");
	is_str(math("x^", 1), "x", "^ at the end");
	is_str(math("_{", 1), "", "_{");
	is_str(math("\\", 1), "", "a lone backslash");
	is_str(math("}}{{", 1), "", "stray braces");
	is_str(math("a & b \\\\ c \\end{x}", 1), "a b; c", "alignment outside an environment");
	is_str(math("\xff\xfe", 1), "\xef\xbf\xbd\xef\xbf\xbd", "invalid UTF-8 becomes U+FFFD");
	strbuf deep = STRBUF_INIT;
	for (int i = 0; i < 5000; i++)
		sb_adds(&deep, "{\\frac\\sqrt^_\\left(\\begin{array}");
	strbuf got = STRBUF_INIT;
	ok(md_math(deep.s, deep.len, 1, &got) == 0, "5000 nested constructs: no stack overflow");
	sb_free(&got);
	sb_free(&deep);
}

static void test_math_in_prose(void)
{
	is_str(md("Weights $w_i$ and $x_i w_i$ stay *math*.", 80, 1),
	       "Weights w\xe1\xb5\xa2 and x\xe1\xb5\xa2 w\xe1\xb5\xa2 stay math.\n", "math is protected from emphasis");
	is_str(md("Weights $w_i$ and $x_i w_i$.", 80, 0), "Weights w_i and x_i w_i.\n", "ASCII");
	is_str(md("Costs $5 and $10, \\$3, `$x$ code`, unclosed $y_1", 80, 1),
	       "Costs $5 and $10, $3, $x$ code, unclosed $y_1\n", "dollars that are not math");
	ok(has_style("$x$ code", ST_CODE, 0), "math inside code stays code");
	is_str(md("a $x\n\ny$ b", 80, 1), "a $x\n\ny$ b\n", "math does not cross a blank line");
	is_str(md("a $x\ny$ b", 80, 1), "a x y b\n", "but may cross a line break");
	is_str(md("the line $ y = mx + b$ here", 80, 1), "the line y = mx + b here\n", "space after the opening $");
	is_str(md("Before $$ x_2 = -\\frac{w_1}{w_2}x_1 $$ after.", 40, 1),
	       "Before\n    x\xe2\x82\x82 = -(w\xe2\x82\x81/w\xe2\x82\x82) x\xe2\x82\x81\nafter.\n", "display math on its own line");
	const char *disp = "$$\n\\Phi(x) = \\left\\{ \\begin{array}{rl} 1 &\\mbox{ wx + b > s} \\\\\n"
	                   "0 &\\mbox{ otherwise} \\end{array} \\right.\n$$";
	is_str(md(disp, 80, 1), "    \xce\xa6(x) = { 1, wx + b > s; 0, otherwise }\n", "a $$ block over several lines");
	is_str(md(disp, 40, 0), "    Phi(x) = { 1, wx + b > s; 0,\n    otherwise }\n", "display math wraps under its indent");
	is_str(md(disp, 12, 0), "  Phi(x) = {\n  1, wx + b\n  > s; 0,\n  otherwise\n  }\n", "narrow: smaller indent");
	is_str(md("# Rule $\\eta$", 80, 1), "Rule \xce\xb7\n\xe2\x94\x81\xe2\x94\x81\xe2\x94\x81\xe2\x94\x81\xe2\x94\x81\xe2\x94\x81\n",
	       "math in a heading");
	is_str(md("[see $x_i$](http://a/$b$)", 80, 1), "see x\xe1\xb5\xa2 (http://a/$b$)\n", "math in link text; a URL keeps its dollars");
	is_str(md("a \xee\x80\x80" "0\xee\x80\x81 b $x$", 80, 1), "a \xef\xbf\xbd" "0\xef\xbf\xbd b x\n",
	       "private-use placeholder characters in the source are neutralised");
	is_str(md("$\\frac{$ and $\\left($", 80, 1), "and (\n", "malformed math in prose");
}

/* A 100-line markdown cell like the lessons have. */
static void build_lesson(strbuf *sb)
{
	sb_adds(sb, "# The perceptron\n\n");
	for (int i = 0; i < 8; i++) {
		sb_addf(sb, "## Step %d\n\n", i);
		sb_adds(sb, "A perceptron multiplies each *input* $x_i$ by a **weight** $w_i$, sums, and\n"
		            "fires when the sum passes a threshold: $\\sum_{i=1}^{n} x_i \\cdot w_i > s$.\n"
		            "See `nn.Perceptron` and [the course](https://python-course.eu).\n\n");
		sb_adds(sb, "- the inputs\n- the weights\n  - one per input\n\n");
		sb_adds(sb, "| x1 | x2 | out |\n|---|:-:|--:|\n| 0 | 1 | 0 |\n\n");
	}
	sb_adds(sb, "$$ \\Phi(x) = \\left\\{ \\begin{array}{rl} 1 &\\mbox{ wx + b > s} \\\\ 0 &\\mbox{ otherwise} \\end{array} \\right. $$\n");
}

static void test_speed(void)
{
	strbuf src = STRBUF_INIT;
	build_lesson(&src);
	size_t lines = 0;
	for (size_t i = 0; i < src.len; i++)
		lines += src.s[i] == '\n';
	md_opts o = {80, 1};
	double best = 1e12;
	for (int r = 0; r < 100; r++) {
		struct timespec a, b;
		st_text t = ST_TEXT_INIT;
		clock_gettime(CLOCK_MONOTONIC, &a);
		md_render(src.s, src.len, &o, &t);
		clock_gettime(CLOCK_MONOTONIC, &b);
		st_free(&t);
		double d = ((double)(b.tv_sec - a.tv_sec) * 1e9 + (double)(b.tv_nsec - a.tv_nsec)) / 1e3;
		if (d < best)
			best = d;
	}
	printf("# %zu-line markdown cell: %.1f us per render (best of 100)\n", lines, best);
	ok(lines >= 100, "the benchmark cell has %zu lines", lines);
	ok(best < 100000, "rendered in %.1f us (the bound only catches blow-ups: valgrind is slow)", best);
	sb_free(&src);
}

/* Random documents from markdown-heavy bytes: no crash, no line wider than the width. */
static void test_fuzz(void)
{
	static const char *const pieces[] = {
		"*", "_", "`", "``", "$", "$$", "\\", "[", "]", "(", ")", "!", "<", ">", "#", "-", "+", "|",
		"|---|", ":-:", "1.", "2)", "\n", "\n\n", "    ", "\t", " ", "```", "~~~", "\\frac{", "}", "{",
		"^", "_{", "\\left", "\\begin{array}", "&", "\\\\", "x", "word", "\xe4\xb8\xad", "\xf0\x9f\x98\x80",
		"\xff", "\xee\x80\x80", "http://a.b", "<b>", "&amp;", "---", "===", "> ", "- ", "* ",
	};
	uint32_t x = 2024;
	int bad = 0, failed = 0;
	strbuf doc = STRBUF_INIT;
	for (int iter = 0; iter < 3000; iter++) {
		sb_clear(&doc);
		x = x * 1664525u + 1013904223u;
		int n = (int)(x >> 24);
		for (int k = 0; k < n; k++) {
			x = x * 1664525u + 1013904223u;
			if ((x >> 28) == 0)
				sb_addc(&doc, (char)(x >> 8));
			else
				sb_adds(&doc, pieces[(x >> 8) % (sizeof pieces / sizeof *pieces)]);
		}
		x = x * 1664525u + 1013904223u;
		md_opts o = {1 + (x >> 8) % 70, (int)(x >> 20) & 1};
		st_text t = ST_TEXT_INIT;
		failed += md_render(doc.s, doc.len, &o, &t) != 0;
		for (size_t i = 0; i < t.n; i++)
			bad += t.lines[i].len > o.width;
		st_free(&t);
	}
	ok(bad == 0 && failed == 0, "fuzz: 3000 random documents, every line within the width (%d over, %d failed)",
	   bad, failed);
	sb_free(&doc);
}

/* Nesting that would exhaust a recursive renderer's stack or time. */
static void test_hostile(void)
{
	strbuf s = STRBUF_INIT;
	md_opts o = {40, 1};
	st_text t = ST_TEXT_INIT;

	sb_addrep(&s, '>', 5000);
	sb_adds(&s, " deep");
	ok(md_render(s.s, s.len, &o, &t) == 0 && t.n > 0, "5000 nested quotes");
	st_free(&t);

	sb_clear(&s);
	for (int i = 0; i < 300; i++)
		sb_addf(&s, "%*s- item %d\n", 2 * i, "", i);
	ok(md_render(s.s, s.len, &o, &t) == 0 && t.n > 0, "300 nested lists");
	st_free(&t);

	sb_clear(&s);
	sb_addrep(&s, '*', 5000);
	sb_addc(&s, 'x');
	sb_addrep(&s, '*', 5000);
	ok(md_render(s.s, s.len, &o, &t) == 0, "5000 levels of emphasis");
	st_free(&t);

	sb_clear(&s);
	sb_addrep(&s, '[', 10000);
	sb_addc(&s, 'x');
	sb_addrep(&s, ']', 10000);
	ok(md_render(s.s, s.len, &o, &t) == 0, "10000 brackets");
	st_free(&t);

	sb_clear(&s);
	sb_adds(&s, "$$");
	sb_addrep(&s, '{', 10000);
	for (int i = 0; i < 3000; i++)
		sb_adds(&s, "\\frac\\left(");
	sb_adds(&s, "$$");
	ok(md_render(s.s, s.len, &o, &t) == 0, "10000 braces in math");
	st_free(&t);

	sb_clear(&s);
	for (int i = 0; i < 200; i++)
		sb_adds(&s, "| a ");
	sb_adds(&s, "|\n");
	for (int i = 0; i < 200; i++)
		sb_adds(&s, "|---");
	sb_adds(&s, "|\n| x |\n");
	ok(md_render(s.s, s.len, &o, &t) == 0 && t.n > 0, "a table with 200 columns");
	st_free(&t);
	sb_free(&s);
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
	test_tables2();
	test_math();
	test_math_in_prose();
	test_hostile();
	test_fuzz();
	test_speed();
	st_free(&T);
	return tap_done();
}
