-- ---
-- title: Golden transcript of the plot module
-- ---

-- %% [markdown]
-- Figures are shown when they are made and drawn as they are when the
-- cell ends, so an animation shows its last frame.

-- %% a perceptron's line moving over two classes
local X = nn.array{{1, 1}, {2, 1.5}, {1.5, 2.5}, {4, 4}, {5, 3.5}, {4.5, 5}}
local y = {0, 0, 0, 1, 1, 1}
local p = nn.Perceptron{inputs = 2, weights = {0.2, -0.3, 0.1}, bias = true}
fig = plot.figure{title = "perceptron", xlabel = "x1", ylabel = "x2", width = 56, height = 14}
fig:scatter(X, {hue = y, classes = {"below", "above"}})
local line = fig:boundary(p, {label = "boundary"})
for epoch = 1, 10 do
  for i = 1, 6 do p:adjust(y[i], p(X[i]), X[i]) end
  line:set(p)
  frame()
end
show(fig) -- already shown in this cell: drawn once
print(fig)

-- %% the same figure again, with a reference line
fig:hline(3, {dash = "dotted"})
show(fig)

-- %% a function, reference lines and labels
local s = plot.figure{xlabel = "x", ylabel = "sigmoid(x)", width = 50, height = 10}
s:fn(function(x) return 1 / (1 + math.exp(-x)) end, {from = -6, to = 6})
s:hline(0, {dash = "dashed"})
s:vline(0, {dash = "dashed"})

-- %% decision regions of a function, loss curves, a network
local r = plot.figure{title = "XOR", width = 40, height = 10, xlim = {-1, 1}, ylim = {-1, 1}}
r:regions(function(x, y) return (x > 0) ~= (y > 0) end)
r:scatter({-0.5, 0.5, -0.5, 0.5}, {-0.5, -0.5, 0.5, 0.5}, {hue = {0, 1, 1, 0}})
local l = plot.figure{width = 50, height = 10, ylog = true}
l:loss{loss = {1, 0.5, 0.2, 0.1, 0.05, 0.04}, val_loss = {1.1, 0.6, 0.3, 0.2, 0.15, 0.14}}
plot.network{2, 4, 4, 2, activations = {"relu", "relu", "softmax"}}

-- %% an error names the function and the shapes
local bad = plot.figure{show = false}
bad:scatter({1, 2, 3}, {1, 2})
