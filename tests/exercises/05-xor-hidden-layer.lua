-- ---
-- title: answers to try on the exercises of lessons/05-xor-hidden-layer.lua
-- ---

-- Run by tests/sh/test_exercises.sh: nnbook --check lessons/05-xor-hidden-layer.lua
-- --answers tests/exercises/05-xor-hidden-layer.lua. Each cell replaces the exercise
-- its title names; "wrong" ones must fail its check, "right" ones pass.

-- %% Exercise 1 wrong: two neurons
units = 2
nn.random.seed(1)
small = nn.Sequential{
  nn.Dense(units, {activation = "relu", input_dim = 2}),
  nn.Dense(2, {activation = "softmax"}),
}
small:compile{loss = "binary_crossentropy", optimizer = nn.optimizers.SGD{momentum = 0.99}}
small:fit(X_train, y_train, {epochs = 200, batch_size = 100, verbose = 0})
print(("%d hidden neurons: test accuracy %.2f%%"):format(units, 100 * xor_accuracy(small, X_test)))

-- %% Exercise 1 wrong: eight neurons
units = 8
nn.random.seed(1)
small = nn.Sequential{
  nn.Dense(units, {activation = "relu", input_dim = 2}),
  nn.Dense(2, {activation = "softmax"}),
}
small:compile{loss = "binary_crossentropy", optimizer = nn.optimizers.SGD{momentum = 0.99}}
small:fit(X_train, y_train, {epochs = 200, batch_size = 100, verbose = 0})
print(("%d hidden neurons: test accuracy %.2f%%"):format(units, 100 * xor_accuracy(small, X_test)))

-- %% Exercise 1 right: four neurons
units = 4
nn.random.seed(1)
small = nn.Sequential{
  nn.Dense(units, {activation = "relu", input_dim = 2}),
  nn.Dense(2, {activation = "softmax"}),
}
small:compile{loss = "binary_crossentropy", optimizer = nn.optimizers.SGD{momentum = 0.99}}
small:fit(X_train, y_train, {epochs = 200, batch_size = 100, verbose = 0})
print(("%d hidden neurons: test accuracy %.2f%%"):format(units, 100 * xor_accuracy(small, X_test)))

-- %% Exercise 1 right: three neurons
units = 3
nn.random.seed(1)
small = nn.Sequential{
  nn.Dense(units, {activation = "relu", input_dim = 2}),
  nn.Dense(2, {activation = "softmax"}),
}
small:compile{loss = "binary_crossentropy", optimizer = nn.optimizers.SGD{momentum = 0.99}}
small:fit(X_train, y_train, {epochs = 200, batch_size = 100, verbose = 0})
print(("%d hidden neurons: test accuracy %.2f%%"):format(units, 100 * xor_accuracy(small, X_test)))

-- %% Exercise 2 wrong: 0.99 jumps
momentum = 0.99
nn.random.seed(3)
calm = nn.Sequential{
  nn.Dense(4, {activation = "relu", input_dim = 2}),
  nn.Dense(4, {activation = "relu"}),
  nn.Dense(2, {activation = "softmax"}),
}
calm:compile{loss = "binary_crossentropy", optimizer = nn.optimizers.SGD{momentum = momentum}}
calm_history = calm:fit(X_train, y_train, {epochs = 20, batch_size = 100, verbose = 0})
worst_rise = 0
for e = 2, #calm_history.loss do
  worst_rise = math.max(worst_rise, calm_history.loss[e] / calm_history.loss[e - 1] - 1)
end
print(("momentum %g: loss %.4f after %d epochs, worst rise %.0f%%"):format(
  momentum, calm_history.loss[#calm_history.loss], #calm_history.loss, 100 * worst_rise))

-- %% Exercise 2 wrong: 0.8 is too slow
momentum = 0.8
nn.random.seed(3)
calm = nn.Sequential{
  nn.Dense(4, {activation = "relu", input_dim = 2}),
  nn.Dense(4, {activation = "relu"}),
  nn.Dense(2, {activation = "softmax"}),
}
calm:compile{loss = "binary_crossentropy", optimizer = nn.optimizers.SGD{momentum = momentum}}
calm_history = calm:fit(X_train, y_train, {epochs = 20, batch_size = 100, verbose = 0})
worst_rise = 0
for e = 2, #calm_history.loss do
  worst_rise = math.max(worst_rise, calm_history.loss[e] / calm_history.loss[e - 1] - 1)
end
print(("momentum %g: loss %.4f after %d epochs, worst rise %.0f%%"):format(
  momentum, calm_history.loss[#calm_history.loss], #calm_history.loss, 100 * worst_rise))

-- %% Exercise 2 wrong: 0.95 jumps
momentum = 0.95
nn.random.seed(3)
calm = nn.Sequential{
  nn.Dense(4, {activation = "relu", input_dim = 2}),
  nn.Dense(4, {activation = "relu"}),
  nn.Dense(2, {activation = "softmax"}),
}
calm:compile{loss = "binary_crossentropy", optimizer = nn.optimizers.SGD{momentum = momentum}}
calm_history = calm:fit(X_train, y_train, {epochs = 20, batch_size = 100, verbose = 0})
worst_rise = 0
for e = 2, #calm_history.loss do
  worst_rise = math.max(worst_rise, calm_history.loss[e] / calm_history.loss[e - 1] - 1)
end
print(("momentum %g: loss %.4f after %d epochs, worst rise %.0f%%"):format(
  momentum, calm_history.loss[#calm_history.loss], #calm_history.loss, 100 * worst_rise))

-- %% Exercise 2 right: 0.9
momentum = 0.9
nn.random.seed(3)
calm = nn.Sequential{
  nn.Dense(4, {activation = "relu", input_dim = 2}),
  nn.Dense(4, {activation = "relu"}),
  nn.Dense(2, {activation = "softmax"}),
}
calm:compile{loss = "binary_crossentropy", optimizer = nn.optimizers.SGD{momentum = momentum}}
calm_history = calm:fit(X_train, y_train, {epochs = 20, batch_size = 100, verbose = 0})
worst_rise = 0
for e = 2, #calm_history.loss do
  worst_rise = math.max(worst_rise, calm_history.loss[e] / calm_history.loss[e - 1] - 1)
end
print(("momentum %g: loss %.4f after %d epochs, worst rise %.0f%%"):format(
  momentum, calm_history.loss[#calm_history.loss], #calm_history.loss, 100 * worst_rise))

-- %% Exercise 2 right: 0.88
momentum = 0.88
nn.random.seed(3)
calm = nn.Sequential{
  nn.Dense(4, {activation = "relu", input_dim = 2}),
  nn.Dense(4, {activation = "relu"}),
  nn.Dense(2, {activation = "softmax"}),
}
calm:compile{loss = "binary_crossentropy", optimizer = nn.optimizers.SGD{momentum = momentum}}
calm_history = calm:fit(X_train, y_train, {epochs = 20, batch_size = 100, verbose = 0})
worst_rise = 0
for e = 2, #calm_history.loss do
  worst_rise = math.max(worst_rise, calm_history.loss[e] / calm_history.loss[e - 1] - 1)
end
print(("momentum %g: loss %.4f after %d epochs, worst rise %.0f%%"):format(
  momentum, calm_history.loss[#calm_history.loss], #calm_history.loss, 100 * worst_rise))

-- %% Exercise 3 wrong: nothing said
mistakes = {}
for i = 1, #X_test do
  local x1, x2 = X_test:get(i, 1), X_test:get(i, 2)
  local truth = x1 * x2 > 0      -- true: same signs
  local said = false             -- what did the network say?
  if said ~= truth then mistakes[#mistakes + 1] = {x1, x2} end
end
print(#mistakes .. " mistakes out of " .. #X_test)
local miss_fig = plot.figure{title = "the misclassified test points", height = 12, xlim = {-3, 3}, ylim = {-3, 3}}
if #mistakes > 0 then miss_fig:scatter(mistakes, {label = "mistake"}) end
miss_fig:hline(0, {dash = "dashed"})
miss_fig:vline(0, {dash = "dashed"})

-- %% Exercise 3 wrong: the truth instead of the network
mistakes = {}
for i = 1, #X_test do
  local x1, x2 = X_test:get(i, 1), X_test:get(i, 2)
  local truth = x1 * x2 > 0      -- true: same signs
  local said = truth             -- what did the network say?
  if said ~= truth then mistakes[#mistakes + 1] = {x1, x2} end
end
print(#mistakes .. " mistakes out of " .. #X_test)
local miss_fig = plot.figure{title = "the misclassified test points", height = 12, xlim = {-3, 3}, ylim = {-3, 3}}
if #mistakes > 0 then miss_fig:scatter(mistakes, {label = "mistake"}) end
miss_fig:hline(0, {dash = "dashed"})
miss_fig:vline(0, {dash = "dashed"})

-- %% Exercise 3 wrong: the threshold the wrong way
mistakes = {}
for i = 1, #X_test do
  local x1, x2 = X_test:get(i, 1), X_test:get(i, 2)
  local truth = x1 * x2 > 0      -- true: same signs
  local said = y_test:get(i, 1) < 0.5             -- what did the network say?
  if said ~= truth then mistakes[#mistakes + 1] = {x1, x2} end
end
print(#mistakes .. " mistakes out of " .. #X_test)
local miss_fig = plot.figure{title = "the misclassified test points", height = 12, xlim = {-3, 3}, ylim = {-3, 3}}
if #mistakes > 0 then miss_fig:scatter(mistakes, {label = "mistake"}) end
miss_fig:hline(0, {dash = "dashed"})
miss_fig:vline(0, {dash = "dashed"})

-- %% Exercise 3 right: the labels the network gave
mistakes = {}
for i = 1, #X_test do
  local x1, x2 = X_test:get(i, 1), X_test:get(i, 2)
  local truth = x1 * x2 > 0      -- true: same signs
  local said = y_test:get(i, 1) > 0.5             -- what did the network say?
  if said ~= truth then mistakes[#mistakes + 1] = {x1, x2} end
end
print(#mistakes .. " mistakes out of " .. #X_test)
local miss_fig = plot.figure{title = "the misclassified test points", height = 12, xlim = {-3, 3}, ylim = {-3, 3}}
if #mistakes > 0 then miss_fig:scatter(mistakes, {label = "mistake"}) end
miss_fig:hline(0, {dash = "dashed"})
miss_fig:vline(0, {dash = "dashed"})

-- %% Exercise 3 right: asking the model
mistakes = {}
for i = 1, #X_test do
  local x1, x2 = X_test:get(i, 1), X_test:get(i, 2)
  local truth = x1 * x2 > 0      -- true: same signs
  local said = model:predict(nn.array{{x1, x2}}):get(1, 1) > 0.5             -- what did the network say?
  if said ~= truth then mistakes[#mistakes + 1] = {x1, x2} end
end
print(#mistakes .. " mistakes out of " .. #X_test)
local miss_fig = plot.figure{title = "the misclassified test points", height = 12, xlim = {-3, 3}, ylim = {-3, 3}}
if #mistakes > 0 then miss_fig:scatter(mistakes, {label = "mistake"}) end
miss_fig:hline(0, {dash = "dashed"})
miss_fig:vline(0, {dash = "dashed"})

-- %% Exercise 3 wrong: one mistake twice, another left out
mistakes = {}
for i = 1, #X_test do
  local x1, x2 = X_test:get(i, 1), X_test:get(i, 2)
  local truth = x1 * x2 > 0      -- true: same signs
  local said = y_test:get(i, 1) > 0.5
  if said ~= truth then mistakes[#mistakes + 1] = {x1, x2} end
end
mistakes[#mistakes] = mistakes[1]
print(#mistakes .. " mistakes out of " .. #X_test)

-- %% Exercise 3 right: y_test after the model trained on
-- The student ran the training cell again: the model has moved on since
-- y_test was computed, and the answer still reads y_test.
model:fit(X_train, y_train, {epochs = 5, batch_size = 100, verbose = 0})
mistakes = {}
for i = 1, #X_test do
  local x1, x2 = X_test:get(i, 1), X_test:get(i, 2)
  local truth = x1 * x2 > 0      -- true: same signs
  local said = y_test:get(i, 1) > 0.5
  if said ~= truth then mistakes[#mistakes + 1] = {x1, x2} end
end
print(#mistakes .. " mistakes out of " .. #X_test)

-- %% Exercise 3 right: asking the model after it trained on
-- As the answer before, the model trained on; this answer asks it again.
mistakes = {}
for i = 1, #X_test do
  local x1, x2 = X_test:get(i, 1), X_test:get(i, 2)
  local truth = x1 * x2 > 0      -- true: same signs
  local said = model:predict(nn.array{{x1, x2}}):get(1, 1) > 0.5
  if said ~= truth then mistakes[#mistakes + 1] = {x1, x2} end
end
print(#mistakes .. " mistakes out of " .. #X_test)
