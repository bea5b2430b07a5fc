/*
** test_store_kill.c — reliability row 9: kill -9 at random moments during
** many saves leaves the old file or the new one, never a mix, never empty,
** and no growing pile of temp files.
**
** A child saves two different big texts in turn, forever; the parent kills
** it with SIGKILL after its first save and a random delay more (fixed
** seed, so a kill lands anywhere in a later save), 50 times, and after
** each kill the file (and its "~" backup) must be exactly one of the two.
** A kill in the middle of a save leaves that save's temp file behind; the
** next child's first save sweeps it, so the folder never holds more than
** the last child's few, however many kills came before.
*/
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "store.h"
#include "tap.h"

#define ROUNDS 50
#define SIZE_A (1u << 20)
#define SIZE_B (600u << 10)

static char *text_a, *text_b;

/* Returns the file's bytes (malloc'd, length in *n) or NULL. */
static char *slurp(const char *path, size_t *n)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return NULL;
	struct stat s;
	fstat(fd, &s);
	char *buf = malloc((size_t)s.st_size + 1);
	size_t got = 0;
	while (buf && got < (size_t)s.st_size) {
		ssize_t k = read(fd, buf + got, (size_t)s.st_size - got);
		if (k <= 0)
			break;
		got += (size_t)k;
	}
	close(fd);
	*n = got;
	return buf;
}

/* 0: missing, 1: text A, 2: text B, -1: anything else (a mix, empty, short). */
static int which(const char *path)
{
	size_t n = 0;
	char *s = slurp(path, &n);
	int r = !s ? 0 : (n == SIZE_A && memcmp(s, text_a, n) == 0) ? 1
	               : (n == SIZE_B && memcmp(s, text_b, n) == 0) ? 2 : -1;
	free(s);
	return r;
}

static void fill(char *s, size_t n, char tag)
{
	for (size_t i = 0; i < n; i++)
		s[i] = (i % 64 == 63) ? '\n' : (char)(tag + (i / 64) % 20);
}

/* Counts the temp files (".tmp" names) in dir. */
static int count_temps(const char *dir)
{
	DIR *d = opendir(dir);
	int n = 0;
	struct dirent *e;
	while (d && (e = readdir(d))) {
		size_t l = strlen(e->d_name);
		n += l > 4 && strcmp(e->d_name + l - 4, ".tmp") == 0;
	}
	if (d)
		closedir(d);
	return n;
}

/* At most this many temp files after a kill: the killed child's own. */
#define TEMPS_MAX 2

static unsigned long seed = 99;

static unsigned rnd(unsigned n)
{
	seed = seed * 6364136223846793005ul + 1442695040888963407ul;
	return (unsigned)((seed >> 33) % n);
}

/*
** Starts a child that saves to path in a loop (a new session, so its first
** save backs up and sweeps), and kills it with SIGKILL after its first
** save and a random moment more.  Returns 0, or -1 when no pipe.
*/
static int save_and_kill(const char *path, int round)
{
	int done[2];
	fflush(stdout);
	if (pipe(done) != 0)
		return -1;
	pid_t child = fork();
	if (child == 0) {
		/* A byte down the pipe after each save, so the parent kills a child at work. */
		store *cs = store_new(0);
		close(done[0]);
		for (unsigned i = (unsigned)round;; i++)
			if (store_save_file(cs, path, i % 2 ? text_a : text_b,
			                    i % 2 ? SIZE_A : SIZE_B, STORE_BACKUP) == STORE_OK
			    && write(done[1], "s", 1) != 1)
				_exit(1);
	}
	close(done[1]);
	char c;
	if (read(done[0], &c, 1) != 1)
		printf("# round %d: the child saved nothing\n", round);
	struct timespec ts = {0, (long)rnd(40000) * 1000};
	nanosleep(&ts, NULL);
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	close(done[0]);
	return 0;
}

int main(void)
{
	char root[] = "/tmp/nnbook-kill-XXXXXX";
	if (!mkdtemp(root)) {
		printf("Bail out! mkdtemp: %s\n", strerror(errno));
		return 1;
	}
	char path[128], bak[130];
	snprintf(path, sizeof path, "%s/lesson.lua", root);
	snprintf(bak, sizeof bak, "%s~", path);
	text_a = malloc(SIZE_A);
	text_b = malloc(SIZE_B);
	fill(text_a, SIZE_A, 'A');
	fill(text_b, SIZE_B, 'a');

	store *st = store_new(0);
	ok(store_save_file(st, path, text_a, SIZE_A, 0) == STORE_OK, "first save");
	int bad = 0, seen[3] = {0, 0, 0}, bakbad = 0, temps_max = 0, left = 0;
	for (int round = 0; round < ROUNDS; round++) {
		if (save_and_kill(path, round) != 0)
			return 1;
		int w = which(path);
		if (w <= 0) {
			bad++;
			printf("# round %d: the file is %s\n", round, w == 0 ? "missing" : "mixed");
		} else {
			seen[w]++;
		}
		int b = which(bak);
		if (b < 0)
			bakbad++;
		int t = count_temps(root);
		left += t > 0;
		if (t > temps_max)
			temps_max = t;
	}
	ok(bad == 0, "after %d kills the file was always one whole version", ROUNDS);
	ok(seen[1] > 0 && seen[2] > 0, "both versions were seen (A %d, B %d): saves really ran",
	   seen[1], seen[2]);
	ok(bakbad == 0, "the backup was never a mix either");
	ok(left > 0, "kills did leave temp files behind (after %d of %d): the sweep had work",
	   left, ROUNDS);
	ok(temps_max <= TEMPS_MAX, "after %d kills, never more than %d temp files (the most seen: %d)",
	   ROUNDS, TEMPS_MAX, temps_max);
	store_save_file(st, path, text_a, SIZE_A, 0);
	ok(count_temps(root) == 0, "a save after the last kill leaves no temp file at all");

	/* Clean up. */
	char cmd[160];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	if (system(cmd) != 0)
		printf("# cleanup failed\n");
	store_free(st);
	free(text_a);
	free(text_b);
	return tap_done();
}
