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

#include "ui.h"
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

int ui_search(ui *u, int dir)
{
	uint32_t q[128];
	size_t nq = 0, n = u->qlen;
	const char *s = u->query;
	int icase = 1;
	while (n && nq < 128) {
		size_t k = utf8_decode(s, n, &q[nq]);
		if (q[nq] < 128 && isupper((int)q[nq]))
			icase = 0;
		nq++;
		s += k;
		n -= k;
	}
	if (!nq || !u->L || u->ncv == 0)
		return 0;
	ui_layout(u);
	size_t cell = u->cur, line = 0, col = 0;
	int have = 0;
	if (u->has_match && u->m_cell < u->ncv) {
		cell = u->m_cell;
		line = u->m_line;
		col = u->m_col;
		have = 1;
	} else if (dir < 0) {
		line = ui_cell_lines(u, cell);   /* from the end of the current cell */
	}
	/* visit every line once, starting where we are, wrapping around */
	size_t total = u->total + 2;
	for (size_t step = 0; step <= total; step++) {
		const st_line *l = ui_cell_line(u, cell, line);
		size_t len = 0, at = (size_t)-1;
		if (l) {
			if (dir > 0)
				at = find_in(l, q, nq, icase, step == 0 && have ? col + 1 : 0, 1, &len);
			else
				at = find_in(l, q, nq, icase, step == 0 && have ? col : (size_t)-1, -1, &len);
		}
		if (at != (size_t)-1) {
			u->has_match = 1;
			u->m_cell = cell;
			u->m_line = line;
			u->m_col = at;
			u->m_len = len;
			u->cur = cell;
			u->follow = 0;
			long y = (long)ui_cell_top(u, cell) + (long)line, vr = ui_view_rows(u);
			if (y < u->top || y >= u->top + vr)
				u->top = y - vr / 3;
			if (u->top < 0)
				u->top = 0;
			return 1;
		}
		/* the next line in the direction of the search */
		if (dir > 0) {
			if (++line >= ui_cell_lines(u, cell)) {
				line = 0;
				cell = (cell + 1) % u->ncv;
			}
		} else {
			if (line == 0) {
				cell = cell ? cell - 1 : u->ncv - 1;
				line = ui_cell_lines(u, cell);
				line = line ? line - 1 : 0;
			} else {
				line--;
			}
		}
	}
	u->has_match = 0;
	return 0;
}
