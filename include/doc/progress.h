/*
** progress.h — Keras-style training progress:
**
**   Epoch 3/100
**   57/57 [==============================] - 0s 2ms/step - loss: 2.9530 - val_loss: 2.8550
**
** The model holds where training is (epoch, step, seconds) and the latest
** metrics; the renderer draws it at any width (the bar shrinks from
** Keras' 30 columns, then metrics wrap).  Values print as Keras prints
** them: %.4f, or %.4e when |v| <= 1e-3.  Reference counted and versioned
** like tables and figures; charged to the lesson's budget.
*/
#ifndef NNBOOK_PROGRESS_H
#define NNBOOK_PROGRESS_H

#include <stddef.h>

#include "strbuf.h"
#include "styled.h"
#include "wire.h"

typedef struct progress progress;

enum { PROGRESS_OK = 0, PROGRESS_ENOMEM, PROGRESS_EARG };

/* At most this many metrics (names up to 63 bytes). */
#define PROGRESS_MAX_METRICS 16

/* Returns a new progress for `epochs` epochs (0: unknown) holding one reference, or NULL. */
progress *progress_new(size_t epochs);

/* Adds a reference. */
void progress_ref(progress *p);

/* Drops a reference; the last one frees it.  NULL is a no-op. */
void progress_unref(progress *p);

/* Returns a counter that grows with every change. */
unsigned long progress_version(const progress *p);

/* Returns the number of references held. */
int progress_refs(const progress *p);

/* Sets the current epoch (1-based; 0: none yet) and the total (0: unknown). */
void progress_set_epoch(progress *p, size_t epoch, size_t epochs);

/*
** Sets the step within the epoch (step of steps; steps 0: no bar) and the
** seconds the epoch has taken so far.  step == steps means the epoch is done.
*/
void progress_set_step(progress *p, size_t step, size_t steps, double seconds);

/*
** Sets metric `name` to value, adding it after the others when new.
** Returns PROGRESS_OK, PROGRESS_EARG (NULL or empty name, too many
** metrics) or PROGRESS_ENOMEM.
*/
int progress_set_metric(progress *p, const char *name, double value);

/* Removes every metric. */
void progress_clear_metrics(progress *p);

/* Appends a metric value as Keras prints it: %.4f, or %.4e when |v| <= 1e-3. */
void progress_format_value(strbuf *sb, double v);

/*
** Appends the "Epoch e/E" line and the bar line, fitted to width.  `times`
** 0 leaves out the timings (for transcripts that must not vary); `utf8` 0
** keeps the output ASCII; `color` 0 drops colours.
*/
void progress_render(const progress *p, size_t width, int utf8, int color, int times,
                     st_text *out);

/*
** The protocol (wire.h): progress_encode appends the whole state and sets
** *cursor; progress_decode replaces *p's state with a message's (making it
** when *p is NULL).  Return PROGRESS_OK, PROGRESS_EARG (malformed) or
** PROGRESS_ENOMEM.
*/
int progress_encode(const progress *p, unsigned long *cursor, strbuf *sb);
int progress_decode(progress **p, wire_rd *r);

#endif
