/*
** store.c — the store itself, its directories, names and paths.  The
** atomic write every save goes through is in store_write.c; lessons,
** recovery and locks in store_lesson.c; progress in store_progress.c.
*/
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store_int.h"

int store__fail(store *st, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(st->err, sizeof st->err, fmt, ap);
	va_end(ap);
	return code;
}

int store__fail_errno(store *st, const char *what, const char *path)
{
	int e = errno;
	store__fail(st, 0, "cannot %s %s: %s", what, path, strerror(e));
	errno = e;
	return e == ENOENT ? STORE_ENOENT : STORE_EIO;
}

int store__sb_status(store *st, const strbuf *sb)
{
	if (sb->failed)
		return store__fail(st, STORE_ENOMEM, "out of memory");
	return STORE_OK;
}

/*
** The home directory: $HOME when allowed and absolute, else the password
** database.  Restricted mode never looks at the environment, so a student
** who can set variables (e.g. through ssh's SendEnv) cannot redirect writes.
*/
static const char *home_dir(int restricted)
{
	const char *h = restricted ? NULL : getenv("HOME");
	if (h && h[0] == '/')
		return h;
	struct passwd *pw = getpwuid(getuid());
	if (pw && pw->pw_dir && pw->pw_dir[0] == '/')
		return pw->pw_dir;
	return NULL;
}

/* Returns "<$var or home/fallback>/nnbook" (malloc'd, "" when no home), NULL on OOM. */
static char *base_dir(int restricted, const char *var, const char *fallback)
{
	strbuf sb = STRBUF_INIT;
	const char *x = restricted ? NULL : getenv(var);
	if (x && x[0] == '/') {
		sb_adds(&sb, x);
	} else {
		const char *home = home_dir(restricted);
		if (!home)
			return strdup("");
		sb_adds(&sb, home);
		sb_adds(&sb, fallback);
	}
	while (sb.len > 1 && sb.s[sb.len - 1] == '/')
		sb.s[--sb.len] = '\0';
	sb_adds(&sb, "/nnbook");
	return sb_take(&sb);
}

store *store_new(int restricted)
{
	store *st = calloc(1, sizeof *st);
	if (!st)
		return NULL;
	st->restricted = restricted != 0;
	st->data = base_dir(st->restricted, "XDG_DATA_HOME", "/.local/share");
	st->state = base_dir(st->restricted, "XDG_STATE_HOME", "/.local/state");
	if (!st->data || !st->state) {
		store_free(st);
		return NULL;
	}
	return st;
}

void store_free(store *st)
{
	if (!st)
		return;
	while (st->locks)
		store_lock_release(st->locks);
	for (size_t i = 0; i < st->nbacked; i++)
		free(st->backed[i]);
	free(st->backed);
	free(st->data);
	free(st->state);
	free(st->class_dir);
	free(st);
}

int store_member_ok(const char *name)
{
	size_t n = name ? strlen(name) : 0;
	if (n == 0 || n > STORE_MEMBER_MAX || name[0] == '-')
		return 0;   /* "-x" would read as an option */
	for (size_t i = 0; i < n; i++) {
		char c = name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
		      || c == '-' || c == '_'))
			return 0;
	}
	return 1;
}

/* Returns "<dir>/students/<name>" (malloc'd; "" stays ""), NULL on OOM. */
static char *member_dir(const char *dir, const char *name)
{
	strbuf sb = STRBUF_INIT;
	if (dir[0])
		sb_addf(&sb, "%s/students/%s", dir, name);
	else
		sb_adds(&sb, "");
	return sb_take(&sb);
}

int store_set_member(store *st, const char *name)
{
	if (!st || !store_member_ok(name) || st->class_dir)
		return STORE_EARG;
	char *cls = NULL, *data = NULL, *state = NULL;
	strbuf sb = STRBUF_INIT;
	if (st->data[0])
		sb_addf(&sb, "%s/class", st->data);
	else
		sb_adds(&sb, "");
	cls = sb_take(&sb);
	data = member_dir(st->data, name);
	state = member_dir(st->state, name);
	if (!cls || !data || !state) {
		free(cls), free(data), free(state);
		return STORE_ENOMEM;
	}
	free(st->data), free(st->state);
	st->data = data, st->state = state, st->class_dir = cls;
	return STORE_OK;
}

const char *store_class_dir(const store *st)
{
	return st->class_dir ? st->class_dir : "";
}

int store_restricted(const store *st)
{
	return st->restricted;
}

const char *store_data_dir(const store *st)
{
	return st->data;
}

const char *store_state_dir(const store *st)
{
	return st->state;
}

const char *store_error(const store *st)
{
	return st->err;
}

const char *store_warning(const store *st)
{
	return st->warn;
}

int store_name_ok(const char *name)
{
	if (!name || !name[0] || name[0] == '.' || strstr(name, ".."))
		return 0;
	size_t n = strlen(name);
	if (n > STORE_NAME_MAX)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)name[i];
		if (c == '/' || c < 0x20 || c == 0x7f)
			return 0;
	}
	return 1;
}

/* Finds the base name of path: start in *b, length (without a trailing "/") returned. */
size_t store__base_of(const char *path, const char **b)
{
	size_t n = strlen(path);
	while (n > 1 && path[n - 1] == '/')
		n--;
	size_t i = n;
	while (i > 0 && path[i - 1] != '/')
		i--;
	*b = path + i;
	return n - i;
}

int store_lesson_name(const char *path, strbuf *out)
{
	if (!path || !out)
		return STORE_EARG;
	const char *b;
	size_t n = store__base_of(path, &b);
	if (n > 4 && memcmp(b + n - 4, ".lua", 4) == 0)
		n -= 4;
	char tmp[STORE_NAME_MAX + 1];
	if (n == 0 || n > STORE_NAME_MAX)
		return STORE_EARG;
	memcpy(tmp, b, n);
	tmp[n] = '\0';
	if (!store_name_ok(tmp))
		return STORE_EARG;
	sb_addn(out, tmp, n);
	return out->failed ? STORE_ENOMEM : STORE_OK;
}

/*
** Recovery files must exist for any lesson, whatever its file is called:
** characters store_name_ok refuses become '_' (the hash keeps names apart).
*/
void store__safe_name(const char *path, strbuf *out)
{
	const char *b;
	size_t n = store__base_of(path, &b);
	if (n > 4 && memcmp(b + n - 4, ".lua", 4) == 0)
		n -= 4;
	if (n > STORE_NAME_MAX)
		n = STORE_NAME_MAX;
	/* do not cut a UTF-8 sequence */
	while (n > 0 && n < strlen(b) && ((unsigned char)b[n] & 0xC0) == 0x80)
		n--;
	if (n == 0) {
		sb_adds(out, "lesson");
		return;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)b[i];
		int bad = c == '/' || c < 0x20 || c == 0x7f || (i == 0 && c == '.')
		          || (c == '.' && i > 0 && b[i - 1] == '.');
		sb_addc(out, bad ? '_' : (char)c);
	}
}

void store__hash_hex(const char *s, char out[17])
{
	uint64_t h = 0xcbf29ce484222325u;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3u;
	}
	static const char hex[] = "0123456789abcdef";
	for (int i = 15; i >= 0; i--) {
		out[i] = hex[h & 15];
		h >>= 4;
	}
	out[16] = '\0';
}

char *store__realpath(const char *path)
{
	char *r = realpath(path, NULL);
	if (r || errno != ENOENT)
		return r;
	/* A file not written yet: resolve its directory and keep the name. */
	const char *b;
	size_t n = store__base_of(path, &b);
	if (n == 0)
		return NULL;
	strbuf dir = STRBUF_INIT;
	sb_addn(&dir, path, (size_t)(b - path));
	if (dir.len == 0)
		sb_addc(&dir, '.');
	int failed = dir.failed;
	char *d = failed ? NULL : realpath(dir.s, NULL);
	int e = failed ? ENOMEM : errno;
	sb_free(&dir);
	if (!d) {
		errno = e;
		return NULL;
	}
	strbuf sb = STRBUF_INIT;
	sb_adds(&sb, d);
	if (strcmp(d, "/") != 0)
		sb_addc(&sb, '/');
	sb_addn(&sb, b, n);
	free(d);
	if (sb.failed) {
		sb_free(&sb);
		errno = ENOMEM;
		return NULL;
	}
	return sb_take(&sb);
}

/* mkdir -p with mode 0700 for every directory it creates. */
static int mkdirs(const char *path)
{
	char buf[PATH_MAX];
	size_t n = strlen(path);
	if (n == 0 || n >= sizeof buf) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(buf, path, n + 1);
	for (size_t i = 1; i <= n; i++) {
		if (buf[i] != '/' && buf[i] != '\0')
			continue;
		char c = buf[i];
		buf[i] = '\0';
		if (mkdir(buf, 0700) != 0 && errno != EEXIST)
			return -1;
		buf[i] = c;
	}
	return 0;
}

int store__opendir(store *st, const char *base, const char *sub, int *fd, strbuf *disp)
{
	*fd = -1;
	if (!base[0])
		return store__fail(st, STORE_EIO, "no home directory for nnbook's files");
	if (disp) {
		sb_adds(disp, base);
		if (sub) {
			sb_addc(disp, '/');
			sb_adds(disp, sub);
		}
	}
	if (mkdirs(base) != 0) {
		store__fail_errno(st, "create", base);
		return STORE_EIO;
	}
	int bfd = open(base, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (bfd < 0)
		return store__fail_errno(st, "open", base);
	if (!sub) {
		*fd = bfd;
		return STORE_OK;
	}
	if (mkdirat(bfd, sub, 0700) != 0 && errno != EEXIST) {
		int e = errno;
		close(bfd);
		errno = e;
		store__fail_errno(st, "create", disp ? sb_str(disp) : sub);
		return STORE_EIO;
	}
	*fd = openat(bfd, sub, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	int e = errno;
	close(bfd);
	if (*fd < 0) {
		errno = e;
		store__fail_errno(st, "open", disp ? sb_str(disp) : sub);
		return STORE_EIO;
	}
	return STORE_OK;
}

/* Releases one lock and takes it off the store's list (store_free releases them all). */
void store_lock_release(store_lock *lk)
{
	if (!lk)
		return;
	for (store_lock **p = &lk->st->locks; *p; p = &(*p)->next)
		if (*p == lk) {
			*p = lk->next;
			break;
		}
	/* Emptied while still held, so the next holder's pid is never wiped. */
	if (ftruncate(lk->fd, 0) != 0) {
		/* harmless: a stale pid only shows in a message */
	}
	close(lk->fd);
	free(lk);
}
