/*
** progress.c — the Keras progress line as a model and a renderer.
*/
#include "progress.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "mem.h"
#include "utf8.h"
#include "wire.h"

typedef struct metric {
	char name[64];
	double value;
} metric;

struct progress {
	int refs;
	unsigned long version;
	size_t epoch, epochs, step, steps;
	double seconds;
	size_t nm;
	metric m[PROGRESS_MAX_METRICS];
};

progress *progress_new(size_t epochs)
{
	progress *p = mem_calloc(1, sizeof *p);
	if (!p)
		return NULL;
	p->refs = 1;
	p->version = 1;
	p->epochs = epochs;
	return p;
}

void progress_ref(progress *p)
{
	if (p)
		p->refs++;
}

void progress_unref(progress *p)
{
	if (p && --p->refs == 0)
		mem_free(p);
}

unsigned long progress_version(const progress *p) { return p->version; }
int progress_refs(const progress *p) { return p->refs; }

void progress_set_epoch(progress *p, size_t epoch, size_t epochs)
{
	p->epoch = epoch;
	p->epochs = epochs;
	p->version++;
}

void progress_set_step(progress *p, size_t step, size_t steps, double seconds)
{
	p->step = step > steps ? steps : step;
	p->steps = steps;
	p->seconds = isfinite(seconds) && seconds > 0 ? seconds : 0;
	p->version++;
}

int progress_set_metric(progress *p, const char *name, double value)
{
	if (!name || !*name || strlen(name) >= sizeof p->m[0].name)
		return PROGRESS_EARG;
	size_t i = 0;
	while (i < p->nm && strcmp(p->m[i].name, name) != 0)
		i++;
	if (i == p->nm) {
		if (p->nm == PROGRESS_MAX_METRICS)
			return PROGRESS_EARG;
		strcpy(p->m[p->nm++].name, name);
	}
	p->m[i].value = value;
	p->version++;
	return PROGRESS_OK;
}

void progress_clear_metrics(progress *p)
{
	p->nm = 0;
	p->version++;
}

void progress_format_value(strbuf *sb, double v)
{
	if (isnan(v))
		sb_adds(sb, "nan");
	else if (isinf(v))
		sb_adds(sb, v > 0 ? "inf" : "-inf");
	else if (fabs(v) > 1e-3)
		sb_addf(sb, "%.4f", v);
	else
		sb_addf(sb, "%.4e", v);
}

/* Keras' time per step: seconds, milliseconds or microseconds. */
static void per_step(strbuf *sb, double t)
{
	if (t >= 1 || t == 0)
		sb_addf(sb, "%.0fs/step", t);
	else if (t >= 1e-3)
		sb_addf(sb, "%.0fms/step", t * 1e3);
	else
		sb_addf(sb, "%.0fus/step", t * 1e6);
}

/* Keras' ETA: h:mm:ss past an hour, m:ss past a minute, else seconds. */
static void eta(strbuf *sb, double t)
{
	long s = (long)t;
	if (s > 3600)
		sb_addf(sb, "ETA: %ld:%02ld:%02ld", s / 3600, (s % 3600) / 60, s % 60);
	else if (s > 60)
		sb_addf(sb, "ETA: %ld:%02ld", s / 60, s % 60);
	else
		sb_addf(sb, "ETA: %lds", s);
}

/* A piece of the bar line: text in one style; pieces are joined by " - ". */
typedef struct piece {
	strbuf text;
	uint8_t color;
} piece;

static size_t width_of(const strbuf *sb) { return utf8_width(sb_str(sb), sb->len); }

/* Appends the counts and the bar, bw columns of '=' '>' '.'. */
static void put_bar(st_text *t, st_line *l, const progress *p, size_t bw, int color)
{
	char counts[64];
	int digits = (int)floor(log10((double)p->steps)) + 1;
	snprintf(counts, sizeof counts, "%*zu/%zu [", digits, p->step, p->steps);
	st_puts(t, l, counts, strlen(counts), st_mk(0, 0, 0));
	size_t done = (size_t)((double)bw * (double)p->step / (double)p->steps);
	st_style on = st_mk(color ? ST_OK : 0, 0, 0), off = st_mk(color ? ST_MUTED : 0, 0, 0);
	for (size_t i = 0; i + 1 < done; i++)
		st_putc(t, l, '=', on);
	if (done > 0)
		st_putc(t, l, p->step < p->steps ? '>' : '=', on);
	for (size_t i = done; i < bw; i++)
		st_putc(t, l, '.', off);
	st_putc(t, l, ']', st_mk(0, 0, 0));
}

/* Cuts a line to the width, ending it with an ellipsis. */
static void clip(st_text *t, st_line *l, size_t width, int utf8)
{
	if (!l || l->len <= width || width == 0)
		return;
	l->len = width - 1;
	st_putc(t, l, utf8 ? 0x2026 : '>', st_mk(0, 0, 0));
}

void progress_render(const progress *p, size_t width, int utf8, int color, int times,
                     st_text *out)
{
	if (width == 0)
		width = 80;
	if (p->epoch) {
		char buf[64];
		if (p->epochs)
			snprintf(buf, sizeof buf, "Epoch %zu/%zu", p->epoch, p->epochs);
		else
			snprintf(buf, sizeof buf, "Epoch %zu", p->epoch);
		st_line *l = st_newline(out);
		st_puts(out, l, buf, strlen(buf), st_mk(0, 0, ST_BOLD));
		clip(out, l, width, utf8);
	}
	if (!p->steps)
		return;
	piece pc[PROGRESS_MAX_METRICS + 1];
	size_t np = 0;
	if (times) {
		strbuf *sb = &pc[np].text;
		*sb = (strbuf)STRBUF_INIT;
		pc[np++].color = ST_MUTED;
		if (p->step < p->steps) {
			double left = p->step ? p->seconds / (double)p->step * (double)(p->steps - p->step) : 0;
			eta(sb, left);
		} else {
			sb_addf(sb, "%.0fs ", p->seconds);
			per_step(sb, p->seconds / (double)p->steps);
		}
	}
	for (size_t i = 0; i < p->nm; i++) {
		strbuf *sb = &pc[np].text;
		*sb = (strbuf)STRBUF_INIT;
		pc[np++].color = 0;
		sb_addf(sb, "%s: ", p->m[i].name);
		progress_format_value(sb, p->m[i].value);
	}
	/* the bar gives way first (down to 10 columns), then the pieces wrap */
	char counts[64];
	int cn = snprintf(counts, sizeof counts, "%zu/%zu [", p->steps, p->steps);
	size_t fixed = (size_t)cn + 1, rest = 0, bw = 30;
	for (size_t i = 0; i < np; i++) {
		size_t w = width_of(&pc[i].text);
		/* reserve room for the longest timing so the bar keeps its width all epoch */
		if (times && i == 0 && w < 14)
			w = 14;
		rest += 3 + w;
	}
	if (fixed + bw + rest > width)
		bw = width > fixed + rest + 10 ? width - fixed - rest : 10;
	st_line *l = st_newline(out);
	put_bar(out, l, p, bw, color);
	st_style sep = st_mk(0, 0, 0);
	for (size_t i = 0; i < np; i++) {
		size_t w = width_of(&pc[i].text);
		if (l && l->len + 3 + w > width && l->len > 2) {
			clip(out, l, width, utf8);
			l = st_newline(out);
			st_pad(out, l, 2, sep);
			st_puts(out, l, "- ", 2, sep);
		} else {
			st_puts(out, l, " - ", 3, sep);
		}
		st_puts(out, l, pc[i].text.s ? pc[i].text.s : "", pc[i].text.len,
		        st_mk(color ? pc[i].color : 0, 0, 0));
		sb_free(&pc[i].text);
	}
	clip(out, l, width, utf8);
}

/* --- the protocol ------------------------------------------------------------ */

int progress_encode(const progress *p, unsigned long *cursor, strbuf *sb)
{
	wire_u64(sb, p->epoch);
	wire_u64(sb, p->epochs);
	wire_u64(sb, p->step);
	wire_u64(sb, p->steps);
	wire_f64(sb, p->seconds);
	wire_u8(sb, (unsigned)p->nm);
	for (size_t i = 0; i < p->nm; i++) {
		wire_cstr(sb, p->m[i].name);
		wire_f64(sb, p->m[i].value);
	}
	if (sb->failed)
		return PROGRESS_ENOMEM;
	*cursor = p->version;
	return PROGRESS_OK;
}

int progress_decode(progress **pp, wire_rd *r)
{
	progress q = {0};
	q.epoch = (size_t)wire_get_u64(r);
	q.epochs = (size_t)wire_get_u64(r);
	q.step = (size_t)wire_get_u64(r);
	q.steps = (size_t)wire_get_u64(r);
	q.seconds = wire_get_f64(r);
	q.nm = wire_get_u8(r);
	if (q.nm > PROGRESS_MAX_METRICS || q.step > q.steps || !(q.seconds >= 0))
		wire_fail(r);
	for (size_t i = 0; i < q.nm && !r->err; i++) {
		size_t n;
		const char *s = wire_get_str(r, &n);
		if (!s || n == 0 || n >= sizeof q.m[i].name || memchr(s, 0, n)) {
			wire_fail(r);
			break;
		}
		memcpy(q.m[i].name, s, n);
		q.m[i].value = wire_get_f64(r);
	}
	if (!wire_done(r))
		return PROGRESS_EARG;
	if (!*pp && !(*pp = progress_new(0)))
		return PROGRESS_ENOMEM;
	progress *p = *pp;
	q.refs = p->refs;
	q.version = p->version + 1;
	*p = q;
	return PROGRESS_OK;
}
