-- ---
-- title: XOR needs a hidden layer
-- source: "Keras notebook 'Neural Networks', section 'Example: XOR' (seed 004)"
-- ---

-- %% [markdown]
-- # XOR needs a hidden layer
--
-- XOR ("exclusive or") answers 1 when exactly one of its two inputs is on:
-- XOR(x, y) = 1 if x ≠ y, else 0. Put the four cases on a square and the two
-- 1s sit on one diagonal, the two 0s on the other; no single straight line
-- puts the 1s on one side and the 0s on the other. The perceptron lesson
-- showed it: one neuron draws one line, and one line is not enough.
--
-- This lesson uses a smooth version of XOR. Each point $(x_1, x_2)$ of the
-- plane gets the class **"same signs"** when $x_1$ and $x_2$ are both positive
-- or both negative (the top-right and bottom-left quarters) and
-- **"opposite signs"** otherwise. Read each coordinate's sign as a bit and
-- "opposite signs" is exactly XOR = 1. The border between the classes is
-- the pair of axes, a cross: still no single line can do it. A network with
-- *hidden layers*, neurons between the inputs and the output, can, and we
-- will watch it learn to.

-- %% [markdown]
-- ## 1. The network
--
-- The notebook builds it with Keras, layer by layer; nnbook's `nn.Sequential`
-- takes the same description:
--
-- - a hidden layer of 4 neurons with the **ReLU** activation,
--   $\mathrm{relu}(z) = \max(0, z)$: each neuron passes its weighted sum when
--   it is positive and outputs 0 otherwise. Each one bends the plane along a
--   line of its own;
-- - a second hidden layer of 4 ReLU neurons, which combine the bends;
-- - an output layer of 2 neurons with **softmax**: it turns the two sums into
--   two positive numbers that add up to 1, the network's confidence in
--   "same signs" (first output) and "opposite signs" (second output).
--
-- Every neuron has one weight per input plus a bias: $2 \cdot 4 + 4 = 12$,
-- $4 \cdot 4 + 4 = 20$ and $4 \cdot 2 + 2 = 10$ parameters, 42 numbers to
-- learn. The starting weights are random; the notebook does not seed its
-- generator, so we call `nn.random.seed(1)` to get the same network (and the
-- same data below) every time. Our numbers therefore differ from the
-- notebook's.

-- %% The 2-4-4-2 network
nn.random.seed(1)
model = nn.Sequential{
  nn.Dense(4, {activation = "relu", input_dim = 2}),
  nn.Dense(4, {activation = "relu"}),
  nn.Dense(2, {activation = "softmax"}),
}
model:summary()
plot.network(model)

-- %% [markdown]
-- ## 2. How it will learn
--
-- **Binary cross-entropy** compares each output with its target (1 or 0) and
-- costs $-\log$ of the probability given to the right answer: almost nothing
-- for a confident right answer, a lot for a confident wrong one. Keras
-- averages it over both output columns. (Keras has written this formula in
-- two ways: the notebook's Keras 2.2 and today's Keras differ only for
-- outputs within a ten-millionth of 0 or 1. This lesson uses today's;
-- `keras = "2.2"` in `compile` would use the notebook's.)
--
-- **SGD with momentum.** Plain gradient descent takes a step of
-- $0.01 \times$ the gradient (0.01 is Keras' default learning rate). With
-- momentum the step also keeps a share of the previous step, like a ball
-- rolling downhill: $v \leftarrow 0.99\,v - 0.01\,g$, then $w \leftarrow w + v$.
-- A momentum of 0.99 remembers roughly the last hundred steps. That makes
-- training fast, and also prone to overshooting, as we will see.

-- %% Loss and optimizer
model:compile{loss = "binary_crossentropy",
              optimizer = nn.optimizers.SGD{learning_rate = 0.01,
                                            momentum = 0.99}}

-- %% [markdown]
-- ## 3. The training data
--
-- `nn.random.randn(10000, 2)` draws 10,000 points whose coordinates follow
-- the standard normal distribution: a round cloud around the origin, most
-- points within 2 of it. The targets are written as two columns, one per
-- output neuron ("one-hot"): $[1, 0]$ for same signs, $[0, 1]$ for opposite
-- signs.
--
-- Lua counts from 1, so `X_train:slice(1, 5)` is the notebook's `X_train[:5]`
-- and `X_train:col(1)` is its `X_train[:, 0]`.

-- %% 10,000 random points, labelled by quarter
X_train = nn.random.randn(10000, 2)
print("X_train shape:", X_train.shape[1], X_train.shape[2])
print(X_train:slice(1, 5))

local same = (X_train:col(1) * X_train:col(2)):gt(0):astype("float")
               :reshape{10000, 1}
y_train = nn.hstack{same, 1 - same}
print("y_train shape:", y_train.shape[1], y_train.shape[2])
print(y_train:slice(1, 5):repr())

-- %% The training data
classes = {"same signs", "opposite signs"}
local data_fig = plot.figure{title = "training data: XOR by quarter",
                             height = 14}
data_fig:scatter(X_train, {hue = y_train, classes = classes})

-- %% [markdown]
-- ## 4. Training
--
-- 200 epochs; each epoch shuffles the 10,000 points and walks through them in
-- batches of 100, so the weights are updated 100 times per epoch and 20,000
-- times in all. The figure's background shows what the network would answer
-- at every spot of the plane, one colour per class (without colours, dots
-- mark "opposite signs"); the dashed axes are the true border. In the
-- notebook the figure changes epoch by epoch, and the progress line and the
-- table report the loss. Once the training has ended (or while it is
-- paused), step back through the epochs with `[` and `]`, ten at a time with
-- `{` and `}`, to the first or last with Home and End: watch the regions form.

-- %% Training for 200 epochs
local live = plot.figure{title = "what the network answers", height = 14,
                         xlim = {-3, 3}, ylim = {-3, 3}}
local regions = live:regions(model, {classes = classes})
live:hline(0, {dash = "dashed"})
live:vline(0, {dash = "dashed"})
results = model:fit(X_train, y_train, {
  epochs = 200,
  batch_size = 100,
  verbose = 1,
  callback = function(epoch, logs, m) regions:set(m) end,
})
print(("loss after epoch 1: %.4f, after epoch 200: %.4f")
      :format(results.loss[1], results.loss[200]))

-- %% [markdown]
-- ## 5. The loss, epoch by epoch
--
-- For eight epochs the loss hovers around 0.4: the lines have not yet found
-- where the cross must go. Then it falls quickly, to 0.10 at epoch 10, and
-- after that it jumps back up several times (to 0.24 at epoch 24) before it
-- settles near 0.01. The momentum carries the weights past a good spot, and
-- it takes a few epochs to swing back. The notebook's run jumps too: its loss
-- climbs from 0.05 to 0.33 around epoch 5. The log scale of the figure shows
-- the small values at the end.
--
-- These numbers are this run's: nnbook computes in double precision with
-- numpy's random numbers. Keras computes in single precision and draws its
-- own starting weights, so the same network trained there takes another
-- path, with other digits, and ends in the same place.

-- %% The loss curve
local loss_fig = plot.figure{title = "training loss", height = 12,
                             ylog = true}
loss_fig:loss(results)

-- %% [markdown]
-- ## 6. Testing on new points
--
-- The real test is on points the network has never seen: 5000 fresh ones.
-- `model:predict` returns two numbers per point, the softmax outputs; the
-- network's answer is the larger one, "same signs" when the first output is
-- above 0.5.

-- %% 5000 test points
X_test = nn.random.randn(5000, 2)
y_test = model:predict(X_test)
print("y_test shape:", y_test.shape[1], y_test.shape[2])
print("the first three predictions:")
print(y_test:slice(1, 3))

-- %% The test points, coloured by the network's answer
local test_fig = plot.figure{
  title = "test points, coloured by prediction", height = 14,
  xlim = {-3.5, 3.5}, ylim = {-3.5, 3.5}}
test_fig:regions(model, {classes = classes})
test_fig:scatter(X_test, {hue = y_test, classes = classes})

-- %% [markdown]
-- The colours follow the quarters. To put a number on it we compare each
-- answer with the truth, the sign of $x_1 x_2$, and count the agreements: the
-- **accuracy**.

-- %% How often is it right?
function xor_accuracy(m, Xs)
  local truth = (Xs:col(1) * Xs:col(2)):gt(0)
  local said = m:predict(Xs):col(1):gt(0.5)
  return said:eq(truth):mean()
end
test_accuracy = xor_accuracy(model, X_test)
print(("test accuracy: %.2f%%"):format(100 * test_accuracy))

-- %% [markdown]
-- ## 7. What the hidden layer does
--
-- Each neuron of the first hidden layer computes $w_1 x_1 + w_2 x_2 + b$ and
-- keeps it only where it is positive, so each one draws a line and ignores
-- everything on one side of it. Here are the four lines. The second layer
-- adds and subtracts these bent planes, and with four of them it can build a
-- surface that is positive on two opposite quarters and negative on the
-- other two: the cross that one line could never draw.
--
-- In this run two of the lines (units 2 and 3) lie almost exactly on the
-- axes: the network found the true border and uses it directly. Their
-- weights are large, so the bend is sharp.

-- %% The four lines of the first hidden layer
local W1, b1 = model.layers[1]:get_weights()
local unit_fig = plot.figure{title = "the lines of hidden layer 1",
                             height = 14, xlim = {-3, 3}, ylim = {-3, 3}}
unit_fig:scatter(X_test:slice(1, 400), {hue = y_test:slice(1, 400),
                                        classes = classes})
for j = 1, 4 do
  unit_fig:boundary(W1:get(1, j), W1:get(2, j), b1[j],
                    {label = "unit " .. j})
  print(("unit %d: %.3f x1 + %.3f x2 + %.3f")
        :format(j, W1:get(1, j), W1:get(2, j), b1[j]))
end

-- %% [markdown]
-- Here is what every unit computes, as TensorFlow Playground draws it: each
-- small map is one unit's output over the same plane ($x_1$ across, $x_2$
-- up), ▓ where it is large, ░ where small, blank near 0, and the last map
-- is the network's answer.
-- The four maps of hidden layer 1 are the four lines: each unit is 0 on one
-- side of its line and grows on the other. (Made before training, such a
-- diagram follows every epoch, and steps back with the rest.) Below it,
-- each unit of hidden layer 1 on its own: shaded where it is on, its line
-- the edge.

-- %% What each unit computes
plot.network{model = model}
local W1, b1 = model.layers[1]:get_weights()
for j = 1, 4 do
  local f = plot.figure{title = "unit " .. j .. " of hidden layer 1",
                        height = 7, width = 40,
                        xlim = {-3, 3}, ylim = {-3, 3}}
  f:regions(model, {unit = {1, j}})
  f:boundary(W1:get(1, j), W1:get(2, j), b1[j])
end

-- %% [markdown]
-- ## Exercises
--
-- Each exercise is a cell to edit and run, then a check cell that looks at
-- what your code computed. If you are stuck, `h` shows a hint; after your
-- first checked attempt, `S` shows a solution.
--
-- **Exercise 1.** Do we need two hidden layers? Build a network with a
-- *single* hidden layer of ReLU neurons and find how few neurons it needs to
-- learn XOR. With 2 it stays near 70%: two bends cannot make a cross. The
-- check wants at least 97% test accuracy from one hidden layer of at most 4
-- neurons. Once it passes, try 3 with a few different seeds: sometimes
-- enough, depending on where the lines start.

-- %% Exercise 1: one hidden layer
units = 2
nn.random.seed(1)
small = nn.Sequential{
  nn.Dense(units, {activation = "relu", input_dim = 2}),
  nn.Dense(2, {activation = "softmax"}),
}
small:compile{loss = "binary_crossentropy",
              optimizer = nn.optimizers.SGD{momentum = 0.99}}
small:fit(X_train, y_train, {epochs = 200, batch_size = 100, verbose = 0})
print(("%d hidden neurons: test accuracy %.2f%%")
      :format(units, 100 * xor_accuracy(small, X_test)))

-- %% Check 1
check{"one hidden layer of at most 4 neurons learns XOR", function()
  if #small.layers ~= 2 then
    return false, "use exactly one hidden layer"
  end
  local W = small.layers[1]:get_weights()
  if W.shape[2] > 4 then
    return false, ("%d neurons: try 4 or fewer"):format(W.shape[2])
  end
  local a = xor_accuracy(small, X_test)
  return a >= 0.97, ("test accuracy %.2f%%"):format(100 * a)
end}

-- %% [markdown] Hint 1 tags=["hint"]
-- Try 3 and 4. Four ReLU neurons can build $|x_1 + x_2| - |x_1 - x_2|$,
-- which has the sign of $x_1 x_2$.

-- %% Solution 1 tags=["solution"]
units = 4
nn.random.seed(1)
small = nn.Sequential{
  nn.Dense(units, {activation = "relu", input_dim = 2}),
  nn.Dense(2, {activation = "softmax"}),
}
small:compile{loss = "binary_crossentropy",
              optimizer = nn.optimizers.SGD{momentum = 0.99}}
small:fit(X_train, y_train, {epochs = 200, batch_size = 100, verbose = 0})
print(("%d hidden neurons: test accuracy %.2f%%")
      :format(units, 100 * xor_accuracy(small, X_test)))

-- %% [markdown]
-- **Exercise 2.** The jumps in the loss curve come from the large momentum.
-- Train the 2-4-4-2 network (from other starting weights, seed 3) for just
-- **20 epochs** and choose a momentum so that the loss ends below 0.05 *and*
-- never rises by more than 10% from one epoch to the next. Too much momentum
-- jumps; too little is too slow.

-- %% Exercise 2: a calmer momentum
momentum = 0.99
nn.random.seed(3)
calm = nn.Sequential{
  nn.Dense(4, {activation = "relu", input_dim = 2}),
  nn.Dense(4, {activation = "relu"}),
  nn.Dense(2, {activation = "softmax"}),
}
calm:compile{loss = "binary_crossentropy",
             optimizer = nn.optimizers.SGD{momentum = momentum}}
calm_history = calm:fit(X_train, y_train, {epochs = 20, batch_size = 100,
                                           verbose = 0})
local losses = calm_history.loss
worst_rise = 0
for e = 2, #losses do
  worst_rise = math.max(worst_rise, losses[e] / losses[e - 1] - 1)
end
print(("momentum %g: loss %.4f after %d epochs, worst rise %.0f%%")
      :format(momentum, losses[#losses], #losses, 100 * worst_rise))

-- %% Check 2
check{"loss below 0.05 in 20 epochs, without jumps", function()
  local h = calm_history.loss
  if #h > 20 then return false, "train for at most 20 epochs" end
  local rise = 0
  for e = 2, #h do rise = math.max(rise, h[e] / h[e - 1] - 1) end
  if rise > 0.10 then
    return false, ("the loss rose by %.0f%% once"):format(100 * rise)
  end
  return h[#h] < 0.05, ("the loss ended at %.4f"):format(h[#h])
end}

-- %% [markdown] Hint 2 tags=["hint"]
-- At 0.99 the loss jumps; at 0.8 it is calm but still above 0.05 after
-- 20 epochs. The window between is narrow: try 0.9, then move by 0.01.

-- %% Solution 2 tags=["solution"]
momentum = 0.9
nn.random.seed(3)
calm = nn.Sequential{
  nn.Dense(4, {activation = "relu", input_dim = 2}),
  nn.Dense(4, {activation = "relu"}),
  nn.Dense(2, {activation = "softmax"}),
}
calm:compile{loss = "binary_crossentropy",
             optimizer = nn.optimizers.SGD{momentum = momentum}}
calm_history = calm:fit(X_train, y_train, {epochs = 20, batch_size = 100,
                                           verbose = 0})
local losses = calm_history.loss
worst_rise = 0
for e = 2, #losses do
  worst_rise = math.max(worst_rise, losses[e] / losses[e - 1] - 1)
end
print(("momentum %g: loss %.4f after %d epochs, worst rise %.0f%%")
      :format(momentum, losses[#losses], #losses, 100 * worst_rise))

-- %% [markdown]
-- **Exercise 3.** Where does the trained network go wrong? Collect the test
-- points it misclassifies in the table `mistakes` (as `{x1, x2}` pairs). The
-- loop below compares each answer with the truth, but its answer is made up:
-- read the network's answer from `y_test` instead (row `i`, column 1 is its
-- confidence in "same signs"). The figure then shows where the mistakes are.

-- %% Exercise 3: find the mistakes
mistakes = {}
for i = 1, #X_test do
  local x1, x2 = X_test:get(i, 1), X_test:get(i, 2)
  local truth = x1 * x2 > 0      -- true: same signs
  local said = false             -- what did the network say?
  if said ~= truth then mistakes[#mistakes + 1] = {x1, x2} end
end
print(#mistakes .. " mistakes out of " .. #X_test)
local miss_fig = plot.figure{title = "the misclassified test points",
                             height = 12, xlim = {-3, 3}, ylim = {-3, 3}}
if #mistakes > 0 then miss_fig:scatter(mistakes, {label = "mistake"}) end
miss_fig:hline(0, {dash = "dashed"})
miss_fig:vline(0, {dash = "dashed"})

-- %% Check 3
check{"the mistakes are exactly the misclassified test points", function()
  -- The network's answers: y_test, or the model as it is now (trained
  -- again since y_test was made?). mistakes must be those of one of them.
  local function wrong_by(said)
    local set, n = {}, 0
    for i = 1, #X_test do
      local x1, x2 = X_test:get(i, 1), X_test:get(i, 2)
      if (x1 * x2 > 0) ~= (said:get(i, 1) > 0.5) then
        set[x1] = set[x1] or {}
        set[x1][x2], n = true, n + 1
      end
    end
    return set, n
  end
  local function exactly(set, n)
    if #mistakes ~= n then return false end
    for _, p in ipairs(mistakes) do
      if not (set[p[1]] and set[p[1]][p[2]]) then return false end
      set[p[1]][p[2]] = false   -- each point once
    end
    return true
  end
  local set, n = wrong_by(y_test)
  if exactly(set, n) or exactly(wrong_by(model:predict(X_test))) then
    return true
  end
  if #mistakes ~= n then
    return false, ("%d points in mistakes, the network gets %d wrong")
                  :format(#mistakes, n)
  end
  return false, "a point in mistakes is not one the network gets wrong"
end}

-- %% [markdown] Hint 3 tags=["hint"]
-- Row `i` of `y_test` holds the network's confidence in "same signs"
-- for point `i`; it says "same" above 0.5:
-- `said = y_test:get(i, 1) > 0.5`.

-- %% Solution 3 tags=["solution"]
mistakes = {}
for i = 1, #X_test do
  local x1, x2 = X_test:get(i, 1), X_test:get(i, 2)
  local truth = x1 * x2 > 0      -- true: same signs
  local said = y_test:get(i, 1) > 0.5
  if said ~= truth then mistakes[#mistakes + 1] = {x1, x2} end
end
print(#mistakes .. " mistakes out of " .. #X_test)
local miss_fig = plot.figure{title = "the misclassified test points",
                             height = 12, xlim = {-3, 3}, ylim = {-3, 3}}
if #mistakes > 0 then miss_fig:scatter(mistakes, {label = "mistake"}) end
miss_fig:hline(0, {dash = "dashed"})
miss_fig:vline(0, {dash = "dashed"})

-- %% [markdown]
-- The mistakes hug the axes: near the border a small error in where the
-- network bends is enough to put a point on the wrong side, while far from
-- it the answer is never in doubt.
