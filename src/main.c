/*
** main.c — command line, signals and wiring (filled in as the layers land).
*/
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--version") == 0) {
		printf("nnbook %s\n", NNBOOK_VERSION);
		return 0;
	}
	fprintf(stderr, "usage: nnbook [--run] LESSON.lua\n");
	return 2;
}
