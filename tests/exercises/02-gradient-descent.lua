-- ---
-- title: answers to try on the exercises of lessons/02-gradient-descent.lua
-- ---

-- Run by tests/sh/test_exercises.sh: nnbook --check lessons/02-gradient-descent.lua
-- --answers tests/exercises/02-gradient-descent.lua. Each cell replaces the exercise
-- its title names; "wrong" ones must fail its check, "right" ones pass.

-- %% Exercise 1 wrong: the starting rate
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

-- %% Exercise 1 wrong: a rate that overshoots
learnrate = 0.05           -- change this

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

-- %% Exercise 1 wrong: a rate too small for 10 steps
learnrate = 0.004           -- change this

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

-- %% Exercise 1 right: one step covers the distance
learnrate = 0.02           -- change this

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

-- %% Exercise 1 right: a step that overshoots a little
learnrate = 0.025           -- change this

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

-- %% Exercise 2 wrong: the starting rate
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

-- %% Exercise 2 wrong: a negative rate
learnrate = -0.01           -- change this

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

-- %% Exercise 2 wrong: a rate that still converges
learnrate = 0.03           -- change this

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

-- %% Exercise 2 right: 0.05
learnrate = 0.05           -- change this

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

-- %% Exercise 2 right: 0.1
learnrate = 0.1           -- change this

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

-- %% Exercise 3 wrong: no bias update
shifted_targets = targets + 15

w, b = -0.5, 0
for e = 1, 500 do
  local errors = shifted_targets - (samples * w + b)
  w = w + 0.02 / num_samples * nn.dot(errors, samples)
  -- b = ...   (the update for the bias goes here)
end
print(string.format("w = %.4f, b = %.4f", w, b))

-- %% Exercise 3 wrong: the bias moves the wrong way
shifted_targets = targets + 15

w, b = -0.5, 0
for e = 1, 500 do
  local errors = shifted_targets - (samples * w + b)
  w = w + 0.02 / num_samples * nn.dot(errors, samples)
  b = b - 0.02 / num_samples * errors:sum()
end
print(string.format("w = %.4f, b = %.4f", w, b))

-- %% Exercise 3 wrong: the bias steps on the first error only
shifted_targets = targets + 15

w, b = -0.5, 0
for e = 1, 500 do
  local errors = shifted_targets - (samples * w + b)
  w = w + 0.02 / num_samples * nn.dot(errors, samples)
  b = b + 0.02 * errors[1]
end
print(string.format("w = %.4f, b = %.4f", w, b))

-- %% Exercise 3 right: the sum of the errors
shifted_targets = targets + 15

w, b = -0.5, 0
for e = 1, 500 do
  local errors = shifted_targets - (samples * w + b)
  w = w + 0.02 / num_samples * nn.dot(errors, samples)
  b = b + 0.02 / num_samples * errors:sum()
end
print(string.format("w = %.4f, b = %.4f", w, b))

-- %% Exercise 3 right: the mean, written out
shifted_targets = targets + 15

w, b = -0.5, 0
for e = 1, 500 do
  local errors = shifted_targets - (samples * w + b)
  w = w + 0.02 / num_samples * nn.dot(errors, samples)
  b = b + 0.02 * nn.sum(errors) / num_samples
end
print(string.format("w = %.4f, b = %.4f", w, b))
