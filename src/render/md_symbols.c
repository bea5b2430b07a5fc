/*
** md_symbols.c — what the math converter knows about TeX: the commands it
** turns into symbols or handles specially, and the Unicode sub- and
** superscript letters.
*/
#include <string.h>

#include "md_int.h"
#include "utf8.h"

static const md_cmd cmds[] = {
	/* Greek: ASCII spells the name (var- forms drop "var"). */
	{"alpha", "\xce\xb1", "alpha", MK_PRE}, {"beta", "\xce\xb2", "beta", MK_PRE},
	{"gamma", "\xce\xb3", "gamma", MK_PRE}, {"delta", "\xce\xb4", "delta", MK_PRE},
	{"epsilon", "\xce\xb5", "epsilon", MK_PRE}, {"varepsilon", "\xce\xb5", "epsilon", MK_PRE},
	{"zeta", "\xce\xb6", "zeta", MK_PRE}, {"eta", "\xce\xb7", "eta", MK_PRE},
	{"theta", "\xce\xb8", "theta", MK_PRE}, {"vartheta", "\xcf\x91", "theta", MK_PRE},
	{"iota", "\xce\xb9", "iota", MK_PRE}, {"kappa", "\xce\xba", "kappa", MK_PRE},
	{"lambda", "\xce\xbb", "lambda", MK_PRE}, {"mu", "\xce\xbc", "mu", MK_PRE},
	{"nu", "\xce\xbd", "nu", MK_PRE}, {"xi", "\xce\xbe", "xi", MK_PRE},
	{"omicron", "\xce\xbf", "omicron", MK_PRE}, {"pi", "\xcf\x80", "pi", MK_PRE},
	{"varpi", "\xcf\x96", "pi", MK_PRE}, {"rho", "\xcf\x81", "rho", MK_PRE},
	{"varrho", "\xcf\xb1", "rho", MK_PRE}, {"sigma", "\xcf\x83", "sigma", MK_PRE},
	{"varsigma", "\xcf\x82", "sigma", MK_PRE}, {"tau", "\xcf\x84", "tau", MK_PRE},
	{"upsilon", "\xcf\x85", "upsilon", MK_PRE}, {"phi", "\xcf\x86", "phi", MK_PRE},
	{"varphi", "\xcf\x86", "phi", MK_PRE}, {"chi", "\xcf\x87", "chi", MK_PRE},
	{"psi", "\xcf\x88", "psi", MK_PRE}, {"omega", "\xcf\x89", "omega", MK_PRE},
	{"Gamma", "\xce\x93", "Gamma", MK_PRE}, {"Delta", "\xce\x94", "Delta", MK_PRE},
	{"Theta", "\xce\x98", "Theta", MK_PRE}, {"Lambda", "\xce\x9b", "Lambda", MK_PRE},
	{"Xi", "\xce\x9e", "Xi", MK_PRE}, {"Pi", "\xce\xa0", "Pi", MK_PRE},
	{"Sigma", "\xce\xa3", "Sigma", MK_PRE}, {"Upsilon", "\xce\xa5", "Upsilon", MK_PRE},
	{"Phi", "\xce\xa6", "Phi", MK_PRE}, {"Psi", "\xce\xa8", "Psi", MK_PRE},
	{"Omega", "\xce\xa9", "Omega", MK_PRE},
	/* Operators and relations. */
	{"cdot", "\xc2\xb7", "*", MK_SYM}, {"times", "\xc3\x97", "x", MK_SYM},
	{"div", "\xc3\xb7", "/", MK_SYM}, {"pm", "\xc2\xb1", "+/-", MK_SYM},
	{"mp", "\xe2\x88\x93", "-/+", MK_SYM}, {"ast", "*", "*", MK_SYM},
	{"le", "\xe2\x89\xa4", "<=", MK_SYM}, {"leq", "\xe2\x89\xa4", "<=", MK_SYM},
	{"ge", "\xe2\x89\xa5", ">=", MK_SYM}, {"geq", "\xe2\x89\xa5", ">=", MK_SYM},
	{"ne", "\xe2\x89\xa0", "!=", MK_SYM}, {"neq", "\xe2\x89\xa0", "!=", MK_SYM},
	{"approx", "\xe2\x89\x88", "~=", MK_SYM}, {"equiv", "\xe2\x89\xa1", "==", MK_SYM},
	{"sim", "\xe2\x88\xbc", "~", MK_SYM}, {"propto", "\xe2\x88\x9d", "~", MK_SYM},
	{"ll", "\xe2\x89\xaa", "<<", MK_SYM}, {"gg", "\xe2\x89\xab", ">>", MK_SYM},
	{"infty", "\xe2\x88\x9e", "inf", MK_SYM}, {"sum", "\xce\xa3", "sum", MK_SYM},
	{"prod", "\xce\xa0", "prod", MK_SYM}, {"int", "\xe2\x88\xab", "int", MK_SYM},
	{"partial", "\xe2\x88\x82", "d", MK_PRE}, {"nabla", "\xe2\x88\x87", "grad", MK_PRE},
	{"to", "\xe2\x86\x92", "->", MK_SYM}, {"rightarrow", "\xe2\x86\x92", "->", MK_SYM},
	{"leftarrow", "\xe2\x86\x90", "<-", MK_SYM}, {"gets", "\xe2\x86\x90", "<-", MK_SYM},
	{"Rightarrow", "\xe2\x87\x92", "=>", MK_SYM}, {"implies", "\xe2\x87\x92", "=>", MK_SYM},
	{"Leftrightarrow", "\xe2\x87\x94", "<=>", MK_SYM}, {"iff", "\xe2\x87\x94", "<=>", MK_SYM},
	{"mapsto", "\xe2\x86\xa6", "|->", MK_SYM}, {"in", "\xe2\x88\x88", "in", MK_SYM},
	{"notin", "\xe2\x88\x89", "not in", MK_SYM}, {"subset", "\xe2\x8a\x82", "subset", MK_SYM},
	{"subseteq", "\xe2\x8a\x86", "subseteq", MK_SYM}, {"cup", "\xe2\x88\xaa", "union", MK_SYM},
	{"cap", "\xe2\x88\xa9", "intersect", MK_SYM}, {"emptyset", "\xe2\x88\x85", "{}", MK_SYM},
	{"forall", "\xe2\x88\x80", "for all", MK_SYM}, {"exists", "\xe2\x88\x83", "exists", MK_SYM},
	{"neg", "\xc2\xac", "not", MK_PRE}, {"lnot", "\xc2\xac", "not", MK_PRE},
	{"land", "\xe2\x88\xa7", "and", MK_SYM}, {"wedge", "\xe2\x88\xa7", "and", MK_SYM},
	{"lor", "\xe2\x88\xa8", "or", MK_SYM}, {"vee", "\xe2\x88\xa8", "or", MK_SYM},
	{"ldots", "\xe2\x80\xa6", "...", MK_SYM}, {"dots", "\xe2\x80\xa6", "...", MK_SYM},
	{"cdots", "\xe2\x8b\xaf", "...", MK_SYM}, {"vdots", "\xe2\x8b\xae", ":", MK_SYM},
	{"prime", "\xe2\x80\xb2", "'", MK_SYM}, {"circ", "\xe2\x88\x98", "o", MK_SYM},
	{"odot", "\xe2\x8a\x99", "(.)", MK_SYM}, {"otimes", "\xe2\x8a\x97", "(x)", MK_SYM},
	{"oplus", "\xe2\x8a\x95", "(+)", MK_SYM}, {"star", "\xe2\x8b\x86", "*", MK_SYM},
	{"bullet", "\xe2\x80\xa2", "*", MK_SYM}, {"ell", "\xe2\x84\x93", "l", MK_SYM},
	{"langle", "\xe2\x9f\xa8", "<", MK_SYM}, {"rangle", "\xe2\x9f\xa9", ">", MK_SYM},
	{"lvert", "|", "|", MK_SYM}, {"rvert", "|", "|", MK_SYM}, {"vert", "|", "|", MK_SYM},
	{"mid", "|", "|", MK_SYM}, {"lVert", "\xe2\x80\x96", "||", MK_SYM},
	{"rVert", "\xe2\x80\x96", "||", MK_SYM}, {"|", "\xe2\x80\x96", "||", MK_SYM},
	{"lfloor", "\xe2\x8c\x8a", "floor(", MK_SYM}, {"rfloor", "\xe2\x8c\x8b", ")", MK_SYM},
	{"lceil", "\xe2\x8c\x88", "ceil(", MK_SYM}, {"rceil", "\xe2\x8c\x89", ")", MK_SYM},
	{"{", "{", "{", MK_SYM}, {"}", "}", "}", MK_SYM}, {"%", "%", "%", MK_SYM},
	{"$", "$", "$", MK_SYM}, {"&", "&", "&", MK_SYM}, {"_", "_", "_", MK_SYM},
	{"#", "#", "#", MK_SYM}, {" ", " ", " ", MK_SYM}, {",", " ", " ", MK_SYM},
	{";", " ", " ", MK_SYM}, {":", " ", " ", MK_SYM}, {"!", "", "", MK_SYM},
	{"quad", " ", " ", MK_SYM}, {"qquad", " ", " ", MK_SYM},
	/* Function names keep their name. */
	{"log", 0, 0, MK_WORD}, {"ln", 0, 0, MK_WORD}, {"exp", 0, 0, MK_WORD},
	{"sin", 0, 0, MK_WORD}, {"cos", 0, 0, MK_WORD}, {"tan", 0, 0, MK_WORD},
	{"tanh", 0, 0, MK_WORD}, {"max", 0, 0, MK_WORD}, {"min", 0, 0, MK_WORD},
	{"arg", 0, 0, MK_WORD}, {"lim", 0, 0, MK_WORD}, {"det", 0, 0, MK_WORD},
	/* Commands whose argument is simply shown. */
	{"text", 0, 0, MK_ARG}, {"mbox", 0, 0, MK_ARG}, {"textrm", 0, 0, MK_ARG},
	{"textbf", 0, 0, MK_ARG}, {"textit", 0, 0, MK_ARG}, {"texttt", 0, 0, MK_ARG},
	{"mathrm", 0, 0, MK_ARG}, {"mathbf", 0, 0, MK_ARG}, {"mathit", 0, 0, MK_ARG},
	{"mathsf", 0, 0, MK_ARG}, {"mathtt", 0, 0, MK_ARG}, {"mathcal", 0, 0, MK_ARG},
	{"mathbb", 0, 0, MK_ARG}, {"boldsymbol", 0, 0, MK_ARG}, {"bm", 0, 0, MK_ARG},
	{"operatorname", 0, 0, MK_ARG}, {"vec", 0, 0, MK_ARG}, {"underline", 0, 0, MK_ARG},
	{"label", 0, 0, MK_DROPARG}, {"tag", 0, 0, MK_DROPARG}, {"hspace", 0, 0, MK_DROPARG},
	{"vspace", 0, 0, MK_DROPARG}, {"phantom", 0, 0, MK_DROPARG},
	{"big", 0, 0, MK_IGNORE}, {"Big", 0, 0, MK_IGNORE}, {"bigg", 0, 0, MK_IGNORE},
	{"Bigg", 0, 0, MK_IGNORE}, {"bigl", 0, 0, MK_IGNORE}, {"bigr", 0, 0, MK_IGNORE},
	{"Bigl", 0, 0, MK_IGNORE}, {"Bigr", 0, 0, MK_IGNORE}, {"middle", 0, 0, MK_IGNORE},
	{"displaystyle", 0, 0, MK_IGNORE}, {"textstyle", 0, 0, MK_IGNORE},
	{"limits", 0, 0, MK_IGNORE}, {"nolimits", 0, 0, MK_IGNORE},
	{"nonumber", 0, 0, MK_IGNORE}, {"notag", 0, 0, MK_IGNORE},
	{"frac", 0, 0, MK_FRAC}, {"dfrac", 0, 0, MK_FRAC}, {"tfrac", 0, 0, MK_FRAC},
	{"cfrac", 0, 0, MK_FRAC}, {"sqrt", 0, 0, MK_SQRT},
	{"hat", 0, "hat", MK_ACCENT}, {"widehat", 0, "hat", MK_ACCENT},
	{"bar", 0, "bar", MK_ACCENT}, {"overline", 0, "bar", MK_ACCENT},
	{"tilde", 0, "tilde", MK_ACCENT}, {"widetilde", 0, "tilde", MK_ACCENT},
	{"dot", 0, "dot", MK_ACCENT}, {"ddot", 0, "ddot", MK_ACCENT},
	{"left", 0, 0, MK_LEFT}, {"right", 0, 0, MK_RIGHT}, {"begin", 0, 0, MK_BEGIN},
};

const md_cmd *md_math_command(const char *name, size_t k)
{
	if (k == 0)
		return NULL;
	for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++)
		if (cmds[i].name[0] == name[0] && strlen(cmds[i].name) == k && memcmp(cmds[i].name, name, k) == 0)
			return &cmds[i];
	return NULL;
}

uint32_t md_script_cp(uint32_t c, int sup)
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

const char *md_accented(const char *accent, char letter, size_t *len)
{
	static const char *const pre[][2] = {
		{"hat", "a\xc3\xa2" "e\xc3\xaa" "i\xc3\xae" "o\xc3\xb4" "u\xc3\xbb" "y\xc5\xb7" "w\xc5\xb5"},
		{"bar", "a\xc4\x81" "e\xc4\x93" "i\xc4\xab" "o\xc5\x8d" "u\xc5\xab" "y\xc8\xb3"},
		{"tilde", "a\xc3\xa3" "n\xc3\xb1" "o\xc3\xb5" "y\xe1\xbb\xb9"},
	};
	for (size_t i = 0; i < sizeof pre / sizeof *pre; i++) {
		if (strcmp(pre[i][0], accent) != 0)
			continue;
		for (const char *p = pre[i][1]; *p;) {
			uint32_t cp;
			size_t k = utf8_decode(p + 1, strlen(p + 1), &cp);
			if (*p == letter) {
				*len = k;
				return p + 1;
			}
			p += 1 + k;
		}
	}
	return NULL;
}
