/*
** nbout.c — `--run --format ipynb`: a cell's outputs as a notebook's
** (include/ipynb/ipynb.h).  Printed text goes as printed; a value shown
** is the cell's result; tables, figures, diagrams, progress lines and
** checks are drawn as the transcript draws them, without colour.
*/
#include "nbout_int.h"

#include "mem.h"
#include "render.h"
#include "styled.h"

int nbout_outputs(ipynb_out *nb, const blocklist *bl, const render_opts *ro)
{
	int st = IPYNB_OK;
	for (size_t i = 0; i < bl->n && st == IPYNB_OK; i++) {
		const block *b = bl->items[i];
		if (b->kind == BLOCK_TEXT || b->kind == BLOCK_VALUE) {
			st = ipynb_out_output(nb, b->kind == BLOCK_TEXT ? IPYNB_STREAM : IPYNB_RESULT,
			                      sb_str(&b->text), b->text.len, NULL);
			continue;
		}
		if (b->kind == BLOCK_ERROR) {
			st = ipynb_out_output(nb, IPYNB_ERROR, sb_str(&b->text), b->text.len,
			                      sb_str(&b->detail));
			continue;
		}
		st_text t = ST_TEXT_INIT;
		strbuf s = STRBUF_INIT;
		render_block(b, ro, &t);
		st_text_utf8(&s, &t, 0);
		/* the drawing's lines, without the blank line the transcript puts after */
		while (s.len && s.s[s.len - 1] == '\n' && s.len >= 2 && s.s[s.len - 2] == '\n')
			s.len--;
		st = s.failed ? IPYNB_ENOMEM :
		     ipynb_out_output(nb, IPYNB_DISPLAY, sb_str(&s), s.len, NULL);
		sb_free(&s);
		st_free(&t);
	}
	return st;
}
