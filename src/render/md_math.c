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
	char left[16];    /* the open \left delimiters ('{' or '.'), for \right. */
	int nleft;
} mctx;

enum { K_SYM, K_PRE, K_WORD, K_ARG, K_DROPARG, K_IGNORE, K_FRAC, K_SQRT, K_ACCENT,
       K_LEFT, K_RIGHT, K_BEGIN };

/*
** K_SYM: a symbol; K_PRE: a symbol that binds to the operand after it
** (Greek letters, ∂, ∇): like TeX, the space after it is dropped, so
** "\partial L" reads ∂L.  K_WORD: a function name (log, max).
*/
typedef struct mcmd {
	const char *name;
	const char *u, *a;  /* UTF-8 and ASCII output (K_SYM); accent name (K_ACCENT) */
	int kind;
} mcmd;

static const mcmd cmds[] = {
	/* Greek: ASCII spells the name (var- forms drop "var"). */
	{"alpha", "\xce\xb1", "alpha", K_PRE}, {"beta", "\xce\xb2", "beta", K_PRE},
	{"gamma", "\xce\xb3", "gamma", K_PRE}, {"delta", "\xce\xb4", "delta", K_PRE},
	{"epsilon", "\xce\xb5", "epsilon", K_PRE}, {"varepsilon", "\xce\xb5", "epsilon", K_PRE},
	{"zeta", "\xce\xb6", "zeta", K_PRE}, {"eta", "\xce\xb7", "eta", K_PRE},
	{"theta", "\xce\xb8", "theta", K_PRE}, {"vartheta", "\xcf\x91", "theta", K_PRE},
	{"iota", "\xce\xb9", "iota", K_PRE}, {"kappa", "\xce\xba", "kappa", K_PRE},
	{"lambda", "\xce\xbb", "lambda", K_PRE}, {"mu", "\xce\xbc", "mu", K_PRE},
	{"nu", "\xce\xbd", "nu", K_PRE}, {"xi", "\xce\xbe", "xi", K_PRE},
	{"omicron", "\xce\xbf", "omicron", K_PRE}, {"pi", "\xcf\x80", "pi", K_PRE},
	{"varpi", "\xcf\x96", "pi", K_PRE}, {"rho", "\xcf\x81", "rho", K_PRE},
	{"varrho", "\xcf\xb1", "rho", K_PRE}, {"sigma", "\xcf\x83", "sigma", K_PRE},
	{"varsigma", "\xcf\x82", "sigma", K_PRE}, {"tau", "\xcf\x84", "tau", K_PRE},
	{"upsilon", "\xcf\x85", "upsilon", K_PRE}, {"phi", "\xcf\x86", "phi", K_PRE},
	{"varphi", "\xcf\x86", "phi", K_PRE}, {"chi", "\xcf\x87", "chi", K_PRE},
	{"psi", "\xcf\x88", "psi", K_PRE}, {"omega", "\xcf\x89", "omega", K_PRE},
	{"Gamma", "\xce\x93", "Gamma", K_PRE}, {"Delta", "\xce\x94", "Delta", K_PRE},
	{"Theta", "\xce\x98", "Theta", K_PRE}, {"Lambda", "\xce\x9b", "Lambda", K_PRE},
	{"Xi", "\xce\x9e", "Xi", K_PRE}, {"Pi", "\xce\xa0", "Pi", K_PRE},
	{"Sigma", "\xce\xa3", "Sigma", K_PRE}, {"Upsilon", "\xce\xa5", "Upsilon", K_PRE},
	{"Phi", "\xce\xa6", "Phi", K_PRE}, {"Psi", "\xce\xa8", "Psi", K_PRE},
	{"Omega", "\xce\xa9", "Omega", K_PRE},
	/* Operators and relations. */
	{"cdot", "\xc2\xb7", "*", K_SYM}, {"times", "\xc3\x97", "x", K_SYM},
	{"div", "\xc3\xb7", "/", K_SYM}, {"pm", "\xc2\xb1", "+/-", K_SYM},
	{"mp", "\xe2\x88\x93", "-/+", K_SYM}, {"ast", "*", "*", K_SYM},
	{"le", "\xe2\x89\xa4", "<=", K_SYM}, {"leq", "\xe2\x89\xa4", "<=", K_SYM},
	{"ge", "\xe2\x89\xa5", ">=", K_SYM}, {"geq", "\xe2\x89\xa5", ">=", K_SYM},
	{"ne", "\xe2\x89\xa0", "!=", K_SYM}, {"neq", "\xe2\x89\xa0", "!=", K_SYM},
	{"approx", "\xe2\x89\x88", "~=", K_SYM}, {"equiv", "\xe2\x89\xa1", "==", K_SYM},
	{"sim", "\xe2\x88\xbc", "~", K_SYM}, {"propto", "\xe2\x88\x9d", "~", K_SYM},
	{"ll", "\xe2\x89\xaa", "<<", K_SYM}, {"gg", "\xe2\x89\xab", ">>", K_SYM},
	{"infty", "\xe2\x88\x9e", "inf", K_SYM}, {"sum", "\xce\xa3", "sum", K_SYM},
	{"prod", "\xce\xa0", "prod", K_SYM}, {"int", "\xe2\x88\xab", "int", K_SYM},
	{"partial", "\xe2\x88\x82", "d", K_PRE}, {"nabla", "\xe2\x88\x87", "grad", K_PRE},
	{"to", "\xe2\x86\x92", "->", K_SYM}, {"rightarrow", "\xe2\x86\x92", "->", K_SYM},
	{"leftarrow", "\xe2\x86\x90", "<-", K_SYM}, {"gets", "\xe2\x86\x90", "<-", K_SYM},
	{"Rightarrow", "\xe2\x87\x92", "=>", K_SYM}, {"implies", "\xe2\x87\x92", "=>", K_SYM},
	{"Leftrightarrow", "\xe2\x87\x94", "<=>", K_SYM}, {"iff", "\xe2\x87\x94", "<=>", K_SYM},
	{"mapsto", "\xe2\x86\xa6", "|->", K_SYM}, {"in", "\xe2\x88\x88", "in", K_SYM},
	{"notin", "\xe2\x88\x89", "not in", K_SYM}, {"subset", "\xe2\x8a\x82", "subset", K_SYM},
	{"subseteq", "\xe2\x8a\x86", "subseteq", K_SYM}, {"cup", "\xe2\x88\xaa", "union", K_SYM},
	{"cap", "\xe2\x88\xa9", "intersect", K_SYM}, {"emptyset", "\xe2\x88\x85", "{}", K_SYM},
	{"forall", "\xe2\x88\x80", "for all", K_SYM}, {"exists", "\xe2\x88\x83", "exists", K_SYM},
	{"neg", "\xc2\xac", "not", K_PRE}, {"lnot", "\xc2\xac", "not", K_PRE},
	{"land", "\xe2\x88\xa7", "and", K_SYM}, {"wedge", "\xe2\x88\xa7", "and", K_SYM},
	{"lor", "\xe2\x88\xa8", "or", K_SYM}, {"vee", "\xe2\x88\xa8", "or", K_SYM},
	{"ldots", "\xe2\x80\xa6", "...", K_SYM}, {"dots", "\xe2\x80\xa6", "...", K_SYM},
	{"cdots", "\xe2\x8b\xaf", "...", K_SYM}, {"vdots", "\xe2\x8b\xae", ":", K_SYM},
	{"prime", "\xe2\x80\xb2", "'", K_SYM}, {"circ", "\xe2\x88\x98", "o", K_SYM},
	{"odot", "\xe2\x8a\x99", "(.)", K_SYM}, {"otimes", "\xe2\x8a\x97", "(x)", K_SYM},
	{"oplus", "\xe2\x8a\x95", "(+)", K_SYM}, {"star", "\xe2\x8b\x86", "*", K_SYM},
	{"bullet", "\xe2\x80\xa2", "*", K_SYM}, {"ell", "\xe2\x84\x93", "l", K_SYM},
	{"langle", "\xe2\x9f\xa8", "<", K_SYM}, {"rangle", "\xe2\x9f\xa9", ">", K_SYM},
	{"lvert", "|", "|", K_SYM}, {"rvert", "|", "|", K_SYM}, {"vert", "|", "|", K_SYM},
	{"mid", "|", "|", K_SYM}, {"lVert", "\xe2\x80\x96", "||", K_SYM},
	{"rVert", "\xe2\x80\x96", "||", K_SYM}, {"|", "\xe2\x80\x96", "||", K_SYM},
	{"lfloor", "\xe2\x8c\x8a", "floor(", K_SYM}, {"rfloor", "\xe2\x8c\x8b", ")", K_SYM},
	{"lceil", "\xe2\x8c\x88", "ceil(", K_SYM}, {"rceil", "\xe2\x8c\x89", ")", K_SYM},
	{"{", "{", "{", K_SYM}, {"}", "}", "}", K_SYM}, {"%", "%", "%", K_SYM},
	{"$", "$", "$", K_SYM}, {"&", "&", "&", K_SYM}, {"_", "_", "_", K_SYM},
	{"#", "#", "#", K_SYM}, {" ", " ", " ", K_SYM}, {",", " ", " ", K_SYM},
	{";", " ", " ", K_SYM}, {":", " ", " ", K_SYM}, {"!", "", "", K_SYM},
	{"quad", " ", " ", K_SYM}, {"qquad", " ", " ", K_SYM},
	/* Function names keep their name. */
	{"log", 0, 0, K_WORD}, {"ln", 0, 0, K_WORD}, {"exp", 0, 0, K_WORD},
	{"sin", 0, 0, K_WORD}, {"cos", 0, 0, K_WORD}, {"tan", 0, 0, K_WORD},
	{"tanh", 0, 0, K_WORD}, {"max", 0, 0, K_WORD}, {"min", 0, 0, K_WORD},
	{"arg", 0, 0, K_WORD}, {"lim", 0, 0, K_WORD}, {"det", 0, 0, K_WORD},
	/* Commands whose argument is simply shown. */
	{"text", 0, 0, K_ARG}, {"mbox", 0, 0, K_ARG}, {"textrm", 0, 0, K_ARG},
	{"textbf", 0, 0, K_ARG}, {"textit", 0, 0, K_ARG}, {"texttt", 0, 0, K_ARG},
	{"mathrm", 0, 0, K_ARG}, {"mathbf", 0, 0, K_ARG}, {"mathit", 0, 0, K_ARG},
	{"mathsf", 0, 0, K_ARG}, {"mathtt", 0, 0, K_ARG}, {"mathcal", 0, 0, K_ARG},
	{"mathbb", 0, 0, K_ARG}, {"boldsymbol", 0, 0, K_ARG}, {"bm", 0, 0, K_ARG},
	{"operatorname", 0, 0, K_ARG}, {"vec", 0, 0, K_ARG}, {"underline", 0, 0, K_ARG},
	{"label", 0, 0, K_DROPARG}, {"tag", 0, 0, K_DROPARG}, {"hspace", 0, 0, K_DROPARG},
	{"vspace", 0, 0, K_DROPARG}, {"phantom", 0, 0, K_DROPARG},
	{"big", 0, 0, K_IGNORE}, {"Big", 0, 0, K_IGNORE}, {"bigg", 0, 0, K_IGNORE},
	{"Bigg", 0, 0, K_IGNORE}, {"bigl", 0, 0, K_IGNORE}, {"bigr", 0, 0, K_IGNORE},
	{"Bigl", 0, 0, K_IGNORE}, {"Bigr", 0, 0, K_IGNORE}, {"middle", 0, 0, K_IGNORE},
	{"displaystyle", 0, 0, K_IGNORE}, {"textstyle", 0, 0, K_IGNORE},
	{"limits", 0, 0, K_IGNORE}, {"nolimits", 0, 0, K_IGNORE},
	{"nonumber", 0, 0, K_IGNORE}, {"notag", 0, 0, K_IGNORE},
	{"frac", 0, 0, K_FRAC}, {"dfrac", 0, 0, K_FRAC}, {"tfrac", 0, 0, K_FRAC},
	{"cfrac", 0, 0, K_FRAC}, {"sqrt", 0, 0, K_SQRT},
	{"hat", 0, "hat", K_ACCENT}, {"widehat", 0, "hat", K_ACCENT},
	{"bar", 0, "bar", K_ACCENT}, {"overline", 0, "bar", K_ACCENT},
	{"tilde", 0, "tilde", K_ACCENT}, {"widetilde", 0, "tilde", K_ACCENT},
	{"dot", 0, "dot", K_ACCENT}, {"ddot", 0, "ddot", K_ACCENT},
	{"left", 0, 0, K_LEFT}, {"right", 0, 0, K_RIGHT}, {"begin", 0, 0, K_BEGIN},
};

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

/* Unicode superscript and subscript forms of one code point, 0 if none. */
static uint32_t script_cp(uint32_t c, int sup)
{
	static const char sup_lower[] = "abcdefghijklmnoprstuvwxyz";
	static const uint32_t sup_lower_cp[] = {
		0x1D43, 0x1D47, 0x1D9C, 0x1D48, 0x1D49, 0x1DA0, 0x1D4D, 0x02B0, 0x2071,
		0x02B2, 0x1D4F, 0x02E1, 0x1D50, 0x207F, 0x1D52, 0x1D56, 0x02B3, 0x02E2,
		0x1D57, 0x1D58, 0x1D5B, 0x02B7, 0x02E3, 0x02B8, 0x1DBB};
	static const char sup_upper[] = "ABDEGHIJKLMNOPRTUVW";
	static const uint32_t sup_upper_cp[] = {
		0x1D2C, 0x1D2E, 0x1D30, 0x1D31, 0x1D33, 0x1D34, 0x1D35, 0x1D36, 0x1D37,
		0x1D38, 0x1D39, 0x1D3A, 0x1D3C, 0x1D3E, 0x1D3F, 0x1D40, 0x1D41, 0x2C7D, 0x1D42};
	static const char sub_lower[] = "aehijklmnoprstuvx";
	static const uint32_t sub_lower_cp[] = {
		0x2090, 0x2091, 0x2095, 0x1D62, 0x2C7C, 0x2096, 0x2097, 0x2098, 0x2099,
		0x2092, 0x209A, 0x1D63, 0x209B, 0x209C, 0x1D64, 0x1D65, 0x2093};
	static const uint32_t sub_greek[][2] = {
		{0x3B2, 0x1D66}, {0x3B3, 0x1D67}, {0x3C1, 0x1D68}, {0x3C6, 0x1D69}, {0x3C7, 0x1D6A}};
	const char *p;
	if (c >= '0' && c <= '9') {
		if (!sup)
			return 0x2080 + (c - '0');
		return c == '1' ? 0xB9 : c == '2' ? 0xB2 : c == '3' ? 0xB3 : 0x2070 + (c - '0');
	}
	switch (c) {
	case '+': return sup ? 0x207A : 0x208A;
	case '-': case 0x2212: return sup ? 0x207B : 0x208B;
	case '=': return sup ? 0x207C : 0x208C;
	case '(': return sup ? 0x207D : 0x208D;
	case ')': return sup ? 0x207E : 0x208E;
	case 0x2032: return sup ? 0x2032 : 0;
	}
	if (c < 0x80 && c && sup && (p = strchr(sup_lower, (int)c)))
		return sup_lower_cp[p - sup_lower];
	if (c < 0x80 && c && sup && (p = strchr(sup_upper, (int)c)))
		return sup_upper_cp[p - sup_upper];
	if (c < 0x80 && c && !sup && (p = strchr(sub_lower, (int)c)))
		return sub_lower_cp[p - sub_lower];
	for (size_t i = 0; !sup && i < sizeof sub_greek / sizeof *sub_greek; i++)
		if (sub_greek[i][0] == c)
			return sub_greek[i][1];
	return 0;
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
		if (k == 64 || !(cps[k++] = script_cp(cp, sup)))
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
		int prime = sup && (strcmp(a.s, "'") == 0 || strcmp(a.s, "\xe2\x80\xb2") == 0);
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
	put_term(m, o, &a);
	puts_(m, o, "/");
	put_term(m, o, &b);
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
	static const char *const pre[][2] = {
		{"hat", "a\xc3\xa2" "e\xc3\xaa" "i\xc3\xae" "o\xc3\xb4" "u\xc3\xbb" "y\xc5\xb7" "w\xc5\xb5"},
		{"bar", "a\xc4\x81" "e\xc4\x93" "i\xc4\xab" "o\xc5\x8d" "u\xc5\xab" "y\xc8\xb3"},
		{"tilde", "a\xc3\xa3" "n\xc3\xb1" "o\xc3\xb5" "y\xe1\xbb\xb9"},
	};
	strbuf a = arg(m);
	if (m->utf8 && a.len == 1) {
		for (size_t i = 0; i < sizeof pre / sizeof *pre; i++) {
			const char *p = pre[i][1];
			if (strcmp(pre[i][0], what) != 0)
				continue;
			while (*p) {
				uint32_t cp;
				size_t k = utf8_decode(p + 1, strlen(p + 1), &cp);
				if (*p == a.s[0]) {
					put(m, o, p + 1, k);
					sb_free(&a);
					return;
				}
				p += 1 + k;
			}
		}
	}
	puts_(m, o, what);
	puts_(m, o, "(");
	put(m, o, a.s ? a.s : "", a.len);
	puts_(m, o, ")");
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

static void command(mctx *m, strbuf *o, const char *name, size_t k)
{
	const mcmd *c = NULL;
	for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++) {
		if (strlen(cmds[i].name) == k && memcmp(cmds[i].name, name, k) == 0) {
			c = &cmds[i];
			break;
		}
	}
	if (!c) {   /* unknown: show its name, like a function name */
		put(m, o, name, k);
		m->sep = k > 0 && is_alpha((unsigned char)name[0]);
		if (m->sep)
			tighten(m);
		return;
	}
	const char *body;
	switch (c->kind) {
	case K_SYM:
	case K_PRE: {
		/* a spelled-out name is a word: keep it apart from letters on both sides */
		int word = !m->utf8 && strlen(c->a) > 1 && is_alpha((unsigned char)c->a[0]);
		if (word && o->len && is_alnum((unsigned char)o->s[o->len - 1]))
			puts_(m, o, " ");
		puts_(m, o, m->utf8 ? c->u : c->a);
		m->sep = word;
		if (c->kind == K_PRE)
			tighten(m);
		break;
	}
	case K_WORD:
		if (o->len && is_alnum((unsigned char)o->s[o->len - 1]))
			puts_(m, o, " ");
		puts_(m, o, c->name);
		m->sep = 1;
		tighten(m);
		break;
	case K_ARG:
		atom(m, o);
		break;
	case K_DROPARG:
		read_group(m, &body);
		break;
	case K_IGNORE:
		break;
	case K_FRAC:
		frac(m, o);
		break;
	case K_SQRT:
		sqrt_(m, o);
		break;
	case K_ACCENT:
		accent(m, o, c->a);
		break;
	case K_LEFT:
	case K_RIGHT: {
		/* "\left( x \right)" reads (x); the cases brace keeps its spaces: { 1, …; 0, … } */
		int brace = m->nleft > 0 && m->nleft <= (int)sizeof m->left && m->left[m->nleft - 1] == '{';
		skip_ws(m);
		if (c->kind == K_LEFT) {
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
			break;
		}
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
		break;
	}
	case K_BEGIN:
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
