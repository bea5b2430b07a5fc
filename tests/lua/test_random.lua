-- test_random.lua — nn.random draws numpy's numbers (numerics.md vectors).
local T = require "tap"
local R = nn.random

R.seed(1)
local want = {0.417022004702574, 0.7203244934421581, 0.00011437481734488664,
              0.30233257263183977, 0.14675589081711304}
for i = 1, 5 do T.is(R.random(), want[i], "seed(1) random #" .. i) end

R.seed(1)
local w = R.uniform(-1, 1, {3, 1})
T.is(tostring(w), "[[-0.16595599]\n [ 0.44064899]\n [-0.99977125]]", "seed(1) uniform(-1, 1, {3, 1})")
T.is(w:get(1, 1), -0.165955990594852, "uniform value exact")

R.seed(0)
local g = {1.764052345967664, 0.4001572083672233, 0.9787379841057392,
           2.240893199201458, 1.8675579901499675, -0.977277879876411}
local r = R.randn(6)
for i = 1, 6 do T.is(r[i], g[i], "seed(0) randn #" .. i) end

R.seed(0)
T.is(tostring(R.randint(1, 100, 6)), "[45 48 65 68 68 10]", "seed(0) randint(1, 100, 6)")
R.seed(1)
T.is(tostring(R.randint(1, 100, {3, 2})), "[[38 13]\n [73 10]\n [76  6]]", "seed(1) randint(1, 100, {3, 2})")

R.seed(1)
T.is(tostring(R.permutation(10)), "[ 3 10  7  5  1  4  2  8  9  6]", "permutation is numpy's plus one")
R.seed(0)
T.is(tostring(R.permutation(10)), "[ 3  9  5 10  2  7  8  4  1  6]", "seed(0) permutation")

-- a RandomState object draws independently of the global generator
local g1 = R.RandomState(1)
R.seed(99)
T.is(g1:random(), 0.417022004702574, "RandomState(1):random()")

-- the cached gaussian survives other draws, and seed clears it
R.seed(0)
local first = R.randn()
local _ = R.random()
local second = R.randn()
T.is(second, 0.4001572083672233, "the second gaussian of a pair comes from the cache")
R.seed(0)
T.is(R.randn(), first, "seed clears the cache")

local a = nn.arange(10)
R.seed(1)
R.shuffle(a)
T.is(tostring(a), "[2 9 6 4 0 3 1 7 8 5]", "shuffle moves elements like permutation")

T.errors(function() R.seed(-1) end, "between 0 and 2^32-1", "negative seed refused")
T.errors(function() R.randint(5, 5) end, "must be below high", "empty randint range")
T.errors(function() R.normal(0, -1) end, "must not be negative", "negative scale")
T.done()
