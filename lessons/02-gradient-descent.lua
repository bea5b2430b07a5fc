-- ---
-- title: One weight, learned three ways
-- source: Jupyter notebook 'single linear neuron' (full batch, online and mini-batch gradient descent) (seed 002)
-- ---

-- %% [markdown]
-- # One weight, learned three ways
--
-- This lesson strips a neuron down to almost nothing, so that the way it
-- learns is all that is left to look at. Our neuron has **one input** $x$,
-- **one weight** $w$, no bias and no activation function. Its output is
--
-- $$z = w \cdot x$$
--
-- — a straight line through the origin whose slope is the weight. We make
-- up data from a known slope, hide it behind noise, and watch *gradient
-- descent* recover it. We do it three times, differing only in how many
-- samples the neuron looks at before each change of its weight: all of
-- them (**full batch**), one at a time (**online**) and a few at a time
-- (**mini-batch**).
--
-- ## The data
--
-- Twelve feature values, evenly spaced from -12 to 10. Each target is the
-- feature times the "true" weight 2.3, plus normal noise with standard
-- deviation 10. The notebook did not seed its random generator, so its
-- noise (and every number after it) changes from run to run; this lesson
-- seeds with 4, so you and the text see the same numbers.

-- %% Generate data
num_samples = 12
samples = nn.linspace(-12, 10, num_samples)
print(samples)

target_weight = 2.3       -- the weight the neuron should find
nn.random.seed(4)
targets = samples * target_weight + nn.random.randn(num_samples) * 10
print(targets)

local fig = plot.figure{title = "the data", xlabel = "Feature value",
                        ylabel = "Target value", height = 13}
fig:scatter(samples, targets, {label = "Samples"})
fig:line(samples, samples * target_weight,
         {label = "Target model", color = "red"})

-- %% [markdown]
-- ## How wrong is a weight? The loss
--
-- For a weight $w$ each sample has an **error** $e_i = t_i - w x_i$, the
-- distance from its target $t_i$ to the line. One number sums up all of
-- them, the **loss**
--
-- $$L(w) = \frac{1}{2} \sum_i e_i^2 .$$
--
-- Squaring makes every error count as bad whatever its sign, and big
-- errors count much more than small ones. As a function of $w$ the loss is
-- a parabola, so it has exactly one lowest point. Setting its slope to zero
-- gives that point directly, the **least-squares** weight
--
-- $$w^* = \frac{\sum_i x_i t_i}{\sum_i x_i^2}.$$
--
-- Because of the noise, `w*` is not exactly 2.3: it is the best a line
-- through the origin can do for *these* twelve samples, and the best any
-- learning method can hope to reach. The figure shows the loss for weights
-- from -1 to 5.

-- %% The loss as a function of the weight
function loss_of(w)
  local errors = targets - samples * w
  return 0.5 * nn.dot(errors, errors)
end

w_star = nn.dot(samples, targets) / nn.dot(samples, samples)
print(string.format("least-squares weight w* = %.4f, loss there = %.3f",
                    w_star, loss_of(w_star)))
print(string.format("true weight 2.3 has loss %.3f", loss_of(2.3)))
print(string.format("the start, -0.5, has loss %.3f", loss_of(-0.5)))

local fig = plot.figure{title = "loss L(w)", xlabel = "weight w",
                        ylabel = "loss", height = 12}
fig:fn(loss_of, {from = -1, to = 5, label = "L(w)"})
fig:vline(w_star)

-- %% [markdown]
-- ## Gradient descent
--
-- Imagine standing on that parabola without seeing it. The **gradient** —
-- the slope under your feet — tells you which way is down:
--
-- $$\frac{dL}{dw} = -\sum_i e_i x_i .$$
--
-- Each sample pulls on the weight with a force $e_i x_i$: the error says
-- in which direction the line misses the target and by how much, the input
-- says how strongly $w$ can change that (a sample at $x = 0$ cannot pull at
-- all). Gradient descent takes a small step *against* the slope:
--
-- $$\Delta w = \frac{\eta}{n} \sum_i e_i x_i, \qquad w \leftarrow w + \Delta w,$$
--
-- with the **learning rate** $\eta$ and the average over the $n$ samples
-- used for the step. Close to the bottom the slope flattens, so the steps
-- shrink by themselves; the notebook stops when a step $|\Delta w|$ falls
-- below 0.01.
--
-- ### Full batch learning
--
-- Every step uses all twelve samples. Start at $w = -0.5$, learning rate
-- 0.001, at most 200 steps. The table prints each step as the notebook
-- does: the step, the new weight, and the loss of the weight *before* the
-- step (that is when the notebook measures it). The green line is the
-- neuron's current guess.

-- %% Full batch learning
learnrate = 0.001
epochs = 200
weight = -0.5
full_history = {}           -- the loss after each step, for the end

local fig = plot.figure{title = "full batch", xlabel = "Feature value",
                        ylabel = "Target value", height = 12}
fig:scatter(samples, targets, {label = "Samples"})
fig:line(samples, samples * target_weight,
         {label = "Target model", color = "red"})
local guess = fig:line(samples, samples * weight,
                       {label = "neuron", color = "green"})
local t = table.new{"step", "delta", "weight", "loss",
                    format = {"%d", "{:>7.3f}", "{:>7.3f}", "{:>7.3f}"}}

local delta
for e = 1, epochs do
  local z = samples * weight
  local errors = targets - z
  delta = learnrate / num_samples * nn.dot(errors, samples)
  weight = weight + delta
  local loss = 0.5 * nn.dot(errors, errors)
  t:add{e, delta, weight, loss}
  full_history[e] = loss_of(weight)
  guess:set(samples, samples * weight)
  frame()
  if math.abs(delta) < 0.01 then break end
end
full_weight = weight
print(string.format("full batch: stopped after %d steps, " ..
                    "weight = %.4f, w* = %.4f", #full_history,
                    full_weight, w_star))

-- %% [markdown]
-- The weight climbs quickly at first and then ever more slowly, and stops
-- a little below `w*`. That gap is the stopping rule's doing, not the
-- method's: each step here is
--
-- $$\Delta w = \eta \cdot \text{mean}(x^2) \cdot (w^* - w)$$
--
-- and the mean of $x^2$ over our samples is 48.67, so the rule
-- $|\Delta w| < 0.01$ already holds once the weight is within about 0.2
-- of `w*`.
-- Letting the same loop run all 200 steps shows where it is heading:

-- %% Where full batch is heading
local w = -0.5
for e = 1, epochs do
  w = w + learnrate / num_samples * nn.dot(targets - samples * w, samples)
end
print(string.format("after all %d steps: weight = %.4f, w* = %.4f",
                    epochs, w, w_star))
print(string.format("mean squared input: %.2f",
                    nn.dot(samples, samples) / num_samples))

-- %% [markdown]
-- ### Online learning
--
-- Online learning changes the weight after **every single sample**, using
-- that sample's error alone: $\Delta w = \eta \, e_i x_i$. One pass over
-- the twelve samples (an *epoch*) makes twelve small steps instead of one
-- averaged step. The steps are noisy — a sample far off the line yanks the
-- weight its way, and the loss over all samples can even grow for a step —
-- but the weight moves much sooner. Same start, learning rate 0.001, at
-- most 10 epochs; as in the notebook the run stops after an epoch whose
-- *last* step was smaller than 0.01. Each row shows the weight before the
-- step, the sample's error, the step, and the loss over all twelve samples
-- after it.

-- %% Online learning
learnrate = 0.001
epochs = 10
weight = -0.5
online_history = {}

local fig = plot.figure{title = "online", xlabel = "Feature value",
                        ylabel = "Target value", height = 12}
fig:scatter(samples, targets, {label = "Samples"})
fig:line(samples, samples * target_weight,
         {label = "Target model", color = "red"})
local guess = fig:line(samples, samples * weight,
                       {label = "neuron", color = "green"})
local t = table.new{"epoch", "sample", "weight", "error", "delta", "loss",
                    format = {"%d", "%d", "{:>7.3f}", "{:>7.3f}",
                              "{:>7.3f}", "{:>7.3f}"}}

local delta
online_epochs = 0
for e = 1, epochs do
  for i = 1, num_samples do
    local x, target = samples[i], targets[i]
    local w_before = weight
    local z = weight * x
    local error = target - z
    delta = learnrate * error * x
    weight = weight + delta
    local loss = loss_of(weight)
    t:add{e, i, w_before, error, delta, loss}
    online_history[#online_history + 1] = loss
    guess:set(samples, samples * weight)
    frame()
  end
  online_epochs = e
  if math.abs(delta) < 0.01 then break end
end
online_weight = weight
print(string.format("online: stopped after %d epochs (%d steps), " ..
                    "weight = %.4f", online_epochs, #online_history,
                    online_weight))

-- %% [markdown]
-- Notice the rows where the loss goes *up*: that sample's own error was
-- reduced at the expense of the others. Notice too that the stopping test
-- only looks at the last sample of each epoch, $x = 10$; it is a rough
-- signal, which is why online learning is usually stopped after a fixed
-- number of epochs instead.
--
-- ### Mini-batch learning
--
-- The middle way: cut the samples into batches of 4 (in their order:
-- samples 1–4, 5–8, 9–12 — the notebook's `[0:4]`, `[4:8]`, `[8:12]`,
-- since numpy counts from 0 and leaves out the end) and take one averaged
-- step per batch, three steps per epoch. Averages over a few samples are
-- less noisy than single samples, and there are still several steps per
-- pass. The notebook halves the learning rate to 0.0005 and allows 30
-- epochs; the stopping rule is the same as online.

-- %% Mini-batch learning
learnrate = 0.0005
epochs = 30
weight = -0.5
batch_size = 4
mini_history = {}

local fig = plot.figure{title = "mini-batch", xlabel = "Feature value",
                        ylabel = "Target value", height = 12}
fig:scatter(samples, targets, {label = "Samples"})
fig:line(samples, samples * target_weight,
         {label = "Target model", color = "red"})
local guess = fig:line(samples, samples * weight,
                       {label = "neuron", color = "green"})
local t = table.new{"epoch", "batch", "delta", "weight", "loss",
                    format = {"%d", "%d", "{:>7.3f}", "{:>7.3f}",
                              "{:>7.3f}"}}

local delta
mini_epochs = 0
for e = 1, epochs do
  for b = 1, num_samples // batch_size do
    local first, last = (b - 1) * batch_size + 1, b * batch_size
    local batch_samples = samples:slice(first, last)
    local batch_targets = targets:slice(first, last)
    local batch_errors = batch_targets - batch_samples * weight
    delta = learnrate / batch_size * nn.dot(batch_errors, batch_samples)
    weight = weight + delta
    local loss = loss_of(weight)
    t:add{e, b, delta, weight, loss}
    mini_history[#mini_history + 1] = loss
    guess:set(samples, samples * weight)
    frame()
  end
  mini_epochs = e
  if math.abs(delta) < 0.01 then break end
end
mini_weight = weight
print(string.format("mini-batch: stopped after %d epochs (%d steps), " ..
                    "weight = %.4f", mini_epochs, #mini_history,
                    mini_weight))

-- %% [markdown]
-- ## The three side by side
--
-- To compare fairly we measure time in **epochs**, passes over the data:
-- full batch makes 1 step per epoch, mini-batch 3, online 12. The figure
-- shows the loss over all samples after every step, placed at the epoch
-- it belongs to; the flat line is the lowest loss possible, the loss at
-- `w*`.

-- %% The three side by side
local function by_epoch(history, per_epoch)
  local xs = {}
  for k = 1, #history do xs[k] = k / per_epoch end
  return xs
end

local fig = plot.figure{title = "loss after each step", xlabel = "epoch",
                        ylabel = "loss", height = 14}
fig:line(by_epoch(full_history, 1), full_history, {label = "full batch"})
fig:line(by_epoch(online_history, num_samples), online_history,
         {label = "online", dash = "dashed"})
fig:line(by_epoch(mini_history, num_samples // batch_size), mini_history,
         {label = "mini-batch (4)", dash = "dotted"})
fig:hline(loss_of(w_star))

local t = table.new{"method", "rate", "epochs", "steps", "weight", "loss",
                    format = {"%s", "%g", "%d", "%d", "%.4f", "%.3f"}}
t:add{"full batch", 0.001, #full_history, #full_history, full_weight,
      loss_of(full_weight)}
t:add{"online", 0.001, online_epochs, #online_history, online_weight,
      loss_of(online_weight)}
t:add{"mini-batch", 0.0005, mini_epochs, #mini_history, mini_weight,
      loss_of(mini_weight)}
t:add{"least squares", "", "", "", w_star, loss_of(w_star)}

-- %% [markdown]
-- Online gets close to the bottom in the fewest epochs, because it makes
-- the most steps per epoch; full batch makes the smoothest progress per
-- step. With millions of samples a full-batch step is expensive and a
-- single sample too noisy, which is why real networks almost always train
-- on mini-batches.
--
-- ## Exercises
--
-- Each exercise is a cell you edit and run, followed by a check cell that
-- judges what your code *computes*. If you are stuck, `h` shows a hint;
-- after your first checked attempt, `S` shows a solution.
--
-- ### Exercise 1: a faster full batch
--
-- Full batch needed dozens of steps with $\eta = 0.001$. Pick a learning
-- rate so that the same loop stops (by the same rule) within **10 steps**,
-- with its weight within 0.02 of `w*`. Remember that each step covers the
-- fraction $\eta \cdot 48.67$ of the remaining distance.

-- %% Exercise 1: a faster full batch
learnrate = 0.001           -- change this

weight, fast_steps = -0.5, 0
for e = 1, 200 do
  local errors = targets - samples * weight
  local delta = learnrate / num_samples * nn.dot(errors, samples)
  weight = weight + delta
  fast_steps = e
  if math.abs(delta) < 0.01 then break end
end
fast_weight = weight
print(string.format("%d steps, weight = %.4f, w* = %.4f",
                    fast_steps, fast_weight, w_star))

-- %% Check 1
check{"full batch stops within 10 steps, near w*", function()
  if fast_steps > 10 then
    return false, string.format("it took %d steps", fast_steps)
  end
  if math.abs(fast_weight - w_star) >= 0.02 then
    return false, string.format("it stopped at %.4f, w* is %.4f",
                                fast_weight, w_star)
  end
  return true
end}

-- %% [markdown] Hint 1 tags=["hint"]
-- With `learnrate = 1/48.67` (about 0.02) one step would cover the whole
-- distance; anything from about 0.01 to 0.03 is fast. Above 0.041 the
-- steps overshoot more and more.

-- %% Solution 1 tags=["solution"]
learnrate = 0.015           -- each step covers 73% of the distance

weight, fast_steps = -0.5, 0
for e = 1, 200 do
  local errors = targets - samples * weight
  local delta = learnrate / num_samples * nn.dot(errors, samples)
  weight = weight + delta
  fast_steps = e
  if math.abs(delta) < 0.01 then break end
end
fast_weight = weight
print(string.format("%d steps, weight = %.4f, w* = %.4f",
                    fast_steps, fast_weight, w_star))

-- %% [markdown]
-- ### Exercise 2: too big a step
--
-- A learning rate can also be too large. Find one for which full batch
-- gradient descent **diverges**: the loss after 20 steps is larger than
-- the loss at the start, and it keeps growing. The cell records the loss
-- after each step in `wild_losses` and draws it on a log scale.

-- %% Exercise 2: too big a step
learnrate = 0.001           -- change this

weight = -0.5
wild_losses = {}
for e = 1, 20 do
  local errors = targets - samples * weight
  weight = weight + learnrate / num_samples * nn.dot(errors, samples)
  wild_losses[e] = loss_of(weight)
end
print(string.format("loss at the start %.3f, after 20 steps %.4g",
                    loss_of(-0.5), wild_losses[20]))
local fig = plot.figure{title = "loss per step", xlabel = "step",
                        ylabel = "loss", ylog = true, height = 10}
fig:line(wild_losses)

-- %% Check 2
check{"the loss grows step after step", function()
  -- each step covers this fraction of the distance to w*
  local factor = learnrate / num_samples * nn.dot(samples, samples)
  if learnrate <= 0 then
    return false, "a rate of 0 or below steps the wrong way (or not " ..
                  "at all): that is not a step too big"
  end
  if factor <= 2 then
    return false, string.format("each step covers %.2f of the " ..
                                "distance to w*: it does not " ..
                                "overshoot", factor)
  end
  if wild_losses[20] <= loss_of(-0.5) then
    return false, "after 20 steps the loss is still below the start"
  end
  for e = 2, 20 do
    if wild_losses[e] <= wild_losses[e - 1] then
      return false, string.format("the loss fell at step %d", e)
    end
  end
  return true
end}

-- %% [markdown] Hint 2 tags=["hint"]
-- Each step moves the weight by `learnrate * 48.67` times the distance
-- to w\*. When that factor is above 2, the weight lands farther away on
-- the other side every time; a negative rate walks away from w\* instead,
-- which is not a step too big.

-- %% Solution 2 tags=["solution"]
learnrate = 0.05            -- 0.05 * 48.67 = 2.4: every step overshoots

weight = -0.5
wild_losses = {}
for e = 1, 20 do
  local errors = targets - samples * weight
  weight = weight + learnrate / num_samples * nn.dot(errors, samples)
  wild_losses[e] = loss_of(weight)
end
print(string.format("loss at the start %.3f, after 20 steps %.4g",
                    loss_of(-0.5), wild_losses[20]))
local fig = plot.figure{title = "loss per step", xlabel = "step",
                        ylabel = "loss", ylog = true, height = 10}
fig:line(wild_losses)

-- %% [markdown]
-- ### Exercise 3: a line that misses the origin
--
-- Real data rarely passes through the origin. Below, the targets get an
-- offset of 15. A neuron with only a weight cannot follow them: give it a
-- **bias** $b$, so that $z = w x + b$. The loop already updates `w`; add
-- the update for `b`. Its gradient is the same as the weight's with the
-- input replaced by 1, so its step is the learning rate over $n$ times the
-- *sum of the errors*. The check compares your `w` and `b` with the exact
-- least-squares line.

-- %% Exercise 3: a line that misses the origin
shifted_targets = targets + 15

w, b = -0.5, 0
for e = 1, 500 do
  local errors = shifted_targets - (samples * w + b)
  w = w + 0.02 / num_samples * nn.dot(errors, samples)
  -- b = ...   (the update for the bias goes here)
end
print(string.format("w = %.4f, b = %.4f", w, b))

-- %% Check 3
check{"w and b match the least-squares line", function()
  -- the exact line: solve the two equations where both slopes are zero
  local n = num_samples
  local sx, st = samples:sum(), shifted_targets:sum()
  local sxx, sxt = nn.dot(samples, samples),
                   nn.dot(samples, shifted_targets)
  local w_exact = (n * sxt - sx * st) / (n * sxx - sx * sx)
  local b_exact = (st - w_exact * sx) / n
  if math.abs(b - b_exact) > 0.01 or math.abs(w - w_exact) > 0.01 then
    return false, string.format("got w = %.3f, b = %.3f; the best " ..
                                "line has w = %.3f, b = %.3f",
                                w, b, w_exact, b_exact)
  end
  return true
end}

-- %% [markdown] Hint 3 tags=["hint"]
-- Inside the loop, after the update of `w`:
--
-- ```lua
-- b = b + 0.02 / num_samples * errors:sum()
-- ```

-- %% Solution 3 tags=["solution"]
shifted_targets = targets + 15

w, b = -0.5, 0
for e = 1, 500 do
  local errors = shifted_targets - (samples * w + b)
  w = w + 0.02 / num_samples * nn.dot(errors, samples)
  b = b + 0.02 / num_samples * errors:sum()
end
print(string.format("w = %.4f, b = %.4f", w, b))
