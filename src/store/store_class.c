/*
** store_class.c — the class folder members of one account share: status
** files written atomically (a reader never sees half of one), allowed in
** restricted mode because the folder is the store's own.
*/
#include <unistd.h>

#include "store_int.h"

static int class_base(store *st)
{
	if (!st->class_dir || !st->class_dir[0])
		return store__fail(st, STORE_EARG, "not a member of a class");
	return STORE_OK;
}

int store_class_folder(store *st, const char *sub, strbuf *path)
{
	if (!st || !sub || !store_name_ok(sub))
		return STORE_EARG;
	int rc = class_base(st), fd = -1;
	if (rc == STORE_OK)
		rc = store__opendir(st, st->class_dir, sub, &fd, path);
	if (fd >= 0)
		close(fd);
	return rc;
}

int store_save_class(store *st, const char *sub, const char *name, const char *data, size_t len)
{
	if (!st || !sub || !name || (!data && len) || !store_name_ok(sub) || !store_name_ok(name))
		return STORE_EARG;
	int rc = class_base(st), fd = -1;
	strbuf dir = STRBUF_INIT;
	if (rc == STORE_OK)
		rc = store__opendir(st, st->class_dir, sub, &fd, &dir);
	if (rc == STORE_OK)
		rc = store__write_at(st, fd, sb_str(&dir), name, data, len, 0600, 0);
	if (fd >= 0)
		close(fd);
	sb_free(&dir);
	return rc;
}
