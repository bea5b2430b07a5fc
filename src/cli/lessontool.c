/*
** lessontool.c — `nnbook --new NAME`: a lesson template for a teacher.
**
** The template is a small working lesson (prose, a printed array, a
** training cell that draws its figure and fills a live table, an exercise
** with its check, hint and solution cells) that follows the guide
** (docs/writing-lessons.md), so `nnbook --check` passes on it at once and
** a teacher learns the format by changing it.
*/
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "lesson.h"
#include "lessontool_int.h"
#include "strbuf.h"

static const char template_text[] =
"-- ---\n"
"-- title: %s\n"
"-- source: (where the material comes from)\n"
"-- ---\n"
"\n"
"-- %%%% [markdown]\n"
"-- # %s\n"
"--\n"
"-- Prose cells are Markdown in `-- ` comments: *emphasis*, **strong**,\n"
"-- `code`, lists, tables and math such as $y = w x + b$.\n"
"\n"
"-- %%%% Some data\n"
"nn.random.seed(0)\n"
"X = nn.linspace(-1, 1, 9)\n"
"y = 2 * X + 0.1 * nn.random.randn(9)\n"
"print(X)\n"
"\n"
"-- %%%% Learning one weight, step by step\n"
"fig = plot.figure{title = \"data and fit\", xlabel = \"x\", ylabel = \"y\",\n"
"                  height = 12}\n"
"fig:scatter(X, y, {label = \"samples\"})\n"
"line = fig:boundary(0, 1, 0, {label = \"fit\"})   -- y = 0 for now\n"
"steps = table.new{\"step\", \"w\", \"loss\",\n"
"                  format = {\"%%d\", \"%%.4f\", \"%%.4f\"}}\n"
"w = 0\n"
"for step = 1, 20 do\n"
"  local err = w * X - y\n"
"  local loss = (err * err):mean()\n"
"  w = w - 0.5 * (2 * err * X):mean()\n"
"  steps:add{step, w, loss}\n"
"  line:set(w, -1, 0)         -- move the line: w*x - y = 0\n"
"  frame()                    -- one animation step\n"
"end\n"
"\n"
"-- %%%% [markdown]\n"
"-- ## Exercise 1\n"
"--\n"
"-- The best slope for this data is `(X . y) / (X . X)`. Change the number\n"
"-- of steps so that `w` ends within 0.01 of it.\n"
"\n"
"-- %%%% Exercise 1: enough steps\n"
"nsteps = 1\n"
"w = 0\n"
"for _ = 1, nsteps do w = w - 0.5 * (2 * (w * X - y) * X):mean() end\n"
"\n"
"-- %%%% Check 1\n"
"check{\"w ends near the best slope\", function()\n"
"  local best = nn.dot(X, y) / nn.dot(X, X)\n"
"  return math.abs(w - best) < 0.01,\n"
"         (\"w is %%.4f, the best slope %%.4f\"):format(w, best)\n"
"end}\n"
"\n"
"-- %%%% [markdown] Hint 1 tags=[\"hint\"]\n"
"-- Each step moves `w` part of the way to the best slope; try more steps.\n"
"\n"
"-- %%%% Solution 1 tags=[\"solution\"]\n"
"nsteps = 20\n"
"w = 0\n"
"for _ = 1, nsteps do w = w - 0.5 * (2 * (w * X - y) * X):mean() end\n";

/* A name is a plain file name: no folders, no "..", no control characters. */
static int good_name(const char *s)
{
	if (!*s || *s == '.' || *s == '-' || strlen(s) > 200)
		return 0;
	for (; *s; s++)
		if (*s == '/' || (unsigned char)*s < 0x20 || *s == 0x7f)
			return 0;
	return 1;
}

int lessontool_new(const char *name)
{
	char path[256], title[224];
	if (!good_name(name)) {
		fprintf(stderr, "nnbook: --new takes a file name without folders, e.g. --new my-lesson\n");
		return 2;
	}
	size_t n = strlen(name);
	int has_ext = n > 4 && strcmp(name + n - 4, ".lua") == 0;
	snprintf(path, sizeof path, "%s%s", name, has_ext ? "" : ".lua");
	snprintf(title, sizeof title, "%.*s", (int)(has_ext ? n - 4 : n), name);
	for (char *p = title; *p; p++)
		if (*p == '-' || *p == '_')
			*p = ' ';

	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0) {
		fprintf(stderr, "nnbook: cannot create %s: %s\n", path,
		        errno == EEXIST ? "it already exists" : strerror(errno));
		return 2;
	}
	FILE *f = fdopen(fd, "w");
	if (!f) {
		close(fd);
		return 2;
	}
	/* the header's title as YAML reads it back ("a: b" goes in quotes) */
	strbuf yaml = STRBUF_INIT;
	lesson_yaml_quote(&yaml, title, strlen(title));
	fprintf(f, template_text, yaml.failed ? title : sb_str(&yaml), title);
	sb_free(&yaml);
	if (fclose(f) != 0) {
		fprintf(stderr, "nnbook: cannot write %s: %s\n", path, strerror(errno));
		return 2;
	}
	printf("wrote %s; open it with: nnbook %s  (check it with: nnbook --check %s)\n",
	       path, path, path);
	return 0;
}
