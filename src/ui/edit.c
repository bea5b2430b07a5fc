/*
** edit.c — the in-place cell editor, and editing a cell in $EDITOR.
**
** The editor replaces the current cell's source on screen with its own
** lines (file line numbers, Lua colours one line at a time through
** hl_line, horizontal scrolling for long lines) while the outputs stay
** below, so Ctrl-E runs the cell and the student sees the result without
** leaving.  textbuf.h holds the text, the cursor and the undo history;
** this file only turns keys into its calls and draws it.  The text goes
** back into the lesson when the editor closes, before a run or a save,
** and when the recovery copy is written.
*/
#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "highlight.h"
#include "textbuf.h"
#include "ui.h"
#include "utf8.h"

struct ui_edit {
	textbuf *tb;
	size_t cell;
	size_t left;            /* the first text column shown (horizontal scroll) */
	unsigned long synced;   /* textbuf_version when the lesson last got the text */
	int pasting;            /* between the bracketed-paste markers */
	double last_key;        /* when the last key came: a pause ends an undo step */
	strbuf paste;
	char unit[3];           /* one indent: "\t" or two spaces */
	uint8_t *roles;         /* scratch for hl_line */
	size_t rcap;
};

size_t ui_edit_cell(const ui *u)
{
	return u->ed ? u->ed->cell : UI_NONE;
}

void ui_edit_open(ui *u)
{
	const lesson_cell *lc = lesson_cell_at(u->L, u->cur);
	struct ui_edit *e = calloc(1, sizeof *e);
	if (!e || !(e->tb = textbuf_new(lc->source, lc->source_len))) {
		free(e);
		ui_message(u, 1, "Not enough memory to edit the cell");
		return;
	}
	e->cell = u->cur;
	e->synced = textbuf_version(e->tb);
	int tabs = lc->source_len && lc->source[0] == '\t';
	for (size_t k = 1; k < lc->source_len && !tabs; k++)
		tabs = lc->source[k] == '\t' && lc->source[k - 1] == '\n';
	strcpy(e->unit, tabs ? "\t" : "  ");
	textbuf_set_indent(e->tb, e->unit, lc->kind == LESSON_CODE);
	u->ed = e;
	u->screen = SCR_EDIT;
	u->follow = 0;
	u->cv[u->cur]->src_gen++;
	ui_message(u, 0, "Editing: Esc leaves, Ctrl-E runs, Ctrl-S saves, Ctrl-Z undoes");
}

void ui_edit_sync(ui *u)
{
	struct ui_edit *e = u->ed;
	if (!e || textbuf_version(e->tb) == e->synced)
		return;
	strbuf text = STRBUF_INIT;
	textbuf_text(e->tb, &text);
	if (!text.failed && ui_cell_set_source(u, e->cell, sb_str(&text), text.len) == 0)
		e->synced = textbuf_version(e->tb);
	sb_free(&text);
}

void ui_edit_close(ui *u)
{
	struct ui_edit *e = u->ed;
	if (!e)
		return;
	ui_edit_sync(u);
	if (e->cell < u->ncv)
		u->cv[e->cell]->src_gen++;   /* draw it as prose / highlighted code again */
	textbuf_free(e->tb);
	sb_free(&e->paste);
	free(e->roles);
	free(e);
	u->ed = NULL;
	if (u->screen == SCR_EDIT)
		u->screen = SCR_NOTEBOOK;
	u->dirty = 1;
}

/* Columns taken by line numbers (and the space after them). */
static size_t number_width(const ui *u)
{
	const lesson_cell *lc = lesson_cell_at(u->L, u->ed->cell);
	size_t last = (size_t)(lc->first_line > 0 ? lc->first_line : 1) + textbuf_lines(u->ed->tb);
	size_t w = 1;
	while (last >= 10) {
		last /= 10;
		w++;
	}
	return w + 1;
}

void ui_edit_render(ui *u, st_text *out, size_t width)
{
	struct ui_edit *e = u->ed;
	const lesson_cell *lc = lesson_cell_at(u->L, e->cell);
	size_t numw = number_width(u), avail = width > numw + 1 ? width - numw : 1;
	size_t ccol = textbuf_cursor_col(e->tb);
	if (ccol < e->left)
		e->left = ccol;
	if (ccol >= e->left + avail)
		e->left = ccol - avail + 1;
	hl_state hs = HL_STATE_INIT;
	st_style mut = st_mk(ST_MUTED, ST_DEFAULT, 0);
	for (size_t i = 0; i < textbuf_lines(e->tb); i++) {
		size_t len;
		const char *s = textbuf_line(e->tb, i, &len);
		char num[24];
		st_line *l = st_newline(out);
		if (!l)
			return;
		if (len > e->rcap) {
			uint8_t *r = realloc(e->roles, len);
			if (!r)
				return;
			e->roles = r;
			e->rcap = len;
		}
		if (lc->kind == LESSON_CODE)
			hl_line(s, len, &hs, e->roles);
		else if (len)
			memset(e->roles, ST_DEFAULT, len);
		snprintf(num, sizeof num, "%*zu ", (int)numw - 1,
		         (size_t)(lc->first_line > 0 ? lc->first_line : 1) + i);
		st_puts(out, l, num, strlen(num), mut);
		/* expand tabs and skip what is scrolled off to the left */
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
}

void ui_draw_edit(ui *u)
{
	struct ui_edit *e = u->ed;
	if (!e || e->cell >= u->ncv) {
		ui_edit_close(u);
		ui_draw_notebook(u);
		return;
	}
	ui_layout(u);
	const lesson_cell *lc = lesson_cell_at(u->L, e->cell);
	long vr = ui_view_rows(u);
	long y = (long)ui_cell_top(u, e->cell) + (lc->kind == LESSON_CODE) +
	         (long)textbuf_cursor(e->tb, NULL);
	if (y < u->top)
		u->top = y;
	if (y >= u->top + vr)
		u->top = y - vr + 1;
	ui_draw_notebook(u);
	size_t x = UI_GUTTER + number_width(u) + textbuf_cursor_col(e->tb) - e->left;
	u->cursor_y = (int)(y - u->top);
	u->cursor_x = x < (size_t)u->cols ? (int)x : u->cols - 1;
}

/* Adds a key's character to a paste being collected. */
static void paste_key(struct ui_edit *e, int key)
{
	char buf[4];
	if (key == '\n' || key == '\t')
		sb_addc(&e->paste, (char)key);
	else if (key >= ' ' && !(key & (UI_KEY_FN | UI_KEY_ALT)) && key < 0x110000)
		sb_addn(&e->paste, buf, utf8_encode((uint32_t)key, buf));
}

/* Shift-Tab: removes one indent (a tab, or up to the unit's width of spaces) from the line. */
static void dedent(struct ui_edit *e)
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

void ui_edit_key(ui *u, int key)
{
	struct ui_edit *e = u->ed;
	textbuf *tb = e->tb;
	unsigned long before = textbuf_version(tb);
	int text = 1;   /* the key changes the text (not just the cursor) */
	size_t page = (size_t)(ui_view_rows(u) > 3 ? ui_view_rows(u) - 2 : 1);
	if (e->pasting) {
		if (key == UI_K_PASTE_END) {
			e->pasting = 0;
			if (e->paste.len)
				textbuf_insert(tb, e->paste.s, e->paste.len);
			sb_clear(&e->paste);
		} else {
			paste_key(e, key);
			return;
		}
	} else {
		double now = ui_now();
		if (now - e->last_key > 1.0)
			textbuf_seal(tb);   /* typing after a pause is a new undo step */
		e->last_key = now;
		u->msg[0] = '\0';
		switch (ui_key_request(u, key)) {
		case REQ_ED_LEAVE: ui_edit_close(u); return;
		case REQ_ED_RUN:
			ui_edit_sync(u);
			if (lesson_cell_at(u->L, e->cell)->kind != LESSON_CODE)
				ui_message(u, 0, "Prose cells do not run: Esc shows it rendered");
			else if (u->running != UI_NONE)
				ui_message(u, 1, "A cell is running: Ctrl-C stops it");
			else
				ui_run_cell(u, e->cell);
			u->follow = 0;
			return;
		case REQ_ED_SAVE: ui_save(u); return;
		case REQ_ED_UNDO:
			if (!textbuf_undo(tb))
				ui_message(u, 0, "Nothing to undo");
			break;
		case REQ_ED_REDO:
			if (!textbuf_redo(tb))
				ui_message(u, 0, "Nothing to redo");
			break;
		case REQ_ED_LEFT: textbuf_move(tb, TEXTBUF_LEFT, 1); text = 0; break;
		case REQ_ED_RIGHT: textbuf_move(tb, TEXTBUF_RIGHT, 1); text = 0; break;
		case REQ_ED_UP: textbuf_move(tb, TEXTBUF_UP, 1); text = 0; break;
		case REQ_ED_DOWN: textbuf_move(tb, TEXTBUF_DOWN, 1); text = 0; break;
		case REQ_ED_HOME: textbuf_move(tb, TEXTBUF_HOME, 0); text = 0; break;
		case REQ_ED_END: textbuf_move(tb, TEXTBUF_END, 0); text = 0; break;
		case REQ_ED_WLEFT: textbuf_move(tb, TEXTBUF_WORD_LEFT, 0); text = 0; break;
		case REQ_ED_WRIGHT: textbuf_move(tb, TEXTBUF_WORD_RIGHT, 0); text = 0; break;
		case REQ_ED_TOP: textbuf_move(tb, TEXTBUF_BUF_START, 0); text = 0; break;
		case REQ_ED_BOTTOM: textbuf_move(tb, TEXTBUF_BUF_END, 0); text = 0; break;
		case REQ_ED_PGUP: textbuf_move(tb, TEXTBUF_UP, page); text = 0; break;
		case REQ_ED_PGDN: textbuf_move(tb, TEXTBUF_DOWN, page); text = 0; break;
		case REQ_ED_BACKSPACE: textbuf_backspace(tb); break;
		case REQ_ED_DELETE: textbuf_delete(tb); break;
		case REQ_ED_ENTER: textbuf_newline(tb); break;
		case REQ_ED_TAB: textbuf_type(tb, e->unit, strlen(e->unit)); break;
		case REQ_ED_DEDENT: dedent(e); break;
		case REQ_ED_PASTE_BEGIN:
			e->pasting = 1;
			sb_clear(&e->paste);
			return;
		case REQ_ED_PASTE_END: return;
		default:
			if (key & UI_KEY_ALT) {
				/* Esc typed quickly before a key: leave, then take the key */
				ui_edit_close(u);
				ui_key(u, key & ~UI_KEY_ALT);
				return;
			}
			if (key >= ' ' && !(key & (UI_KEY_FN | UI_KEY_ALT)) && key < 0x110000 && key != 127) {
				char buf[4];
				if (textbuf_type(tb, buf, utf8_encode((uint32_t)key, buf)) != TEXTBUF_OK)
					ui_message(u, 1, "Not enough memory");
			}
			break;
		}
	}
	if (text && textbuf_version(tb) != before)
		ui_touch(u);
	u->dirty = 1;
}

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

/* Runs editor on file with the terminal handed over; returns its exit status or -1. */
static int run_editor(const char *editor, const char *file)
{
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		/* $0 unquoted so "code -w" or "vim -u NONE" work; the file stays one word */
		execl("/bin/sh", "sh", "-c", "exec $0 \"$1\"", editor, file, (char *)NULL);
		_exit(127);
	}
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void ui_external_edit(ui *u)
{
	const char *editor = getenv("VISUAL");
	const char *tmp = getenv("TMPDIR");
	char path[512];
	if (!editor || !*editor)
		editor = getenv("EDITOR");
	if (!editor || !*editor)
		editor = "vi";
	snprintf(path, sizeof path, "%s/nnbook-cell-XXXXXX.lua", tmp && *tmp ? tmp : "/tmp");
	const lesson_cell *lc = lesson_cell_at(u->L, u->cur);
	int fd = mkstemps(path, 4);
	if (fd < 0 || write_all(fd, lc->source, lc->source_len) != 0 || write_all(fd, "\n", 1) != 0) {
		if (fd >= 0) {
			close(fd);
			unlink(path);
		}
		ui_message(u, 1, "Cannot write a temporary file for the editor: %s", strerror(errno));
		return;
	}
	close(fd);
	def_prog_mode();
	putp("\033[?2004l\033[?1004l");
	endwin();
	int rc = run_editor(editor, path);
	reset_prog_mode();
	putp("\033[?2004h\033[?1004h");
	clearok(curscr, TRUE);
	u->full_redraw = 1;
	strbuf sb = STRBUF_INIT;
	if (rc != 0) {
		ui_message(u, 1, "%s exited with an error: the cell is unchanged", editor);
	} else if (read_file(path, &sb, LESSON_MAX_BYTES) != 0) {
		ui_message(u, 1, "Cannot read the edited cell back: the cell is unchanged");
	} else {
		/* editors end the file with a newline; the cell's source does not */
		if (sb.len && sb.s[sb.len - 1] == '\n')
			sb.len--;
		size_t bad;
		if (!utf8_valid(sb_str(&sb), sb.len, &bad))
			ui_message(u, 1, "The edited text is not valid UTF-8: the cell is unchanged");
		else if (ui_cell_set_source(u, u->cur, sb_str(&sb), sb.len) == 0)
			ui_message(u, 0, "Cell updated from %s", editor);
	}
	sb_free(&sb);
	unlink(path);
	u->dirty = 1;
}
