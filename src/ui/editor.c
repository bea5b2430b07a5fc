/*
** editor.c — the cell editor, a screen over the notebook, and editing a
** cell in $EDITOR.
**
** The editor replaces the current cell's source on screen with its own
** lines (file line numbers, Lua colours one line at a time through
** hl_line, horizontal scrolling for long lines) while the outputs stay
** below, so Ctrl-E runs the cell and the student sees the result without
** leaving.  textbuf.h holds the text, the cursor and the undo history;
** this file only turns keys into its calls and draws it.  Each cell keeps
** its text buffer after the editor closes, so undo reaches back across
** editing sessions (bounded: HISTORIES cells, HISTORY_BYTES each).  The text goes
** back into the lesson when the editor closes, before a run or a save,
** and when the recovery copy is written.
*/
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "highlight.h"
#include "notebook_int.h"
#include "textbuf.h"
#include "utf8.h"
#include "vec.h"

/* Cells that keep their undo history for the session; past it, the one edited longest ago forgets. */
#define HISTORIES 32

/* The most one cell's undo history holds, in bytes (its oldest steps go first). */
#define HISTORY_BYTES ((size_t)256 * 1024)

typedef struct editor {
	screen base;
	notebook *nb;           /* the notebook under the editor */
	textbuf *tb;            /* the cell's own (cellview.tb): kept when the editor closes */
	size_t cell;
	size_t left;            /* the first text column shown (horizontal scroll) */
	unsigned long synced;   /* textbuf_version when the lesson last got the text */
	int pasting;            /* between the bracketed-paste markers */
	double last_key;        /* when the last key came: a pause ends an undo step */
	strbuf paste;
	char unit[3];           /* one indent: "\t" or two spaces */
	uint8_t *roles;         /* scratch for hl_line */
	size_t rcap;
} editor;

/* What a request did: nothing more to do, changed the text, or only moved. */
enum { ED_DONE, ED_TEXT, ED_MOVE };

size_t editor_cell(const editor *e)
{
	return e ? e->cell : NB_NONE;
}

void editor_sync(editor *e)
{
	if (textbuf_version(e->tb) == e->synced)
		return;
	strbuf text = STRBUF_INIT;
	textbuf_text(e->tb, &text);
	if (!text.failed && nb_cell_set_source(e->nb, e->cell, sb_str(&text), text.len) == 0)
		e->synced = textbuf_version(e->tb);
	sb_free(&text);
}

/* The first file line of the cell, for line numbers. */
static size_t first_line(const editor *e)
{
	int f = lesson_cell_at(e->nb->L, e->cell)->first_line;
	return (size_t)(f > 0 ? f : 1);
}

/* Columns taken by line numbers (and the space after them). */
static size_t number_width(const editor *e)
{
	size_t last = first_line(e) + textbuf_lines(e->tb), w = 1;
	while (last >= 10) {
		last /= 10;
		w++;
	}
	return w + 1;
}

/* Appends line s[0..len) from column e->left, tabs expanded, at most avail columns. */
static void visible_part(editor *e, st_text *out, st_line *l, const char *s, size_t len,
                         size_t avail)
{
	size_t col = 0, k = 0;
	while (k < len && col < e->left + avail) {
		uint32_t cp;
		size_t adv = utf8_decode(s + k, len - k, &cp);
		st_style st = st_mk(e->roles[k], ST_DEFAULT, 0);
		size_t w = cp == '\t' ? TEXTBUF_TAB - col % TEXTBUF_TAB : (size_t)utf8_cpwidth(cp);
		if (col >= e->left && col + w <= e->left + avail) {
			if (cp == '\t')
				st_pad(out, l, w, st);
			else if (w > 0)
				st_putc(out, l, cp, st);
		} else if (col + w > e->left && w > 0) {
			/* half a wide character at an edge */
			size_t vis = col < e->left ? col + w - e->left : e->left + avail - col;
			st_pad(out, l, vis, st);
		}
		col += w;
		k += adv;
	}
}

void editor_render(editor *e, st_text *out, size_t width)
{
	int code = lesson_cell_at(e->nb->L, e->cell)->kind == LESSON_CODE;
	size_t numw = number_width(e), avail = width > numw + 1 ? width - numw : 1;
	size_t ccol = textbuf_cursor_col(e->tb);
	if (ccol < e->left)
		e->left = ccol;
	if (ccol >= e->left + avail)
		e->left = ccol - avail + 1;
	hl_state hs = HL_STATE_INIT;
	for (size_t i = 0; i < textbuf_lines(e->tb); i++) {
		size_t len;
		const char *s = textbuf_line(e->tb, i, &len);
		char num[24];
		st_line *l = st_newline(out);
		if (!l || vec_grow(&e->roles, &e->rcap, len ? len : 1, 1, VEC_PLAIN) != 0)
			return;
		if (code)
			hl_line(s, len, &hs, e->roles);
		else if (len)
			memset(e->roles, ST_DEFAULT, len);
		snprintf(num, sizeof num, "%*zu ", (int)numw - 1, first_line(e) + i);
		st_puts(out, l, num, strlen(num), st_mk(ST_MUTED, ST_DEFAULT, 0));
		visible_part(e, out, l, s, len, avail);
	}
}

static void op_draw(screen *s, grid *g)
{
	editor *e = (editor *)s;
	notebook *nb = e->nb;
	if (e->cell >= nb->ncv) {
		nb_draw_cells(nb, g);
		return;
	}
	nb_layout(nb);
	const lesson_cell *lc = lesson_cell_at(nb->L, e->cell);
	long vr = nb_view_rows(nb);
	long y = (long)nb_cell_top(nb, e->cell) + (lc->kind == LESSON_CODE) +
	         (long)textbuf_cursor(e->tb, NULL);
	if (y < nb->top)
		nb->top = y;
	if (y >= nb->top + vr)
		nb->top = y - vr + 1;
	nb_draw_cells(nb, g);
	size_t x = NB_GUTTER + number_width(e) + textbuf_cursor_col(e->tb) - e->left;
	int cols = app_cols(s->app);
	grid_cursor(g, (int)(y - nb->top), x < (size_t)cols ? (int)x : cols - 1, 1);
}

static void op_status(screen *s, app_status *st)
{
	nb_status(((editor *)s)->nb, st, "EDITING");
}

/* Adds a key's character to a paste being collected. */
static void paste_key(editor *e, int key)
{
	char buf[4];
	if (key == '\n' || key == '\t')
		sb_addc(&e->paste, (char)key);
	else if (keys_is_text(key))
		sb_addn(&e->paste, buf, utf8_encode((uint32_t)key, buf));
}

/* Shift-Tab: removes one indent (a tab, or up to the unit's width of spaces) from the line. */
static void dedent(editor *e)
{
	size_t byte, len, n = 0;
	size_t line = textbuf_cursor(e->tb, &byte);
	const char *s = textbuf_line(e->tb, line, &len);
	size_t want = e->unit[0] == '\t' ? TEXTBUF_TAB : strlen(e->unit);
	if (!s)
		return;
	if (len && s[0] == '\t')
		n = 1;
	else
		while (n < len && n < want && s[n] == ' ')
			n++;
	if (!n)
		return;
	textbuf_set_cursor(e->tb, line, 0);
	for (size_t k = 0; k < n; k++)
		textbuf_delete(e->tb);
	textbuf_set_cursor(e->tb, line, byte > n ? byte - n : 0);
}

/* Ctrl-E: runs the cell without leaving the editor. */
static void run(editor *e)
{
	notebook *nb = e->nb;
	editor_sync(e);
	if (lesson_cell_at(nb->L, e->cell)->kind != LESSON_CODE)
		app_message(e->base.app, 0, "Prose cells do not run: Esc shows it rendered");
	else if (nb->run.running != NB_NONE)
		app_message(e->base.app, 1, "A cell is running: Ctrl-C stops it");
	else
		nb_run_cell(nb, e->cell);
	nb->follow = 0;
}

/* The cursor moves: the request, how the cursor goes, how far (-1: a page). */
static const struct { enum ui_req req; enum textbuf_move m; int n; } moves[] = {
	{REQ_ED_LEFT, TEXTBUF_LEFT, 1}, {REQ_ED_RIGHT, TEXTBUF_RIGHT, 1},
	{REQ_ED_UP, TEXTBUF_UP, 1}, {REQ_ED_DOWN, TEXTBUF_DOWN, 1},
	{REQ_ED_HOME, TEXTBUF_HOME, 0}, {REQ_ED_END, TEXTBUF_END, 0},
	{REQ_ED_WLEFT, TEXTBUF_WORD_LEFT, 0}, {REQ_ED_WRIGHT, TEXTBUF_WORD_RIGHT, 0},
	{REQ_ED_TOP, TEXTBUF_BUF_START, 0}, {REQ_ED_BOTTOM, TEXTBUF_BUF_END, 0},
	{REQ_ED_PGUP, TEXTBUF_UP, -1}, {REQ_ED_PGDN, TEXTBUF_DOWN, -1},
};

/* Moves the cursor for req; returns 0 when req is not a move. */
static int move(editor *e, enum ui_req req)
{
	int vr = nb_view_rows(e->nb);
	for (size_t i = 0; i < sizeof moves / sizeof moves[0]; i++)
		if (moves[i].req == req) {
			size_t n = moves[i].n >= 0 ? (size_t)moves[i].n : (size_t)(vr > 3 ? vr - 2 : 1);
			textbuf_move(e->tb, moves[i].m, n);
			return 1;
		}
	return 0;
}

/* Carries out an editor request; returns ED_DONE, ED_TEXT or ED_MOVE. */
static int edit_request(editor *e, enum ui_req req)
{
	app *a = e->base.app;
	textbuf *tb = e->tb;
	if (move(e, req))
		return ED_MOVE;
	switch (req) {
	case REQ_ED_LEAVE: app_pop(a); return ED_DONE;
	case REQ_ED_RUN: run(e); return ED_DONE;
	case REQ_ED_SAVE: nb_save(e->nb); return ED_DONE;
	case REQ_ED_UNDO:
		if (!textbuf_undo(tb))
			app_message(a, 0, "Nothing to undo");
		return ED_TEXT;
	case REQ_ED_REDO:
		if (!textbuf_redo(tb))
			app_message(a, 0, "Nothing to redo");
		return ED_TEXT;
	case REQ_ED_BACKSPACE: textbuf_backspace(tb); return ED_TEXT;
	case REQ_ED_DELETE: textbuf_delete(tb); return ED_TEXT;
	case REQ_ED_ENTER: textbuf_newline(tb); return ED_TEXT;
	case REQ_ED_TAB: textbuf_type(tb, e->unit, strlen(e->unit)); return ED_TEXT;
	case REQ_ED_DEDENT: dedent(e); return ED_TEXT;
	case REQ_ED_PASTE_BEGIN:
		e->pasting = 1;
		sb_clear(&e->paste);
		return ED_DONE;
	default: return ED_DONE;
	}
}

/* A key the table does not know: typed text, or Esc typed quickly before a key. */
static int other_key(editor *e, int key)
{
	if (key & UK_ALT) {
		/* leave, then take the key */
		app *a = e->base.app;
		app_pop(a);
		app_dispatch(a, key & ~UK_ALT);
		return ED_DONE;
	}
	if (keys_is_text(key)) {
		char buf[4];
		if (textbuf_type(e->tb, buf, utf8_encode((uint32_t)key, buf)) != TEXTBUF_OK)
			app_message(e->base.app, 1, "Not enough memory");
	}
	return ED_TEXT;
}

static int op_key(screen *s, int key)
{
	editor *e = (editor *)s;
	unsigned long before = textbuf_version(e->tb);
	int r = ED_TEXT;
	if (e->pasting) {
		if (key != UK_PASTE_END) {
			paste_key(e, key);
			return 1;
		}
		e->pasting = 0;
		if (e->paste.len)
			textbuf_insert(e->tb, e->paste.s, e->paste.len);
		sb_clear(&e->paste);
	} else {
		double now = app_now(s->app);
		if (now - e->last_key > 1.0)
			textbuf_seal(e->tb);   /* typing after a pause is a new undo step */
		e->last_key = now;
		app_clear_message(s->app);
		enum ui_req req = keys_request(KM_EDITOR, key);
		r = req == REQ_NONE ? other_key(e, key) : edit_request(e, req);
		if (r == ED_DONE)
			return 1;   /* e may be gone */
	}
	if (r == ED_TEXT && textbuf_version(e->tb) != before)
		nb_touch(e->nb);
	app_dirty(s->app);
	return 1;
}

static void op_request(screen *s, enum ui_req req)
{
	edit_request((editor *)s, req);
}

static void op_close(screen *s)
{
	editor *e = (editor *)s;
	notebook *nb = e->nb;
	editor_sync(e);
	if (e->cell < nb->ncv)
		nb->cv[e->cell]->src_gen++;   /* draw it as prose / highlighted code again */
	nb->ed = NULL;
	/* the text stays with its cell, undo history and all, for the next time */
	textbuf_seal(e->tb);
	textbuf_trim_history(e->tb, HISTORY_BYTES);
	sb_free(&e->paste);
	vec_free(e->roles, VEC_PLAIN);
	app_dirty(s->app);
	free(e);
}

static const screen_ops editor_ops = {
	.name = "editor", .keymap = KM_EDITOR,
	.draw = op_draw, .status = op_status, .request = op_request, .key = op_key,
	.close = op_close,
};

/* Frees the history of the cell edited longest ago when HISTORIES cells keep one. */
static void forget_oldest(notebook *nb)
{
	size_t kept = 0, old = NB_NONE;
	for (size_t i = 0; i < nb->ncv; i++) {
		if (!nb->cv[i]->tb)
			continue;
		kept++;
		if (old == NB_NONE || nb->cv[i]->tb_used < nb->cv[old]->tb_used)
			old = i;
	}
	if (kept >= HISTORIES) {
		textbuf_free(nb->cv[old]->tb);
		nb->cv[old]->tb = NULL;
	}
}

textbuf *nb_cell_text(notebook *nb, size_t i)
{
	cellview *c = nb->cv[i];
	const lesson_cell *lc = lesson_cell_at(nb->L, i);
	if (c->tb && textbuf_replace(c->tb, lc->source, lc->source_len) != TEXTBUF_OK) {
		textbuf_free(c->tb);   /* no memory for one more step: start afresh */
		c->tb = NULL;
	}
	if (!c->tb) {
		forget_oldest(nb);
		c->tb = textbuf_new(lc->source, lc->source_len);
	}
	c->tb_used = ++nb->tb_clock;
	return c->tb;
}

void editor_open(notebook *nb)
{
	app *a = nb->base.app;
	const lesson_cell *lc = lesson_cell_at(nb->L, nb->cur);
	editor *e = screen_alloc(a, &editor_ops, sizeof *e);
	if (!e || !(e->tb = nb_cell_text(nb, nb->cur))) {
		free(e);
		app_message(a, 1, "Not enough memory to edit the cell");
		return;
	}
	e->nb = nb;
	e->cell = nb->cur;
	e->synced = textbuf_version(e->tb);
	int tabs = lc->source_len && lc->source[0] == '\t';
	for (size_t k = 1; k < lc->source_len && !tabs; k++)
		tabs = lc->source[k] == '\t' && lc->source[k - 1] == '\n';
	strcpy(e->unit, tabs ? "\t" : "  ");
	textbuf_set_indent(e->tb, e->unit, lc->kind == LESSON_CODE);
	if (app_push(a, &e->base) != 0)
		return;
	nb->ed = e;
	nb->follow = 0;
	nb->cv[nb->cur]->src_gen++;
	app_message(a, 0, "Editing: Esc leaves, Ctrl-E runs, Ctrl-S saves, Ctrl-Z undoes");
}

/* --- $EDITOR ---------------------------------------------------------------------- */

/* Reads at most max bytes of the file at path into sb; returns 0 or -1. */
static int read_file(const char *path, strbuf *sb, size_t max)
{
	char buf[8192];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	for (;;) {
		ssize_t n = read(fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			close(fd);
			return n < 0 || sb->failed ? -1 : 0;
		}
		sb_addn(sb, buf, (size_t)n);
		if (sb->len > max) {
			close(fd);
			return -1;
		}
	}
}

/* Writes all of s to fd; returns 0 or -1. */
static int write_all(int fd, const char *s, size_t n)
{
	while (n) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Runs prog on file with the terminal handed over; returns its exit status or -1. */
static int run_editor(const char *prog, const char *file)
{
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		/* $0 unquoted so "code -w" or "vim -u NONE" work; the file stays one word */
		execl("/bin/sh", "sh", "-c", "exec $0 \"$1\"", prog, file, (char *)NULL);
		_exit(127);
	}
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Writes the current cell to a new temporary file, named in path; returns 0, or -1 (a message). */
static int cell_to_file(notebook *nb, char *path, size_t size)
{
	const char *tmp = getenv("TMPDIR");
	const lesson_cell *lc = lesson_cell_at(nb->L, nb->cur);
	snprintf(path, size, "%s/nnbook-cell-XXXXXX.lua", tmp && *tmp ? tmp : "/tmp");
	int fd = mkstemps(path, 4);
	if (fd < 0 || write_all(fd, lc->source, lc->source_len) != 0 || write_all(fd, "\n", 1) != 0) {
		if (fd >= 0) {
			close(fd);
			unlink(path);
		}
		app_message(nb->base.app, 1, "Cannot write a temporary file for the editor: %s",
		            strerror(errno));
		return -1;
	}
	close(fd);
	return 0;
}

/* Takes the edited file back into the current cell, saying how it went. */
static void file_to_cell(notebook *nb, const char *path, const char *prog, int rc)
{
	app *a = nb->base.app;
	strbuf sb = STRBUF_INIT;
	size_t bad;
	if (rc != 0) {
		app_message(a, 1, "%s exited with an error: the cell is unchanged", prog);
	} else if (read_file(path, &sb, LESSON_MAX_BYTES) != 0) {
		app_message(a, 1, "Cannot read the edited cell back: the cell is unchanged");
	} else {
		/* editors end the file with a newline; the cell's source does not */
		if (sb.len && sb.s[sb.len - 1] == '\n')
			sb.len--;
		if (!utf8_valid(sb_str(&sb), sb.len, &bad))
			app_message(a, 1, "The edited text is not valid UTF-8: the cell is unchanged");
		else if (nb_cell_set_source(nb, nb->cur, sb_str(&sb), sb.len) == 0)
			app_message(a, 0, "Cell updated from %s", prog);
	}
	sb_free(&sb);
}

void editor_external(notebook *nb)
{
	const char *prog = getenv("VISUAL");
	char path[512];
	if (!prog || !*prog)
		prog = getenv("EDITOR");
	if (!prog || !*prog)
		prog = "vi";
	if (cell_to_file(nb, path, sizeof path) != 0)
		return;
	app_term_pause(nb->base.app);
	int rc = run_editor(prog, path);
	app_term_resume(nb->base.app);
	file_to_cell(nb, path, prog, rc);
	unlink(path);
	app_dirty(nb->base.app);
}
