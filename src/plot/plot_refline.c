/*
** plot_refline.c — the kinds that are straight lines across the whole
** plot: a neuron's decision boundary w1*x + w2*y + b = 0, and reference
** lines y = v and x = v.  They do not widen the axes: they show where the
** data is, whatever the range.
*/
#include "plot_int.h"

#include "mem.h"

typedef struct refline {
	double w[3];   /* boundary: w1, w2, b; hline and vline: the value in w[0] */
} refline;

static const refline *R(const plot_elem *e) { return e->data; }

static int refline_make(void **data, plot_kind kind, const plot_data *d)
{
	refline *r = mem_calloc(1, sizeof *r);
	if (!r)
		return PLOT_ENOMEM;
	r->w[0] = d->num[0];
	if (kind == PLOT_BOUNDARY) {
		r->w[1] = d->num[1];
		r->w[2] = d->num[2];
	}
	*data = r;
	return PLOT_OK;
}

/* Reference lines are axis-coloured unless told; their dash is their own. */
static void value_look(const plot_elem *e, plot_look_ctx *c, plot_look *l)
{
	l->color = e->color ? (uint8_t)e->color : ST_AXIS;
	l->pattern = plot__pattern(c->mode, e->dash);
}

/* On a log axis the line is a curve, sampled once per pixel column. */
static void boundary_curve(const refline *r, const plot_layout *L, const plot_look *l, canvas *c)
{
	double w1 = r->w[0], w2 = r->w[1], b = r->w[2];
	if (w2 == 0) {
		double x = plot__fx(L, -b / w1);
		plot__segment(c, l, x, 0, x, (double)L->yres - 1);
		return;
	}
	double px = NAN, py = NAN;
	for (size_t i = 0; i < L->xres; i++) {
		double t = L->x.tlo + (double)i / (double)(L->xres > 1 ? L->xres - 1 : 1) * (L->x.thi - L->x.tlo);
		double x = L->x.log ? pow(10.0, t) : t;
		double y = -(b + w1 * x) / w2;
		double yy = L->y.log ? (y > 0 ? plot__ty(L, log10(y)) : NAN) : plot__ty(L, y);
		if (isfinite(yy) && isfinite(py))
			plot__segment(c, l, px, py, (double)i, yy);
		px = (double)i;
		py = yy;
	}
}

/*
** w1*x + w2*y + b = 0.  On linear axes it is one straight segment, taken
** between the axis ends along whichever coordinate keeps the numbers small
** (a nearly vertical line is solved for x).
*/
static int boundary_draw(const plot_elem *e, const plot_layout *L, const plot_look *l, canvas *c,
                         int color)
{
	(void)color;
	const refline *r = R(e);
	double w1 = r->w[0], w2 = r->w[1], b = r->w[2];
	if (!isfinite(w1) || !isfinite(w2) || !isfinite(b) || (w1 == 0 && w2 == 0))
		return PLOT_OK;
	if (L->x.log || L->y.log) {
		boundary_curve(r, L, l, c);
		return PLOT_OK;
	}
	double xs = L->x.thi - L->x.tlo, ys = L->y.thi - L->y.tlo;
	if (fabs(w1) * xs <= fabs(w2) * ys * 1e6) {
		double y0 = -(b + w1 * L->x.tlo) / w2, y1 = -(b + w1 * L->x.thi) / w2;
		plot__segment(c, l, plot__tx(L, L->x.tlo), plot__ty(L, y0), plot__tx(L, L->x.thi), plot__ty(L, y1));
	} else {
		double x0 = -(b + w2 * L->y.tlo) / w1, x1 = -(b + w2 * L->y.thi) / w1;
		plot__segment(c, l, plot__tx(L, x0), plot__ty(L, L->y.tlo), plot__tx(L, x1), plot__ty(L, L->y.thi));
	}
	return PLOT_OK;
}

static int hline_draw(const plot_elem *e, const plot_layout *L, const plot_look *l, canvas *c,
                      int color)
{
	(void)color;
	double y = plot__fy(L, R(e)->w[0]);
	plot__segment(c, l, 0, y, (double)L->xres - 1, y);
	return PLOT_OK;
}

static int vline_draw(const plot_elem *e, const plot_layout *L, const plot_look *l, canvas *c,
                      int color)
{
	(void)color;
	double x = plot__fx(L, R(e)->w[0]);
	plot__segment(c, l, x, 0, x, (double)L->yres - 1);
	return PLOT_OK;
}

/* Every one sends all three numbers, so one message reads them all. */
static void refline_encode(const plot_elem *e, strbuf *sb)
{
	for (int i = 0; i < 3; i++)
		wire_f64(sb, R(e)->w[i]);
}

static int refline_decode(plot_elem *e, wire_rd *r)
{
	refline *x = e->data = mem_calloc(1, sizeof *x);
	if (!x)
		return PLOT_ENOMEM;
	for (int i = 0; i < 3; i++)
		x->w[i] = wire_get_f64(r);
	return r->err ? PLOT_EARG : PLOT_OK;
}

const plot_kind_ops plot__kind_boundary = {
	.spans = 1, .make = refline_make, .look = plot__look_line,
	.draw = boundary_draw, .legend = plot__entry_line,
	.encode = refline_encode, .decode = refline_decode,
};

const plot_kind_ops plot__kind_hline = {
	.spans = 1, .make = refline_make, .look = value_look,
	.draw = hline_draw, .legend = plot__entry_line,
	.encode = refline_encode, .decode = refline_decode,
};

const plot_kind_ops plot__kind_vline = {
	.spans = 1, .make = refline_make, .look = value_look,
	.draw = vline_draw, .legend = plot__entry_line,
	.encode = refline_encode, .decode = refline_decode,
};
