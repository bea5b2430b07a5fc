/*
** main.c — the command line: parse options, pick a mode, wire the layers.
**
**   nnbook                      lesson browser
**   nnbook LESSON.lua           open a lesson
**   nnbook --run LESSON.lua     headless transcript
**   nnbook --check LESSON.lua   parse and run, report problems
**   nnbook --new NAME           write a lesson template
*/
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "transcript.h"

static void usage(FILE *f)
{
	fputs("usage: nnbook [options] [LESSON.lua]\n"
	      "\n"
	      "  (no lesson)              open the lesson browser\n"
	      "  LESSON.lua               open a lesson as a notebook\n"
	      "  --run LESSON.lua         run every cell headless and print a transcript;\n"
	      "                           exit 1 if a cell fails, 2 for a bad file\n"
	      "  --check LESSON.lua       parse and run a lesson, report problems (exit 0/1)\n"
	      "  --new NAME               write a new lesson template NAME.lua\n"
	      "  --restricted             shared-server mode: no editor, no shell, writes only\n"
	      "                           to your data directory (on when SSH_ORIGINAL_COMMAND\n"
	      "                           is set)\n"
	      "\n"
	      "options for --run:\n"
	      "  --width N                wrap at N columns (default: the terminal, else 80)\n"
	      "  --format text|md         plain text (default) or Markdown for handouts\n"
	      "  --keep-going             run the cells after a failing one too\n"
	      "  --timeout SECONDS        stop a cell after this much running time\n"
	      "  --ascii                  ASCII plots and borders only\n"
	      "  --color / --no-color     ANSI colour (default: when stdout is a terminal\n"
	      "                           and NO_COLOR is unset)\n"
	      "  --no-times               leave timings out of progress lines\n"
	      "\n"
	      "  --memory MB              memory budget for a lesson (default 256)\n"
	      "  --help, --version\n",
	      f);
}

enum {
	OPT_RUN = 256, OPT_CHECK, OPT_NEW, OPT_WIDTH, OPT_FORMAT, OPT_KEEP, OPT_TIMEOUT,
	OPT_ASCII, OPT_COLOR, OPT_NOCOLOR, OPT_NOTIMES, OPT_MEMORY, OPT_RESTRICTED
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

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"run", required_argument, NULL, OPT_RUN},
		{"check", required_argument, NULL, OPT_CHECK},
		{"new", required_argument, NULL, OPT_NEW},
		{"width", required_argument, NULL, OPT_WIDTH},
		{"format", required_argument, NULL, OPT_FORMAT},
		{"keep-going", no_argument, NULL, OPT_KEEP},
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

	transcript_opts t;
	transcript_defaults(&t);
	app_opts a;
	app_defaults(&a);
	const char *run = NULL, *check = NULL, *newname = NULL;
	int c;
	double v;
	while ((c = getopt_long(argc, argv, "hV", opts, NULL)) != -1) {
		switch (c) {
		case OPT_RUN: run = optarg; break;
		case OPT_CHECK: check = optarg; break;
		case OPT_NEW: newname = optarg; break;
		case OPT_WIDTH:
			if (parse_number(optarg, 10, 1000, &v) != 0) {
				fprintf(stderr, "nnbook: --width takes a number of columns from 10 to 1000\n");
				return 2;
			}
			t.width = (size_t)v;
			break;
		case OPT_FORMAT:
			if (strcmp(optarg, "md") == 0 || strcmp(optarg, "markdown") == 0)
				t.markdown = 1;
			else if (strcmp(optarg, "text") == 0)
				t.markdown = 0;
			else {
				fprintf(stderr, "nnbook: --format is text or md\n");
				return 2;
			}
			break;
		case OPT_KEEP: t.keep_going = 1; break;
		case OPT_TIMEOUT:
			if (parse_number(optarg, 0, 1e6, &v) != 0) {
				fprintf(stderr, "nnbook: --timeout takes a number of seconds\n");
				return 2;
			}
			t.timeout = v;
			break;
		case OPT_ASCII: t.utf8 = 0; a.ascii = 1; break;
		case OPT_COLOR: t.color = 1; break;
		case OPT_NOCOLOR: t.color = 0; break;
		case OPT_NOTIMES: t.times = 0; break;
		case OPT_MEMORY:
			if (parse_number(optarg, 16, 65536, &v) != 0) {
				fprintf(stderr, "nnbook: --memory takes megabytes from 16 to 65536\n");
				return 2;
			}
			t.mem_limit = a.mem_limit = (size_t)v << 20;
			break;
		case OPT_RESTRICTED: a.restricted = 1; break;
		case 'h': usage(stdout); return 0;
		case 'V': printf("nnbook %s\n", NNBOOK_VERSION); return 0;
		default: usage(stderr); return 2;
		}
	}
	/* sshd's ForceCommand sets this: a forced session is always restricted */
	if (getenv("SSH_ORIGINAL_COMMAND"))
		a.restricted = 1;
	t.restricted = a.restricted;
	/* A restricted session opens lessons from the browser only: the bundled
	** ones and the user's own copies.  No path from the command line, so a
	** forced command cannot be bent to read another file. */
	if (a.restricted && (run || check || newname || optind < argc)) {
		fprintf(stderr, "nnbook: in restricted mode lessons are opened from the browser "
		                "(run nnbook --restricted without a file)\n");
		return 2;
	}

	if (run)
		return optind < argc ? (usage(stderr), 2) : transcript_run(run, &t);
	if (check)
		return optind < argc ? (usage(stderr), 2) : transcript_check(check, &t);
	if (newname)
		return optind < argc ? (usage(stderr), 2) : app_new_lesson(newname, &a);
	if (argc - optind > 1) {
		usage(stderr);
		return 2;
	}
	return app_main(optind < argc ? argv[optind] : NULL, &a);
}
