-- ---
-- title: answers to try on the exercises of lessons/01-perceptron.lua
-- ---

-- Run by tests/sh/test_exercises.sh: nnbook --check lessons/01-perceptron.lua
-- --answers tests/exercises/01-perceptron.lua. Each cell replaces the exercise
-- its title names; "wrong" ones must fail its check, "right" ones pass.

-- %% Exercise 1 wrong: the starting weights (OR)
p_nand = nn.Perceptron{inputs = 2, weights = {0.5, 0.5}, threshold = 0.5}
for _, x in ipairs(gate_inputs) do print(nn.array(x), p_nand(x)) end

-- %% Exercise 1 wrong: AND
p_nand = nn.Perceptron{inputs = 2, weights = {1, 1}, threshold = 1.5}
for _, x in ipairs(gate_inputs) do print(nn.array(x), p_nand(x)) end

-- %% Exercise 1 wrong: NOR: fires only for (0, 0)
p_nand = nn.Perceptron{inputs = 2, weights = {-1, -1}, threshold = 0}
for _, x in ipairs(gate_inputs) do print(nn.array(x), p_nand(x)) end

-- %% Exercise 1 right: negative weights, threshold -1.5
p_nand = nn.Perceptron{inputs = 2, weights = {-1, -1}, threshold = -1.5}
for _, x in ipairs(gate_inputs) do print(nn.array(x), p_nand(x)) end

-- %% Exercise 1 right: larger weights, threshold -3
p_nand = nn.Perceptron{inputs = 2, weights = {-2, -2}, threshold = -3}
for _, x in ipairs(gate_inputs) do print(nn.array(x), p_nand(x)) end

-- %% Exercise 2 wrong: no shift
shift = {0, 0}          -- the point that becomes the new origin

function shifted(x) return {x[1] - shift[1], x[2] - shift[2]} end
nn.random.seed(1)
p_shift = nn.Perceptron{inputs = 2}
for pass = 1, 20 do
  for i = 1, #learnset do
    local x = shifted(learnset[i])
    p_shift:adjust(learn_labels[i], p_shift(x), x)
  end
end
local correct, wrong = evaluate(function(x) return p_shift(shifted(x)) end,
                                learnset, learn_labels)
print(string.format("no bias, shifted data: correct = %d, wrong = %d",
                    correct, wrong))

-- %% Exercise 2 wrong: a shift beyond both boxes
shift = {5, 0}          -- the point that becomes the new origin

function shifted(x) return {x[1] - shift[1], x[2] - shift[2]} end
nn.random.seed(1)
p_shift = nn.Perceptron{inputs = 2}
for pass = 1, 20 do
  for i = 1, #learnset do
    local x = shifted(learnset[i])
    p_shift:adjust(learn_labels[i], p_shift(x), x)
  end
end
local correct, wrong = evaluate(function(x) return p_shift(shifted(x)) end,
                                learnset, learn_labels)
print(string.format("no bias, shifted data: correct = %d, wrong = %d",
                    correct, wrong))

-- %% Exercise 2 wrong: a bias instead of a shift
shift = {0, 0}          -- the point that becomes the new origin

function shifted(x) return {x[1] - shift[1], x[2] - shift[2]} end
nn.random.seed(1)
p_shift = nn.Perceptron{inputs = 2, bias = true}
for pass = 1, 20 do
  for i = 1, #learnset do
    local x = shifted(learnset[i])
    p_shift:adjust(learn_labels[i], p_shift(x), x)
  end
end
local correct, wrong = evaluate(function(x) return p_shift(shifted(x)) end,
                                learnset, learn_labels)
print(string.format("no bias, shifted data: correct = %d, wrong = %d",
                    correct, wrong))

-- %% Exercise 2 right: x1 = -3.5
shift = {-3.5, 0}          -- the point that becomes the new origin

function shifted(x) return {x[1] - shift[1], x[2] - shift[2]} end
nn.random.seed(1)
p_shift = nn.Perceptron{inputs = 2}
for pass = 1, 20 do
  for i = 1, #learnset do
    local x = shifted(learnset[i])
    p_shift:adjust(learn_labels[i], p_shift(x), x)
  end
end
local correct, wrong = evaluate(function(x) return p_shift(shifted(x)) end,
                                learnset, learn_labels)
print(string.format("no bias, shifted data: correct = %d, wrong = %d",
                    correct, wrong))

-- %% Exercise 2 right: x1 = -4
shift = {-4, 1}          -- the point that becomes the new origin

function shifted(x) return {x[1] - shift[1], x[2] - shift[2]} end
nn.random.seed(1)
p_shift = nn.Perceptron{inputs = 2}
for pass = 1, 20 do
  for i = 1, #learnset do
    local x = shifted(learnset[i])
    p_shift:adjust(learn_labels[i], p_shift(x), x)
  end
end
local correct, wrong = evaluate(function(x) return p_shift(shifted(x)) end,
                                learnset, learn_labels)
print(string.format("no bias, shifted data: correct = %d, wrong = %d",
                    correct, wrong))

-- %% Exercise 3 wrong: the starting weights (XOR)
out_xnor = nn.Perceptron{inputs = 2, weights = {1, -1}, threshold = 0.5}
function xnor_net(x) return out_xnor{n1(x), n2(x)} end
for _, x in ipairs(gate_inputs) do print(nn.array(x), xnor_net(x)) end

-- %% Exercise 3 wrong: flipped signs, threshold above 0
out_xnor = nn.Perceptron{inputs = 2, weights = {-1, 1}, threshold = 0.5}
function xnor_net(x) return out_xnor{n1(x), n2(x)} end
for _, x in ipairs(gate_inputs) do print(nn.array(x), xnor_net(x)) end

-- %% Exercise 3 right: flipped signs, threshold -0.5
out_xnor = nn.Perceptron{inputs = 2, weights = {-1, 1}, threshold = -0.5}
function xnor_net(x) return out_xnor{n1(x), n2(x)} end
for _, x in ipairs(gate_inputs) do print(nn.array(x), xnor_net(x)) end

-- %% Exercise 3 right: a heavier AND weight
out_xnor = nn.Perceptron{inputs = 2, weights = {-1, 2}, threshold = -0.5}
function xnor_net(x) return out_xnor{n1(x), n2(x)} end
for _, x in ipairs(gate_inputs) do print(nn.array(x), xnor_net(x)) end
