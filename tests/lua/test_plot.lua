-- test_plot.lua — the plot module: figures, their elements and handles,
-- network diagrams.  Exact renders of small figures (drawn by fig:render,
-- the same code the transcript and the screen use), renders that must
-- agree however the data is given, and the error messages of bad input.
local T = require "tap"

-- A figure that is not shown in the transcript, of a fixed size.
local function F(o)
  o = o or {}
  o.width, o.height, o.show = o.width or 30, o.height or 8, false
  return plot.figure(o)
end
local function R(fig, mode) return fig:render{mode = mode or "ascii"} end

-- Expected renders (checked by eye once, then frozen).
local want_scatter = [==[
1.0+o  lo    x              x
   |x  hi
   |
0.5+
   |
  0+ o              o
   +-+--------------+---------
     0              2
]==]
local want_lines_ascii = [==[
               lines
  |-- x^2          |             /--
  |-  4x           |       / -/--
10+                |   - -  /-
  |----------------|----------------
  |        / - -/--|---
  |    -/-------   |
 0+-----           |
  +-+--------------+--------------+-
    0              2              4
]==]
local want_lines_braille = [==[
               lines
  │── x^2          ⢸           ⢀⣠⠤⠂⠉
  │╌╌ 4x           ⢸       ⣀⠤ ⡠⠓⠁
10┤                ⢸   ⠤⠔  ⣀⠔⠉
  │⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⢼⠮⠤⠤⢤⡤⠴⠮⠤⠤⠤⠤⠤⠤⠤⠤⠤
  │         ⢀  ⠒⠉  ⢸⣀⠤⠒⠁
  │    ⢀⡠  ⠉⠁⣀⣀⠤⠤⠒⠒⢹
 0┤⣀⠤⠤⠔⠓⠒⠒⠊⠉⠉      ⢸
  └─┬──────────────┬──────────────┬─
    0              2              4
]==]
local want_sigmoid = [==[
sigmoid(x)
1.0┤                       ⣀⣀⠤⠤⠤⠒⠒⠒⠒⠒⠒⠂
   │                    ⣀⠔⠋⠁
   │                  ⡠⠊⠁
0.5┤               ⢀⡠⠊
   │            ⢀⣠⠔⠉
  0┤ ⠠⠤⠤⠤⠤⠤⠤⠒⠒⠒⠉⠉
   └────┬─────────────┬────────────┬────
       -5             0            5
                     x
]==]
local want_regions = [==[
 1┤              ·············
  │              ·············
  │              ·············
 0┤·············
  │·············
-1┤·············
  └┬────────────┬────────────┬
  -1            0            1
]==]
local want_loss = [==[
   1+  ::::                  -- loss
    |    \-:::::::           :: val_loss
    |        \----::::::::
 0.1+             \-------::::::::::::
    |                     \-----
    |                           \---
0.01+                               \-
    +---------+---------------+---------
              2               4
                    epoch
]==]
local want_network = [==[
    O----
         \-----
    O----------/---O--------------O
         /-----
    O----

  input         hidden 1        output
               (sigmoid)      (sigmoid)
]==]


-- --- exact renders ------------------------------------------------------------------
local A = F()
A:scatter({0, 1, 2, 3}, {0, 1, 0, 1}, {hue = {0, 1, 0, 1}, classes = {"lo", "hi"}})
T.is(R(A), want_scatter, "scatter with two classes, their glyphs and a legend (ASCII)")

local B = F{title = "lines", width = 36, height = 10}
B:line({0, 1, 2, 3, 4}, {0, 1, 4, 9, 16}, {label = "x^2"})
B:boundary(4, -1, 0, {label = "4x", dash = "dashed"})
B:hline(8)
B:vline(2)
T.is(R(B), want_lines_ascii, "a line, a dashed boundary, hline and vline (ASCII)")
T.is(R(B, "braille"), want_lines_braille, "the same in braille")

local C = F{width = 40, height = 10, xlabel = "x", ylabel = "sigmoid(x)"}
C:fn(function(x) return 1 / (1 + math.exp(-x)) end, {from = -6, to = 6, n = 100})
T.is(R(C, "braille"), want_sigmoid, "fig:fn samples the sigmoid")

local D = F{xlim = {-1, 1}, ylim = {-1, 1}}
D:regions(function(x, y) return x * y > 0 end)
T.is(R(D, "block"), want_regions, "regions of a function f(x, y) -> boolean (half blocks)")

local E = F{width = 40, height = 10, ylog = true}
E:loss{loss = {1, 0.3, 0.1, 0.03, 0.01}, val_loss = {1.2, 0.5, 0.2, 0.1, 0.08}}
T.is(R(E), want_loss, "fig:loss: loss and val_loss per epoch on a log axis")

local net = plot.network{3, 1, 1, titles = {"input", "hidden 1\n(sigmoid)", "output\n(sigmoid)"}, show = false}
T.is(net:render{width = 40, mode = "ascii"}, want_network, "plot.network with titles")

-- --- the same picture, however the data is given --------------------------------------
local xs, ys, lab = {0.5, 1, 2, 3.5, 2.5}, {1, 3, 0.5, 2, 2.5}, {0, 1, 1, 0, 2}
local function scat(...) local f = F(); f:scatter(...); return R(f) end
local ref = scat(xs, ys, {hue = lab})
T.is(scat(nn.array(xs), nn.array(ys), {hue = nn.array(lab)}), ref, "arrays draw as tables do")
T.is(scat(nn.array{{0.5, 1}, {1, 3}, {2, 0.5}, {3.5, 2}, {2.5, 2.5}}, {hue = lab}), ref, "an (n, 2) array as x alone")
T.is(scat({{0.5, 1}, {1, 3}, {2, 0.5}, {3.5, 2}, {2.5, 2.5}}, {hue = lab}), ref, "a table of points as x alone")
T.is(scat(nn.array(xs):reshape{5, 1}, nn.array(ys):reshape{5, 1}, {hue = lab}), ref, "columns as x and y")
local onehot = nn.array{{1, 0, 0}, {0, 1, 0}, {0, 1, 0}, {1, 0, 0}, {0, 0, 1}}
T.is(scat(xs, ys, {hue = onehot}), ref, "one-hot hue rows are their argmax")
T.is(scat(xs, ys, {hue = {"a", "b", "b", "a", "c"}}), scat(xs, ys, {hue = lab, classes = {"a", "b", "c"}}),
     "string labels are classes in order of appearance, named in the legend")
T.ok(scat(xs, ys, {hue = {"cat", "dog", "dog", "cat", "eel"}}):find("dog", 1, true), "their names are in the legend")
T.is(scat(xs, ys, {hue = {0, 1, 1, 0, 0 / 0}}), scat({0.5, 1, 2, 3.5}, {1, 3, 0.5, 2}, {hue = {0, 1, 1, 0}}),
     "a NaN label leaves its point out")

local function lines(...) local f = F(); f:line(...); return R(f) end
T.is(lines({3, 1, 2}), lines({1, 2, 3}, {3, 1, 2}), "fig:line(y) puts y against 1..n")
T.is(lines(nn.array{{1, 3}, {2, 1}, {3, 2}}), lines({1, 2, 3}, {3, 1, 2}), "fig:line of an (n, 2) array")
do
  local f1, f2 = F(), F()
  f1:fn(function(x) return x * x end, {from = 0, to = 4, n = 5})
  f2:line({0, 1, 2, 3, 4}, {0, 1, 4, 9, 16})
  T.is(R(f1), R(f2), "fig:fn(f, {from, to, n}) is the line through f at n even steps")
  local f3, f4 = F{xlim = {0, 4}}, F{xlim = {0, 4}}
  f3:fn(function(x) return -x end, {n = 5})
  f4:line({0, 1, 2, 3, 4}, {0, -1, -2, -3, -4})
  T.is(R(f3), R(f4), "without from/to fig:fn samples the figure's x range")
  local f5, f6 = F(), F()
  f5:fn(function(x) if x ~= 2 then return x end end, {from = 0, to = 4, n = 5})
  f6:line({0, 1, 2, 3, 4}, {0, 1, 0 / 0, 3, 4})
  T.is(R(f5), R(f6), "f returning nil leaves a gap")
end

-- boundaries from weights, a perceptron, a Dense layer or a one-layer model
local function bound(...) local f = F{xlim = {-2, 2}, ylim = {-2, 2}}; f:boundary(...); return R(f) end
local p = nn.Perceptron{inputs = 2, weights = {0.5, -1}, threshold = 0.25}
T.is(bound(p), bound(0.5, -1, -0.25), "a perceptron's line: w1 x + w2 y = threshold")
local pb = nn.Perceptron{inputs = 2, weights = {1, 2, -0.5}, bias = 2}
T.is(bound(pb), bound(1, 2, -1), "with a bias input: w1 x + w2 y + bias * w3 = 0")
local lin = nn.Sequential{nn.Dense(1, {input_dim = 2})}
lin:set_weights{nn.array{{0.3}, {-0.7}}, nn.array{0.2}}
T.is(bound(lin.layers[1]), bound(0.3, -0.7, 0.2), "a Dense layer's line")
T.is(bound(lin), bound(0.3, -0.7, 0.2), "a one-layer model's line")
T.is(bound(lin, {level = 0.5}), bound(0.3, -0.7, -0.3), "level = v draws w.x + b = v")
T.is(bound(nn.array{0.3}, 1, 0), bound(0.3, 1, 0), "one-element arrays count as numbers")
T.ok(bound(0, 0, 1):find("+", 1, true), "w1 = w2 = 0 draws no line but still a frame")

-- regions of a model agree with the model's own predictions
nn.random.seed(7)
local m = nn.Sequential{nn.Dense(4, {activation = "tanh", input_dim = 2}), nn.Dense(3, {activation = "softmax"})}
local function argmax_class(x, y)
  local out = m:predict(nn.array{{x, y}})
  local best = 1
  for j = 2, 3 do if out:get(1, j) > out:get(1, best) then best = j end end
  return best - 1
end
local function reg(src, o) local f = F{xlim = {-3, 3}, ylim = {-3, 3}}; f:regions(src, o); return R(f, "block") end
T.is(reg(m), reg(argmax_class), "regions(model): the argmax class at every cell")
local m1 = nn.Sequential{nn.Dense(1, {activation = "sigmoid", input_dim = 2})}
m1:set_weights{nn.array{{1}, {1}}, nn.array{-0.5}}
T.is(reg(m1), reg(function(x, y) return 1 / (1 + math.exp(-(x + y - 0.5))) >= 0.5 end),
     "one output: class 1 where it is >= 0.5")
T.is(reg(m1, {threshold = 0.9}), reg(function(x, y) return 1 / (1 + math.exp(-(x + y - 0.5))) >= 0.9 end),
     "threshold = t moves that cut")
T.is(reg(p), reg(function(x, y) return p{x, y} end), "regions of a perceptron (called with {x, y})")
T.is(reg(function(x, y) if x < 0 then return nil end return 1 end),
     reg(function(x, y) return x < 0 and -1 or 1 end), "nil and negative classes leave a cell empty")

-- a wide model's regions (its layers run the batched tiles) agree with predict, row by row
do
  nn.random.seed(3)
  local wide = nn.Sequential{nn.Dense(40, {activation = "relu", input_dim = 2}),
                             nn.Dense(24, {activation = "tanh"}), nn.Dense(3, {activation = "softmax"})}
  local function wide_class(x, y)
    local out = wide:predict(nn.array{{x, y}})
    local best = 1
    for j = 2, 3 do if out:get(1, j) > out:get(1, best) then best = j end end
    return best - 1
  end
  T.is(reg(wide), reg(wide_class), "regions(model) of a wide model: the argmax class at every cell")
end

-- h:set(model) skips an unchanged model, and samples again whenever it changed
do
  local function m_at(b)
    local mm = nn.Sequential{nn.Dense(1, {activation = "sigmoid", input_dim = 2})}
    mm:set_weights{nn.array{{1}, {0}}, nn.array{b}}
    return mm
  end
  local function cut(b) return reg(function(x, y) return x + b >= 0 end) end
  local mm = m_at(0)
  local f = F{xlim = {-3, 3}, ylim = {-3, 3}}
  local h = f:regions(mm)
  local before = R(f, "block")
  h:set(mm)
  T.is(R(f, "block"), before, "h:set(model) of an unchanged model keeps its regions")
  mm:set_weights{nn.array{{1}, {0}}, nn.array{1.5}}
  h:set(mm)
  T.is(R(f, "block"), cut(1.5), "h:set(model) after set_weights samples the new weights")
  mm.layers[1]:set_weights(nn.array{{1}, {0}}, nn.array{-1})
  h:set(mm)
  T.is(R(f, "block"), cut(-1), "... and after a layer's set_weights")
  local X = nn.array{{-2, 0}, {2, 0}}
  mm:compile{optimizer = nn.optimizers.SGD{learning_rate = 5}, loss = "binary_crossentropy"}
  mm:fit(X, nn.array{1, 0}, {epochs = 5, verbose = 0})
  local want = reg(mm)
  T.ok(want ~= R(f, "block"), "(the fit moved the cut)")
  h:set(mm)
  T.is(R(f, "block"), want, "... and after fit")
  local other = m_at(-2)
  h:set(other)
  T.is(R(f, "block"), cut(-2), "another model is sampled")
  f:xlim(-6, 6)
  h:set(other)
  local g = F{xlim = {-6, 6}, ylim = {-3, 3}}
  g:regions(other)
  T.is(R(f, "block"), R(g, "block"), "a new range samples the same model again")
end

-- history from a dictionary or a list
do
  local f1, f2 = F(), F()
  f1:loss{loss = {3, 2, 1.5}}
  f2:line({1, 2, 3}, {3, 2, 1.5}, {label = "loss"}); f2:xlabel("epoch")
  T.is(R(f1), R(f2), "fig:loss without val_loss: one line 'loss' against epochs 1..n")
  local f3 = F(); f3:loss({3, 2, 1.5})
  T.is(R(f3), R(f1), "a plain list is the loss")
  local a, b = f1:loss{loss = {1}, val_loss = {2}}
  T.ok(a.kind == "line" and b.kind == "line", "fig:loss returns the two line handles")
  local c, d = F():loss{loss = {1}}
  T.ok(c and d == nil, "val_loss's handle is nil without val_loss")
end

-- --- handles: data that changes, as training animates a figure -------------------------------
do
  local f1, f2 = F(), F()
  local s = f1:scatter({0, 1}, {0, 1})
  local l = f1:line({0, 1}, {1, 0})
  local b = f1:boundary(1, 1, -1)
  local h = f1:hline(0.2)
  local v = f1:vline(0.2)
  s:set({0, 2, 3}, {1, 1, 3})
  l:set{x = {0, 3}, y = {3, 0}}
  b:set(1, -1, 0)
  h:set(0.7)
  v:set_value(2.5)
  f2:scatter({0, 2, 3}, {1, 1, 3})
  f2:line({0, 3}, {3, 0})
  f2:boundary(1, -1, 0)
  f2:hline(0.7)
  f2:vline(2.5)
  T.is(R(f1), R(f2), "after h:set every element draws as if made with the new data")
  b:set_boundary(p)
  local f3 = F(); f3:scatter({0, 2, 3}, {1, 1, 3}); f3:line({0, 3}, {3, 0})
  f3:boundary(p); f3:hline(0.7); f3:vline(2.5)
  T.is(R(f1), R(f3), "h:set_boundary(perceptron) follows the perceptron")
  s:set{x = {1, 2}, y = {1, 2}, hue = {0, 1}}
  l:set{y = {1, 2, 3}}
  local f4 = F(); f4:scatter({1, 2}, {1, 2}, {hue = {0, 1}}); f4:line({1, 2, 3})
  f4:boundary(p); f4:hline(0.7); f4:vline(2.5)
  T.is(R(f1), R(f4), "h:set{x=, y=, hue=}, and y alone for a line")
  local fa, fb = F(), F()
  local g = fa:fn(function(x) return x end, {from = 0, to = 2, n = 3})
  g:set(function(x) return 2 - x end)
  fb:line({0, 1, 2}, {2, 1, 0})
  T.is(R(fa), R(fb), "a sampled function takes a new function over the same range")
  local fr, fs = F{xlim = {-1, 1}, ylim = {-1, 1}}, F{xlim = {-1, 1}, ylim = {-1, 1}}
  local r = fr:regions(function(x, y) return x > 0 end)
  r:set(function(x, y) return y > 0 end)
  fs:regions(function(x, y) return y > 0 end)
  T.is(R(fr, "block"), R(fs, "block"), "regions are sampled again by h:set")
  T.is(#f1, 5, "#fig counts the elements")
  T.ok(f1:remove(h) == true and #f1 == 4, "fig:remove(h)")
  T.ok(f1:remove(h) == false, "removing it again returns false")
  T.errors(function() h:set(1) end, "h:set: the plot element no longer exists", "a removed element's handle fails cleanly")
  T.ok(v:remove() and #f1 == 3, "h:remove()")
  f1:clear()
  T.is(#f1, 0, "fig:clear() removes every element")
  T.errors(function() s:set({1}, {1}) end, "no longer exists", "handles fail after clear")
  T.errors(function() b:set_value(1) end, "h:set_value: this element is a boundary, not a hline", "set_value on a boundary")
  T.errors(function() F():remove(l) end, "fig:remove: the element belongs to another figure", "remove from another figure")
  T.is(s.kind, "scatter", "h.kind")
  T.ok(math.type(s.id) == "integer", "h.id")
  T.is(tostring(b), "plot element boundary #3", "tostring of a handle")
end

-- --- histograms: counts in equal bins -----------------------------------------------------------
local want_hist = [==[
 |                     #########
 |                     #########
 |                     #########
2+           ######### #########
 |           ######### #########
 | ######### ######### #########
 | ######### ######### #########
0+ ######### ######### #########
 +-+--------------+--------------+-
   1              2              3
]==]
do
  local f = F{height = 10, width = 35}
  local h = f:hist({1, 2, 2, 3, 3, 3}, {bins = 3})
  T.is(R(f), want_hist, "fig:hist: bars for 1, 2 and 3 values, standing on 0 (ASCII)")
  T.is(h.kind, "hist", "its handle's kind is hist")
  local g = F{height = 10, width = 35}
  g:hist(nn.array{3, 3, 2, 3, 2, 1}, {bins = 3})
  T.is(R(g), R(f), "an array draws as a table does")
  h:set({4, 4, 4, 2})
  local k = F{height = 10, width = 35}
  k:hist({4, 4, 4, 2}, {bins = 3})
  T.is(R(f), R(k), "h:set(values) counts new values in as many bins")
  h:set({1, 2, 3, 4}, {bins = 4})
  local j = F{height = 10, width = 35}
  j:hist({1, 2, 3, 4}, {bins = 4})
  T.is(R(f), R(j), "h:set(values, {bins = n}) changes the bins")
  local d = F{width = 60, height = 10}; d:hist({1, 0 / 0, 2}, {label = "with a NaN"})
  T.ok(R(d):find("1 point with NaN or inf skipped", 1, true) and R(d):find("## with a NaN", 1, true),
       "NaN is not counted but noted; the legend shows a bar")
  T.errors(function() F():hist({1, 2}, {bins = 0}) end, "fig:hist: bins = 0 must be from 1 to 1000", "bins from 1")
  T.errors(function() F():hist({1, 2}, {bins = 2.5}) end, "option 'bins' must be an integer, got 2.5", "whole bins")
  T.errors(function() F():hist({1, 2}, {dash = "dotted"}) end, "fig:hist: unknown option 'dash' (options: bins, label, color)",
           "its options")
  T.errors(function() F():hist(nn.zeros{2, 2}) end, "fig:hist: the values has shape (2, 2)", "values are one column")
  T.errors(function() h:set_data({1}, {1}) end, "h:set_data: this element is a hist, not a line", "set_data refuses it")
end

-- --- labels passed as y: the error names {hue = y} ------------------------------------------------
do
  local X, y = nn.array{{1, 2}, {3, 4}, {5, 6}}, nn.array{0, 1, 0}
  T.errors(function() F():scatter(X, y) end, "for class labels write fig:scatter(X, {hue = y})",
           "fig:scatter(X, y) with X of two columns suggests {hue = y}")
  T.ok(pcall(function() F():scatter(X, {hue = y}) end), "fig:scatter(X, {hue = y}) draws")
  T.ok(pcall(function() F():scatter(X:col(1), X:col(2)) end), "two columns as x and y still work")
end

-- --- closing: a local <close> lets go of what a handle holds -------------------------------------
do
  local f = F()
  do local h <close> = f:hline(1) end
  T.is(#f, 1, "closing a handle keeps its element")
  local g
  do
    local fig <close> = F()
    g = fig
  end
  T.errors(function() g:hline(1) end, "the figure has been closed", "a closed figure says so")
  T.is(tostring(g), "plot.Figure (closed)", "and prints as closed")
  do local a <close> = nn.zeros(2) end
  T.ok(true, "an array may be a local <close> too (it holds nothing)")
end

-- labels, styles and limits
do
  local f = F{title = "T"}
  local l = f:line({1, 2}, {1, 2}, {label = "first"})
  T.ok(R(f):find("first", 1, true), "a label is a legend entry")
  l:set_label("second")
  T.ok(R(f):find("second", 1, true) and not R(f):find("first", 1, true), "h:set_label")
  l:set_style{label = "third", color = "red", dash = "dotted"}
  T.ok(R(f):find("third", 1, true), "h:set_style")
  T.is(tostring(f), 'Figure("T", 1 element)', "tostring of a figure")
  f:title("U"):xlabel("xx"):ylabel("yy")
  local s = R(f)
  T.ok(s:find("U", 1, true) and s:find("xx", 1, true) and s:find("yy", 1, true), "title, xlabel, ylabel chain")
  f:xlim(-10, 10)
  T.ok(R(f):find("-10", 1, true), "fig:xlim(lo, hi)")
  f:xlim()
  T.ok(not R(f):find("-10", 1, true), "fig:xlim() returns to automatic")
  f:ylim{0, 100}
  T.ok(R(f):find("100", 1, true), "fig:ylim{lo, hi}")
  f:axis{log = true}
  local g = F{xlog = true, ylog = true, title = "U", xlabel = "xx", ylabel = "yy", ylim = {0, 100}}
  g:line({1, 2}, {1, 2}, {label = "third", color = "red", dash = "dotted"})
  T.is(R(f), R(g), "fig:axis{log = true} is xlog and ylog")
  f:axis{xlog = false, ylog = false}
  g = F{title = "U", xlabel = "xx", ylabel = "yy", ylim = {0, 100}}
  g:line({1, 2}, {1, 2}, {label = "third", color = "red", dash = "dotted"})
  T.is(R(f), R(g), "and back to linear")
  f:size(20, 6)
  local lines = select(2, R(f):gsub("\n", "\n"))
  T.is(lines, 6, "fig:size(w, h) sets the rows")
  T.ok(#R(f):match("[^\n]*") <= 20 * 3, "and the columns")
  for _, c in ipairs{"orange", "skyblue", "green", "yellow", "blue", "red", "purple", "grey", "black", 1, 8, "r", "k"} do
    F():line({1, 2}, {1, 2}, {color = c})
  end
  T.ok(true, "colour names and palette numbers are accepted")
  F():scatter({1}, {1}, {marker = "dot"}); F():scatter({1}, {1}, {marker = "*"}); F():scatter({1}, {1}, {marker = "◆"})
  T.ok(R((function() local h = F(); h:scatter({1, 2}, {1, 2}, {marker = "@"}); return h end)()):find("@", 1, true),
       "a one-character marker is drawn")
end

-- odd data gives a picture, not a crash
do
  local function pic(...) local f = F(); f:scatter(...); return R(f) end
  T.ok(#pic({}, {}) > 0, "no points")
  T.ok(#pic({1}, {1}) > 0, "one point")
  T.ok(#pic({2, 2, 2}, {5, 5, 5}) > 0, "all points equal")
  T.ok(#pic({0 / 0, 1, math.huge, 2}, {1, -math.huge, 3, 2}) > 0, "NaN and inf values are skipped")
  local lg = F{ylog = true}; lg:line({1, 2, 3}, {-1, 0, 10})
  T.ok(#R(lg) > 0, "non-positive values on a log axis")
  local tiny = plot.figure{width = 1, height = 1, show = false}
  tiny:line({1, 2}, {1, 2})
  T.ok(#R(tiny) > 0 and select(2, R(tiny):gsub("\n", "")) == 1, "a 1x1 figure is a one-line note")
  local zero = plot.figure{height = 0, show = false}
  T.ok(#zero:render{width = 30} > 0, "height 0 means automatic")
  local big = F(); big:scatter(nn.random.randn(10000, 2))
  T.ok(#R(big, "braille") > 0, "10,000 points")
end

-- --- network diagrams ------------------------------------------------------------------
do
  local a = plot.network{2, 4, 4, 2, activations = {"relu", "relu", "softmax"}, show = false}
  local s = a:render{width = 60, mode = "ascii"}
  T.ok(s:find("input", 1, true) and s:find("hidden 1", 1, true) and s:find("hidden 2", 1, true) and
       s:find("(softmax)", 1, true), "default titles: input, hidden k (activation), output")
  T.is(tostring(a), "Network(2, 4, 4, 2)", "tostring of a diagram")
  local model = nn.Sequential{nn.Dense(4, {activation = "relu", input_dim = 2}), nn.Dense(4, {activation = "relu"}),
                              nn.Dense(2, {activation = "softmax"})}
  T.is(plot.network(model, {show = false}):render{width = 60, mode = "ascii"}, s, "plot.network(model) draws the same")
  local spec = plot.network{layers = {{units = 3, title = "input"}, {units = 1, title = "hidden 1\n(sigmoid)", color = "red"},
                                      {units = 1, title = "output\n(sigmoid)"}}, show = false}
  T.is(spec:render{width = 40, mode = "ascii"}, want_network, "layers = {{units=, title=, color=}, ...}")
  local wide = plot.network{784, 100, 10, show = false}
  T.ok(wide:render{width = 60}:find("784", 1, true), "big layers show their unit count")
  T.errors(function() plot.network{} end, "plot.network: give the units of each layer", "no layers")
  T.errors(function() plot.network{2, 0, 1} end, "plot.network: layer 2 must have a whole number of units from 1 to 1000000, got 0", "0 units")
  T.errors(function() plot.network{2, 1.5} end, "layer 2 must have a whole number of units", "fractional units")
  T.errors(function() plot.network{2, 3, activations = {"a", "b", "c", "d"}} end, "plot.network: 4 activations for 2 layers", "activations that do not fit")
  T.errors(function() plot.network(42) end, "plot.network: expects a table of layer sizes or a model, got a number", "wrong type")
  T.errors(function() plot.network(nn.Sequential{nn.Dense(2)}) end, "plot.network: the model's input size is not known yet", "an unbuilt model")
  local many = {}
  for i = 1, 40 do many[i] = 1 end
  T.errors(function() plot.network(many) end, "plot.network: 40 layers; a diagram shows at most 32", "too many layers")
end

-- --- what each unit computes: plot.network{model = m}, fig:regions(m, {unit = ...}) ------------
do
  nn.random.seed(1)
  local m = nn.Sequential{nn.Dense(4, {activation = "relu", input_dim = 2}), nn.Dense(2, {activation = "softmax"})}
  m:compile{loss = "binary_crossentropy", optimizer = nn.optimizers.SGD{learning_rate = 0.5}}
  local net = plot.network{model = m, show = false}
  local before = net:render{width = 80}
  T.ok(before:find("decision", 1, true) and before:find("above 0", 1, true) and
       before:find("x1 from -3 to 3", 1, true), "plot.network{model = m} draws maps, the decision and a legend")
  frame()
  T.is(net:render{width = 80}, before, "a frame() with the model unchanged leaves the maps")
  local X = nn.random.randn(200, 2)
  local y = nn.hstack{X:col(1):gt(0):astype("float"):reshape{200, 1}, X:col(1):le(0):astype("float"):reshape{200, 1}}
  m:fit(X, y, {epochs = 3, batch_size = 20, verbose = 0})
  local after = net:render{width = 80}
  T.ok(after ~= before, "training, then frame() (fit calls it), samples the maps again")
  T.is(net:set():render{width = 80}, after, "net:set() samples again and returns the diagram")
  local z = plot.network{model = m, xlim = {0, 1}, ylim = {-1, 2}, show = false}:render{width = 80, mode = "ascii"}
  T.ok(z:find("x1 from 0 to 1 across, x2 from -1 to 2 up", 1, true), "xlim and ylim set the plane")
  T.errors(function() plot.network{model = m, xlim = {1, 0}} end, "plot.network: xlim must have lo < hi", "a bad plane")
  T.errors(function() plot.network{model = nn.Sequential{nn.Dense(2, {input_dim = 3})}} end,
           "plot.network: the model takes 3 inputs; maps need 2 (x1, x2)", "maps need two inputs")
  T.errors(function() plot.network{2, 1, show = false}:set() end, "net:set: the diagram has no maps", "set without maps")
  T.errors(function() plot.network{model = {}} end, "plot.network: model must be an nn.Sequential, got a table",
           "model = something not a model is named")
  T.errors(function() plot.network{model = nn.Perceptron{inputs = 2}} end,
           "plot.network: model must be an nn.Sequential, got nn.Perceptron", "a perceptron is not a model here")
  -- another shape: refused by net:set (reading its maps would run past the model's arrays)
  local wide = nn.Sequential{nn.Dense(30, {input_dim = 2}), nn.Dense(20), nn.Dense(1)}
  local narrow = nn.Sequential{nn.Dense(2, {input_dim = 2}), nn.Dense(1)}
  local wnet = plot.network{model = wide, show = false}
  T.errors(function() wnet:set(narrow) end,
           "net:set: the model's layers are 2, 2, 1; the diagram's 2, 30, 20, 1 (make a new plot.network{model = m})",
           "net:set refuses a model of another shape")
  local grown = nn.Sequential{nn.Dense(3, {activation = "relu", input_dim = 2})}
  local gnet = plot.network{model = grown, show = false}
  local gdraw = gnet:render{width = 80}
  grown:add(nn.Dense(2))
  frame()
  T.is(gnet:render{width = 80}, gdraw, "a frame() after the model grew leaves the maps as they were")
  T.errors(function() gnet:set() end, "net:set: the model's layers are 2, 3, 2; the diagram's 2, 3",
           "net:set says the model grew")
  -- a model closed while its diagram is live: frame() goes on, the maps stay
  local cdraw
  do
    local cm <close> = nn.Sequential{nn.Dense(2, {activation = "relu", input_dim = 2}), nn.Dense(1)}
    local cnet = plot.network{model = cm, show = false}
    cdraw = function() return cnet:render{width = 80} end
  end
  local kept = cdraw()
  T.ok(pcall(frame), "frame() goes on after a mapped model was closed")
  T.is(cdraw(), kept, "and its diagram keeps the last maps")

  local f = plot.figure{width = 30, height = 8, xlim = {-3, 3}, ylim = {-3, 3}, show = false}
  local W, b = m.layers[1]:get_weights()
  local r = f:regions(m, {unit = {1, 1}})
  local on, off = 0, 0
  for j = 1, 9 do
    for i = 1, 9 do
      local x, yy = -2.8 + 0.7 * (i - 1), -2.8 + 0.7 * (j - 1)
      local v = W[1][1] * x + W[2][1] * yy + b[1]
      if v > 0.3 then on = on + 1 elseif v < -0.3 then off = off + 1 end
    end
  end
  T.ok(on > 0 and off > 0, "unit 1 of layer 1 is on in part of the plane")
  local shown = f:render{mode = "ascii"}
  T.ok(shown:find(".", 1, true) ~= nil, "where it is on the figure shows its shading")
  T.is(r.kind, "regions", "a unit's map is a regions element")
  T.ok(r:set(m) == r, "h:set(m) samples the same unit again")
  T.errors(function() f:regions(m, {unit = {3, 1}}) end, "fig:regions: unit = {layer, k}: the model has layers 1 to 2, not 3", "a layer too far")
  T.errors(function() f:regions(m, {unit = {2, 3}}) end, "layer 2 has units 1 to 2, not 3", "a unit too far")
  T.errors(function() f:regions(function() return 1 end, {unit = {1, 1}}) end, "unit = {layer, k} needs a model", "unit needs a model")
  T.errors(function() f:regions(m, {unit = "1"}) end, "unit must be {layer, k}", "unit is a pair")
end

-- --- bad arguments: a clear message naming the function --------------------------------------
local f = F()
local errs = {
  {function() f:scatter({1, 2, 3}, {1, 2}) end, "fig:scatter: x has 3 rows but y has 2"},
  {function() f:line(nn.zeros{10}, nn.zeros{12}) end, "fig:line: x has 10 rows but y has 12"},
  {function() f:scatter({1, 2}, {1, 2}, {hue = {0, 1, 1}}) end, "fig:scatter: hue has 3 labels but x has 2 rows"},
  {function() f:scatter({1, 2}, {1, 2}, {hue = {0, 0.5}}) end, "fig:scatter: hue label 0.5 is not a class number"},
  {function() f:scatter({1, 2}, {1, 2}, {hue = {"a", 1}}) end, "fig:scatter: hue[2] is a number; labels must be all strings or all numbers"},
  {function() f:scatter(nn.zeros{5, 3}) end, "fig:scatter: give x and y, or one (n, 2) array; got x alone of shape (5, 3)"},
  {function() f:scatter({1, 2}) end, "fig:scatter: give x and y, or one (n, 2) array; got x alone of shape (2,)"},
  {function() f:scatter(nn.zeros{3, 3}, nn.zeros{3}) end, "fig:scatter: x has shape (3, 3); give a 1-D array or a single column"},
  {function() f:scatter("a", {1}) end, "fig:scatter: x must be an array or a table of numbers, got string"},
  {function() f:scatter({1, "b"}, {1, 2}) end, "fig:scatter: element [2] is a string, not a number"},
  {function() f:scatter({1}, {1}, {colour = "red"}) end, "fig:scatter: unknown option 'colour' (options: hue, label, color, marker, classes)"},
  {function() f:scatter({1}, {1}, {color = "mauve"}) end, "fig:scatter: unknown color 'mauve'"},
  {function() f:scatter({1}, {1}, {color = 9}) end, "fig:scatter: color 9 must be a palette number from 1 to 8 or a name"},
  {function() f:scatter({1}, {1}, {marker = "ab"}) end, "fig:scatter: marker 'ab' must be \"auto\", \"dot\" or one character"},
  {function() f:scatter({1}, {1}, {label = {}}) end, "fig:scatter: label must be a string, got a table"},
  {function() f:scatter({1}, {1}, {classes = "ab"}) end, "fig:scatter: classes must be a table of names"},
  {function() f:scatter({1}, {1}, 5) end, "fig:scatter: the options must be a table, got a number"},
  {function() f:line({1}, {1}, {dash = "wavy"}) end, "fig:line: dash must be \"solid\", \"dashed\" or \"dotted\""},
  {function() f:fn(function(x) return {} end, {from = 0, to = 1}) end, "fig:fn: f(0) returned a table, not a number"},
  {function() f:fn(function(x) return x end, {from = 1, to = 1}) end, "fig:fn: the range from = 1 to = 1 must be finite with from < to"},
  {function() f:fn(function(x) return x end, {from = 0, to = 0 / 0}) end, "must be finite with from < to"},
  {function() f:fn(function(x) return x end, {n = 1}) end, "fig:fn: n = 1 must be from 2 to 1000000"},
  {function() f:fn(function(x) error("inside f") end, {from = 0, to = 1}) end, "inside f"},
  {function() f:fn(42) end, "bad argument #1 to 'fn' (function expected, got number)"},
  {function() f:boundary(1, 2) end, "fig:boundary: b must be a number, got nothing"},
  {function() f:boundary(1, "x", 3) end, "fig:boundary: w2 must be a number, got string"},
  {function() f:boundary(nn.zeros{2}, 1, 1) end, "fig:boundary: w1 must be a number, got an array of shape (2,)"},
  {function() f:boundary(nn.Perceptron{inputs = 3}) end, "fig:boundary: the perceptron has 3 inputs; a boundary line needs 2"},
  {function() f:boundary(m) end, "fig:boundary: the model has 2 layers; a boundary line needs one Dense layer"},
  {function() f:boundary(m.layers[1]) end, "fig:boundary: the layer has 2 inputs and 4 units; a boundary line needs 2 inputs and 1 unit"},
  {function() f:boundary(1, 1, 1, {level = 0 / 0}) end, "fig:boundary: level must be a finite number"},
  {function() f:hline("x") end, "fig:hline: the value must be a number, got string"},
  {function() f:vline() end, "fig:vline: the value must be a number, got nothing"},
  {function() f:regions(42) end, "fig:regions: expects a model, a function f(x, y) or a perceptron, got a number"},
  {function() f:regions(function() return 0.5 end) end, "returned 0.5; return a class (0, 1, ...) or a boolean"},
  {function() f:regions(function() return "a" end) end, "returned a string; return a class (0, 1, ...) or a boolean"},
  {function() f:regions(nn.Sequential{nn.Dense(1, {input_dim = 3})}) end, "fig:regions: the model takes 3 inputs; regions need 2 (x, y)"},
  {function() f:regions(nn.Sequential{nn.Dense(1)}) end, "fig:regions: the model is not built yet"},
  {function() f:regions(m, {threshold = math.huge}) end, "fig:regions: threshold must be a finite number"},
  {function() plot.figure{width = 1, height = 1, show = false}:regions(m) end, "fig:regions: the figure is too small to show regions"},
  {function() f:loss{val_loss = {1}} end, "fig:loss: the history has no loss"},
  {function() f:loss{loss = {1, "x"}} end, "fig:loss: element [2] is a string, not a number"},
  {function() plot.figure{width = -3} end, "plot.figure: width = -3 must not be negative"},
  {function() plot.figure{width = 2.5} end, "plot.figure: width = 2.5 is not a whole number"},
  {function() plot.figure{height = 0 / 0} end, "plot.figure: height = "},
  {function() plot.figure{width = 1e9} end, "plot.figure: width = 1000000000 is too large (at most 500)"},
  {function() plot.figure{height = 201} end, "plot.figure: height = 201 is too large (at most 200)"},
  {function() plot.figure{width = "wide"} end, "plot.figure: width must be a whole number, got a string"},
  {function() plot.figure{xlim = {1, 0}} end, "plot.figure: xlim = {1, 0} must have lo < hi"},
  {function() plot.figure{ylim = {0, 0 / 0}} end, "plot.figure: ylim must be finite"},
  {function() plot.figure{xlim = 3} end, "plot.figure: xlim must be a table {lo, hi}, got a number"},
  {function() plot.figure{ylim = {1}} end, "plot.figure: ylim must be two numbers {lo, hi}"},
  {function() plot.figure{titel = "x"} end, "plot.figure: unknown option 'titel'"},
  {function() plot.figure{title = {}} end, "plot.figure: expects a string, got a table"},
  {function() plot.figure("x") end, "plot.figure: the options must be a table, got a string"},
  {function() f:xlim(2, 1) end, "fig:xlim: the limits = {2, 1} must have lo < hi"},
  {function() f:ylim(0, math.huge) end, "fig:ylim: the limits must be finite"},
  {function() f:size(-1) end, "fig:size: width = -1 must not be negative"},
  {function() f:axis{lg = true} end, "fig:axis: unknown option 'lg'"},
  {function() f:render{mode = "pixels"} end, "fig:render: mode must be \"braille\", \"block\" or \"ascii\""},
  {function() f.scatter(42) end, "bad argument #1 to 'scatter' (plot.Figure expected, got number)"},
}
for _, e in ipairs(errs) do
  T.errors(e[1], e[2], "error: " .. e[2])
end
T.ok(getmetatable(f) == false and getmetatable(plot.network{1, show = false}) == false,
     "metatables are hidden from lessons")
T.ok(getmetatable(f:hline(1)) == false, "also the handles'")
T.done()
