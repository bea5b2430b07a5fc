-- ---
-- title: answers to try on the exercises of lessons/03-sigmoid-neuron.lua
-- ---

-- Run by tests/sh/test_exercises.sh: nnbook --check lessons/03-sigmoid-neuron.lua
-- --answers tests/exercises/03-sigmoid-neuron.lua. Each cell replaces the exercise
-- its title names; "wrong" ones must fail its check, "right" ones pass.

-- %% Exercise 1 wrong: nothing stored
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

-- %% Exercise 1 wrong: the weights before the update
nn.random.seed(1)
local w = get_init_weights()
weight_history = nn.zeros{NITER, 3}
for i = 1, NITER do
  local out = sigmoid(nn.dot(inputs, w))
  local delta = nn.dot(inputs.T, (targets - out) * sigmoid_prime(out))
  weight_history[i] = w:flatten()
  w = w + delta
end

local wfig = plot.figure{title = "weights per iteration", height = 14,
                         xlabel = "iteration", ylabel = "weight"}
for k = 1, 3 do
  wfig:line(iterations, weight_history:col(k), {label = "w" .. k})
end

-- %% Exercise 1 right: flatten after the update
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

-- %% Exercise 1 right: element by element
nn.random.seed(1)
local w = get_init_weights()
weight_history = nn.zeros{NITER, 3}
for i = 1, NITER do
  local out = sigmoid(nn.dot(inputs, w))
  local delta = nn.dot(inputs.T, (targets - out) * sigmoid_prime(out))
  w = w + delta
  for k = 1, 3 do weight_history:set(i, k, w:get(k, 1)) end
end

local wfig = plot.figure{title = "weights per iteration", height = 14,
                         xlabel = "iteration", ylabel = "weight"}
for k = 1, 3 do
  wfig:line(iterations, weight_history:col(k), {label = "w" .. k})
end

-- %% Exercise 2 wrong: three examples
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

-- %% Exercise 2 wrong: two examples that agree on x1
keep = {1, 2}

nn.random.seed(1)
local few_in, few_out = inputs:rows(keep), targets:rows(keep)
local _, w = train_nn(few_in, few_out, get_init_weights(), NITER)
all_in = nn.vstack{inputs, nn.array{{1, 0, 0}}}
all_target = nn.array{0, 1, 1, 0, 1}:reshape{5, 1}
answers = sigmoid(nn.dot(all_in, w))
print("trained on examples", table.concat(keep, ", "))
print("answers for the four examples and [1, 0, 0]:")
print(answers)

-- %% Exercise 2 right: examples 1 and 3
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

-- %% Exercise 2 right: examples 2 and 4
keep = {2, 4}

nn.random.seed(1)
local few_in, few_out = inputs:rows(keep), targets:rows(keep)
local _, w = train_nn(few_in, few_out, get_init_weights(), NITER)
all_in = nn.vstack{inputs, nn.array{{1, 0, 0}}}
all_target = nn.array{0, 1, 1, 0, 1}:reshape{5, 1}
answers = sigmoid(nn.dot(all_in, w))
print("trained on examples", table.concat(keep, ", "))
print("answers for the four examples and [1, 0, 0]:")
print(answers)

-- %% Exercise 3 wrong: no hidden step
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

-- %% Exercise 3 wrong: without the slope
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
  local d_hidden = nn.dot(d_out, W2.T)
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

-- %% Exercise 3 wrong: a constant slope
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
  local d_hidden = nn.dot(d_out, W2.T) * 0.25
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

-- %% Exercise 3 right: sigmoid_prime
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

-- %% Exercise 3 right: the slope written out
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
  local d_hidden = nn.dot(d_out, W2.T) * hidden * (1 - hidden)
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
