/*
** main.c — the command line: parse options, pick a mode, wire the layers.
**
**   nnbook                      lesson browser
**   nnbook LESSON.lua           open a lesson (or NOTEBOOK.ipynb)
**   nnbook --run LESSON.lua     headless transcript
**   nnbook --check LESSON.lua   parse and run, report problems
**   nnbook --new NAME           write a lesson template
**
** Modes and options come in any order (nnbook --run --format md L.lua,
** nnbook L.lua --run): the mode is a flag, the lesson the one operand.
*/
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "lessontool_int.h"
#include "transcript_int.h"

static void usage(FILE *f)
{
	fputs("usage: nnbook [--run | --check | --new] [options] [LESSON.lua | NAME]\n"
	      "\n"
	      "  (no lesson)              open the lesson browser\n"
	      "  LESSON.lua               open a lesson as a notebook\n"
	      "  NOTEBOOK.ipynb           open a Jupyter notebook of Lua cells as a lesson\n"
	      "                           (saved as NOTEBOOK.lua)\n"
	      "  --run LESSON.lua         run every cell headless and print a transcript;\n"
	      "                           exit 1 if a cell fails, 2 for a bad file\n"
	      "  --check LESSON.lua       parse and run a lesson, report problems (exit 0/1)\n"
	      "  --check L.lua --answers FILE  also try FILE's cells on the exercises: a cell\n"
	      "                           titled \"Exercise 2 wrong ...\" must fail its check,\n"
	      "                           \"Exercise 2 right ...\" pass\n"
	      "  --new NAME               write a new lesson template NAME.lua\n"
	      "  --restricted             shared-server mode: no editor, no shell, writes only\n"
	      "                           to your data directory (on when SSH_ORIGINAL_COMMAND\n"
	      "                           is set)\n"
	      "\n"
	      "options for --run:\n"
	      "  --width N                wrap at N columns (default: the terminal, else 80)\n"
	      "  --format text|md|ipynb   plain text (default); Markdown: a student's handout\n"
	      "                           (exercises as tasks, no hints, no solutions); or a\n"
	      "                           Jupyter notebook with the outputs\n"
	      "  --hints                  show the exercises' hints\n"
	      "  --teacher, --solutions   show hints, solutions and the exercises' verdicts\n"
	      "  --keep-going             run the cells after a failing one too\n"
	      "  --timeout SECONDS        stop a cell after this much running time\n"
	      "  --ascii                  ASCII plots and borders only\n"
	      "  --color / --no-color     ANSI colour (default: when stdout is a terminal\n"
	      "                           and NO_COLOR is unset)\n"
	      "  --no-times               leave timings out of progress lines\n"
	      "\n"
	      "  --memory MB              memory budget for a lesson (default 256)\n"
	      "  --help, --version\n"
	      "\n"
	      "Options and the lesson may come in any order.\n",
	      f);
}

enum {
	OPT_RUN = 256, OPT_CHECK, OPT_NEW, OPT_WIDTH, OPT_FORMAT, OPT_KEEP, OPT_TIMEOUT,
	OPT_ASCII, OPT_COLOR, OPT_NOCOLOR, OPT_NOTIMES, OPT_MEMORY, OPT_RESTRICTED, OPT_HINTS,
	OPT_TEACHER, OPT_ANSWERS
};

static int parse_number(const char *s, double lo, double hi, double *out)
{
	char *end;
	double v = strtod(s, &end);
	if (end == s || *end || !(v >= lo && v <= hi))
		return -1;
	*out = v;
	return 0;
}

/* What the command line asked for. */
typedef struct cli {
	transcript_opts t;
	app_opts a;
	int mode;            /* OPT_RUN, OPT_CHECK, OPT_NEW or 0: the notebook */
	const char *file;    /* the lesson (or --new's name) */
} cli;

/* The names of the modes, for messages. */
static const char *mode_name(int mode)
{
	return mode == OPT_RUN ? "--run" : mode == OPT_CHECK ? "--check" : "--new";
}

/* Notes the lesson (or name) operand; a second one is an error. */
static int take_file(cli *c, const char *file)
{
	if (c->file && strcmp(c->file, file) != 0) {
		fprintf(stderr, "nnbook: one lesson at a time (got %s and %s)\n", c->file, file);
		return 2;
	}
	c->file = file;
	return -1;
}

/* Notes a mode; its file may come with it (--run=FILE) or anywhere else. */
static int take_mode(cli *c, int mode)
{
	if (c->mode && c->mode != mode) {
		fprintf(stderr, "nnbook: %s and %s do not go together; choose one\n",
		        mode_name(c->mode), mode_name(mode));
		return 2;
	}
	c->mode = mode;
	return optarg ? take_file(c, optarg) : -1;
}

/* A numeric option: its range and what it says when the value is out of it. */
static int number_opt(int c, double *v)
{
	static const struct { int opt; double lo, hi; const char *msg; } nums[] = {
		{OPT_WIDTH, 10, 1000, "--width takes a number of columns from 10 to 1000"},
		{OPT_TIMEOUT, 0, 1e6, "--timeout takes a number of seconds"},
		{OPT_MEMORY, 16, 65536, "--memory takes megabytes from 16 to 65536"},
	};
	for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++)
		if (nums[i].opt == c && parse_number(optarg, nums[i].lo, nums[i].hi, v) != 0) {
			fprintf(stderr, "nnbook: %s\n", nums[i].msg);
			return -1;
		}
	return 0;
}

/* Takes one option; returns -1 to go on, or the exit status. */
static int take(cli *c, int opt)
{
	double v = 0;
	if (number_opt(opt, &v) != 0)
		return 2;
	switch (opt) {
	case OPT_RUN: case OPT_CHECK: case OPT_NEW: return take_mode(c, opt);
	case OPT_WIDTH: c->t.width = (size_t)v; break;
	case OPT_FORMAT:
		c->t.markdown = strcmp(optarg, "md") == 0 || strcmp(optarg, "markdown") == 0;
		c->t.ipynb = strcmp(optarg, "ipynb") == 0;
		if (!c->t.markdown && !c->t.ipynb && strcmp(optarg, "text") != 0)
			return fprintf(stderr, "nnbook: --format is text, md or ipynb\n"), 2;
		break;
	case OPT_KEEP: c->t.keep_going = 1; break;
	case OPT_HINTS: c->t.hints = 1; break;
	case OPT_ANSWERS: c->t.answers = optarg; break;
	case OPT_TEACHER: c->t.teacher = c->t.hints = 1; break;
	case OPT_TIMEOUT: c->t.timeout = v; break;
	case OPT_ASCII: c->t.utf8 = 0; c->a.ascii = 1; break;
	case OPT_COLOR: c->t.color = 1; break;
	case OPT_NOCOLOR: c->t.color = 0; break;
	case OPT_NOTIMES: c->t.times = 0; break;
	case OPT_MEMORY: c->t.mem_limit = c->a.mem_limit = (size_t)v << 20; break;
	case OPT_RESTRICTED: c->a.restricted = 1; break;
	case 'h': usage(stdout); return 0;
	case 'V': printf("nnbook %s\n", NNBOOK_VERSION); return 0;
	default:
		fputs("nnbook --help lists the options\n", stderr);
		return 2;
	}
	return -1;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"run", optional_argument, NULL, OPT_RUN},
		{"check", optional_argument, NULL, OPT_CHECK},
		{"new", optional_argument, NULL, OPT_NEW},
		{"width", required_argument, NULL, OPT_WIDTH},
		{"format", required_argument, NULL, OPT_FORMAT},
		{"keep-going", no_argument, NULL, OPT_KEEP},
		{"hints", no_argument, NULL, OPT_HINTS},
		{"answers", required_argument, NULL, OPT_ANSWERS},
		{"teacher", no_argument, NULL, OPT_TEACHER},
		{"solutions", no_argument, NULL, OPT_TEACHER},
		{"timeout", required_argument, NULL, OPT_TIMEOUT},
		{"ascii", no_argument, NULL, OPT_ASCII},
		{"color", no_argument, NULL, OPT_COLOR},
		{"no-color", no_argument, NULL, OPT_NOCOLOR},
		{"no-times", no_argument, NULL, OPT_NOTIMES},
		{"memory", required_argument, NULL, OPT_MEMORY},
		{"restricted", no_argument, NULL, OPT_RESTRICTED},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	setlocale(LC_ALL, "");
	cli c = {0};
	transcript_defaults(&c.t);
	app_defaults(&c.a);
	int opt, st;
	while ((opt = getopt_long(argc, argv, "hV", opts, NULL)) != -1)
		if ((st = take(&c, opt)) >= 0)
			return st;
	for (int i = optind; i < argc; i++)
		if ((st = take_file(&c, argv[i])) >= 0)
			return st;
	/* sshd's ForceCommand sets this: a forced session is always restricted */
	if (getenv("SSH_ORIGINAL_COMMAND"))
		c.a.restricted = 1;
	c.t.restricted = c.a.restricted;
	/* A restricted session opens lessons from the browser only: the bundled
	** ones and the user's own copies.  No path from the command line, so a
	** forced command cannot be bent to read another file. */
	if (c.a.restricted && (c.mode || c.file)) {
		fprintf(stderr, "nnbook: in restricted mode lessons are opened from the browser "
		                "(run nnbook --restricted without a file)\n");
		return 2;
	}
	if (c.mode && !c.file) {
		fprintf(stderr, "nnbook: %s needs %s (nnbook %s %s)\n", mode_name(c.mode),
		        c.mode == OPT_NEW ? "a name for the new lesson" : "a lesson file",
		        mode_name(c.mode), c.mode == OPT_NEW ? "NAME" : "LESSON.lua");
		return 2;
	}
	switch (c.mode) {
	case OPT_RUN: return transcript_run(c.file, &c.t);
	case OPT_CHECK: return transcript_check(c.file, &c.t);
	case OPT_NEW: return lessontool_new(c.file);
	default: return app_main(c.file, &c.a);
	}
}
