/*
** watch.c — waking the dashboard and the students' notebooks when a
** status file or the teacher's position changes.  inotify on the two
** folders: a save renames its temp file into place (IN_MOVED_TO), and a
** reader only learns which folder changed, then re-reads it, so a missed
** or merged event costs nothing but a re-read.  No timer: an idle class
** costs no CPU.
*/
#include <stdlib.h>
#include <sys/inotify.h>
#include <unistd.h>

#include "class.h"

struct class_watch {
	int fd;
	int wd_status, wd_follow;
};

class_watch *class_watch_open(store *st)
{
	strbuf status = STRBUF_INIT, follow = STRBUF_INIT;
	class_watch *w = NULL;
	if (store_class_folder(st, "status", &status) == STORE_OK
	    && store_class_folder(st, "follow", &follow) == STORE_OK
	    && (w = calloc(1, sizeof *w)) != NULL) {
		uint32_t ev = IN_MOVED_TO | IN_CLOSE_WRITE | IN_DELETE;
		w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
		w->wd_status = w->fd < 0 ? -1 : inotify_add_watch(w->fd, status.s, ev);
		w->wd_follow = w->fd < 0 ? -1 : inotify_add_watch(w->fd, follow.s, ev);
		if (w->wd_status < 0 || w->wd_follow < 0) {
			class_watch_close(w);
			w = NULL;
		}
	}
	sb_free(&status);
	sb_free(&follow);
	return w;
}

void class_watch_close(class_watch *w)
{
	if (!w)
		return;
	if (w->fd >= 0)
		close(w->fd);
	free(w);
}

int class_watch_fd(const class_watch *w)
{
	return w ? w->fd : -1;
}

int class_watch_drain(class_watch *w)
{
	if (!w)
		return 0;
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	int seen = 0;
	ssize_t r;
	while ((r = read(w->fd, buf, sizeof buf)) > 0) {
		for (char *p = buf; p < buf + r; ) {
			const struct inotify_event *e = (const struct inotify_event *)(void *)p;
			if (e->wd == w->wd_status)
				seen |= CLASS_SEEN_STATUS;
			else if (e->wd == w->wd_follow)
				seen |= CLASS_SEEN_TEACHER;
			else if (e->mask & IN_Q_OVERFLOW)
				seen |= CLASS_SEEN_STATUS | CLASS_SEEN_TEACHER;
			p += sizeof *e + e->len;
		}
	}
	return seen;
}
