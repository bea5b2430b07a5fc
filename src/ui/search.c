/*
** search.c — `/` search through cells and their outputs, `n` / `N`.
**
** The search runs over what the screen shows (rendered prose, source,
** outputs as folded), so a match is always something the student can see
** and the match can be marked by its columns.  Lower-case queries ignore
** case (ASCII), as in less with -i's "smart case".
*/
#include <ctype.h>
#include <string.h>

#include "notebook_int.h"
#include "utf8.h"

/* Folds ASCII case when the query has no capitals. */
static uint32_t fold(uint32_t c, int icase)
{
	return icase && c < 128 ? (uint32_t)tolower((int)c) : c;
}

/*
** Looks for the query (q: nq code points) in line l from column `from`
** (forwards) or before column `from` (backwards, from = (size_t)-1 for the
** whole line).  Returns the column of the match or (size_t)-1; *len gets
** its width in columns.
*/
static size_t find_in(const st_line *l, const uint32_t *q, size_t nq, int icase, size_t from,
                      int dir, size_t *len)
{
	size_t best = (size_t)-1;
	for (size_t i = 0; l && i < l->len; i++) {
		if (l->cells[i].cp == 0)
			continue;
		if (dir > 0 && i < from)
			continue;
		if (dir < 0 && from != (size_t)-1 && i >= from)
			break;
		size_t j = i, k = 0;
		while (k < nq && j < l->len) {
			if (l->cells[j].cp == 0) {
				j++;
				continue;
			}
			if (fold(l->cells[j].cp, icase) != fold(q[k], icase))
				break;
			j++;
			k++;
		}
		if (k == nq) {
			while (j < l->len && l->cells[j].cp == 0)
				j++;
			*len = j - i;
			if (dir > 0)
				return i;
			best = i;
		}
	}
	return best;
}

/* Decodes the query into q (at most 128 code points); *icase is 1 when it has no capitals. */
static size_t query_points(const nb_search *m, uint32_t *q, int *icase)
{
	size_t nq = 0, n = m->qlen;
	const char *s = m->query;
	*icase = 1;
	while (n && nq < 128) {
		size_t k = utf8_decode(s, n, &q[nq]);
		if (q[nq] < 128 && isupper((int)q[nq]))
			*icase = 0;
		nq++;
		s += k;
		n -= k;
	}
	return nq;
}

/* Shows the match at (cell, line, at, len). */
static void found(notebook *nb, size_t cell, size_t line, size_t at, size_t len)
{
	nb_search *m = &nb->search;
	m->has_match = 1;
	m->cell = cell;
	m->line = line;
	m->col = at;
	m->len = len;
	nb->cur = cell;
	nb->follow = 0;
	long y = (long)nb_cell_top(nb, cell) + (long)line, vr = nb_view_rows(nb);
	if (y < nb->top || y >= nb->top + vr)
		nb->top = y - vr / 3;
	if (nb->top < 0)
		nb->top = 0;
}

/* Moves (cell, line) to the next line in the direction of the search, wrapping around. */
static void next_line(const notebook *nb, int dir, size_t *cell, size_t *line)
{
	if (dir > 0) {
		if (++*line >= nb_cell_lines(nb, *cell)) {
			*line = 0;
			*cell = (*cell + 1) % nb->ncv;
		}
	} else if (*line == 0) {
		*cell = *cell ? *cell - 1 : nb->ncv - 1;
		*line = nb_cell_lines(nb, *cell);
		*line = *line ? *line - 1 : 0;
	} else {
		--*line;
	}
}

int nb_find(notebook *nb, int dir)
{
	uint32_t q[128];
	int icase;
	size_t nq = query_points(&nb->search, q, &icase);
	const nb_search *m = &nb->search;
	if (!nq || !nb->L || nb->ncv == 0)
		return 0;
	nb_layout(nb);
	size_t cell = nb->cur, line = 0, col = 0;
	int have = 0;
	if (m->has_match && m->cell < nb->ncv) {
		cell = m->cell;
		line = m->line;
		col = m->col;
		have = 1;
	} else if (dir < 0) {
		line = nb_cell_lines(nb, cell);   /* from the end of the current cell */
	}
	/* visit every line once, starting where we are, wrapping around */
	size_t total = nb->total + 2;
	for (size_t step = 0; step <= total; step++) {
		const st_line *l = nb_cell_line(nb, cell, line);
		size_t len = 0, at = (size_t)-1;
		if (l) {
			if (dir > 0)
				at = find_in(l, q, nq, icase, step == 0 && have ? col + 1 : 0, 1, &len);
			else
				at = find_in(l, q, nq, icase, step == 0 && have ? col : (size_t)-1, -1, &len);
		}
		if (at != (size_t)-1) {
			found(nb, cell, line, at, len);
			return 1;
		}
		next_line(nb, dir, &cell, &line);
	}
	nb->search.has_match = 0;
	return 0;
}
