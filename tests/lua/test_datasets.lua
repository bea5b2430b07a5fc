-- test_datasets.lua — scikit-learn's data sets and split order.
local T = require "tap"

nn.random.seed(0)
local X, y = nn.datasets.make_circles{n_samples = 1000, noise = 0.4, factor = 0.9}
T.is(X.shape[1], 1000, "1000 samples")
T.is(X.shape[2], 2, "2 features")
T.is(tostring(y:slice(1, 10)), "[1 1 0 1 1 1 0 0 0 1]", "labels in scikit-learn's shuffled order")
T.near(X:get(1, 1), 1.0702349925640804, 1e-12, "first point x")
T.near(X:get(1, 2), 0.14449329450567, 1e-12, "first point y")
T.is(y:sum(), 500, "half the points are inner")

local Xa, ya = nn.datasets.make_circles{n_samples = 50, random_state = 3}
local Xb, yb = nn.datasets.make_circles{n_samples = 50, random_state = 3}
T.ok(Xa == Xb and ya == yb, "random_state makes the same data twice")

local Xs = nn.arange(1000):reshape{1000, 1}
local ys = nn.arange(1000)
local Xtr, Xte, ytr, yte = nn.model_selection.train_test_split(Xs, ys, {test_size = 0.1, random_state = 1})
T.is(Xte.shape[1], 100, "10% test rows")
T.is(Xtr.shape[1], 900, "90% train rows")
T.is(tostring(yte:slice(1, 5)), "[507 818 452 368 242]", "test rows in scikit-learn's order")
T.is(tostring(ytr:slice(1, 5)), "[335  13 911 156 428]", "train rows in scikit-learn's order")

local X2 = nn.zeros{2000, 2}
local y2 = nn.arange(2000)
local a, b, c, d = nn.model_selection.train_test_split(X2, y2, {test_size = 0.1, random_state = 1})
T.is(a.shape[1], 1800, "1800 train of 2000")
T.is(tostring(d:slice(1, 5)), "[ 674 1699 1282 1315 1210]", "2000-sample test order")

T.errors(function() nn.model_selection.train_test_split(Xs, nn.arange(5)) end,
         "X has 1000 rows (shape (1000, 1)) but y has 5", "X and y rows must agree")
T.errors(function() nn.datasets.make_circles{factor = 2} end, "factor", "bad factor")
T.errors(function() nn.datasets.make_circles{n_samples = 0} end, "n_samples", "zero samples")

local Xb2, yb2 = nn.datasets.make_blobs{n_samples = 30, centers = {{0, 0}, {5, 5}}, cluster_std = 0.5, random_state = 0}
T.is(Xb2.shape[1], 30, "make_blobs samples")
T.is(yb2:sum(), 15, "make_blobs splits samples over the centres")
T.done()
