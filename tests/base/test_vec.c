/*
** test_vec.c — arrays grow by doubling, keep their items, fail cleanly
** (the array untouched) past the budget or on overflow, and charge the
** budget only when asked to.
*/
#include <stdint.h>
#include <stdlib.h>

#include "mem.h"
#include "tap.h"
#include "vec.h"

int main(void)
{
	int *a = NULL;
	size_t cap = 0, grows = 0, last = 0;
	for (int i = 0; i < 1000; i++) {
		if (vec_grow(&a, &cap, (size_t)i + 1, sizeof *a, VEC_PLAIN) != 0)
			break;
		if (cap != last)
			grows++, last = cap;
		a[i] = i * i;
	}
	int same = 1;
	for (int i = 0; i < 1000; i++)
		same &= a[i] == i * i;
	ok(same && cap >= 1000, "1000 appends keep every item (capacity %zu)", cap);
	ok(grows <= 8, "and the array grew only %zu times (doubling from 8)", grows);
	ok(vec_grow(&a, &cap, SIZE_MAX / 2, sizeof *a, VEC_PLAIN) == -1 && a[999] == 999 * 999,
	   "a size that overflows fails and leaves the array as it was");
	vec_free(a, VEC_PLAIN);

	double *d = NULL;
	size_t dcap = 0;
	mem_set_limit(64 * 1024);
	int rc = vec_grow(&d, &dcap, 100, sizeof *d, VEC_CHARGED);
	size_t used = mem_used();
	ok(rc == 0 && used >= 100 * sizeof *d, "a charged array is charged to the budget (%zu bytes)", used);
	d[99] = 1.5;
	ok(vec_grow(&d, &dcap, 100000, sizeof *d, VEC_CHARGED) == -1 && d[99] == 1.5 && dcap < 100000,
	   "past the budget it fails, the array untouched");
	vec_free(d, VEC_CHARGED);
	ok(mem_used() == 0, "and freeing it gives the budget back");
	char *c = NULL;
	size_t ccap = 0;
	rc = vec_grow(&c, &ccap, 1000, 1, VEC_COUNTED);
	ok(rc == 0 && mem_used() == ccap, "a counted array charges exactly its capacity (%zu)", ccap);
	ok(vec_grow(&c, &ccap, 100000, 1, VEC_COUNTED) == -1 && mem_used() == ccap,
	   "and past the budget it fails with nothing more charged");
	free(c);
	mem_charge(ccap, 0);
	mem_set_limit(0);
	return tap_done();
}
