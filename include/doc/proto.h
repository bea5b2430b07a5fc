/*
** proto.h — the messages between the front end and its kernel process.
**
** Every message is a frame: the bytes "NB", the protocol version, the
** message type, the payload's length (u32, little-endian), the payload.
** Payload fields are wire.h values.  The front end (the UI, or the --run
** driver) sends runs, frame steps, interrupts and module sources; the
** kernel sends outputs as data — a figure's series, a table's new rows,
** text as it is printed — never pre-drawn characters, so the front end
** renders them at any size while the kernel is busy.
**
**   front end -> kernel
**     RUN        u32 tag, u32 first line, u8 flags, str chunk name, str source
**     GO         u32 tag                  (go on from a frame)
**     INTERRUPT                            (stop the running cell)
**     MODULE     u8 found, str chunk name, str source (or why not)
**   kernel -> front end
**     HELLO      u32 version, u32 pid, u8 wall, str note
**     OBJECT     u32 id, u8 block kind, the kind's encoding (block_obj_ops)
**     FORGET     u32 id                   (the kernel let the object go)
**     BLOCK      u32 tag, u32 index, u8 kind, u8 passed, u64 dropped, str text,
**                str detail, str extra, u32 object id (0: none)
**     TEXT       u32 tag, u32 index, u8 replace, u64 dropped lines, str text
**     FRAME      u32 tag, u64 frames
**     REQUIRE    str module name
**     DONE       u32 tag, u8 failed, u64 frames
**
** Objects (tables, figures, ...) live in the kernel and may change after
** the cell that showed them ended (a later cell moves a figure's line), so
** they are addressed by id across runs; blocks belong to one run, the one
** `tag` names.  An object is sent before the first block that shows it.
**
** The front end trusts nothing it receives: frames are length-checked,
** fields bounds-checked, kinds and indices checked against what it holds,
** and a message that breaks any rule ends the kernel (proto_mirror_apply
** says PROTO_EBAD).  What the mirror keeps is charged to the front end's
** memory budget (mem.h), so a flood stops at a fixed cap: the message that
** does not fit gets PROTO_ENOMEM, once; after it the run's further blocks
** and text are dropped, and an object whose update did not fit stays as
** it was (its later updates are ignored), so the mirror never goes out of
** step with the kernel and nothing needs to be killed.
*/
#ifndef NNBOOK_PROTO_H
#define NNBOOK_PROTO_H

#include <stddef.h>
#include <stdint.h>

#include "block.h"
#include "strbuf.h"

#define PROTO_VERSION 1
#define PROTO_HEADER 8
#define PROTO_MAX_PAYLOAD ((size_t)256 << 20)

enum proto_type {
	P_RUN = 1, P_GO, P_INTERRUPT, P_MODULE,
	P_HELLO = 32, P_OBJECT, P_FORGET, P_BLOCK, P_TEXT, P_FRAME, P_REQUIRE, P_DONE
};

/* RUN flags. */
#define PROTO_RUN_WAIT 1   /* wait at each frame() for GO (the notebook); else run on */
#define PROTO_RUN_LIVE 2   /* send outputs every time slice; else when the cell ends */

/* Statuses. */
enum { PROTO_OK = 0, PROTO_EBAD, PROTO_ENOMEM };

/* Appends a frame header of `type` to sb; *at remembers it for proto_end. */
void proto_begin(strbuf *sb, int type, size_t *at);

/* Fills in the length of the frame begun at `at` (sb->failed when too long). */
void proto_end(strbuf *sb, size_t at);

/* Appends a whole message with no payload. */
void proto_empty(strbuf *sb, int type);

/*
** Looks at the n bytes at buf: returns 1 when they start with a whole
** frame (its type and payload length in *type, *len), 0 when more bytes
** are needed, -1 when the header is not one of ours (bad magic, version,
** type, or a length over PROTO_MAX_PAYLOAD).
*/
int proto_frame(const unsigned char *buf, size_t n, int *type, size_t *len);

/* --- the kernel's side: the outbox ------------------------------------------ */

typedef struct proto_out proto_out;

/* Returns a new outbox, or NULL; free with proto_out_free (drops its references). */
proto_out *proto_out_new(void);
void proto_out_free(proto_out *o);

/* A new run: its blocks are numbered from 0 again. */
void proto_out_run(proto_out *o, uint32_t tag);

/*
** Appends to sb the messages that bring the front end up to date: objects
** first seen in bl or changed since they were last sent, the run's new
** blocks and text, and FORGET for objects nothing but the outbox holds.
** Returns PROTO_OK, or PROTO_ENOMEM (sb->failed).
*/
int proto_out_sync(proto_out *o, const blocklist *bl, strbuf *sb);

/*
** Lets go of the objects nothing but the outbox holds (they can never
** change again), appending a FORGET for each to sb.  Safe at any moment:
** the kernel calls it when memory runs short, after Lua's collector.
*/
void proto_out_collect(proto_out *o, strbuf *sb);

/* --- the front end's side: the mirror ---------------------------------------- */

typedef struct proto_mirror proto_mirror;

/* What a message asks of the front end beyond updating outputs. */
typedef struct proto_event {
	int type;              /* the message type */
	uint32_t tag;          /* FRAME, DONE */
	uint64_t frames;       /* FRAME, DONE */
	int failed;            /* DONE: the cell failed */
	uint32_t version, pid; /* HELLO */
	int wall;              /* HELLO: 1 when the OS wall (seccomp) is up */
	char text[256];        /* HELLO: a note; REQUIRE: the module name */
} proto_event;

/* Returns a new, empty mirror, or NULL; free with proto_mirror_free. */
proto_mirror *proto_mirror_new(void);
void proto_mirror_free(proto_mirror *m);

/* Forgets every object (a new kernel starts from nothing); blocks keep theirs. */
void proto_mirror_clear(proto_mirror *m);

/* A new run: its outputs are taken again after the last run's stopped fitting. */
void proto_mirror_run(proto_mirror *m);

/* Drops the rest of this run's blocks and text (the front end ended its output). */
void proto_mirror_drop(proto_mirror *m);

/*
** Applies one message (its type and payload) from the kernel.  Blocks and
** text go to `out` when the message's tag is `tag` (the running cell); a
** block or text message for another tag, or when out is NULL, breaks the
** protocol.  Fills *ev.  Returns PROTO_OK, PROTO_EBAD (the message broke a
** rule: stop trusting the kernel) or PROTO_ENOMEM (over the budget).
*/
int proto_mirror_apply(proto_mirror *m, int type, const void *payload, size_t n,
                       uint32_t tag, blocklist *out, proto_event *ev);

/* Returns the number of objects the mirror holds. */
size_t proto_mirror_objects(const proto_mirror *m);

#endif
