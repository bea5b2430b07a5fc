-- test_table.lua — live tables (table.new), progress lines (nn.progress,
-- nn._ui.*) and model:fit's verbose output built on them.
local T = require "tap"

-- Expected renders (checked by eye once, then frozen).
local want_table = [==[
epoch      loss           val_loss
─────  ────────  ─────────────────
    1    0.5123          6.000e-01
    2    0.2500
   10   -0.0000          1.250e+01
   11  nan             inf
]==]
local want_table_ascii = [==[
epoch      loss           val_loss
-----  --------  -----------------
    1    0.5123          6.000e-01
    2    0.2500
   10   -0.0000          1.250e+01
   11  nan             inf
]==]
local want_table_narrow = [==[
epoch      lo…
─────  ──────…
    1    0.51…
    2    0.25…
   10   -0.00…
   11  nan   …
]==]
local want_capped = [==[
  i  x^2
───  ───
… 2 earlier rows
  3    9
  4   16
  5   25
]==]
local want_last2 = [==[
  i  x^2
───  ───
… 3 earlier rows
  4   16
  5   25
]==]
local want_progress = [==[
Epoch 3/100
57/57 [==============================] - loss: 2.9530 - val_loss: 2.8550
]==]
local want_progress_narrow = [==[
Epoch 3/100
57/57 [==========] - loss: 2.9530
  - val_loss: 2.8550
]==]
local want_progress_mid = [==[
Epoch 2/5
 3/10 [========>.....................] - loss: 1.2000e-04
]==]

-- --- tables ------------------------------------------------------------------------------
local t = table.new{"epoch", "loss", "val_loss", format = {"%d", "%.4f", "{:>9.3e}"}, show = false}
t:add{1, 0.51234, 0.6}
t:add(2, 0.25)
t:add{epoch = 10, loss = -1e-5, val_loss = 12.5}
t:add{11, 0 / 0, math.huge}
T.is(t:render{width = 40}, want_table, "printf and Python formats, right-aligned on the point")
T.is(t:render{width = 40, utf8 = false}, want_table_ascii, "ASCII rule")
T.is(t:render{width = 14}, want_table_narrow, "cut with an ellipsis when too wide")
T.is(#t, 4, "#t counts the rows")
local rows = t:rows()
T.is(#rows, 4, "t:rows() returns every kept row")
T.is(table.concat(rows[1], "|"), "1|0.5123|6.000e-01", "as the cells' text")
T.is(table.concat(rows[2], "|"), "2|0.2500|", "a missing value is an empty cell")
T.is(tostring(t), "Table(epoch, loss, val_loss; 4 rows)", "tostring")

local c = table.new{"i", "x^2", cap = 3, format = "%3d", show = false}
for i = 1, 5 do c:add{i, i * i} end
T.is(c:render{}, want_capped, "cap = 3 keeps the newest rows and counts the others")
T.is(c:render{rows = 2}, want_last2, "rows = n shows the newest n")
T.is(#c, 5, "#t still counts every row added")
T.is(#c:rows(), 3, "t:rows() has the kept ones")

local d = table.new{"what", "value", show = false}
d:add("pi", math.pi)
d:add("int", 42)
d:add("flag", true)
d:add("arr", nn.array{2.5})
d:add("text", "héllo")
d:add()
local r = d:rows()
T.is(r[1][2], "3.141592653589793", "no format: numbers as print shows them")
T.is(r[2][2], "42", "integers stay integers")
T.is(r[3][2], "true", "booleans as words")
T.is(r[4][2], "2.5", "a one-element array is its number")
T.is(r[5][2], "héllo", "UTF-8 text")
T.is(r[6][1] .. r[6][2], "", "an empty row")
T.ok(d:add("chain", 1) == d, "t:add returns the table")

local py = table.new{"a", "b", "c", "d", format = {"{:.2%}", "{:,.0f}", "{:+08.3f}", "[{:^7}]"}, show = false}
py:add(0.1234, 1234567, 3.14159, "mid")
T.is(table.concat(py:rows()[1], "|"), "12.34%|1,234,567|+003.142|[  mid  ]", "Python format specs")
local pf = table.new{"a", "b", "c", format = {"%5.1f%%", "x=%-4d|", "%.3s"}, show = false}
pf:add(99.44, 7, "abcdef")
T.is(table.concat(pf:rows()[1], "|"), " 99.4%|x=7   ||abc", "printf text around one conversion")

-- formats are checked before use: a lesson's string never reaches printf as it is
for _, bad in ipairs{"%n", "%s %s", "%*d", "%100d", "%.4q", "%", "{} {}", "{:q}", "{", "plain"} do
  T.errors(function() table.new{"a", format = {bad}} end,
           ('table.new: column 1 (a): bad format "%s"'):format(bad), "a bad format is refused: " .. bad)
end
T.errors(function() table.new{} end, 'table.new: give the column names, e.g. table.new{"epoch", "loss"}', "no columns")
local many = {}
for i = 1, 65 do many[i] = "c" .. i end
T.errors(function() table.new(many) end, "table.new: 65 columns; a table has at most 64", "too many columns")
T.errors(function() table.new{"a", {}} end, "table.new: column 2's name must be a string, got a table", "a bad name")
T.errors(function() table.new{"a", format = {"%d", "%d"}} end, "table.new: 2 formats for 1 columns", "too many formats")
T.errors(function() table.new{"a", format = {1}} end, "table.new: format 1 must be a string, got a number", "a format that is not a string")
T.errors(function() table.new{"a", format = 5} end, "table.new: format must be a table of formats or one string, got a number", "format of the wrong type")
T.errors(function() table.new{"a", cap = -1} end, "table.new: cap = -1 must be from 1 to 100000", "a negative cap")
T.errors(function() table.new{"a", colums = 1} end, "table.new: unknown option 'colums' (options: format, formats, cap, show)", "an unknown option")
T.errors(function() table.new("a") end, "bad argument #1 to 'new' (table of column names expected, got string)", "not a table")
T.errors(function() t:add(1, 2, 3, 4) end, "t:add: 4 values for 3 columns", "too many values")
T.errors(function() t:add{1, 2, 3, 4} end, "t:add: 4 values for 3 columns", "too many values in a row table")
T.errors(function() t:add{1, {}} end, "t:add: column 2 (loss) expects a number or a string, got a table", "a table as a value")
T.errors(function() t:add(1, print) end, "t:add: column 2 (loss) expects a number or a string, got a function", "a function as a value")
T.errors(function() t:render{width = 0} end, "t:render: width must be 1..1000", "render width")
T.is(#t, 4, "failed adds leave the table as it was")
T.ok(getmetatable(t) == false, "the metatable is hidden")

-- --- progress lines ---------------------------------------------------------------------
local p = nn.progress{epochs = 100, show = false}
p:update{epoch = 3, steps = 57, seconds = 0.5, loss = 2.953, val_loss = 2.855}
T.is(p:render{width = 100}, want_progress, "Keras' epoch line and bar")
T.is(p:render{width = 40, utf8 = false}, want_progress_narrow, "narrow: a shorter bar, metrics wrap")
local q = nn.progress{epochs = 5, show = false}
q:epoch(2):step(3, 10, 1.5):metric("loss", 0.00012)
T.is(q:render{}, want_progress_mid, "p:epoch, p:step, p:metric; tiny values as Keras prints them")
local o = nn.progress{show = false}
o:update{epoch = 1, epochs = 2, steps = 1, zeta = 1, alpha = 2, val_accuracy = 0.5, loss = 1, accuracy = 0.25}
T.ok(o:render{width = 200}:find("loss: 1.0000 - accuracy: 0.2500 - val_accuracy: 0.5000 - alpha: 2.0000 - zeta: 1.0000", 1, true),
     "metrics in Keras' order, then the others by name")
T.is(tostring(o), "Progress(2 epochs)", "tostring")
T.errors(function() p:epoch(-1) end, "p:epoch: the epoch must be a whole number 0 or more, got -1", "a negative epoch")
T.errors(function() p:step(1, 2, -1) end, "p:step: seconds must be a finite number 0 or more", "negative seconds")
T.errors(function() p:metric("", 1) end, "p:metric: cannot add metric ''", "an empty metric name")
T.errors(function() p:metric("loss", "x") end, "p:metric: loss must be a number, got string", "a metric that is not a number")
T.errors(function() nn.progress{epochs = 1.5} end, "nn.progress: epochs must be a whole number 0 or more, got 1.5", "fractional epochs")
T.errors(function() nn.progress{epoch = 1} end, "nn.progress: unknown option 'epoch' (options: epochs, show)", "an unknown option")
local full = nn.progress{show = false}
for i = 1, 16 do full:metric("m" .. i, i) end
T.errors(function() full:metric("m17", 17) end, "p:metric: cannot add metric 'm17' (at most 16", "at most 16 metrics")
T.ok(getmetatable(p) == false, "the metatable is hidden")

-- --- what model:fit uses -------------------------------------------------------------------
T.ok(type(nn._ui) == "table" and nn._ui.progress == nn.progress, "nn._ui.progress is nn.progress")
local ut = nn._ui.table({"epoch", "loss"}, {"%d", "%.4f"})
ut:add{1, 0.5}
T.is(table.concat(ut:rows()[1], "|"), "1|0.5000", "nn._ui.table(cols, formats)")
nn.random.seed(0)
local X = nn.random.randn(20, 2)
local y = nn.random.randint(0, 2, {20, 1})
local m = nn.Sequential{nn.Dense(1, {activation = "sigmoid", input_dim = 2})}
m:compile{loss = "binary_crossentropy", optimizer = "sgd"}
local h = m:fit(X, y, {epochs = 3, batch_size = 5, validation_split = 0.2})
T.is(#h.loss, 3, "model:fit with verbose = 1 runs with the progress line and table")
T.ok(#h.val_loss == 3 and h.val_loss[3] == h.val_loss[3], "and records val_loss")
local fig = plot.figure{width = 40, height = 10, show = false}
local a, b = fig:loss(h)
T.ok(a and b and #fig == 2, "its history plots as loss and val_loss")
T.done()
