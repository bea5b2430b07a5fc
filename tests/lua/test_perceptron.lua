-- test_perceptron.lua — the perceptron learning rule of seed 003.
local T = require "tap"

local p = nn.Perceptron{inputs = 2, weights = {0.5, 0.5}, threshold = 0.5}
local outs = {}
for _, x in ipairs{{0, 0}, {0, 1}, {1, 0}, {1, 1}} do outs[#outs + 1] = p(x) end
T.is(table.concat(outs, " "), "0 0 0 1", "AND gate with fixed weights")

local orp = nn.Perceptron{inputs = 2, weights = {1, 1}, threshold = 0.5}
outs = {}
for _, x in ipairs{{0, 0}, {0, 1}, {1, 0}, {1, 1}} do outs[#outs + 1] = orp(x) end
T.is(table.concat(outs, " "), "0 1 1 1", "OR gate")

-- learning a line through the origin: points above/below y = 2x
nn.random.seed(3)
local q = nn.Perceptron{inputs = 2, learning_rate = 0.1}
T.is(#q.weights, 2, "random weights, one per input")
local pts = nn.random.randint(-50, 50, {200, 2})
local function label(x, y) return y > 2 * x and 1 or 0 end
for epoch = 1, 20 do
  for i = 1, 200 do
    local x = pts[i]
    q:adjust(label(x[1], x[2]), q(x), x)
  end
end
local wrong = 0
for i = 1, 200 do
  local x = pts[i]
  if q(x) ~= label(x[1], x[2]) then wrong = wrong + 1 end
end
T.ok(wrong <= 4, "learns a separating line through the origin (" .. wrong .. " wrong)")

-- with a bias the line can leave the origin: classes around (0,0) and (-6, 5)
nn.random.seed(7)
local xs0, ys0 = nn.random.uniform(-2.5, 2.3, 50), nn.random.uniform(-1.7, 2.8, 50)
local xs1, ys1 = nn.random.uniform(-7.2, -4.4, 50), nn.random.uniform(3, 6.5, 50)
local b = nn.Perceptron{inputs = 2, bias = true, learning_rate = 0.05, activation = "sigmoid"}
T.is(#b.weights, 3, "a bias adds a weight")
for epoch = 1, 50 do
  for i = 1, 50 do
    b:adjust(0, b{xs0[i], ys0[i]}, {xs0[i], ys0[i]})
    b:adjust(1, b{xs1[i], ys1[i]}, {xs1[i], ys1[i]})
  end
end
local bad = 0
for i = 1, 50 do
  if b{xs0[i], ys0[i]} ~= 0 then bad = bad + 1 end
  if b{xs1[i], ys1[i]} ~= 1 then bad = bad + 1 end
end
T.is(bad, 0, "with a bias the separable set is classified without error")

local h = nn.Perceptron{inputs = 1, weights = {1}}
h:adjust(1, 0, {2})
T.is(h.weights[1], 1.2, "adjust adds lr * error * x")
T.errors(function() p{1, 2, 3} end, "the perceptron has 2 inputs", "wrong input size")
T.errors(function() nn.Perceptron{inputs = 2, weights = {1, 2, 3}} end, "3 weights given but 2 inputs", "weights mismatch")
T.errors(function() nn.Perceptron{inputs = 2, activation = "relu"} end, "activation must be", "bad activation")
T.done()
