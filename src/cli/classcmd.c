/*
** classcmd.c — `nnbook class`: adding and removing the members of a class
** that shares one account.  Each member is one line of the account's
** ~/.ssh/authorized_keys (roster.c writes it); nothing else is touched.
**
**   nnbook class add [--teacher] NAME KEYFILE
**   nnbook class remove NAME
**   nnbook class list
*/
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "class.h"
#include "classcmd_int.h"

static int usage(void)
{
	fputs("usage: nnbook class add [--teacher] NAME KEYFILE\n"
	      "       nnbook class remove NAME\n"
	      "       nnbook class list\n"
	      "(run as the class account; docs/classroom.md)\n", stderr);
	return 2;
}

/* The account's authorized_keys: $HOME/.ssh (the account's own home). */
static void keys_path(strbuf *out)
{
	const char *home = getenv("HOME");
	sb_addf(out, "%s/.ssh/authorized_keys", home && home[0] == '/' ? home : ".");
}

/* This program's absolute path, for the forced command. */
static int self_path(char *buf, size_t cap)
{
	ssize_t n = readlink("/proc/self/exe", buf, cap - 1);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	return 0;
}

static int cmd_add(store *st, const char *keys, int argc, char **argv)
{
	int role = CLASS_STUDENT, i = 1;
	if (i < argc && strcmp(argv[i], "--teacher") == 0)
		role = CLASS_TEACHER, i++;
	if (argc - i != 2)
		return usage();
	char self[PATH_MAX];
	strbuf key = STRBUF_INIT, err = STRBUF_INIT;
	int rc = 1;
	if (self_path(self, sizeof self) != 0)
		fputs("nnbook: cannot find nnbook's own path\n", stderr);
	else if (store_read_file(st, argv[i + 1], &key) != STORE_OK)
		fprintf(stderr, "nnbook: %s\n", store_error(st));
	else if (class_add(st, keys, self, argv[i], role, sb_str(&key), &err) != 0)
		fprintf(stderr, "nnbook: %s\n", sb_str(&err));
	else {
		printf("added %s %s: ssh %s@<this server> opens nnbook as %s\n",
		       role == CLASS_TEACHER ? "teacher" : "student", argv[i],
		       getenv("USER") ? getenv("USER") : "<class account>", argv[i]);
		rc = 0;
	}
	sb_free(&key);
	sb_free(&err);
	return rc;
}

static int cmd_list(store *st, const char *keys)
{
	strbuf text = STRBUF_INIT;
	int rc = store_read_file(st, keys, &text);
	class_member *ms = NULL;
	size_t n = 0, cap = 0;
	if (rc != STORE_OK && rc != STORE_ENOENT) {
		fprintf(stderr, "nnbook: %s\n", store_error(st));
		sb_free(&text);
		return 1;
	}
	if (class_members(sb_str(&text), &ms, &n, &cap) != 0) {
		fputs("nnbook: out of memory\n", stderr);
		rc = 1;
	} else {
		for (size_t i = 0; i < n; i++) {
			const char *comment = strchr(ms[i].key, ' ');
			comment = comment ? strchr(comment + 1, ' ') : NULL;
			printf("%-8s %-20s %s\n", ms[i].role == CLASS_TEACHER ? "teacher" : "student",
			       ms[i].name, comment ? comment + 1 : "");
		}
		printf("%zu member%s\n", n, n == 1 ? "" : "s");
		rc = 0;
	}
	free(ms);
	sb_free(&text);
	return rc;
}

/* A removed member leaves the dashboard: their status file goes (their own files stay). */
static void forget_status(const char *name)
{
	store *st = store_new(0);
	strbuf dir = STRBUF_INIT;
	if (st && store_member_ok(name) && store_set_member(st, name) == STORE_OK
	    && store_class_folder(st, "status", &dir) == STORE_OK) {
		sb_addf(&dir, "/%s", name);
		if (!dir.failed)
			unlink(dir.s);
	}
	sb_free(&dir);
	store_free(st);
}

int classcmd_main(int argc, char **argv)
{
	if (argc < 2)
		return usage();
	store *st = store_new(0);
	strbuf keys = STRBUF_INIT, err = STRBUF_INIT;
	if (!st)
		return fputs("nnbook: out of memory\n", stderr), 1;
	keys_path(&keys);
	int rc;
	if (strcmp(argv[1], "add") == 0)
		rc = cmd_add(st, sb_str(&keys), argc - 1, argv + 1);
	else if (strcmp(argv[1], "remove") == 0 && argc == 3) {
		rc = class_remove(st, sb_str(&keys), argv[2], &err) == 0 ? 0 : 1;
		if (rc)
			fprintf(stderr, "nnbook: %s\n", sb_str(&err));
		else {
			forget_status(argv[2]);
			printf("removed %s: their key no longer logs in (their files stay)\n", argv[2]);
		}
	} else if (strcmp(argv[1], "list") == 0 && argc == 2)
		rc = cmd_list(st, sb_str(&keys));
	else
		rc = usage();
	sb_free(&keys);
	sb_free(&err);
	store_free(st);
	return rc;
}
