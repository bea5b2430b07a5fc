/*
** test_highlight.c — Lua colouring: roles byte by byte, state carried
** across lines, line numbers, cutting and wrapping, and robustness.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "highlight.h"
#include "tap.h"

/* One letter per role: . default, K keyword, S string, N number, C comment, M muted. */
static char letter(int role)
{
	switch (role) {
	case ST_DEFAULT: return '.';
	case ST_KEYWORD: return 'K';
	case ST_STRING: return 'S';
	case ST_NUMBER: return 'N';
	case ST_COMMENT: return 'C';
	case ST_MUTED: return 'M';
	default: return '?';
	}
}

/* The roles hl_line gives each byte of `line`, as letters (static buffer). */
static const char *roles(const char *line, hl_state *st)
{
	static char out[512];
	uint8_t r[512];
	size_t n = strlen(line);
	memset(r, 0xAA, sizeof r);
	hl_line(line, n, st, r);
	for (size_t i = 0; i < n; i++)
		out[i] = letter(r[i]);
	out[n] = 0;
	return out;
}

static const char *roles1(const char *line)
{
	hl_state st = HL_STATE_INIT;
	return roles(line, &st);
}

/* Renders src and returns line i as text (static buffer). */
static st_text rendered;

static int render(const char *src, size_t width, int utf8, int numbers, int first, int wrap)
{
	hl_opts o = {width, utf8, numbers, first, wrap};
	st_free(&rendered);
	return hl_render(src, strlen(src), &o, &rendered);
}

static const char *line_text(size_t i)
{
	static strbuf sb = STRBUF_INIT;
	sb_clear(&sb);
	if (i < rendered.n)
		st_line_utf8(&sb, &rendered.lines[i], 0);
	return sb_str(&sb);
}

/* Roles of line i's cells (a wide character's continuation repeats its letter). */
static const char *line_roles(size_t i)
{
	static char out[512];
	size_t k = 0;
	for (size_t j = 0; i < rendered.n && j < rendered.lines[i].len && k < 511; j++)
		out[k++] = letter(rendered.lines[i].cells[j].style.fg);
	out[k] = 0;
	return out;
}

static void test_tokens(void)
{
	is_str(roles1("local function f(a) return a end"),
	       "KKKKK.KKKKKKKK......KKKKKK...KKK", "keywords and names");
	is_str(roles1("if x ~= nil and not y or true then"),
	       "KK......KKK.KKK.KKK...KK.KKKK.KKKK", "nil, true, and, not, or");
	is_str(roles1("locals = elseif_ + print(nn)"),
	       "............................", "names that start like keywords, builtins plain");
	is_str(roles1("x = 0xFF + 0x1p4 + 1e-3 + 3.14 + .5 + 7"),
	       "....NNNN...NNNNN...NNNN...NNNN...NN...N", "hex, binary exponent, exponent, fraction");
	is_str(roles1("a = 0xA.8P+1 + 3E+5"), "....NNNNNNNN...NNNN", "hex fraction, signed exponents");
	is_str(roles1("t.x1 = a2"), ".........", "digits inside names are not numbers");
	is_str(roles1("s = \"a\\\"b\" .. 'c\\'d'"), "....SSSSSS....SSSSSS", "short strings with escaped quotes");
	is_str(roles1("s = \"x\\\\\" y"), "....SSSSS..", "an escaped backslash before the closing quote");
	is_str(roles1("s = [==[ a ]] b ]=] ]==] x"), "....SSSSSSSSSSSSSSSSSSSS..", "long string with level");
	is_str(roles1("a[b] = c[=1]"), "..........N.", "brackets that open nothing");
	is_str(roles1("x = 1 -- note"), "....N.CCCCCCC", "short comment");
	is_str(roles1("--[[ c ]] y"), "CCCCCCCCC..", "long comment closed on its line");
	is_str(roles1("--[= not long"), "CCCCCCCCCCCCC", "--[= is a short comment");
	is_str(roles1("a = b - -c"), "..........", "a single minus is an operator");
	is_str(roles1("s = \"unterminated"), "....SSSSSSSSSSSSS", "unterminated string ends with the line");
	is_str(roles1(""), "", "empty line");
}

static void test_state(void)
{
	hl_state st = HL_STATE_INIT;
	is_str(roles("x --[==[ open", &st), "..CCCCCCCCCCC", "long comment opens");
	ok(st.in_long && st.is_comment && st.level == 2, "state: in a level-2 comment");
	is_str(roles("still ]] ]=] inside", &st), "CCCCCCCCCCCCCCCCCCC", "wrong closers keep it open");
	is_str(roles("end ]==] local", &st), "CCCCCCCC.KKKKK", "closes at ]==]");
	ok(!st.in_long && !st.is_comment && st.level == 0, "state reset after close");

	is_str(roles("s = [[one", &st), "....SSSSS", "long string opens");
	ok(st.in_long && !st.is_comment && st.level == 0, "state: in a long string");
	is_str(roles("two]] .. 1", &st), "SSSSS....N", "long string closes");

	is_str(roles("s = \"abc\\", &st), "....SSSSS", "backslash-newline continues a string");
	ok(st.quote == '"', "state: in a short string");
	is_str(roles("def\" x", &st), "SSSS..", "continued string closes");
	ok(st.quote == 0, "state: out of it");

	is_str(roles("s = 'a\\z   ", &st), "....SSSSSSS", "\\z at the end continues");
	is_str(roles("  b' y", &st), "SSSS..", "and ends on the next line");

	hl_state open = {1, 0, 1, 0};
	hl_line("", 0, &open, NULL);
	ok(open.in_long && open.is_comment, "an empty line (no role buffer) inside a long comment keeps it open");
	open.in_long = 0;
	open.quote = '"';
	hl_line("", 0, &open, NULL);
	ok(open.quote == 0, "an empty line ends a string continued by a backslash");

	is_str(roles("s = \"open", &st), "....SSSSS", "unterminated string");
	ok(st.quote == 0 && !st.in_long, "does not leak into the next line");
}

static void test_render(void)
{
	ok(render("local x = 1\nprint(x) -- out\n", 0, 1, 0, 1, 0) == 0, "render ok");
	ok(rendered.n == 2, "two lines (final newline ends the last)");
	is_str(line_text(0), "local x = 1", "line 1 text");
	is_str(line_roles(0), "KKKKK.....N", "line 1 roles");
	is_str(line_text(1), "print(x) -- out", "line 2 text");
	is_str(line_roles(1), ".........CCCCCC", "line 2 roles");

	render("", 0, 1, 1, 1, 0);
	ok(rendered.n == 0, "empty source: no line");
	render("\n", 0, 1, 0, 1, 0);
	ok(rendered.n == 1 && rendered.lines[0].len == 0, "one newline: one empty line");
	render("a\n\nb", 0, 1, 0, 1, 0);
	ok(rendered.n == 3 && !strcmp(line_text(2), "b"), "no final newline: last line kept");

	render("a\nb\nc\n", 0, 1, 1, 9, 0);
	is_str(line_text(0), " 9 a", "numbers right-aligned from 9");
	is_str(line_text(2), "11 c", "to 11");
	is_str(line_roles(1), "MMM.", "numbers and their space are muted");

	render("x\r\ny\r\n", 0, 1, 0, 1, 0);
	ok(rendered.n == 2 && !strcmp(line_text(0), "x") && rendered.lines[0].len == 1, "CRLF: the \\r is dropped");

	render("\tx\n  \ty = '\t'\n", 0, 1, 0, 1, 0);
	is_str(line_text(0), "    x", "tab to column 4");
	is_str(line_text(1), "    y = '   '", "tabs to the next stop of 4, inside strings too");
	is_str(line_roles(1), "........SSSSS", "expanded tab keeps the string colour");

	render("local abcdefghij = 12345\n", 14, 1, 1, 1, 0);
	is_str(line_text(0), "1 local abcde\xe2\x80\xa6", "cut with … at width 14 (numbers included)");
	ok(rendered.lines[0].len == 14, "exactly the width");
	is_str(line_roles(0), "MMKKKKK......M", "the marker is muted");
	render("local abcdefghij = 12345\n", 14, 0, 1, 1, 0);
	is_str(line_text(0), "1 local abcde>", "ASCII marker >");
	render("local abc\n", 11, 1, 1, 1, 0);
	is_str(line_text(0), "1 local abc", "a line of exactly the width is not cut");

	render("local abcdefghij = 12345\n", 14, 1, 1, 7, 1);
	ok(rendered.n == 2, "wrap: two lines");
	is_str(line_text(0), "7 local abcdef", "wrap: first part");
	is_str(line_text(1), "\xe2\x86\xaa ghij = 12345", "wrap: the continuation marked with ↪ in the gutter");
	is_str(line_roles(1), "MM.......NNNNN", "wrap: the mark is muted, the continuation keeps its roles");
	render("local abcdefghij = 12345\n", 14, 0, 1, 7, 1);
	is_str(line_text(1), "+ ghij = 12345", "wrap: + in ASCII");
	render("local abcdefghij = 12345\n", 15, 1, 1, 10, 1);
	is_str(line_text(1), " \xe2\x86\xaa ghij = 12345", "wrap: the mark under the number's last digit");

	render("x = '\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97'\n", 9, 1, 0, 1, 0);
	is_str(line_text(0), "x = '\xe4\xb8\xad \xe2\x80\xa6", "a wide character that does not fit leaves a space");
	ok(rendered.lines[0].len == 9, "still exactly the width");
	render("\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97\n", 3, 1, 0, 1, 1);
	ok(rendered.n == 3, "wrap wide characters: one per line at width 3 ... (%zu)", rendered.n);

	render("s = \"\xff\xfe\" \xc3\n", 0, 1, 0, 1, 0);
	is_str(line_text(0), "s = \"\xef\xbf\xbd\xef\xbf\xbd\" \xef\xbf\xbd", "invalid UTF-8 shown as U+FFFD");
	is_str(line_roles(0), "....SSSS..", "and coloured by where it is");
	render("a\x01" "b\n", 0, 1, 0, 1, 0);
	is_str(line_text(0), "a b", "control characters become spaces");
}

static void test_fuzz(void)
{
	uint32_t x = 12345;
	char buf[300];
	const char alphabet[] = "-[]=\"'\\\nz \tx0.e+9pP\xff\xe4\xb8\xad";
	int bad = 0;
	for (int iter = 0; iter < 4000; iter++) {
		size_t n = 0, len;
		x = x * 1664525u + 1013904223u;
		len = (x >> 8) % sizeof buf;
		for (n = 0; n < len; n++) {
			x = x * 1664525u + 1013904223u;
			buf[n] = (x >> 24) & 1 ? (char)(x >> 16) : alphabet[(x >> 16) % (sizeof alphabet - 1)];
		}
		x = x * 1664525u + 1013904223u;
		hl_opts o = {(x >> 8) % 50, (int)(x >> 20) & 1, (int)(x >> 21) & 1, 1, (int)(x >> 22) & 1};
		st_text t = ST_TEXT_INIT;
		hl_render(buf, n, &o, &t);
		for (size_t i = 0; i < t.n; i++)
			if (o.width && t.lines[i].len > o.width && o.width > 8)
				bad++;
		st_free(&t);
	}
	ok(bad == 0, "fuzz: 4000 random sources, no line wider than the width (%d)", bad);
}

static void test_speed(void)
{
	strbuf src = STRBUF_INIT;
	for (int i = 0; i < 200; i++)
		sb_addf(&src, "local x%d = nn.array{%d, 0x%X, %d.5e-3} -- row %d of \"data\"\n", i, i, i, i, i);
	hl_opts o = {80, 1, 1, 1, 0};
	double best = 1e12;
	for (int r = 0; r < 200; r++) {
		struct timespec a, b;
		st_text t = ST_TEXT_INIT;
		clock_gettime(CLOCK_MONOTONIC, &a);
		hl_render(src.s, src.len, &o, &t);
		clock_gettime(CLOCK_MONOTONIC, &b);
		st_free(&t);
		double d = ((double)(b.tv_sec - a.tv_sec) * 1e9 + (double)(b.tv_nsec - a.tv_nsec)) / 1e3;
		if (d < best)
			best = d;
	}
	double us = best;
	printf("# 200-line code cell: %.1f us per render (best of 200)\n", us);
	ok(us < 100000, "200 lines rendered in %.1f us (the bound only catches blow-ups: valgrind is slow)", us);
	sb_free(&src);
}

int main(void)
{
	test_tokens();
	test_state();
	test_render();
	test_fuzz();
	test_speed();
	st_free(&rendered);
	return tap_done();
}
