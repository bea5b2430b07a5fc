-- seed001.lua — what notebook 001 computes, step for step, with nn.
-- Run by tests/sh/test_seed001.sh, which checks that every array and number
-- the notebook prints appears in the output character for character.

local function sigmoid(x) return 1 / (1 + nn.exp(-x)) end
local function sigmoid_prime(y) return y * (1 - y) end

local function training_inputs()
  return nn.array{{0, 0, 1}, {1, 1, 1}, {1, 0, 1}, {0, 1, 1}}
end
local function training_outputs()
  return nn.array{0, 1, 1, 0}:reshape{4, 1}
end
local function init_weights()
  return nn.random.uniform(-1.0, 1.0, {3, 1})
end

-- one forward step
nn.random.seed(1)
local inputs, targets = training_inputs(), training_outputs()
local weights = init_weights()
print(inputs)
print(targets)
print(weights)

local outputs = sigmoid(nn.dot(inputs, weights))
print("Training outputs:")
print(targets)
print("Results after one step training:")
print(outputs)

-- 50000 iterations of the update
local function train(x, y, w, niter, errors_data)
  for i = 1, niter do
    local out = sigmoid(nn.dot(x, w))
    local err = y - out
    local delta = nn.dot(x.T, err * sigmoid_prime(out))
    w = w + delta
    errors_data[i] = err:reshape(4)
    outputs = out
  end
  return outputs, w
end

nn.random.seed(1)
inputs, targets = training_inputs(), training_outputs()
weights = init_weights()
local NITER = 50000
local errors = nn.zeros{NITER, 4}
outputs, weights = train(inputs, targets, weights, NITER, errors)
print("Training outputs:")
print(targets)
print("Results after training:")
print(outputs)
print(weights)

local input_new = nn.array{1, 0, 0}:reshape{3, 1}
print(sigmoid(nn.sum(weights * input_new)))
