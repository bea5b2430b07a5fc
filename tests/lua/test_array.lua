-- test_array.lua — nn arrays from Lua: construction, printing, indexing,
-- broadcasting, products, reductions and the errors students will meet.
local T = require "tap"

-- construction and numpy's print format
local a = nn.array{{0, 0, 1}, {1, 1, 1}}
T.is(tostring(a), "[[0 0 1]\n [1 1 1]]", "integer 2-D array prints without points")
T.is(a.shape[1], 2, "shape rows")
T.is(a.shape[2], 3, "shape cols")
T.is(a.ndim, 2, "ndim")
T.is(a.size, 6, "size")
T.is(#a, 2, "#a is the number of rows")
T.is(a.dtype, "int64", "integers give an integer array")
T.is(tostring(nn.linspace(-12, 10, 12)),
     "[-12. -10.  -8.  -6.  -4.  -2.   0.   2.   4.   6.   8.  10.]", "linspace prints as numpy")
T.is(tostring(nn.array{1.5, -2, 3}), "[ 1.5 -2.   3. ]", "mixed floats pad for the sign")
T.is(tostring(nn.array{{1, 2}, {3, 4}} * 0.5), "[[0.5 1. ]\n [1.5 2. ]]", "scalar broadcast")
T.is(tostring(nn.array{{1, 2}, {3, 4}}.T), "[[1 3]\n [2 4]]", "a.T transposes")
T.is(tostring(nn.array{{1, 2}, {3, 4}}:T()), "[[1 3]\n [2 4]]", "a:T() transposes")
T.is(tostring(nn.arange(0, 1, 0.25)), "[0.   0.25 0.5  0.75]", "arange with a float step")
T.is(tostring(nn.arange(4)), "[0 1 2 3]", "arange of integers")
T.is(nn.array{{1., 0.}, {0., 1.}}:repr(), "array([[1., 0.],\n       [0., 1.]])", "repr as numpy")
T.is(tostring(nn.zeros{2, 2}), "[[0. 0.]\n [0. 0.]]", "zeros")
T.is(tostring(nn.ones(3)), "[1. 1. 1.]", "ones")
T.is(tostring(nn.full({2}, 7)), "[7 7]", "full with an integer")
T.is(tostring(nn.eye(2)), "[[1. 0.]\n [0. 1.]]", "eye")

-- broadcasting
local b = nn.arange(6):reshape{2, 3}
T.is(tostring(b + nn.array{10, 20, 30}), "[[10 21 32]\n [13 24 35]]", "row broadcast")
T.is(tostring(b * nn.array{{2}, {3}}), "[[ 0  2  4]\n [ 9 12 15]]", "column broadcast")
T.is(tostring(nn.array{1, 2, 3} / 2), "[0.5 1.  1.5]", "division makes floats")
T.is(tostring(-nn.array{1, 2}), "[-1 -2]", "unary minus")
T.is(tostring(2 - nn.array{1, 2}), "[1 0]", "number on the left")
T.is(tostring(nn.array{1, 2} ^ 2), "[1 4]", "power")
T.errors(function() return nn.array{1, 2, 3} + nn.array{1, 2} end,
         "shapes (3,) and (2,) cannot be broadcast together", "a shape mismatch names both shapes")
T.errors(function() return nn.array{1, 2} + "x" end, "array, table or number", "strings are refused")

-- indexing: 1-based, negative from the end
local m = nn.array{{1, 2, 3}, {4, 5, 6}}
T.is(m:get(2, 3), 6, "get(i, j) is 1-based")
T.is(m[2][1], 4, "m[i] is row i")
T.is(m[-1][-1], 6, "negative indices count from the end")
T.is(tostring(m:col(2)), "[2 5]", "col")
T.is(tostring(m:row(1)), "[1 2 3]", "row")
m:set(1, 1, 10)
T.is(m:get(1, 1), 10, "set(i, j, v)")
m[2] = {7, 8, 9}
T.is(tostring(m), "[[10  2  3]\n [ 7  8  9]]", "row assignment")
T.errors(function() return m[3] end, "index 3 is out of range for an array of shape (2, 3)", "row out of range")
T.errors(function() return m:get(1, 4) end, "column 4 is out of range", "column out of range")
local v = nn.array{5, 6, 7}
v[2] = 0.5
T.is(tostring(v), "[5.  0.5 7. ]", "setting a float element makes the array float")
T.is(tostring(m:rows{2, 1}), "[[ 7  8  9]\n [10  2  3]]", "rows by index list")
T.is(tostring(nn.arange(10):slice(3, 5)), "[2 3 4]", "slice is inclusive and 1-based")
T.is(tostring(m:select(nn.array{0, 1})), "[[7 8 9]]", "select rows by mask")
T.is(tostring(nn.array{3, 1, 2}:gt(1)), "[1 0 1]", "comparisons give 0/1")
T.is(tostring(nn.array{1, 2, 3}:map(function(x) return x * x end)), "[1 4 9]", "map")
T.is(tostring(nn.array{{1, 2}, {3, 4}}:reshape{-1, 1}), "[[1]\n [2]\n [3]\n [4]]", "reshape with -1")
T.is(#m:totable(), 2, "totable")
T.is(m:totable()[2][3], 9, "totable values")

-- products and reductions
T.is(tostring(nn.dot(nn.array{{1, 2}, {3, 4}}, nn.array{5, 6})), "[17 39]", "matrix . vector")
T.is(nn.dot(nn.array{1, 2, 3}, nn.array{4, 5, 6}), 32, "vector . vector is a number")
T.errors(function() return nn.dot(nn.array{1, 2, 3}, nn.array{{1}, {2}}) end,
         "shapes (3,) and (2, 1) are not aligned", "dot mismatch names both shapes")
local s = nn.array{{1, 2}, {3, 4}}
T.is(tostring(nn.sum(s, 1)), "[4 6]", "sum down the rows (axis 1)")
T.is(tostring(s:mean(2)), "[1.5 3.5]", "mean across the columns (axis 2)")
T.is(s:sum(), 10, "sum of all")
T.is(s:max(), 4, "max")
T.is(nn.array{3, 9, 2}:argmax(), 2, "argmax is 1-based")
T.errors(function() return s:sum(3) end, "axis 3 is out of range", "bad axis")
T.near(nn.sigmoid(0), 0.5, 0, "sigmoid of a number")
T.is(tostring(nn.exp(nn.array{0, 0})), "[1. 1.]", "exp of an array")
T.is(tostring(nn.maximum(nn.array{-1, 2}, 0)), "[0 2]", "maximum broadcasts")
T.is(tostring(nn.clip(nn.array{-2, 0.5, 3}, 0, 1)), "[0.  0.5 1. ]", "clip")
T.is(tostring(nn.hstack{nn.array{1, 2}, nn.array{3}}), "[1 2 3]", "hstack 1-D")
T.is(tostring(nn.vstack{nn.array{1, 2}, nn.array{3, 4}}), "[[1 2]\n [3 4]]", "vstack 1-D rows")
T.ok(nn.allclose(nn.array{1, 2}, nn.array{1, 2 + 1e-9}), "allclose")

-- bad sizes and values never crash
T.errors(function() return nn.zeros{-1, 2} end, "size -1 must be zero or more", "negative size")
T.errors(function() return nn.zeros{1e6, 1e6} end, "too large", "huge shape")
-- counts past 2^32 are reported as they are, not cut to an int
T.errors(function() return nn.linspace(0, 1, 2^33) end, "number of samples 8589934592 must be", "linspace count > 2^32")
T.errors(function() return m[2^40] end, "index 1099511627776 is out of range", "index > 2^32")
T.errors(function() return nn.eye(2^32 + 3) end, "size 4294967299 must be", "eye size > 2^32")
T.errors(function() return nn.zeros(4):reshape{2^33, 2} end, "into {8589934592, 2}", "reshape size > 2^32")
T.errors(function() return nn.zeros{2.5} end, "not a whole number", "fractional size")
T.errors(function() return nn.zeros("x") end, "a shape is an integer or a table", "bad shape type")
T.errors(function() return nn.array{{1, 2}, {3}} end, "row 2 has 1 elements but row 1 has 2", "ragged rows")
T.errors(function() return nn.array{1, "x"} end, "element [2] is a string", "non-number element")
local nan = nn.array{0 / 0, 1 / 0, -1 / 0}
T.is(tostring(nan), "[ nan  inf -inf]", "nan and inf print as numpy")
T.is(tostring(nn.zeros(0)), "[]", "empty array")

T.done()
