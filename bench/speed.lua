-- ---
-- title: nnbook's own speed, measured inside a lesson
-- ---

-- %% [markdown]
-- Run by bench/run.sh as `nnbook --run bench/speed.lua`: what a lesson
-- gets, through the Lua bindings and the kernel process.  Times are the
-- kernel's CPU time (os.clock): the best of three runs for the loop, the
-- mean over at least 0.2 s for a frame of regions.  One line per
-- workload in bench/run.sh's format: `nnbook WORKLOAD time_s=T key=value`.

-- %% Seed 001's loop as lesson 3 writes it
function sigmoid(x)
  return 1.0 / (1 + nn.exp(-x))
end

function sigmoid_prime(y)
  return y * (1 - y)
end

function train_nn(training_inputs, training_outputs, initial_weights,
                  niter, errors_data, watch)
  local w = initial_weights
  local outputs
  for i = 1, niter do
    outputs = sigmoid(nn.dot(training_inputs, w))
    local errors = training_outputs - outputs
    local deltaw = errors * sigmoid_prime(outputs)
    deltaw = nn.dot(training_inputs.T, deltaw)
    if errors_data then errors_data[i] = errors:flatten() end
    if watch then watch(i, w, errors) end
    w = w + deltaw
  end
  return outputs, w
end

local best, w = math.huge, nil
for run = 1, 3 do
  nn.random.seed(1)
  local inputs = nn.array{{0, 0, 1}, {1, 1, 1}, {1, 0, 1}, {0, 1, 1}}
  local targets = nn.array{0, 1, 1, 0}:reshape{4, 1}
  local weights = nn.random.uniform(-1.0, 1.0, {3, 1})
  local errors = nn.zeros{50000, 4}
  local t0 = os.clock()
  local _
  _, w = train_nn(inputs, targets, weights, 50000, errors)
  best = math.min(best, os.clock() - t0)
end
print(("nnbook sigmoid time_s=%.6f weights=%.8f,%.8f,%.8f"):format(
  best, w:get(1, 1), w:get(2, 1), w:get(3, 1)))

-- %% Decision regions of a 2-W-W-2 network (relu, relu, softmax), one frame each
nn.random.seed(0)
local X = nn.random.randn(200, 2)
for _, width in ipairs{4, 64, 256, 1024} do
  local m = nn.Sequential{nn.Dense(width, {activation = "relu", input_dim = 2}),
                          nn.Dense(width, {activation = "relu"}),
                          nn.Dense(2, {activation = "softmax"})}
  for _, size in ipairs{{80, 20}, {200, 60}} do
    local fig = plot.figure{width = size[1], height = size[2], show = false}
    fig:scatter(X:col(1), X:col(2))
    local points = 0
    local h = fig:regions(function() points = points + 1; return 0 end)
    h:set(m)
    local W1, b1 = m.layers[1]:get_weights()
    local reps, total = 0, 0
    repeat
      m.layers[1]:set_weights(W1, b1)   -- a new version: the regions must be predicted again
      local t0 = os.clock()
      h:set(m)
      total, reps = total + os.clock() - t0, reps + 1
    until reps >= 3 and total > 0.2
    local mean = total / reps              -- a mean: the CPU clock moves in steps of a few ms
    local t0 = os.clock()
    for _ = 1, 1000 do h:set(m) end         -- unchanged: kept from the last frame
    print(("nnbook regions_%d_%dx%d time_s=%.6f points=%d unchanged_ms=%.4f"):format(
      width, size[1], size[2], mean, points, (os.clock() - t0) / 1000 * 1000))
  end
end

-- %% nn.dot of two 1000 x 1000 arrays (randn), best of three
local A = nn.random.randn(1000, 1000)
local best_dot = math.huge
for _ = 1, 3 do
  local t0 = os.clock()
  local _ = nn.dot(A, A)
  best_dot = math.min(best_dot, os.clock() - t0)
end
print(("nnbook dot_1000 time_s=%.6f gflops=%.1f"):format(best_dot, 2e9 / best_dot * 1e-9))
