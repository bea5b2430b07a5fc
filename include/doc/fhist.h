/*
** fhist.h — a cell's frame history: what its outputs showed at each
** frame(), so a finished (or paused) training cell can be stepped back
** through, and `--run --frames K` can print a cell as it was at frame K.
**
** The front end records the cell's block list each time the kernel
** reaches a frame.  A record is small: how many blocks there were, how
** long the last printed text was, each table's row count, and for each
** figure, diagram or progress line its encoding (protocol bytes, block.h)
** — shared with the record before when the object did not change, so a
** scatter that never moves is stored once.  Records live under a cap:
** past it the history is thinned evenly (every other record goes, and
** from then on only every 2nd, 4th, ... frame is kept), never the newest
** record, so the end of training is always there.  What it keeps is
** charged to the memory budget (mem.h), in the front end the cap on what
** a lesson may make it hold.
*/
#ifndef NNBOOK_FHIST_H
#define NNBOOK_FHIST_H

#include <stddef.h>
#include <stdint.h>

#include "block.h"

typedef struct fhist fhist;

enum { FHIST_OK = 0, FHIST_ENOMEM };

/* The cap of one cell's history when the lesson's budget allows it. */
#define FHIST_CAP ((size_t)8 << 20)

/* Returns a cell's cap for a lesson budget of `budget` bytes (0: unlimited):
** FHIST_CAP, or a 32nd of a small budget. */
size_t fhist_cap_for(size_t budget);

/* Returns an empty history that keeps at most about `cap` bytes, or NULL. */
fhist *fhist_new(size_t cap);

/* Frees h and everything it keeps; NULL is a no-op. */
void fhist_free(fhist *h);

/*
** Records what bl shows at the kernel's frame number `frame` (frames grow;
** recording the same number again replaces that record).  Thins the
** history when it goes over its cap.  Returns FHIST_OK, or FHIST_ENOMEM
** (the budget said no even after thinning: this frame is not kept).
*/
int fhist_record(fhist *h, const blocklist *bl, uint64_t frame);

/* Returns the number of records kept. */
size_t fhist_count(const fhist *h);

/* Returns the kernel's frame number of record i (0 when out of range). */
uint64_t fhist_frame(const fhist *h, size_t i);

/* Returns the index of the last record at or before `frame` (0 when none is). */
size_t fhist_find(const fhist *h, uint64_t frame);

/* Returns the bytes the records keep, and how many records thinning let go. */
size_t fhist_bytes(const fhist *h);
size_t fhist_thinned(const fhist *h);

/*
** Fills out (cleared first) with the blocks as record i shows them, made
** from `live`, the list the record was taken from (it only grows while
** the cell runs): the blocks that existed then, the last text as long as
** it was, each table cut to its rows of then, each figure, diagram and
** progress line as it was.  out's objects are its own.  Returns FHIST_OK,
** or FHIST_ENOMEM (out then holds what fitted).
*/
int fhist_show(const fhist *h, size_t i, const blocklist *live, blocklist *out);

#endif
