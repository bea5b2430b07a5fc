/*
** datasets.h — scikit-learn's toy data sets and splits, in its draw order.
**
** Outputs are written into caller-provided arrays of the documented shape,
** so the binding can allocate them where Lua's collector sees them.
*/
#ifndef NNBOOK_DATASETS_H
#define NNBOOK_DATASETS_H

#include <stddef.h>

#include "matrix.h"
#include "rng.h"

/*
** sklearn.datasets.make_circles(n, shuffle=True, noise, factor): X is
** n x 2, y has n elements (0 outer, 1 inner, isint).  `r` is the
** generator (the global one for random_state=None, or a fresh seeded one).
** noise < 0 means no noise (sklearn's None).  Returns MAT_EARG when
** factor is not in [0, 1) or n < 1, MAT_ECANCEL when cancel_check()
** stopped it (make_blobs too: both ask about once a millisecond).
*/
int ds_make_circles(rng *r, size_t n, double noise, double factor, mat *X, mat *y);

/*
** sklearn.datasets.make_blobs with `centers` (k x d), one cluster_std for
** all, shuffle=True: X is n x d, y has n labels 0..k-1 (isint).  Samples
** are spread over the centres as scikit-learn does (n/k each, the first
** n%k get one more).
*/
int ds_make_blobs(rng *r, size_t n, const mat *centers, double std, mat *X, mat *y);

/*
** make_blobs with an integer `centers` = k: fills the caller's k x d
** `centers` with uniform(lo, hi) draws, row-major (scikit-learn's
** center_box, (-10, 10) by default), before ds_make_blobs uses them from
** the same generator.  Returns MAT_EARG when lo > hi.
*/
int ds_blob_centers(rng *r, mat *centers, double lo, double hi);

/* Returns ceil(test_size * n) clamped to [0, n], or test_size itself when >= 1. */
size_t ds_split_ntest(size_t n, double test_size);

/*
** sklearn.model_selection.train_test_split's row order: perm is filled
** with permutation(n) from a generator seeded `seed` (when seed >= 0;
** else from r); the first n_test entries index the test rows, the rest
** the training rows.
*/
void ds_split_perm(rng *r, long seed, size_t n, size_t *perm);

#endif
