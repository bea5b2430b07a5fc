/*
** test_widgets.c — the live output objects of the plot/table/check
** bindings, seen from the kernel's side: the blocks a cell makes, that
** they stay drawable after the Lua state is gone (each block holds its own
** reference), that show() does not draw a figure twice in one output, that
** every byte they charged to the budget comes back, and what an exercise
** check stores on its block (name, hint, solution).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "block.h"
#include "kernel.h"
#include "mem.h"
#include "render.h"
#include "tap.h"

/* Prints a TAP comment. */
static void diag(const char *what, const char *msg)
{
	printf("# %s: %s\n", what, msg);
}

static kernel *new_kernel(void)
{
	char err[256];
	kernel_opts o = {0};
	kernel *k = kernel_new(&o, err, sizeof err);
	if (!k)
		diag("kernel_new", err);
	return k;
}

static kernel_event run(kernel *k, const char *src, blocklist *out)
{
	return kernel_run_all(k, src, strlen(src), "lesson.lua", 1, out);
}

static size_t count_kind(const blocklist *bl, block_kind kind)
{
	size_t n = 0;
	for (size_t i = 0; i < bl->n; i++)
		n += bl->items[i]->kind == kind;
	return n;
}

static const block *first_kind(const blocklist *bl, block_kind kind)
{
	for (size_t i = 0; i < bl->n; i++)
		if (bl->items[i]->kind == kind)
			return bl->items[i];
	return NULL;
}

/* Renders bl at width 60 without colour into a malloc'd string. */
static char *render_text(const blocklist *bl)
{
	render_opts ro;
	render_defaults(&ro, 60);
	ro.color = 0;
	ro.times = 0;
	st_text t = ST_TEXT_INIT;
	render_blocks(bl, &ro, &t);
	strbuf sb = STRBUF_INIT;
	st_text_utf8(&sb, &t, 0);
	st_free(&t);
	return sb_take(&sb);
}

static const char *first_error(const blocklist *bl)
{
	const block *b = first_kind(bl, BLOCK_ERROR);
	return b ? sb_str(&b->text) : "";
}

static void test_outlive_state(void)
{
	size_t base = mem_used();
	kernel *k = new_kernel();
	blocklist out = BLOCKLIST_INIT;
	const char *src =
		"local fig = plot.figure{title = 'survivor', width = 40, height = 10}\n"
		"fig:scatter({1, 2, 3}, {3, 1, 2}, {label = 'pts'})\n"
		"local t = table.new{'epoch', 'loss', format = {'%d', '%.3f'}}\n"
		"t:add{1, 0.5}\n"
		"plot.network{2, 3, 1}\n"
		"local p = nn.progress{epochs = 2}\n"
		"p:update{epoch = 1, steps = 4, loss = 0.25}\n"
		"check{'solve it', false, hint = 'think', solution = 'x = 1'}\n";
	ok(run(k, src, &out) == KERNEL_DONE, "a cell makes a figure, a table, a diagram, progress, a check");
	if (out.n && first_kind(&out, BLOCK_ERROR))
		diag("error", first_error(&out));
	ok(count_kind(&out, BLOCK_FIGURE) == 1 && count_kind(&out, BLOCK_TABLE) == 1 &&
	   count_kind(&out, BLOCK_DIAGRAM) == 1 && count_kind(&out, BLOCK_PROGRESS) == 1 &&
	   count_kind(&out, BLOCK_CHECK) == 1, "one block of each kind, shown when made");
	ok(out.n == 5 && out.items[0]->kind == BLOCK_FIGURE && out.items[4]->kind == BLOCK_CHECK,
	   "in the order they were made");
	kernel_free(k);
	ok(mem_used() > base, "the blocks keep their objects (still charged: %zu bytes)", mem_used() - base);
	char *s = render_text(&out);
	ok(s && strstr(s, "survivor") && strstr(s, "\u25cf") && strstr(s, "pts"),
	   "the figure still draws after the state is closed");
	ok(s && strstr(s, "0.500") && strstr(s, "epoch"), "so does the table");
	ok(s && strstr(s, "input") && strstr(s, "loss: 0.2500") && strstr(s, "Epoch 1/2"),
	   "and the diagram and progress line");
	free(s);
	const block *c = first_kind(&out, BLOCK_CHECK);
	ok(c && !c->passed, "the check did not pass");
	is_str(c ? sb_str(&c->text) : "", "solve it", "its block names the exercise");
	is_str(c ? sb_str(&c->detail) : "", "think", "holds the hint");
	is_str(c ? sb_str(&c->extra) : "", "x = 1", "and the solution");
	blocklist_clear(&out);
	ok(mem_used() == base, "every byte charged to the budget is returned (%zu vs %zu)", mem_used(), base);
}

static void test_show_once(void)
{
	kernel *k = new_kernel();
	blocklist a = BLOCKLIST_INIT, b = BLOCKLIST_INIT;
	ok(run(k, "fig = plot.figure{}\nfig:line({1, 2, 3})\nshow(fig)\nfig:show()\n"
	          "tab = table.new{'a'}\nshow(tab)\nquiet = plot.figure{show = false}", &a) == KERNEL_DONE,
	   "showing a figure again in the same cell");
	ok(count_kind(&a, BLOCK_FIGURE) == 1 && count_kind(&a, BLOCK_TABLE) == 1,
	   "draws it once (show = false draws nothing)");
	ok(run(k, "show(fig)\nshow(tab)\nquiet:show()\nfig:line({3, 2, 1})", &b) == KERNEL_DONE,
	   "show in a later cell");
	ok(count_kind(&b, BLOCK_FIGURE) == 2 && count_kind(&b, BLOCK_TABLE) == 1,
	   "adds the objects to that cell's output");
	ok(a.items[0]->obj == b.items[0]->obj, "the same live figure in both cells");
	unsigned long v = blocklist_version(&a);
	ok(run(k, "fig:hline(2)", &b) == KERNEL_DONE && blocklist_version(&a) != v,
	   "changing the figure later changes the version of the first cell's output");
	ok(kernel_restart(k) == 0, "restart");
	char *s = render_text(&a);
	ok(s && strstr(s, "\u2524"), "blocks still draw after a restart");
	free(s);
	kernel_free(k);
	blocklist_clear(&a);
	blocklist_clear(&b);
}

static void test_checks(void)
{
	kernel *k = new_kernel();
	blocklist out = BLOCKLIST_INIT;
	ok(run(k, "r1 = check('ok', function() return 1 + 1 == 2 end)\n"
	          "r2 = check('no', function() return false, 'too small' end, 'make it bigger')\n"
	          "r3 = check{'boom', function() error('bad thing') end, hint = 'fix it'}\n"
	          "print(r1, r2, r3)", &out) == KERNEL_DONE, "three checks run");
	ok(count_kind(&out, BLOCK_CHECK) == 3, "three verdict blocks");
	const block *b1 = out.items[0], *b2 = out.items[1], *b3 = out.items[2];
	ok(b1->passed && !b2->passed && !b3->passed, "passed, not yet, not yet");
	is_str(sb_str(&b2->detail), "too small\nmake it bigger", "a false result's message, then the hint");
	ok(strstr(sb_str(&b3->detail), "the check failed with an error: lesson.lua:3: bad thing") != NULL &&
	   strstr(sb_str(&b3->detail), "\nfix it") != NULL, "an error becomes a note before the hint");
	is_str(sb_str(&out.items[3]->text), "true false false\n", "check returns the verdict");
	char *s = render_text(&out);
	ok(s && strstr(s, "\u2713 ok") && strstr(s, "\u2717 no"), "rendered with a mark");
	free(s);
	blocklist_clear(&out);
	ok(run(k, "check{42, true}", &out) == KERNEL_ERROR &&
	   strstr(first_error(&out), "check: the first item must be the exercise's name") != NULL,
	   "a check without a name is an error");
	blocklist_clear(&out);
	kernel_free(k);
}

static void test_fit_output(void)
{
	kernel *k = new_kernel();
	blocklist out = BLOCKLIST_INIT;
	const char *src =
		"nn.random.seed(0)\n"
		"local X = nn.random.randn(20, 2)\n"
		"local y = nn.random.randint(0, 2, {20, 1})\n"
		"local m = nn.Sequential{nn.Dense(1, {activation = 'sigmoid', input_dim = 2})}\n"
		"m:compile{loss = 'binary_crossentropy', optimizer = 'sgd'}\n"
		"m:fit(X, y, {epochs = 3, batch_size = 5, validation_split = 0.2})\n";
	kernel_event ev = run(k, src, &out);
	ok(ev == KERNEL_DONE, "model:fit with verbose = 1");
	if (ev != KERNEL_DONE)
		diag("error", first_error(&out));
	ok(count_kind(&out, BLOCK_PROGRESS) == 1 && count_kind(&out, BLOCK_TABLE) == 1,
	   "shows a progress line and a table of losses");
	char *s = render_text(&out);
	ok(s && strstr(s, "Epoch 3/3") && strstr(s, "4/4 [") && strstr(s, "val_loss"),
	   "the progress line ends at the last epoch with its steps and val_loss");
	free(s);
	const block *t = first_kind(&out, BLOCK_TABLE);
	ok(t != NULL, "the table block");
	blocklist_clear(&out);
	kernel_free(k);
}

int main(void)
{
	test_outlive_state();
	test_show_once();
	test_checks();
	test_fit_output();
	return tap_done();
}
