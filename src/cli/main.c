/*
** main.c — the command line: parse options, pick a mode, wire the layers.
**
**   nnbook                      lesson browser
**   nnbook LESSON.lua           open a lesson (or NOTEBOOK.ipynb)
**   nnbook --run LESSON.lua     headless transcript
**   nnbook --check LESSON.lua   parse and run, report problems
**   nnbook --new NAME           write a lesson template
**   nnbook class add|remove|list the members of a class sharing this account
**
** Modes and options come in any order (nnbook --run --format md L.lua,
** nnbook L.lua --run): the mode is a flag, the lesson the one operand.
*/
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "app.h"
#include "classcmd_int.h"
#include "store.h"
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
	      "  --student NAME           (with --restricted) one student of a class sharing\n"
	      "                           this account: NAME's own copies and progress\n"
	      "  --teacher [NAME]         (without --run) the class's teacher: the dashboard\n"
	      "  class add [--teacher] NAME KEYFILE | class remove NAME | class list\n"
	      "                           the class's members (docs/classroom.md)\n"
	      "\n"
	      "options for --run:\n"
	      "  --width N                wrap at N columns (default: the terminal, else 80)\n"
	      "  --format text|md|ipynb   plain text (default); Markdown: a student's handout\n"
	      "                           (exercises as tasks, no hints, no solutions); or a\n"
	      "                           Jupyter notebook with the outputs\n"
	      "  --hints                  show the exercises' hints\n"
	      "  --teacher, --solutions   the teacher's handout: hints, solutions and verdicts\n"
	      "  --keep-going             run the cells after a failing one too\n"
	      "  --timeout SECONDS        stop a cell after this much running time\n"
	      "  --ascii                  ASCII plots and borders only\n"
	      "  --color / --no-color     ANSI colour (default: when stdout is a terminal\n"
	      "                           and NO_COLOR is unset)\n"
	      "  --no-times               leave timings out of progress lines\n"
	      "  --frames K[,K...]        show each cell that reached frames as it was at\n"
	      "                           frame K (epoch 5, 50, 200 of one run: --frames 5,50,200)\n"
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
	OPT_TEACHER, OPT_SOLUTIONS, OPT_ANSWERS, OPT_STUDENT, OPT_FRAMES
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
	int named;           /* a member's name was given (not --teacher's default) */
	int argc;            /* the command line, for --teacher's optional name */
	char **argv;
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

/*
** --student NAME or --teacher [NAME] (the teacher's name may follow as
** the next word: a member's name has no '.', a lesson file has).
*/
static int take_member(cli *c, int teacher, const char *name)
{
	if (teacher && !name && optind < c->argc && store_member_ok(c->argv[optind]))
		name = c->argv[optind++];
	if (name)
		c->named = 1;
	if (teacher && !name)
		name = "teacher";
	if (c->a.member && strcmp(c->a.member, name) != 0) {
		fprintf(stderr, "nnbook: one class member at a time (got %s and %s)\n",
		        c->a.member, name);
		return 2;
	}
	if (!store_member_ok(name)) {
		fprintf(stderr, "nnbook: a member's name is 1 to %d letters, digits, - or _ "
		        "(got \"%s\")\n", STORE_MEMBER_MAX, name);
		return 2;
	}
	c->a.member = name;
	c->a.teacher |= teacher;
	return -1;
}

/* Reads --frames' list of frame numbers ("5,50,200"); returns 0, or -1 after a message. */
static int frames_opt(transcript_opts *t, const char *s)
{
	t->nframes = 0;
	for (;;) {
		char *end;
		if (*s < '0' || *s > '9' || t->nframes == TRANSCRIPT_MAX_FRAMES)
			break;
		unsigned long long k = strtoull(s, &end, 10);
		if (k == 0 || (*end && *end != ','))
			break;
		t->frames[t->nframes++] = k;
		if (!*end)
			return 0;
		s = end + 1;
	}
	fprintf(stderr, "nnbook: --frames takes up to %d frame numbers from 1, e.g. --frames 5,50,200\n",
	        TRANSCRIPT_MAX_FRAMES);
	return -1;
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
	case OPT_SOLUTIONS: c->t.teacher = c->t.hints = 1; break;
	case OPT_TEACHER:   /* --run's teacher's handout, or the class's dashboard */
		c->t.teacher = c->t.hints = 1;
		return take_member(c, 1, optarg);
	case OPT_TIMEOUT: c->t.timeout = v; break;
	case OPT_ASCII: c->t.utf8 = 0; c->a.ascii = 1; break;
	case OPT_COLOR: c->t.color = 1; break;
	case OPT_NOCOLOR: c->t.color = 0; break;
	case OPT_NOTIMES: c->t.times = 0; break;
	case OPT_FRAMES:
		if (frames_opt(&c->t, optarg) != 0)
			return 2;
		break;
	case OPT_MEMORY: c->t.mem_limit = c->a.mem_limit = (size_t)v << 20; break;
	case OPT_RESTRICTED: c->a.restricted = 1; break;
	case OPT_STUDENT: return take_member(c, 0, optarg);
	case 'h': usage(stdout); return 0;
	case 'V': printf("nnbook %s\n", NNBOOK_VERSION); return 0;
	default:
		fputs("nnbook --help lists the options\n", stderr);
		return 2;
	}
	return -1;
}

/* What a class member's session may be; returns -1 to go on, or the exit status. */
static int member_rules(cli *c)
{
	/* A student's files are kept apart from the others' only by the data
	** folder: without restricted mode a student could name any path. */
	if (c->a.member && !c->a.teacher && !c->a.restricted) {
		fputs("nnbook: --student goes with --restricted (the class's forced command)\n", stderr);
		return 2;
	}
	/* --run --teacher: the teacher's handout, nobody's session */
	if (c->mode && c->a.teacher && !c->named)
		c->a.member = NULL, c->a.teacher = 0;
	if (c->a.member && c->mode) {
		fprintf(stderr, "nnbook: %s is not for a class member's session\n", mode_name(c->mode));
		return 2;
	}
	return -1;
}

static int has_word(int argc, char **argv, const char *w)
{
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], w) == 0)
			return 1;
	return 0;
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
		{"teacher", optional_argument, NULL, OPT_TEACHER},
		{"solutions", no_argument, NULL, OPT_SOLUTIONS},
		{"timeout", required_argument, NULL, OPT_TIMEOUT},
		{"ascii", no_argument, NULL, OPT_ASCII},
		{"color", no_argument, NULL, OPT_COLOR},
		{"no-color", no_argument, NULL, OPT_NOCOLOR},
		{"no-times", no_argument, NULL, OPT_NOTIMES},
		{"frames", required_argument, NULL, OPT_FRAMES},
		{"memory", required_argument, NULL, OPT_MEMORY},
		{"restricted", no_argument, NULL, OPT_RESTRICTED},
		{"student", required_argument, NULL, OPT_STUDENT},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	setlocale(LC_ALL, "");
	/* `nnbook class …` manages the roster; never from a restricted session */
	if (argc > 1 && strcmp(argv[1], "class") == 0) {
		if (getenv("SSH_ORIGINAL_COMMAND") || has_word(argc, argv, "--restricted")) {
			fputs("nnbook: class commands are for the class account's owner, "
			      "not in restricted mode\n", stderr);
			return 2;
		}
		return classcmd_main(argc - 1, argv + 1);
	}
	cli c = {0};
	c.argc = argc, c.argv = argv;
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
	/* A class's students all run as one account, and the same uid may
	** ptrace a process or read its /proc/PID/mem and environ.  A restricted
	** session is made undumpable, which shuts both; the kernel process,
	** forked from it, inherits that. */
	if (c.a.restricted)
		prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	if ((st = member_rules(&c)) >= 0)
		return st;
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
