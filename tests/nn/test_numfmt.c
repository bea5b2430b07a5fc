/*
** test_numfmt.c — numbers and arrays printed exactly as Python and numpy.
**
** The expected strings come from numpy 1.24 / Python 3.11 through
** tests/fixtures/gen_numfmt.py (numfmt_cases.inc); the notebook strings
** the lessons must reproduce are also written out here by hand.
*/
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "mem.h"
#include "numfmt.h"
#include "tap.h"

#include "numfmt_cases.inc"

#define NELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* Builds the array of a fixture case (hidden elements poisoned); free with mat_free. */
static mat *case_mat(const struct nf_case *c)
{
	mat_shape s = {c->rows, c->cols, (unsigned char)c->ndim};
	mat *m = mat_new(s);
	if (!m)
		return NULL;
	size_t n = mat_size(m);
	if (c->idx) {
		for (size_t i = 0; i < n; i++)
			m->data[i] = c->isint ? NF_POISON_INT : NF_POISON;
		for (size_t k = 0; k < c->nv; k++)
			m->data[c->idx[k]] = c->v[k];
	} else {
		for (size_t i = 0; i < n; i++)
			m->data[i] = c->v[i];
	}
	m->isint = (unsigned char)c->isint;
	return m;
}

static void test_fixture_arrays(void)
{
	for (size_t k = 0; k < NELEMS(nf_cases); k++) {
		const struct nf_case *c = &nf_cases[k];
		mat *m = case_mat(c);
		strbuf sb = STRBUF_INIT;
		numfmt_array(&sb, m);
		is_str(sb_str(&sb), c->str, "str: %s", c->name);
		sb_clear(&sb);
		numfmt_array_repr(&sb, m);
		is_str(sb_str(&sb), c->repr, "repr: %s", c->name);
		ok(!sb.failed, "no allocation failure: %s", c->name);
		sb_free(&sb);
		mat_free(m);
	}
}

/* Formats data (rows x cols, ndim) with numfmt_array into a static buffer. */
static const char *str_of(const double *data, size_t rows, size_t cols, int ndim, int isint)
{
	static char out[4096];
	mat m;
	mat_wrap(&m, (double *)data, (mat_shape){rows, cols, (unsigned char)ndim});
	m.isint = (unsigned char)isint;
	strbuf sb = STRBUF_INIT;
	numfmt_array(&sb, &m);
	snprintf(out, sizeof out, "%s", sb_str(&sb));
	sb_free(&sb);
	return out;
}

/* The strings the seed notebooks print, which the lessons must match. */
static void test_notebook_strings(void)
{
	const double w[] = {-0.165955990594852, 0.4406489868843162, -0.9997712503653102};
	is_str(str_of(w, 3, 1, 2, 0), "[[-0.16595599]\n [ 0.44064899]\n [-0.99977125]]",
	       "seed 001 initial weights");

	const double X[] = {0, 0, 1, 1, 1, 1, 1, 0, 1, 0, 1, 1};
	is_str(str_of(X, 4, 3, 2, 1), "[[0 0 1]\n [1 1 1]\n [1 0 1]\n [0 1 1]]",
	       "seed 001 training inputs (integers)");

	/* sigmoid(X . w) computed with the library's own dot and sigmoid. */
	mat mx, mw, *z = NULL, *y = NULL;
	mat_wrap(&mx, (double *)X, mat_shape2(4, 3));
	mat_wrap(&mw, (double *)w, mat_shape2(3, 1));
	mat_shape s;
	ok(mat_dot_shape(&mx, &mw, &s) == MAT_OK, "dot shape (4,3).(3,1)");
	z = mat_new(s);
	y = mat_new(s);
	mat_dot(z, &mx, &mw);
	mat_unary(y, z, MAT_SIGMOID);
	strbuf sb = STRBUF_INIT;
	numfmt_array(&sb, y);
	is_str(sb_str(&sb), "[[0.2689864 ]\n [0.3262757 ]\n [0.23762817]\n [0.36375058]]",
	       "seed 001 one-step outputs");
	sb_free(&sb);
	mat_free(z);
	mat_free(y);

	double ls[12];
	mat ml;
	mat_wrap(&ml, ls, mat_shape1(12));
	mat_linspace(&ml, -12, 10, 1);
	is_str(str_of(ls, 1, 12, 1, 0),
	       "[-12. -10.  -8.  -6.  -4.  -2.   0.   2.   4.   6.   8.  10.]",
	       "linspace(-12, 10, 12)");

	char buf[32];
	is_str(numfmt_repr(0.9999877412862083, buf), "0.9999877412862083", "seed 001 prediction");
	const double one = 0.9999877412862083;
	is_str(str_of(&one, 1, 1, 0, 0), "0.9999877412862083", "0-D prints as a Python float");
}

static void test_repr_table(void)
{
	char buf[32];
	for (size_t k = 0; k < NELEMS(nf_reprs); k++)
		is_str(numfmt_repr(nf_reprs[k].x, buf), nf_reprs[k].repr, "repr %a", nf_reprs[k].x);
}

/* A deterministic 64-bit generator for the property tests (splitmix64). */
static uint64_t rng_state = 0x9E3779B97F4A7C15u;
static uint64_t next_u64(void)
{
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15u);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
	return z ^ (z >> 31);
}

/* The significant digits of a repr (no sign, point, leading zeros or exponent). */
static int sig_digits(const char *s)
{
	int n = 0, started = 0, trailing = 0;
	for (; *s && *s != 'e'; s++) {
		if (*s < '0' || *s > '9')
			continue;
		if (*s != '0')
			started = 1;
		if (started) {
			n++;
			trailing = *s == '0' ? trailing + 1 : 0;
		}
	}
	return n - trailing > 0 ? n - trailing : 1;
}

/* Whether some decimal of `digits` significant digits next to x reads back as x. */
static int shorter_reads_back(double x, int digits)
{
	char s[64];
	snprintf(s, sizeof s, "%.*e", digits - 1, x);
	double y = strtod(s, NULL);
	if (y == x)
		return 1;
	/* The decimal one unit of the last digit away on x's other side. */
	char *e = strchr(s, 'e');
	int exp10 = atoi(e + 1);
	double unit = pow(10.0, exp10 - (digits - 1));
	double other = strtod(s, NULL) < x ? strtod(s, NULL) + unit : strtod(s, NULL) - unit;
	char t[64];
	snprintf(t, sizeof t, "%.*e", digits - 1, other);
	return strtod(t, NULL) == x;
}

/*
** Property: for random doubles of every kind, repr reads back exactly and
** no decimal with fewer significant digits does.
*/
static void test_repr_property(void)
{
	int bad_round = 0, bad_short = 0, n = 0;
	char buf[32];
	for (int i = 0; i < 60000; i++) {
		uint64_t u = next_u64();
		double x;
		if (i % 3 == 0) {
			memcpy(&x, &u, sizeof x);
		} else if (i % 3 == 1) {
			x = (double)(u >> 11) * 0x1p-53 * 20 - 10;
		} else {
			x = ldexp((double)(u >> 40), (int)(u % 200) - 100);
		}
		if (!isfinite(x))
			continue;
		n++;
		numfmt_repr(x, buf);
		if (strtod(buf, NULL) != x || (x == 0 && signbit(x) != signbit(strtod(buf, NULL))))
			bad_round++;
		int d = sig_digits(buf);
		if (d > 1 && x != 0 && fabs(x) >= DBL_MIN && shorter_reads_back(x, d - 1))
			bad_short++;
	}
	ok(bad_round == 0, "repr reads back exactly (%d of %d failed)", bad_round, n);
	ok(bad_short == 0, "no shorter decimal reads back (%d of %d failed)", bad_short, n);
}

static void test_number(void)
{
	char buf[32];
	is_str(numfmt_number(3, 1, buf), "3", "integer");
	is_str(numfmt_number(-42, 1, buf), "-42", "negative integer");
	is_str(numfmt_number(3, 0, buf), "3.0", "float 3.0");
	is_str(numfmt_number(0.1, 0, buf), "0.1", "float 0.1");
	is_str(numfmt_number(1e100, 0, buf), "1e+100", "float 1e100");
	is_str(numfmt_number(9007199254740993.0, 1, buf), "9007199254740992", "big integer");
	is_str(numfmt_number(NAN, 0, buf), "nan", "nan");
	is_str(numfmt_number(-INFINITY, 0, buf), "-inf", "-inf");
	is_str(numfmt_number(-0.0, 0, buf), "-0.0", "negative zero float");
}

static void test_pyformat_table(void)
{
	for (size_t k = 0; k < NELEMS(nf_pyfmts); k++) {
		const struct nf_pyfmt *c = &nf_pyfmts[k];
		strbuf sb = STRBUF_INIT;
		int rc = numfmt_pyformat(&sb, c->spec, c->x);
		if (c->want) {
			ok(rc == 0, "format(%a, '%s') accepted", c->x, c->spec);
			is_str(sb_str(&sb), c->want, "format(%a, '%s')", c->x, c->spec);
		} else {
			ok(rc == -1 && sb.len == 0, "format(%a, '%s') refused, nothing appended",
			   c->x, c->spec);
		}
		sb_free(&sb);
	}
}

/* Formats x with spec into a static buffer. */
static const char *pyfmt(const char *spec, double x)
{
	static char out[256];
	strbuf sb = STRBUF_INIT;
	if (numfmt_pyformat(&sb, spec, x) != 0)
		snprintf(out, sizeof out, "<error>");
	else
		snprintf(out, sizeof out, "%s", sb_str(&sb));
	sb_free(&sb);
	return out;
}

/* Seed 002 prints its tables with "{:>7.3f}". */
static void test_pyformat_seed002(void)
{
	is_str(pyfmt(">7.3f", 0.154), "  0.154", "0.154");
	is_str(pyfmt(">7.3f", -34.525), "-34.525", "-34.525");
	is_str(pyfmt(">7.3f", 3417.977), "3417.977", "3417.977 overflows the width");
	is_str(pyfmt(".4f", 0.69314718), "0.6931", ".4f");
	is_str(pyfmt(".4e", 0.00012345), "1.2345e-04", ".4e");
	is_str(pyfmt(",", 1234567.5), "1,234,567.5", "grouping");
	is_str(pyfmt(".1%", 0.25), "25.0%", "percent");
	is_str(pyfmt("g", 1e-5), "1e-05", "g");
	is_str(pyfmt("*^9.1f", 2.5), "***2.5***", "fill and centre");
	is_str(pyfmt("", 0.1 + 0.2), "0.30000000000000004", "no spec is repr");
	is_str(pyfmt(">100000", 1.0), "<error>", "width past the limit is refused");
}

/* The C library's radix may follow the user's locale; output must not. */
static void test_locale_independent(void)
{
	char buf[32];
	/* Whatever LC_NUMERIC is, repr and formats use '.'. */
	is_str(numfmt_repr(2.5, buf), "2.5", "repr uses '.'");
	is_str(pyfmt(".2f", 2.5), "2.50", "format uses '.'");
}

static void test_budget(void)
{
	/* Printing never charges the lesson's memory budget. */
	size_t before = mem_used();
	double v[] = {1, 2, 3};
	str_of(v, 1, 3, 1, 0);
	ok(mem_used() == before, "printing charges nothing to the budget");
}

int main(void)
{
	test_notebook_strings();
	test_fixture_arrays();
	test_repr_table();
	test_repr_property();
	test_number();
	test_pyformat_table();
	test_pyformat_seed002();
	test_locale_independent();
	test_budget();
	return tap_done();
}
