-- ---
-- title: A sigmoid neuron trained by backpropagation
-- source: "notebook 'Simple neural network: A perceptron' (seed 001), after the video youtube.com/watch?v=kft1AJ9WVDk"
-- ---

-- %% [markdown]
-- # A sigmoid neuron trained by backpropagation
--
-- Here is a small puzzle. Each row has three input bits and one answer:
--
-- | example | x1 | x2 | x3 | answer |
-- |---------|:--:|:--:|:--:|:------:|
-- | 1       | 0  | 0  | 1  | 0      |
-- | 2       | 1  | 1  | 1  | 1      |
-- | 3       | 1  | 0  | 1  | 1      |
-- | 4       | 0  | 1  | 1  | 0      |
-- | new     | 1  | 0  | 0  | ?      |
--
-- Can you see the rule? Before reading on, guess the answer for the
-- last row.
--
-- In this lesson a single artificial neuron finds the rule by itself. It
-- starts from random weights, looks at the four examples, measures how
-- wrong it is and nudges its weights, fifty thousand times. Then we ask
-- it about the new row. Every number the original notebook prints
-- appears below, digit for digit.

-- %% [markdown]
-- ## The network
--
-- Our network is as small as a network can be: the three inputs `x1`,
-- `x2`, `x3` each reach one neuron along an edge that carries a
-- *weight* `w1`, `w2`, `w3`. The neuron's value is the network's answer.
--
-- (The notebook's drawing shows a second circle, labelled *output*,
-- after the neuron. It only carries the neuron's value out; there is no
-- weight after the neuron, so here the neuron is drawn as the output.)

-- %% The network
plot.network{layers = {
  {units = 3, title = "input\nx1 x2 x3"},
  {units = 1, title = "output\n(sigmoid)", color = "red"},
}}

-- %% [markdown]
-- ## What the neuron computes
--
-- The neuron does two things. First it forms the *weighted sum* of its
-- inputs, $x = \sum_i x_i w_i = x_1 w_1 + x_2 w_2 + x_3 w_3$. Then it
-- passes that sum through an *activation function* $\phi$. We use the
-- **sigmoid**
--
-- $$\phi(x) = \frac{1}{1 + e^{-x}}$$
--
-- Why this function? Three reasons you can see in the plot below:
--
-- - its value is always between 0 and 1, so it can be read as "how sure
--   the neuron is that the answer is 1";
-- - a large positive sum gives almost 1 and a large negative sum almost
--   0, so it behaves like a switch...
-- - ...but a smooth one: it has a slope everywhere, and that slope tells
--   us which way to move a weight to make the output a little better.
--   A hard on/off step has no useful slope; learning needs one.
--
-- The dashed lines mark $x = 0$ and $y = 0$. Where the sum is 0 the
-- neuron answers exactly 0.5: it cannot decide.

-- %% The sigmoid function
-- (nn.sigmoid is built in; writing it out shows there is no magic)
function sigmoid(x)
  return 1.0 / (1 + nn.exp(-x))
end

fig = plot.figure{title = "the sigmoid", xlabel = "x",
                  ylabel = "sigmoid(x)", height = 14}
fig:fn(sigmoid, {from = -6.0, to = 6.0, n = 100})
fig:hline(0, {color = "black", dash = "dashed"})
fig:vline(0, {color = "black", dash = "dashed"})

-- %% [markdown]
-- ## The data and a random start
--
-- The four examples become a 4 x 3 array of inputs, one example per row,
-- and a 4 x 1 column of answers (the *targets*). The three starting
-- weights are random numbers between -1 and 1.
--
-- Random, but repeatable: `nn.random.seed(1)` puts nnbook's generator in
-- exactly the state numpy's `np.random.seed(1)` would, so the weights
-- below are the very numbers the notebook printed. The notebook asks
-- what happens if you remove the seed. Try it: you get other weights
-- and slightly different numbers everywhere below, though the neuron
-- still learns the rule. (Without any seed numpy draws from the clock,
-- so every run differs; nnbook starts as if seeded with 0, so a lesson
-- always shows the same numbers.)
--
-- Lua counts from 1: the first example is `inputs[1]`, where numpy
-- would write `inputs_t[0]`.

-- %% Data and starting weights
function get_training_inputs()
  return nn.array{{0, 0, 1},
                  {1, 1, 1},
                  {1, 0, 1},
                  {0, 1, 1}}
end

function get_training_outputs()
  return nn.array{0, 1, 1, 0}:reshape{4, 1}
end

-- three weights, uniform in [-1, 1), as a 3 x 1 column
function get_init_weights()
  return nn.random.uniform(-1.0, 1.0, {3, 1})
end

nn.random.seed(1)
inputs = get_training_inputs()
targets = get_training_outputs()
weights = get_init_weights()
print(inputs)
print(targets)
print(weights)

-- %% [markdown]
-- ## One step forward
--
-- With these weights, what does the neuron answer? One matrix product
-- does all four examples at once: `nn.dot(inputs, weights)` multiplies
-- each row of inputs by the weight column and adds up, giving the four
-- weighted sums; the sigmoid turns each into an answer between 0 and 1.
-- Nothing is learned yet: this is just the neuron's first guess.

-- %% One step forward
function training_one_step(training_inputs, initial_weights)
  return sigmoid(nn.dot(training_inputs, initial_weights))
end

outputs = training_one_step(inputs, weights)
print("Training outputs:")
print(targets)
print("Results after one step training:")
print(outputs)

-- %% [markdown]
-- ## Learning from the error
--
-- The first guesses are all between 0.24 and 0.37: the neuron has no
-- idea yet. To improve, it repeats four moves many times:
--
-- 1. **Forward**: compute the four outputs with the current weights.
-- 2. **Error**: subtract them from the targets, `error = target - output`.
--    Positive means "answer higher", negative "answer lower".
-- 3. **Weight the error by the slope**: multiply each error by the
--    sigmoid's slope at that output, $\phi'$. Where the sigmoid is steep
--    (output near 0.5) a change of weight moves the output a lot, so the
--    correction is large; where it is flat (output near 0 or 1) the
--    neuron is already confident and the correction is small.
-- 4. **Adjust**: each weight moves by its input times that weighted
--    error, added up over the four examples:
--    $\Delta w_i = \sum x_i \cdot \text{error} \cdot \phi'$.
--    An input that was 0 in an example did not contribute to that
--    output, so it gets no blame for it.
--
-- This is *backpropagation* in its simplest form. The update is exactly
-- one step downhill on half the sum of the squared errors,
-- $E = \frac{1}{2} \sum \text{error}^2$, with a step size (learning
-- rate) of 1. With more layers the same idea
-- sends the error backwards through each layer in turn; Exercise 3 does
-- that.
--
-- A neat fact makes step 3 cheap: the sigmoid's slope can be written
-- with its own output, $\phi'(x) = \phi(x)\,(1 - \phi(x))$. That is why
-- `sigmoid_prime` below takes the *output* `y`, not the sum.
--
-- Notice also that `x3` is 1 in every example. Its weight `w3` is
-- therefore added to every sum: it shifts the sigmoid left or right and
-- acts as the neuron's *bias*.
--
-- The cell below runs 50,000 iterations, starting again from seed 1. The
-- table and the figure grow while it trains: the table shows the
-- weights used at some iterations and the largest error they gave; the
-- figure shows the four errors (target minus output, one line per
-- example) per iteration.

-- %% Training: 50,000 iterations
-- the sigmoid's slope, written with its output y = sigmoid(x)
function sigmoid_prime(y)
  return y * (1 - y)
end

-- watch(i, w, errors), when given, sees every iteration before its update
function train_nn(training_inputs, training_outputs, initial_weights,
                  niter, errors_data, watch)
  local w = initial_weights
  local outputs
  for i = 1, niter do
    -- forward
    outputs = sigmoid(nn.dot(training_inputs, w))
    -- backward: the error, weighted by the slope, summed per weight
    local errors = training_outputs - outputs
    local deltaw = errors * sigmoid_prime(outputs)
    deltaw = nn.dot(training_inputs.T, deltaw)
    -- keep this iteration's errors for the plots
    if errors_data then errors_data[i] = errors:flatten() end
    if watch then watch(i, w, errors) end
    w = w + deltaw
  end
  return outputs, w
end

nn.random.seed(1)
inputs = get_training_inputs()
targets = get_training_outputs()
weights = get_init_weights()
NITER = 50000
errors = nn.zeros{NITER, 4}
iterations = nn.arange(1, NITER + 1)

progress = table.new{"iteration", "w1", "w2", "w3", "largest error",
                     format = {"%d", "%.4f", "%.4f", "%.4f", "%.4f"}}
efig = plot.figure{title = "errors per iteration", xlabel = "iteration",
                   ylabel = "error", xlim = {0, NITER}, height = 14}
elines = {}
for k = 1, 4 do
  elines[k] = efig:line({1}, {0}, {label = "example " .. k})
end
shown = {}
for _, i in ipairs{1, 3, 10, 30, 100, 300, 1000, 3000, 10000, 30000,
                   NITER} do
  shown[i] = true
end

local function watch(i, w, err)
  if not shown[i] then return end
  progress:add{i, w:get(1, 1), w:get(2, 1), w:get(3, 1),
               nn.abs(err):max()}
  local so_far = errors:slice(1, i)
  for k = 1, 4 do
    elines[k]:set(iterations:slice(1, i), so_far:col(k))
  end
  frame()
end

outputs, weights = train_nn(inputs, targets, weights, NITER, errors,
                            watch)
print("Training outputs:")
print(targets)
print("Results after training:")
print(outputs)
print(weights)

-- %% [markdown]
-- ## How fast did it learn?
--
-- Now the four outputs sit close to the targets 0, 1, 1, 0, and the
-- weights tell us what the neuron learned: `w1` became large and
-- positive (about 11.3), `w3` (the bias) negative (about -5.5), and `w2`
-- ended small (about -0.2). In words: *the answer is the first input*;
-- the second input hardly matters.
--
-- The errors figure above shows the error of each example, per
-- iteration. Examples 2 and 3 (answer 1) start positive, examples 1 and 4
-- (answer 0) negative, and all four rush towards zero in the first few
-- hundred iterations, then crawl. On linear axes the crawl is invisible,
-- so the next figure uses logarithmic axes on both sides and plots the
-- size of each error, $|\text{error}|$.
--
-- On log-log axes the curves end as nearly straight lines with a slope
-- of about -1/2: the error shrinks like $1/\sqrt{\text{iteration}}$.
-- Ten times more iterations make the errors only about three times
-- smaller. That is the price of the sigmoid's flat ends: the closer an
-- output gets to 0 or 1, the smaller its slope and the smaller each
-- correction.
--
-- The notebook calls the iterations *epochs*: every update looks at all
-- four examples, so one iteration is one pass over the data, an epoch.
-- It numbers them from 0; here they run from 1 to 50,000, which also
-- suits a logarithmic axis (the log of 0 does not exist).

-- %% Errors on log-log axes
lfig = plot.figure{title = "|error| per iteration (log-log)",
                   xlabel = "iteration", ylabel = "|error|",
                   xlog = true, ylog = true, height = 14}
abs_errors = nn.abs(errors)
for k = 1, 4 do
  lfig:line(iterations, abs_errors:col(k), {label = "example " .. k})
end

-- %% [markdown]
-- ## A new case
--
-- The neuron looks well trained on the examples it has seen. The real
-- test is the row it has never seen: `[1, 0, 0]`. Its weighted sum is
-- just `w1` (the other two inputs are 0), and the sigmoid of 11.3 is
-- very close to 1.

-- %% The new input [1, 0, 0]
input_new = nn.array{1, 0, 0}:reshape{3, 1}
print(sigmoid(nn.sum(weights * input_new)))

-- %% [markdown]
-- Almost exactly 1, as the rule "copy the first input" says. Was your
-- guess right?
--
-- That is the whole machine: a weighted sum, a squashing function, and
-- a correction proportional to the error and the slope. Real networks
-- add more neurons per layer, more layers, a separate bias per neuron and
-- smarter step sizes, but they learn the same way. The notebook ends with
-- a to-do list; the exercises below work through it. (Its last item, the
-- same network in a framework such as Keras, is where the lessons on the
-- linear classifier and on XOR continue.)
--
-- ## Exercise 1: the weights, iteration by iteration
--
-- The table above showed the weights at a few iterations. Record all of
-- them: the cell below trains the neuron again from seed 1 but leaves
-- `weight_history` (one row per iteration, one column per weight)
-- full of zeros. Make it store the three weights **after** each
-- iteration's update in row `i`, then run the cell and look at the plot.
-- Which weight learns first? Which one barely moves, and why?
--
-- *Tip*: `w:flatten()` turns the 3 x 1 column into a row of 3 values,
-- and `weight_history[i] = row` stores a row.

-- %% Exercise 1: record the weights
nn.random.seed(1)
local w = get_init_weights()
weight_history = nn.zeros{NITER, 3}
for i = 1, NITER do
  local out = sigmoid(nn.dot(inputs, w))
  local delta = nn.dot(inputs.T, (targets - out) * sigmoid_prime(out))
  w = w + delta
  -- store the weights of this iteration here
end

local wfig = plot.figure{title = "weights per iteration", height = 14,
                         xlabel = "iteration", ylabel = "weight"}
for k = 1, 3 do
  wfig:line(iterations, weight_history:col(k), {label = "w" .. k})
end

-- %% Check 1
check{"weight_history holds the weights after every iteration",
  function()
    nn.random.seed(1)
    local w0 = get_init_weights()
    local out = sigmoid(nn.dot(inputs, w0))
    local delta = (targets - out) * sigmoid_prime(out)
    local first = w0 + nn.dot(inputs.T, delta)
    if not nn.allclose(weight_history[1], first:flatten()) then
      return false, "row 1 should be the weights after the first update"
    end
    if not nn.allclose(weight_history[NITER], weights:flatten()) then
      return false, "the last row should be the trained weights"
    end
    if nn.abs(weight_history):sum(2):min() == 0 then
      return false, "some rows are still all zeros"
    end
    return true
  end}

-- %% [markdown] Hint 1 tags=["hint"]
-- After `w = w + delta`: `weight_history[i] = w:flatten()`.

-- %% Solution 1 tags=["solution"]
nn.random.seed(1)
local w = get_init_weights()
weight_history = nn.zeros{NITER, 3}
for i = 1, NITER do
  local out = sigmoid(nn.dot(inputs, w))
  local delta = nn.dot(inputs.T, (targets - out) * sigmoid_prime(out))
  w = w + delta
  weight_history[i] = w:flatten()
end

local wfig = plot.figure{title = "weights per iteration", height = 14,
                         xlabel = "iteration", ylabel = "weight"}
for k = 1, 3 do
  wfig:line(iterations, weight_history:col(k), {label = "w" .. k})
end

-- %% [markdown]
-- ## Exercise 2: fewer examples
--
-- How many examples does the neuron need to find the rule? The cell
-- below trains on the rows listed in `keep` (1 to 4, in the order of the
-- table at the top) and then asks about all four examples and the new
-- row `[1, 0, 0]`. As given, it leaves out example 4.
--
-- Leave out more: train on **only two** examples and still get all five
-- answers right (an answer counts as right when it is on the correct
-- side of 0.5). Some pairs work and some do not. Before you try, think:
-- which two examples together show that `x1` is what matters?

-- %% Exercise 2: train on fewer examples
keep = {1, 2, 3}

nn.random.seed(1)
local few_in, few_out = inputs:rows(keep), targets:rows(keep)
local _, w = train_nn(few_in, few_out, get_init_weights(), NITER)
all_in = nn.vstack{inputs, nn.array{{1, 0, 0}}}
all_target = nn.array{0, 1, 1, 0, 1}:reshape{5, 1}
answers = sigmoid(nn.dot(all_in, w))
print("trained on examples", table.concat(keep, ", "))
print("answers for the four examples and [1, 0, 0]:")
print(answers)

-- %% Check 2
check{"two examples are enough to get all five answers right",
  function()
    local right = nn.sum(answers:gt(0.5):eq(all_target))
    local used = table.concat(keep, ", ")
    if #keep > 2 then
      return false, ("trained on %d examples; keep two"):format(#keep)
    end
    if right < 5 then
      return false, ("with examples %s, %d of the 5 answers are right")
        :format(used, right)
    end
    return true
  end}

-- %% [markdown] Hint 2 tags=["hint"]
-- Pick two examples that differ only in `x1`.

-- %% Solution 2 tags=["solution"]
keep = {1, 3}

nn.random.seed(1)
local few_in, few_out = inputs:rows(keep), targets:rows(keep)
local _, w = train_nn(few_in, few_out, get_init_weights(), NITER)
all_in = nn.vstack{inputs, nn.array{{1, 0, 0}}}
all_target = nn.array{0, 1, 1, 0, 1}:reshape{5, 1}
answers = sigmoid(nn.dot(all_in, w))
print("trained on examples", table.concat(keep, ", "))
print("answers for the four examples and [1, 0, 0]:")
print(answers)

-- %% [markdown]
-- ## Exercise 3: a hidden layer
--
-- Now give the network a second layer: the three inputs feed **four**
-- hidden sigmoid neurons, whose values feed the output neuron.
-- Backpropagation works from the back: the output's error, weighted by
-- its slope, is `d_out`, exactly as before. The hidden neurons did not
-- see a target, so their share of the blame comes *through the weights
-- that connect them to the output*: send `d_out` back through `W2`
-- (`nn.dot(d_out, W2.T)`), then weight it by each hidden neuron's own
-- slope, `sigmoid_prime(hidden)`.
--
-- In the cell below, `weight_steps` has the forward pass and the output
-- layer's step, but its `d_hidden` is all zeros, so the hidden weights
-- `W1` never learn. Fill it in, run the cell, and compare the
-- convergence: the cell prints after how many iterations every error is
-- below 0.01, for the single neuron and for the new network, and plots
-- their largest errors. The check measures the true slope of the error
-- by nudging each weight of `W1` a little (a finite-difference
-- gradient) and compares it with your steps.

-- %% Exercise 3: add a hidden layer
HIDDEN = 4
plot.network{3, HIDDEN, 1, activations = {"sigmoid", "sigmoid"}}

nn.random.seed(1)
W1 = nn.random.uniform(-1.0, 1.0, {3, HIDDEN})   -- input -> hidden
W2 = nn.random.uniform(-1.0, 1.0, {HIDDEN, 1})   -- hidden -> output
-- one iteration's changes to W1 and W2 for inputs x and targets t
-- (and the errors they fix)
function weight_steps(x, t, W1, W2)
  local hidden = sigmoid(nn.dot(x, W1))
  local out = sigmoid(nn.dot(hidden, W2))
  local err = t - out
  local d_out = err * sigmoid_prime(out)
  -- the hidden layer's share: d_out back through W2, times the slope
  local d_hidden = nn.zeros{4, HIDDEN}
  return nn.dot(x.T, d_hidden), nn.dot(hidden.T, d_out), err
end

errors2 = nn.zeros{NITER, 4}
for i = 1, NITER do
  local dW1, dW2, err = weight_steps(inputs, targets, W1, W2)
  W2 = W2 + dW2
  W1 = W1 + dW1
  errors2[i] = err:flatten()
end

-- the first iteration whose four errors are all below tol (or nil)
function converged_at(errs, tol)
  local largest = nn.abs(errs):max(2)
  for i = 1, #largest do
    if largest[i] < tol then return i end
  end
end

one_layer = converged_at(errors, 0.01)
two_layers = converged_at(errors2, 0.01)
print("every error below 0.01 after", one_layer,
      "iterations with one neuron,")
print("after", two_layers or "more than " .. NITER,
      "iterations with a hidden layer")
local cfig = plot.figure{title = "largest |error| per iteration",
                         xlog = true, ylog = true, height = 14,
                         xlabel = "iteration"}
cfig:line(iterations, nn.abs(errors):max(2), {label = "one neuron"})
cfig:line(iterations, nn.abs(errors2):max(2), {label = "hidden layer"})

-- %% Check 3
-- half the squared error of the network with weights A and B
local function loss(A, B)
  local out = sigmoid(nn.dot(sigmoid(nn.dot(inputs, A)), B))
  return 0.5 * nn.sum((targets - out) ^ 2)
end

-- the change that lowers the loss, weight by weight: minus its slope,
-- measured by nudging the weight a little both ways
local function measured_step(A, B)
  local step, h = nn.zeros{3, HIDDEN}, 1e-5
  for r = 1, 3 do
    for c = 1, HIDDEN do
      local up, down = A:copy(), A:copy()
      up:set(r, c, A:get(r, c) + h)
      down:set(r, c, A:get(r, c) - h)
      step:set(r, c, -(loss(up, B) - loss(down, B)) / (2 * h))
    end
  end
  return step
end

check{"back-propagation gives the hidden layer's true gradient",
  function()
    nn.random.seed(7)
    local A = nn.random.uniform(-2.0, 2.0, {3, HIDDEN})
    local B = nn.random.uniform(-2.0, 2.0, {HIDDEN, 1})
    local yours, want = weight_steps(inputs, targets, A, B),
                        measured_step(A, B)
    local size = nn.abs(want):max()
    -- a zero slope would make any answer look right
    assert(size > 1e-6, "the measured slope is zero: nothing to compare")
    local off = nn.abs(yours - want):max() / size
    if not (off <= 1e-4) then
      return false, ("your W1 steps differ from the measured slope " ..
                     "by %.0f%%"):format(100 * off)
    end
    if not two_layers or two_layers >= one_layer then
      return false, "the errors do not fall below 0.01 sooner"
    end
    return true
  end}

-- %% [markdown] Hint 3 tags=["hint"]
-- Two parts, multiplied element by element: the blame that reaches
-- each hidden neuron, `nn.dot(d_out, W2.T)` (4 x 4), and that neuron's
-- slope at its output, `sigmoid_prime(hidden)`.

-- %% Solution 3 tags=["solution"]
HIDDEN = 4
plot.network{3, HIDDEN, 1, activations = {"sigmoid", "sigmoid"}}

nn.random.seed(1)
W1 = nn.random.uniform(-1.0, 1.0, {3, HIDDEN})   -- input -> hidden
W2 = nn.random.uniform(-1.0, 1.0, {HIDDEN, 1})   -- hidden -> output
-- one iteration's changes to W1 and W2 for inputs x and targets t
-- (and the errors they fix)
function weight_steps(x, t, W1, W2)
  local hidden = sigmoid(nn.dot(x, W1))
  local out = sigmoid(nn.dot(hidden, W2))
  local err = t - out
  local d_out = err * sigmoid_prime(out)
  -- the hidden layer's share: d_out back through W2, times the slope
  local d_hidden = nn.dot(d_out, W2.T) * sigmoid_prime(hidden)
  return nn.dot(x.T, d_hidden), nn.dot(hidden.T, d_out), err
end

errors2 = nn.zeros{NITER, 4}
for i = 1, NITER do
  local dW1, dW2, err = weight_steps(inputs, targets, W1, W2)
  W2 = W2 + dW2
  W1 = W1 + dW1
  errors2[i] = err:flatten()
end

-- the first iteration whose four errors are all below tol (or nil)
function converged_at(errs, tol)
  local largest = nn.abs(errs):max(2)
  for i = 1, #largest do
    if largest[i] < tol then return i end
  end
end

one_layer = converged_at(errors, 0.01)
two_layers = converged_at(errors2, 0.01)
print("every error below 0.01 after", one_layer,
      "iterations with one neuron,")
print("after", two_layers or "more than " .. NITER,
      "iterations with a hidden layer")
local cfig = plot.figure{title = "largest |error| per iteration",
                         xlog = true, ylog = true, height = 14,
                         xlabel = "iteration"}
cfig:line(iterations, nn.abs(errors):max(2), {label = "one neuron"})
cfig:line(iterations, nn.abs(errors2):max(2), {label = "hidden layer"})
