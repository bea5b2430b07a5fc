/*
** md_math.c — TeX math as readable text.
**
** Not a TeX engine: a recursive walk over the usual notebook formulas that
** keeps the author's spacing and turns commands into what a reader would
** write by hand.  Every step consumes input, and nesting deeper than
** MAXDEPTH is flattened, so malformed or hostile input (unclosed braces,
** "\frac\frac\frac…") ends quickly without exhausting the stack.
*/
#include <string.h>

#include "md_int.h"
#include "utf8.h"

#define MAXDEPTH 40

enum { STOP_BRACE = 1, STOP_AMP = 2, STOP_ROW = 4, STOP_END = 8 };

typedef struct mctx {
	const char *s;
	size_t i, n;
	int utf8;
	int depth;
	int sep;          /* the last output was a word: a following letter or digit needs a space */
	char left[16];    /* the open \left delimiters: '{' for a brace, else '(' (for \right.) */
	int nleft;
} mctx;

static int is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_alnum(int c)
{
	return is_alpha(c) || (c >= '0' && c <= '9');
}

static int is_ws(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '~';
}

/*
** Appends t[0..k) to o.  Spaces collapse into one; a letter or digit right
** after a word-like output (a function name, a fraction) gets a space.
*/
static void put(mctx *m, strbuf *o, const char *t, size_t k)
{
	if (k == 0)
		return;
	if (m->sep && o->len && is_alnum((unsigned char)t[0]) && o->s[o->len - 1] != ' ')
		sb_addc(o, ' ');
	m->sep = 0;
	for (size_t i = 0; i < k; i++) {
		char c = t[i];
		if ((unsigned char)c < 0x20 || c == 0x7F)
			c = ' ';
		if (c == ' ' && o->len && o->s[o->len - 1] == ' ')
			continue;
		sb_addc(o, c);
	}
}

static void puts_(mctx *m, strbuf *o, const char *t)
{
	put(m, o, t, strlen(t));
}

static void put_cp(mctx *m, strbuf *o, uint32_t cp)
{
	char buf[4];
	put(m, o, buf, utf8_encode(cp, buf));
}

/* Removes leading and trailing spaces. */
static void trim(strbuf *b)
{
	size_t a = 0, e = b->len;
	while (a < e && b->s[a] == ' ')
		a++;
	while (e > a && b->s[e - 1] == ' ')
		e--;
	if (a)
		memmove(b->s, b->s + a, e - a);
	b->len = e - a;
	if (b->s)
		b->s[b->len] = 0;
}

static void skip_ws(mctx *m)
{
	while (m->i < m->n && is_ws((unsigned char)m->s[m->i]))
		m->i++;
}

/* Drops the spaces after a command when an operand (letter, digit, group) follows. */
static void tighten(mctx *m)
{
	size_t j = m->i;
	while (j < m->n && is_ws((unsigned char)m->s[j]))
		j++;
	if (j < m->n && (is_alnum((unsigned char)m->s[j]) || m->s[j] == '(' || m->s[j] == '{'))
		m->i = j;
}

/* Removes one trailing space. */
static void unspace(strbuf *o)
{
	if (o->len && o->s[o->len - 1] == ' ')
		o->s[--o->len] = 0;
}

/* Reads the name of the command whose backslash is at m->i; returns its length (0: a lone '\'). */
static size_t read_name(mctx *m, const char **name)
{
	size_t j = m->i + 1;
	*name = m->s + j;
	if (j < m->n && is_alpha((unsigned char)m->s[j])) {
		while (j < m->n && is_alpha((unsigned char)m->s[j]))
			j++;
	} else if (j < m->n && (unsigned char)m->s[j] < 0x80) {
		j++;
	}
	m->i = j;
	return (size_t)(j - (size_t)(*name - m->s));
}

/* Skips a {…} group (nested braces counted) after optional spaces; returns its inside. */
static size_t read_group(mctx *m, const char **body)
{
	skip_ws(m);
	*body = m->s + m->i;
	if (m->i >= m->n || m->s[m->i] != '{')
		return 0;
	size_t a = ++m->i;
	int d = 1;
	while (m->i < m->n) {
		char c = m->s[m->i++];
		if (c == '\\' && m->i < m->n)
			m->i++;
		else if (c == '{')
			d++;
		else if (c == '}' && --d == 0)
			break;
	}
	*body = m->s + a;
	return m->i - a - (d == 0);
}

static int seq(mctx *m, strbuf *o, int stops);
static void command(mctx *m, strbuf *o, const char *name, size_t k);

/* Copies one source character (a prime becomes ′ in UTF-8). */
static void copy_char(mctx *m, strbuf *o)
{
	uint32_t cp;
	m->i += utf8_decode(m->s + m->i, m->n - m->i, &cp);
	if (cp == '\'' && m->utf8)
		cp = 0x2032;
	put_cp(m, o, cp);
}

/* Converts one argument: a {group}, a command or a single character. */
static void atom(mctx *m, strbuf *o)
{
	skip_ws(m);
	if (m->i >= m->n)
		return;
	char c = m->s[m->i];
	if (c == '}' || c == '&' || c == '^' || c == '_')
		return;
	if (++m->depth > MAXDEPTH) {
		m->i++;
	} else if (c == '{') {
		m->i++;
		seq(m, o, STOP_BRACE);
		if (m->i < m->n && m->s[m->i] == '}')
			m->i++;
	} else if (c == '\\') {
		size_t save = m->i;
		const char *name;
		size_t k = read_name(m, &name);
		if ((k == 1 && name[0] == '\\') || (k == 3 && !memcmp(name, "end", 3)))
			m->i = save;   /* not an argument: leave it to the enclosing sequence */
		else
			command(m, o, name, k);
	} else {
		copy_char(m, o);
	}
	m->depth--;
}

/* Converts one argument into a fresh, trimmed buffer (the caller frees it). */
static strbuf arg(mctx *m)
{
	strbuf b = STRBUF_INIT;
	atom(m, &b);
	trim(&b);
	return b;
}

/* Writes a in sub/superscript characters if every (non-space) character has one. */
static int put_script(mctx *m, strbuf *o, const strbuf *a, int sup)
{
	uint32_t cps[64];
	size_t k = 0, i = 0;
	while (i < a->len) {
		uint32_t cp;
		i += utf8_decode(a->s + i, a->len - i, &cp);
		if (cp == ' ')
			continue;
		if (k == 64 || !(cps[k++] = md_script_cp(cp, sup)))
			return 0;
	}
	for (i = 0; i < k; i++)
		put_cp(m, o, cps[i]);
	return 1;
}

/* Is a entirely inside one pair of parentheses, "(…)"? */
static int wrapped(const strbuf *a)
{
	if (a->len < 2 || a->s[0] != '(' || a->s[a->len - 1] != ')')
		return 0;
	int d = 0;
	for (size_t i = 0; i < a->len; i++) {
		d += a->s[i] == '(' ? 1 : a->s[i] == ')' ? -1 : 0;
		if (d == 0)
			return i == a->len - 1;
	}
	return 0;
}

/* Does a read as more than one term, so that a/b needs parentheses around it? */
static int compound(const strbuf *a)
{
	static const uint32_t ops[] = {' ', '+', '-', '*', '/', '=', '<', '>', ',', ';', ':', '|',
		0xB7, 0xD7, 0xF7, 0xB1, 0x2212, 0x2264, 0x2265, 0x2260, 0x2248, 0x2192, 0x2208};
	uint32_t cp;
	if (a->len == 0 || utf8_decode(a->s, a->len, &cp) == a->len || wrapped(a))
		return 0;   /* a single character, or already parenthesised */
	size_t i = 0;
	while (i < a->len) {
		i += utf8_decode(a->s + i, a->len - i, &cp);
		for (size_t j = 0; j < sizeof ops / sizeof *ops; j++)
			if (cp == ops[j])
				return 1;
	}
	return 0;
}

static void put_term(mctx *m, strbuf *o, const strbuf *a)
{
	int p = compound(a);
	if (p)
		puts_(m, o, "(");
	put(m, o, a->s ? a->s : "", a->len);
	if (p)
		puts_(m, o, ")");
}

/* x_i, x^2: Unicode forms where they exist, else _i, ^2, ^(n+1). */
static void script(mctx *m, strbuf *o, int sup)
{
	strbuf a = arg(m);
	if (a.len && !(m->utf8 && put_script(m, o, &a, sup))) {
		uint32_t cp;
		/* a prime, and the star of an optimum (w^*), read best as they are */
		int prime = sup && (strcmp(a.s, "'") == 0 || strcmp(a.s, "\xe2\x80\xb2") == 0 ||
		                    strcmp(a.s, "*") == 0 || strcmp(a.s, "\xe2\x88\x97") == 0);
		int several = utf8_decode(a.s, a.len, &cp) < a.len;
		if (!prime)
			puts_(m, o, sup ? "^" : "_");
		int paren = compound(&a) || (sup && several && !wrapped(&a));
		if (paren)
			puts_(m, o, "(");
		put(m, o, a.s, a.len);
		if (paren)
			puts_(m, o, ")");
	}
	sb_free(&a);
}

/* Does a term follow (not an operator, a space or the end), so what came before is one? */
static int term_follows(const mctx *m)
{
	static const char ops[] = "|cdot|times|div|pm|mp|le|leq|ge|geq|ne|neq|approx|equiv|to|"
	                          "rightarrow|leftarrow|mapsto|in|quad|qquad|right|end|";
	size_t i = m->i, k = 0;
	while (i < m->n && is_ws((unsigned char)m->s[i]))
		i++;
	if (i >= m->n || m->s[i] != '\\')
		return i < m->n && (is_alnum((unsigned char)m->s[i]) || m->s[i] == '(' ||
		                    m->s[i] == '{' || (m->s[i] & 0x80));
	while (i + 1 + k < m->n && is_alpha((unsigned char)m->s[i + 1 + k]) && k < 16)
		k++;
	char name[20] = "|";
	memcpy(name + 1, m->s + i + 1, k);
	name[k + 1] = '|';
	name[k + 2] = '\0';
	return k > 0 && !strstr(ops, name);   /* \, \; \\ are spacing */
}

/* \frac{a}{b} -> a/b, each side parenthesised when it has several terms. */
static void frac(mctx *m, strbuf *o)
{
	strbuf a = arg(m), b = arg(m);
	if (!a.len && !b.len) {
		sb_free(&a);
		sb_free(&b);
		return;
	}
	if (o->len && is_alnum((unsigned char)o->s[o->len - 1]))
		puts_(m, o, " ");
	/* followed by a term (\frac{1}{n}\sum_i), the whole fraction is one:
	** (1/n)Σᵢ, not 1/nΣᵢ */
	int whole = term_follows(m);
	if (whole)
		puts_(m, o, "(");
	put_term(m, o, &a);
	puts_(m, o, "/");
	put_term(m, o, &b);
	if (whole)
		puts_(m, o, ")");
	m->sep = 1;
	sb_free(&a);
	sb_free(&b);
}

static void sqrt_(mctx *m, strbuf *o)
{
	skip_ws(m);
	strbuf idx = STRBUF_INIT;
	if (m->i < m->n && m->s[m->i] == '[') {
		size_t a = ++m->i;
		while (m->i < m->n && m->s[m->i] != ']')
			m->i++;
		mctx sub = {m->s, a, m->i, m->utf8, MAXDEPTH, 0, {0}, 0};
		seq(&sub, &idx, 0);
		trim(&idx);
		if (m->i < m->n)
			m->i++;
	}
	strbuf a = arg(m);
	if (m->utf8) {
		if (idx.len && !put_script(m, o, &idx, 1))
			put(m, o, idx.s, idx.len);
		puts_(m, o, "\xe2\x88\x9a(");
	} else {
		puts_(m, o, "sqrt");
		if (idx.len) {
			puts_(m, o, "[");
			put(m, o, idx.s, idx.len);
			puts_(m, o, "]");
		}
		puts_(m, o, "(");
	}
	put(m, o, a.s ? a.s : "", a.len);
	puts_(m, o, ")");
	sb_free(&a);
	sb_free(&idx);
}

/* \hat{y} -> ŷ where a precomposed letter exists, else hat(y). */
static void accent(mctx *m, strbuf *o, const char *what)
{
	strbuf a = arg(m);
	size_t k = 0;
	const char *pre = m->utf8 && a.len == 1 ? md_accented(what, a.s[0], &k) : NULL;
	if (pre) {
		put(m, o, pre, k);
	} else {
		puts_(m, o, what);
		puts_(m, o, "(");
		put(m, o, a.s ? a.s : "", a.len);
		puts_(m, o, ")");
	}
	sb_free(&a);
}

/* \begin{env} … \end{env}: rows joined with "; ", cells with ", " (aligned: " "). */
static void environment(mctx *m, strbuf *o)
{
	const char *name;
	size_t k = read_group(m, &name);
	char env[16] = "";
	if (k < sizeof env)
		memcpy(env, name, k), env[k] = 0;
	if (!strcmp(env, "array") || !strcmp(env, "tabular")) {
		const char *spec;
		read_group(m, &spec);
	}
	const char *open = "", *close = "", *cellsep = ", ";
	if (!strcmp(env, "cases"))
		open = "{ ", close = " }";
	else if (!strcmp(env, "pmatrix"))
		open = "(", close = ")";
	else if (!strcmp(env, "bmatrix"))
		open = "[", close = "]";
	else if (!strcmp(env, "vmatrix"))
		open = close = "|";
	else if (strcmp(env, "array") && strcmp(env, "tabular") && !strstr(env, "matrix"))
		cellsep = " ";
	puts_(m, o, open);
	int rows = 0, stop;
	m->depth++;
	do {
		strbuf row = STRBUF_INIT;
		int full = 0, cells = 0;
		do {
			strbuf cell = STRBUF_INIT;
			stop = m->depth > MAXDEPTH ? 0 : seq(m, &cell, STOP_AMP | STOP_ROW | STOP_END);
			trim(&cell);
			if (cells++)
				sb_adds(&row, cellsep);
			sb_addn(&row, cell.s ? cell.s : "", cell.len);
			full |= cell.len > 0;
			sb_free(&cell);
		} while (stop == STOP_AMP);
		if (full) {
			if (rows++)
				puts_(m, o, "; ");
			put(m, o, row.s, row.len);
		}
		sb_free(&row);
	} while (stop == STOP_ROW);
	m->depth--;
	puts_(m, o, close);
}

/* A symbol (\alpha, \le): its Unicode form, or its ASCII spelling kept apart as a word. */
static void symbol(mctx *m, strbuf *o, const md_cmd *c)
{
	/* a spelled-out name is a word: keep it apart from letters on both sides */
	int word = !m->utf8 && strlen(c->a) > 1 && is_alpha((unsigned char)c->a[0]);
	if (word && o->len && is_alnum((unsigned char)o->s[o->len - 1]))
		puts_(m, o, " ");
	puts_(m, o, m->utf8 ? c->u : c->a);
	m->sep = word;
	if (c->kind == MK_PRE)
		tighten(m);
}

/*
** \left and \right: "\left( x \right)" reads (x); the brace of a cases
** environment keeps its spaces: { 1, …; 0, … }.
*/
static void left(mctx *m, strbuf *o)
{
	skip_ws(m);
	int b = m->i + 1 < m->n && m->s[m->i] == '\\' && m->s[m->i + 1] == '{';
	if (m->nleft < (int)sizeof m->left)
		m->left[m->nleft] = b ? '{' : '(';
	m->nleft++;
	if (m->i < m->n && m->s[m->i] == '.')
		m->i++;
	else
		atom(m, o);
	if (!b)
		skip_ws(m);
}

static void right(mctx *m, strbuf *o)
{
	int brace = m->nleft > 0 && m->nleft <= (int)sizeof m->left && m->left[m->nleft - 1] == '{';
	skip_ws(m);
	if (!brace)
		unspace(o);
	if (m->i < m->n && m->s[m->i] == '.') {
		m->i++;
		if (brace)
			puts_(m, o, "}");
	} else {
		atom(m, o);
	}
	if (m->nleft > 0)
		m->nleft--;
}

static void command(mctx *m, strbuf *o, const char *name, size_t k)
{
	const md_cmd *c = md_math_command(name, k);
	if (!c) {   /* unknown: show its name, like a function name */
		put(m, o, name, k);
		m->sep = k > 0 && is_alpha((unsigned char)name[0]);
		if (m->sep)
			tighten(m);
		return;
	}
	const char *body;
	switch (c->kind) {
	case MK_SYM:
	case MK_PRE:
		symbol(m, o, c);
		break;
	case MK_WORD:
		if (o->len && is_alnum((unsigned char)o->s[o->len - 1]))
			puts_(m, o, " ");
		puts_(m, o, c->name);
		m->sep = 1;
		tighten(m);
		break;
	case MK_ARG:
		atom(m, o);
		break;
	case MK_DROPARG:
		read_group(m, &body);
		break;
	case MK_IGNORE:
		break;
	case MK_FRAC:
		frac(m, o);
		break;
	case MK_SQRT:
		sqrt_(m, o);
		break;
	case MK_ACCENT:
		accent(m, o, c->a);
		break;
	case MK_LEFT:
		left(m, o);
		break;
	case MK_RIGHT:
		right(m, o);
		break;
	case MK_BEGIN:
		environment(m, o);
		break;
	}
}

/*
** Converts until the end of input or one of `stops`; returns the stop met
** (0 at the end).  A closing brace is left for the caller; '&', "\\" and
** \end{…} are consumed.
*/
static int seq(mctx *m, strbuf *o, int stops)
{
	while (m->i < m->n) {
		unsigned char c = (unsigned char)m->s[m->i];
		if (c == '}') {
			if (stops & STOP_BRACE)
				return STOP_BRACE;
			m->i++;
		} else if (c == '&') {
			m->i++;
			if (stops & STOP_AMP)
				return STOP_AMP;
			puts_(m, o, " ");
		} else if (c == '{') {
			atom(m, o);
		} else if (c == '^' || c == '_') {
			m->i++;
			script(m, o, c == '^');
		} else if (c == '\\') {
			const char *name;
			size_t k = read_name(m, &name);
			if (k == 1 && name[0] == '\\') {
				if (stops & STOP_ROW)
					return STOP_ROW;
				unspace(o);
				puts_(m, o, "; ");
			} else if (k == 3 && !memcmp(name, "end", 3)) {
				read_group(m, &name);
				if (stops & STOP_END)
					return STOP_END;
			} else if (++m->depth <= MAXDEPTH) {
				command(m, o, name, k);
				m->depth--;
			} else {
				m->depth--;
			}
		} else if (is_ws(c)) {
			m->i++;
			puts_(m, o, " ");
		} else {
			copy_char(m, o);
		}
	}
	return 0;
}

int md_math(const char *s, size_t n, int utf8, strbuf *out)
{
	mctx m = {s, 0, n, utf8, 0, 0, {0}, 0};
	strbuf b = STRBUF_INIT;
	seq(&m, &b, 0);
	trim(&b);
	if (b.len)
		sb_addn(out, b.s, b.len);
	int failed = b.failed;
	sb_free(&b);
	return failed || out->failed ? -1 : 0;
}
