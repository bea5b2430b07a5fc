/*
** classcmd_int.h — `nnbook class add|remove|list`: the members of a class
** that shares this account (docs/classroom.md).
*/
#ifndef NNBOOK_CLASSCMD_H
#define NNBOOK_CLASSCMD_H

/*
** Runs `nnbook class ARGS…` (argv[0] is "class").  Never in restricted
** mode (main refuses it there).  Returns the exit status: 0, 1 when the
** roster refused (a message on stderr), 2 for a bad command line.
*/
int classcmd_main(int argc, char **argv);

#endif
