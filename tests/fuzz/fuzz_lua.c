/*
** fuzz_lua.c — arbitrary source run as a cell in the real sandbox, with the
** real hook and allocator limits: a 32 MiB budget and a 0.2 s time limit.
** Whatever the source does, the kernel must come back (done or an error
** block) and the next cell must still run.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "block.h"
#include "kernel.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static kernel *k;
	static unsigned runs;
	char err[128];
	if (!k || ++runs % 64 == 0) { /* a fresh state now and then: globals pile up */
		kernel_free(k);
		kernel_opts o = {32u << 20, 0.2, NULL, 0.02, NULL, NULL, NULL, NULL};
		k = kernel_new(&o, err, sizeof err);
		if (!k)
			abort();
	}
	blocklist bl = BLOCKLIST_INIT;
	kernel_event ev = kernel_start(k, (const char *)data, size, "fuzz.lua", 1, &bl);
	while (ev == KERNEL_SLICE || ev == KERNEL_FRAME)
		ev = kernel_resume(k);
	if (ev != KERNEL_DONE && ev != KERNEL_ERROR && ev != KERNEL_IDLE)
		abort();
	blocklist_clear(&bl);
	if (kernel_run_all(k, "local x = 1", 11, "after.lua", 1, &bl) != KERNEL_DONE)
		abort(); /* the state must survive anything */
	blocklist_clear(&bl);
	return 0;
}
