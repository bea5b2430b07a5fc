/*
** transcript.c — a lesson run headless: the `--run` transcript and `--check`.
**
** The transcript is what the notebook would show, drawn as text through
** the same renderer as the screen: prose rendered, each code cell's source
** with file line numbers, then its outputs.  Nothing pauses at frames.
** A plain Lua script (no cell markers) prints only its output, like `lua`.
*/
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "fhist.h"
#include "highlight.h"
#include "ipynb.h"
#include "markdown.h"
#include "mem.h"
#include "nbout_int.h"
#include "render.h"
#include "strbuf.h"
#include "styled.h"
#include "transcript_int.h"

void transcript_defaults(transcript_opts *o)
{
	memset(o, 0, sizeof *o);
	o->utf8 = -1;
	o->color = -1;
	o->times = 1;
}

static volatile sig_atomic_t interrupts;

/* A Ctrl-C stops the running cell (the transcript goes on, as after an
** error); a second one before that cell has ended ends the program the
** usual way, and the kernel process with it. */
void transcript__on_sigint(int sig)
{
	if (interrupts++ == 0)
		return;
	klink_kill_now();
	signal(sig, SIG_DFL);
	raise(sig);
}


static size_t term_width(void)
{
	struct winsize ws;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 10)
		return ws.ws_col > 1000 ? 1000 : ws.ws_col;
	return 80;
}

static int locale_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

/* Writes the collected text to stdout; returns -1 when stdout fails (a closed pipe). */
static int flush(run *r)
{
	int rc = 0;
	if (r->out.len && fwrite(r->out.s, 1, r->out.len, stdout) != r->out.len)
		rc = -1;
	sb_clear(&r->out);
	if (fflush(stdout) != 0)
		rc = -1;
	return rc;
}

static void emit(run *r, const st_text *t)
{
	st_text_utf8(&r->out, t, r->color);
}

/* The folder of path, for require(); "." when it has none. */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	char *d = malloc((size_t)(slash - path) + 1);
	if (d) {
		memcpy(d, path, (size_t)(slash - path));
		d[slash - path] = '\0';
	}
	return d;
}

/* Returns 1 when the first cell is prose starting with a heading (the title). */
static int opens_with_heading(const lesson *L)
{
	const lesson_cell *c = lesson_cell_at(L, 0);
	return c->kind == LESSON_MARKDOWN && c->source_len && c->source[0] == '#';
}

/* A plain script is one code cell without a marker: it prints only its output. */
static int is_plain_script(const lesson *L)
{
	const lesson_cell *c = lesson_cell_at(L, 0);
	return lesson_ncells(L) == 1 && c->kind == LESSON_CODE && c->marker_line == 0;
}

/* Returns 1 for a hint or solution cell: never run as part of the lesson. */
int transcript__is_help(const lesson_cell *c)
{
	return (c->flags & (LESSON_HINT | LESSON_SOLUTION)) != 0;
}

/*
** Runs one code cell to the end in the kernel process, frames included.
** Returns KL_DONE or KL_ERROR; the outputs are in *bl.
*/
klink_event transcript__run_cell(run *r, const char *src, size_t len, int first_line, blocklist *bl)
{
	/* with a history the cell waits at its frames, so each is recorded as it was */
	int flags = r->hist ? KL_WAIT | KL_LIVE : 0;
	if (klink_run(r->k, src, len, lesson_name(r->L), first_line, bl, flags) != 0) {
		blocklist_add(bl, BLOCK_ERROR, "the kernel process is not running");
		return KL_ERROR;
	}
	int asked = 0;
	for (;;) {
		if (interrupts && !asked) {
			klink_interrupt(r->k);
			asked = 1;
		}
		klink_event ev = klink_poll(r->k, -1);
		if (ev == KL_DONE || ev == KL_ERROR) {
			if (asked)
				interrupts = 0;   /* that Ctrl-C was this cell's; the next cells run */
			return ev;
		}
		if (ev == KL_FRAME) {
			if (r->hist)
				fhist_record(r->hist, bl, klink_frames(r->k));   /* past the budget: not kept */
			klink_go(r->k);
		}
	}
}

/* The line above a code cell: "── [3] AND gate ──────". */
static void cell_rule(run *r, unsigned long n, const char *title, st_text *t)
{
	char head[64];
	st_style mut = st_mk(ST_MUTED, ST_DEFAULT, 0);
	st_line *l = st_newline(t);
	if (!l)
		return;
	const char *bar = r->utf8 ? "\xe2\x94\x80" : "-";
	st_puts(t, l, bar, strlen(bar), mut);
	st_puts(t, l, bar, strlen(bar), mut);
	if (n)
		snprintf(head, sizeof head, " [%lu] ", n);
	else
		snprintf(head, sizeof head, " [ ] ");
	st_puts(t, l, head, strlen(head), mut);
	if (title && *title) {
		st_puts(t, l, title, strlen(title), st_mk(ST_HEADING, ST_DEFAULT, ST_BOLD));
		st_puts(t, l, " ", 1, mut);
	}
	while (l->len < r->width && l->len < 200)
		st_puts(t, l, bar, strlen(bar), mut);
}

static void text_cell_md(run *r, const lesson_cell *c)
{
	sb_addn(&r->out, c->source, c->source_len);
	sb_addn(&r->out, "\n\n", 2);
}

static void text_cell(run *r, const lesson_cell *c)
{
	st_text t = ST_TEXT_INIT;
	md_opts mo = {r->width, r->utf8};
	md_render(c->source, c->source_len, &mo, &t);
	st_newline(&t);
	emit(r, &t);
	st_free(&t);
}

static void code_source(run *r, const lesson_cell *c, unsigned long n)
{
	if (r->o->markdown) {
		if (c->title && *c->title) {
			sb_addf(&r->out, "**%s**\n\n", c->title);
		}
		sb_addn(&r->out, "```lua\n", 7);
		sb_addn(&r->out, c->source, c->source_len);
		sb_addn(&r->out, "\n```\n\n", 6);
		return;
	}
	st_text t = ST_TEXT_INIT;
	cell_rule(r, n, c->title, &t);
	hl_opts ho = {r->width, r->utf8, 1, c->first_line, 1};
	hl_render(c->source, c->source_len, &ho, &t);
	st_newline(&t);
	emit(r, &t);
	st_free(&t);
}

/* A plain script writes as a script does: output to stdout, errors to stderr. */
static void outputs_plain(run *r, const blocklist *bl)
{
	for (size_t i = 0; i < bl->n; i++) {
		const block *b = bl->items[i];
		st_text t = ST_TEXT_INIT;
		render_block(b, &r->ro, &t);
		if (b->kind == BLOCK_ERROR) {
			strbuf e = STRBUF_INIT;
			flush(r);
			st_text_utf8(&e, &t, r->color && isatty(STDERR_FILENO));
			if (e.len)
				fwrite(e.s, 1, e.len, stderr);
			sb_free(&e);
		} else {
			emit(r, &t);
		}
		st_free(&t);
	}
}

static void outputs(run *r, const blocklist *bl)
{
	if (bl->n == 0)
		return;
	if (r->plain) {
		outputs_plain(r, bl);
		return;
	}
	/* one block at a time, written out as it goes: a cell with thousands of
	** outputs never has them all drawn in memory at once */
	int fenced = 0;
	for (size_t i = 0; i < bl->n; i++) {
		if (r->o->markdown && !r->o->teacher && bl->items[i]->kind == BLOCK_CHECK) {
			/* a student's handout: the exercise is a task, not a verdict */
			if (fenced)
				sb_addn(&r->out, "```\n\n", 5);
			fenced = 0;
			sb_addf(&r->out, "- [ ] %s\n\n", sb_str(&bl->items[i]->text));
			continue;
		}
		if (r->o->markdown && !fenced)
			sb_addn(&r->out, "```text\n", 8);
		fenced = 1;
		st_text t = ST_TEXT_INIT;
		render_opts wide = r->ro;
		/* a handout's table keeps every column whole: a fenced block
		** scrolls, a number cut short is lost */
		if (r->o->markdown && bl->items[i]->kind == BLOCK_TABLE)
			wide.width = 1000;
		render_block(bl->items[i], &wide, &t);
		if (r->o->markdown)
			st_text_utf8(&r->out, &t, 0);
		else
			emit(r, &t);
		st_free(&t);
		if (r->out.len > 65536)
			flush(r);
	}
	if (r->o->markdown && fenced)
		sb_addn(&r->out, "```\n\n", 5);
	else if (!r->o->markdown)
		sb_addc(&r->out, '\n');
}

/*
** A hint or solution cell is never run.  The notebook shows it folded to
** one line; so does the transcript, unless asked (--hints, --teacher).
** A student's Markdown handout leaves folded cells out.
*/
/* Above a shown prose hint: "▾ Hint 1", as the notebook shows it. */
static void help_label(run *r, const lesson_cell *c)
{
	st_text t = ST_TEXT_INIT;
	st_line *l = st_newline(&t);
	const char *mark = r->utf8 ? "\xe2\x96\xbe " : "v ", *title = *c->title ? c->title : "Hint";
	if (l) {
		st_puts(&t, l, mark, strlen(mark), st_mk(ST_MUTED, ST_DEFAULT, ST_ITALIC));
		st_puts(&t, l, title, strlen(title), st_mk(ST_MUTED, ST_DEFAULT, ST_ITALIC));
	}
	emit(r, &t);
	st_free(&t);
}

static void help_cell(run *r, const lesson_cell *c)
{
	int sol = (c->flags & LESSON_SOLUTION) != 0;
	if (r->o->teacher || (!sol && r->o->hints)) {
		if (c->kind == LESSON_CODE)
			code_source(r, c, 0);
		else if (r->o->markdown)
			sb_addf(&r->out, "**%s**\n\n", *c->title ? c->title : "Hint"), text_cell_md(r, c);
		else
			help_label(r, c), text_cell(r, c);
		return;
	}
	if (r->o->markdown)
		return;
	const char *what = sol ? "solution \xe2\x80\x94 --teacher shows it"
	                       : "hint \xe2\x80\x94 --hints shows it";
	st_text t = ST_TEXT_INIT;
	st_line *l = st_newline(&t);
	if (l) {
		st_puts(&t, l, r->utf8 ? "\xe2\x96\xb8 " : "> ", r->utf8 ? 4 : 2,
		        st_mk(ST_MUTED, ST_DEFAULT, ST_ITALIC));
		if (!r->utf8)
			what = sol ? "solution - --teacher shows it" : "hint - --hints shows it";
		st_puts(&t, l, what, strlen(what), st_mk(ST_MUTED, ST_DEFAULT, ST_ITALIC));
		st_newline(&t);
	}
	emit(r, &t);
	st_free(&t);
}

/* The line over a cell's outputs at a frame: "at frame 5 of 200". */
static void frame_label(run *r, uint64_t k, uint64_t last)
{
	char s[96];
	int n = snprintf(s, sizeof s, "at frame %llu of %llu", (unsigned long long)(k < last ? k : last),
	                 (unsigned long long)last);
	if (r->o->markdown) {
		sb_addf(&r->out, "*%s*\n\n", s);
		return;
	}
	st_text t = ST_TEXT_INIT;
	st_line *l = st_newline(&t);
	if (l)
		st_puts(&t, l, s, (size_t)n, st_mk(ST_MUTED, ST_DEFAULT, ST_ITALIC));
	emit(r, &t);
	st_free(&t);
}

/*
** --frames: the outputs of a cell that reached frames, once for each
** frame asked for, as they were then (past the last frame: as they ended).
** The kernel stops only at frames that show something new, so before the
** first record the cell had shown nothing yet.
*/
static void outputs_at_frames(run *r, const blocklist *bl)
{
	size_t n = fhist_count(r->hist);
	uint64_t last = klink_frames(r->k);
	if (n == 0 || r->plain) {
		outputs(r, bl);
		return;
	}
	for (size_t i = 0; i < r->o->nframes; i++) {
		uint64_t k = r->o->frames[i];
		blocklist at = BLOCKLIST_INIT;
		frame_label(r, k, last);
		if (k >= last)
			outputs(r, bl);
		else if (k < fhist_frame(r->hist, 0))
			sb_adds(&r->out, "(no output yet)\n\n");
		else if (fhist_show(r->hist, fhist_find(r->hist, k), bl, &at) == FHIST_OK)
			outputs(r, &at);
		else
			sb_adds(&r->out, "(not enough memory to show that frame)\n\n");
		blocklist_clear(&at);
	}
}

/* Opens the lesson and a kernel; returns 0, or the exit status 2 after a message. */
int transcript__setup(run *r, const char *path, const transcript_opts *o)
{
	char err[512];
	memset(r, 0, sizeof *r);
	r->o = o;
	/* the kernel first: a fork that holds none of the lesson's data */
	char *dir = dir_of(path);
	klink_opts ko = {o->mem_limit, o->timeout, dir, o->restricted, NULL};
	mem_set_limit(klink_front_cap(o->mem_limit));
	r->k = dir ? klink_new(&ko, err, sizeof err) : NULL;
	free(dir);
	if (!r->k) {
		fprintf(stderr, "nnbook: %s\n", dir ? err : "out of memory");
		return 2;
	}
	if (ipynb_is_notebook(path) ? ipynb_load(path, 0, &r->L, err, sizeof err) != IPYNB_OK :
	    lesson_load(path, &r->L, err, sizeof err) != LESSON_OK) {
		fprintf(stderr, "nnbook: %s\n", err);
		klink_free(r->k);
		return 2;
	}
	const char *why, *vg = getenv("NNBOOK_VALGRIND");
	if (!klink_wall(r->k, &why) && !(vg && *vg))
		fprintf(stderr, "nnbook: %s: lessons run inside the Lua sandbox only\n", why);
	r->width = o->width ? o->width : term_width();
	r->utf8 = o->utf8 >= 0 ? o->utf8 : locale_utf8();
	if (o->color >= 0)
		r->color = o->color;
	else {
		const char *term = getenv("TERM"), *nc = getenv("NO_COLOR");
		r->color = isatty(STDOUT_FILENO) && !(nc && *nc) && term && strcmp(term, "dumb") != 0;
	}
	if (o->markdown || o->ipynb)
		r->color = 0;
	if (o->ipynb) {
		r->width = o->width ? o->width : 80;
		r->utf8 = o->utf8 != 0;
	}
	render_defaults(&r->ro, r->width);
	r->ro.utf8 = r->utf8;
	r->ro.color = r->color;
	r->ro.times = o->times;
	r->ro.text_as_printed = 1;   /* a number is never split across lines */
	return 0;
}

void transcript__teardown(run *r)
{
	klink_free(r->k);
	lesson_free(r->L);
	sb_free(&r->out);
}

static void title_block(run *r)
{
	char buf[256];
	const char *title = lesson_title(r->L, buf, sizeof buf);
	const char *src = lesson_meta(r->L, "source");
	if (r->o->markdown) {
		/* a lesson that opens with a heading has its title already */
		if (!opens_with_heading(r->L))
			sb_addf(&r->out, "# %s\n\n", title);
		if (src)
			sb_addf(&r->out, "*Source: %s*\n\n", src);
		return;
	}
	st_text t = ST_TEXT_INIT;
	if (!opens_with_heading(r->L)) {
		strbuf h = STRBUF_INIT;
		sb_addf(&h, "# %s", title);
		md_opts mo = {r->width, r->utf8};
		if (!h.failed)
			md_render(h.s, h.len, &mo, &t);
		sb_free(&h);
		st_newline(&t);
	}
	st_line *l = src ? st_newline(&t) : NULL;
	if (l) {
		st_puts(&t, l, "Source: ", 8, st_mk(ST_MUTED, ST_DEFAULT, 0));
		st_puts(&t, l, src, strlen(src), st_mk(ST_MUTED, ST_DEFAULT, ST_ITALIC));
		st_newline(&t);
	}
	emit(r, &t);
	st_free(&t);
}

/*
** --format ipynb: every cell into a notebook with its outputs, written to
** stdout at the end.  Hint and solution cells go in without running, as
** in the transcript, so the cells after them show the unsolved lesson.
** Returns the exit status, as transcript_run.
*/
static int notebook_run(run *r)
{
	int rc = 0, st = IPYNB_OK, exec = 0, stop = 0;
	ipynb_out *nb = ipynb_out_new(r->L);
	for (size_t i = 0; nb && st == IPYNB_OK && i < lesson_ncells(r->L); i++) {
		const lesson_cell *c = lesson_cell_at(r->L, i);
		if (c->kind == LESSON_MARKDOWN || stop || transcript__is_help(c)) {
			st = ipynb_out_cell(nb, c, 0);
			continue;
		}
		blocklist bl = BLOCKLIST_INIT;
		klink_event ev = transcript__run_cell(r, c->source, c->source_len, c->first_line, &bl);
		st = ipynb_out_cell(nb, c, ++exec);
		if (st == IPYNB_OK)
			st = nbout_outputs(nb, &bl, &r->ro);
		blocklist_clear(&bl);
		if (ev == KL_ERROR) {
			rc = 1;
			stop = !r->o->keep_going;
		}
	}
	if (nb && st == IPYNB_OK)
		st = ipynb_out_write(nb, &r->out);
	ipynb_out_free(nb);
	if (!nb || st != IPYNB_OK) {
		fprintf(stderr, "nnbook: %s: not enough memory for the notebook\n", lesson_name(r->L));
		rc = 2;
	} else if (flush(r) != 0) {
		rc = 2;
	}
	transcript__teardown(r);
	return rc;
}

int transcript_run(const char *path, const transcript_opts *o)
{
	run r;
	int rc = transcript__setup(&r, path, o);
	if (rc)
		return rc;
	signal(SIGINT, transcript__on_sigint);
	signal(SIGPIPE, SIG_IGN);
	if (o->ipynb)
		return notebook_run(&r);
	int plain = r.plain = is_plain_script(r.L);
	/* the source goes under the lesson's heading when the lesson opens with one */
	size_t title_at = (size_t)opens_with_heading(r.L);
	unsigned long ran = 0;
	for (size_t i = 0; i < lesson_ncells(r.L); i++) {
		const lesson_cell *c = lesson_cell_at(r.L, i);
		if (i == title_at && !plain)
			title_block(&r);
		if (transcript__is_help(c)) {
			help_cell(&r, c);
		} else if (c->kind == LESSON_MARKDOWN) {
			if (o->markdown)
				text_cell_md(&r, c);
			else
				text_cell(&r, c);
		} else {
			blocklist bl = BLOCKLIST_INIT;
			if (!plain)
				code_source(&r, c, ++ran);   /* counted here: a replaced kernel starts again at 1 */
			if (flush(&r) != 0)
				break;
			r.hist = o->nframes ? fhist_new(fhist_cap_for(o->mem_limit)) : NULL;
			klink_event ev = transcript__run_cell(&r, c->source, c->source_len, c->first_line, &bl);
			if (r.hist)
				outputs_at_frames(&r, &bl);
			else
				outputs(&r, &bl);
			blocklist_clear(&bl);
			fhist_free(r.hist);
			r.hist = NULL;
			if (ev == KL_ERROR) {
				rc = 1;
				if (!o->keep_going)
					break;
			}
		}
		if (flush(&r) != 0)
			break;
	}
	flush(&r);
	transcript__teardown(&r);
	return rc;
}
