/*
** fuzz_proto.c — the front end's side of the kernel protocol on arbitrary
** bytes, as a broken or hostile kernel might send them.  The bytes are cut
** into frames and applied to a mirror until one is refused; whatever the
** mirror accepted must then draw at two widths without a fault, and every
** byte it charged must come back when it is freed.  The memory budget is
** small, so a message claiming a huge count meets the cap, not the machine.
*/
#include <stdint.h>
#include <stdlib.h>

#include "mem.h"
#include "proto.h"
#include "render.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	proto_mirror *m = proto_mirror_new();
	blocklist out = BLOCKLIST_INIT;
	size_t used = mem_used(), off = 0;
	if (!m)
		return 0;
	mem_set_limit(used + ((size_t)8 << 20));
	for (;;) {
		int type;
		size_t len;
		if (proto_frame(data + off, size - off, &type, &len) != 1)
			break;
		proto_event ev;
		int rc = proto_mirror_apply(m, type, data + off + PROTO_HEADER, len, 7, &out, &ev);
		off += PROTO_HEADER + len;
		if (rc != PROTO_OK)
			break;
	}
	for (size_t w = 20; w <= 120; w += 100) {
		render_opts ro;
		render_defaults(&ro, w);
		st_text t = ST_TEXT_INIT;
		render_blocks(&out, &ro, &t);
		st_free(&t);
	}
	blocklist_clear(&out);
	proto_mirror_free(m);
	mem_set_limit(0);
	if (mem_used() != used)
		abort();   /* the mirror must give back all it charged */
	return 0;
}
