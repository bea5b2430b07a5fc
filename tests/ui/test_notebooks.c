/*
** test_notebooks.c — a Jupyter notebook opened in the notebook screen:
** converted to a lesson (its title, its cells, its cell metadata out of
** the titles), its setup cell run as it opens and shown folded, saved as
** a .lua lesson beside it (never over the .ipynb), or as the student's
** copy in the data folder when saves cannot go beside it (bundled);
** a notebook in another language refused with a message; and every
** lesson file Jupytext wrote opened and saved back byte for byte.
*/
#include <sys/stat.h>

#include "screen_harness.h"

#define J "tests/fixtures/jupytext/from-jupyter"

static void open_and_save(void)
{
	char nbpath[PATH_MAX], lua[PATH_MAX];
	snprintf(nbpath, sizeof nbpath, "%s", h_path("tags.ipynb"));
	snprintf(lua, sizeof lua, "%s", h_path("tags.lua"));
	h_copy(J "/g-tags.ipynb", nbpath);
	app *a = h_open(24, 80, nbpath);
	if (!a)
		return;
	h_settle(a);
	h_ok(a, strstr(h_row(a, -2), "Matrices in Lua") && strstr(h_row(a, -2), "cell 1/5"),
	     "the notebook opens as a lesson with its title");
	h_ok(a, strstr(h_row(a, -1), "A Jupyter notebook: s saves it as a lesson, tags.lua, beside it"),
	     "it says where saving goes");
	h_ok(a, h_has(a, "setup, run as the lesson opens") && h_has(a, "[[1 2]") &&
	     !h_has(a, "nn.random.seed(1)"), "the setup cell ran as it opened, its source folded");
	h_ok(a, h_has(a, "Multiply A by itself \xe2\x94\x80") && !h_has(a, "tags=") &&
	     !h_has(a, "source_hidden"), "cell metadata stays out of the titles");
	h_golden(a, "notebook_ipynb_open", "a notebook with a setup cell, as it opens");
	h_keys(a, "j h");
	h_ok(a, h_has(a, "nn.random.seed(1)"), "h shows the setup cell's source");
	h_keys(a, "s");
	h_ok(a, strstr(h_row(a, -1), "Saved") && strstr(h_row(a, -1), "tags.lua"), "s saves the .lua");
	ok(h_file_has(lua, "-- %% tags=[\"setup\"]\nnn.random.seed(1)") &&
	   h_file_has(lua, "-- title: Matrices in Lua") && h_file_has(lua, "--   kernelspec:"),
	   "the lesson beside it: header, kernel, cell metadata");
	ok(h_file_has(nbpath, "\"nbformat\": 4") && !h_file_has(nbpath, "-- %%"),
	   "the notebook file is not written");
	h_keys(a, "q");
	app_free(a);
}

/* A notebook among the bundled lessons is never written beside: its lesson is the student's copy. */
static void bundled_copy(void)
{
	char dir[PATH_MAX], nbpath[PATH_MAX + 16];
	snprintf(dir, sizeof dir, "%s", h_path("bundled"));
	snprintf(nbpath, sizeof nbpath, "%s/bare.ipynb", dir);
	mkdir(dir, 0755);
	h_copy(J "/b-bare.ipynb", nbpath);
	setenv("NNBOOK_LESSONS", dir, 1);
	app *a = h_open(24, 80, nbpath);
	if (!a)
		return;
	h_settle(a);
	h_ok(a, strstr(h_row(a, -1), "s saves it as a lesson, bare.lua, in your data folder"),
	     "it says saves go to the student's copy");
	h_keys(a, "s");
	h_ok(a, strstr(h_row(a, -1), "Saved to your copy"), "s saves the student's copy");
	ok(h_file_has(h_path("data/nnbook/lessons/bare.lua"), "-- # Matrices in Lua") &&
	   access(h_path("bundled/bare.lua"), F_OK) != 0, "in the data folder, not beside the notebook");
	h_keys(a, "q");
	app_free(a);
}

/* Reads a whole file into sb; returns 0 or -1. */
static int slurp_into(const char *path, strbuf *sb)
{
	FILE *f = fopen(path, "rb");
	char buf[4096];
	size_t n;
	if (!f)
		return -1;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sb_addn(sb, buf, n);
	fclose(f);
	return 0;
}

/* Every lesson Jupytext wrote opens in the screen and saves back byte for byte. */
static void jupytext_files_save(void)
{
	static const char *const names[] = {
		"from-jupyter/a-kernel.lua", "from-jupyter/b-bare.lua",
		"from-jupyter/c-kernel-nonascii.lua", "from-jupyter/d-title.lua",
		"from-jupyter/e-metatitle.lua", "from-jupyter/f-rawheader.lua",
		"from-jupyter/g-tags.lua", "lessons-roundtrip/01-perceptron.jupytext.lua",
		"lessons-roundtrip/02-gradient-descent.jupytext.lua",
		"lessons-roundtrip/05-xor-hidden-layer.jupytext.lua",
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		char from[PATH_MAX], to[PATH_MAX];
		snprintf(from, sizeof from, "tests/fixtures/jupytext/%s", names[i]);
		snprintf(to, sizeof to, "%s", h_path("saved.lua"));
		h_copy(from, to);
		app *a = h_open(24, 80, to);
		if (!a)
			continue;
		h_settle(a);
		h_keys(a, "s");
		strbuf want = STRBUF_INIT, got = STRBUF_INIT;
		slurp_into(from, &want);
		slurp_into(to, &got);
		h_ok(a, strstr(h_row(a, -1), "Saved") && want.len && want.len == got.len &&
		     memcmp(want.s, got.s, want.len) == 0, "%s opens and saves back byte for byte",
		     names[i]);
		sb_free(&want);
		sb_free(&got);
		h_keys(a, "q");
		app_free(a);
	}
}

static void refused(void)
{
	char path[PATH_MAX], err[512] = "";
	snprintf(path, sizeof path, "%s", h_path("py.ipynb"));
	h_write(path, "{\"cells\": [], \"metadata\": {\"kernelspec\": {\"language\": \"python\", "
	              "\"name\": \"python3\"}}, \"nbformat\": 4, \"nbformat_minor\": 5}\n");
	app_opts o;
	app_defaults(&o);
	app *a = app_new(&o, 24, 80, err, sizeof err);
	int rc = a ? app_start(a, path, err, sizeof err) : -1;
	ok(rc != 0 && strstr(err, "a notebook in Python: nnbook runs Lua"),
	   "a Python notebook is refused: %s", err);
	app_free(a);
}

int main(void)
{
	h_setup();
	open_and_save();
	bundled_copy();
	jupytext_files_save();
	refused();
	return tap_done();
}
