-- test_model.lua — Keras-like networks from Lua.
local T = require "tap"

nn.random.seed(0)
local model = nn.Sequential{
  nn.Dense(4, {activation = "relu", input_dim = 2}),
  nn.Dense(4, {activation = "relu"}),
  nn.Dense(2, {activation = "softmax"}),
}
model:compile{loss = "binary_crossentropy", optimizer = nn.optimizers.SGD{learning_rate = 0.01, momentum = 0.99}}
T.is(model:count_params(), 42, "2-4-4-2 has 42 parameters")
T.is(#model.layers, 3, "three layers")
local W, b = model.layers[1]:get_weights()
T.is(tostring(W.shape[1]) .. "x" .. tostring(W.shape[2]), "2x4", "kernel is inputs x units")
T.is(tostring(b), "[0. 0. 0. 0.]", "biases start at zero")
local L = math.sqrt(6 / (2 + 4))
T.ok(W:max() <= L and W:min() >= -L, "glorot-uniform range")
T.ok(tostring(model):find("Total params: 42", 1, true) ~= nil, "summary text")

-- XOR quadrants, as seed 004
nn.random.seed(1)
local X = nn.random.randn(2000, 2)
local y = nn.zeros{2000, 2}
for i = 1, 2000 do
  local p = X:get(i, 1) * X:get(i, 2)
  y:set(i, p > 0 and 1 or 2, 1)
end
local h = model:fit(X, y, {epochs = 60, batch_size = 100, verbose = 0})
T.is(#h.loss, 60, "history has one loss per epoch")
T.ok(h.loss[60] < h.loss[1], "loss falls")
local pred = model:predict(X)
T.is(pred.shape[2], 2, "predict gives one column per unit")
local right = 0
for i = 1, 2000 do
  if (pred:get(i, 1) > 0.5) == (y:get(i, 1) == 1) then right = right + 1 end
end
T.ok(right / 2000 > 0.9, "XOR is learned (accuracy " .. right / 2000 .. ")")
T.near(model:evaluate(X, y), h.loss[60], 0.05, "evaluate is close to the last epoch loss")

-- one epoch of 1800 samples in batches of 32 is 57 steps
local lin = nn.Sequential{nn.Dense(1, {activation = "linear", input_dim = 2})}
lin:compile{loss = "hinge"}
local Xl = nn.random.randn(1800, 2)
local yl = Xl:col(1):gt(0)
local loss, steps = lin:train_epoch(Xl, yl, {batch_size = 32})
T.is(steps, 57, "57 steps per epoch")
T.ok(loss > 0, "hinge loss is positive")
local h2 = lin:fit(Xl, yl, {epochs = 3, validation_data = {Xl, yl}, verbose = 0})
T.is(#h2.val_loss, 3, "validation loss per epoch")

-- errors a student will meet
T.errors(function() model:predict(nn.zeros{3, 5}) end,
         "X has 5 features per sample but the model's first layer expects 2", "input_dim mismatch")
T.errors(function() model:fit(X, nn.zeros{2000, 3}, {verbose = 0}) end, "y has shape (2000, 3)", "target shape")
local raw = nn.Sequential{nn.Dense(1, {input_dim = 2})}
T.errors(function() raw:fit(X, y:col(1), {verbose = 0}) end, "compile the model first", "fit before compile")
T.errors(function() raw:compile{loss = "nope"} end, "unknown loss 'nope'", "unknown loss")
T.errors(function() nn.Dense(0) end, "units = 0", "zero units")
T.errors(function() nn.Dense(4, {activation = "swish"}) end, "unknown activation 'swish'", "unknown activation")
T.errors(function() nn.Sequential{nn.Dense(2, {input_dim = 3}), nn.Dense(1, {input_dim = 5})} end,
         "layer 2 has input_dim = 5 but the layer before it has 2 units", "inconsistent input_dim")

-- a NaN in the data is reported as a NaN loss, not hidden
local nanX = nn.array{{0 / 0, 1}}
local lnan = raw:compile{loss = "mse"}:train_batch(nanX, nn.array{1})
T.ok(lnan ~= lnan, "NaN input gives a NaN loss")

-- set_weights round trip and a hand check of predict
local one = nn.Sequential{nn.Dense(1, {input_dim = 2})}
one.layers[1]:set_weights(nn.array{{2}, {-1}}, nn.array{0.5})
T.is(one:predict(nn.array{{0.8, 0.3}}):get(1, 1), 0.8 * 2 + 0.3 * -1 + 0.5, "predict = x.W + b")

-- the Keras the notebooks ran: what compile{keras = ...} changes, and Keras' own limits
do
  local empty = nn.Sequential()
  T.is(#empty.layers, 0, "nn.Sequential() with no layers, as Keras")
  empty:add(nn.Dense(1, {input_dim = 2}))
  T.is(empty:count_params(), 3, "layers come with model:add")
  T.ok(pcall(nn.optimizers.SGD, {learning_rate = 0}), "SGD{learning_rate = 0} is allowed, as Keras")
  T.ok(not pcall(nn.optimizers.SGD, {learning_rate = -1}), "a negative rate is not")
  T.ok(not pcall(one.compile, one, {keras = "1.0"}), "an unknown keras version is refused")
  T.is(nn.zeros(7, 2).shape[2], 2, "nn.zeros(rows, cols) is nn.zeros{rows, cols}")
  -- validation_split: Keras trains on int(n * (1 - split)) rows and validates on the rest
  local X = nn.array{{1, 0}, {2, 0}, {3, 0}, {4, 0}, {5, 0}, {6, 0}, {7, 0}}
  local y = nn.array{{0}, {0}, {0}, {0}, {0}, {0}, {0}}
  local m = nn.Sequential{nn.Dense(1, {input_dim = 2})}
  m.layers[1]:set_weights(nn.array{{1}, {0}}, nn.array{0})
  m:compile{loss = "mse", optimizer = nn.optimizers.SGD{learning_rate = 0}}
  local h = m:fit(X, y, {epochs = 1, validation_split = 0.5, verbose = 0})
  -- rows 4..7 held out: mean of 16, 25, 36, 49 (rows 5..7 alone would give 36.67)
  T.near(h.val_loss[1], (16 + 25 + 36 + 49) / 4, 1e-12, "validation_split 0.5 of 7 rows holds out 4, as Keras")
  -- binary cross-entropy: keras = "2.2" takes the logit form (no eps inside the logs)
  local b = nn.Sequential{nn.Dense(1, {input_dim = 1, activation = "sigmoid"})}
  b.layers[1]:set_weights(nn.array{{0}}, nn.array{100})    -- predicts 1: clipped to 1 - 1e-7
  local x0, t0 = nn.array{{1}}, nn.array{{0}}
  b:compile{loss = "binary_crossentropy"}
  local tfk = b:evaluate(x0, t0)
  b:compile{loss = "binary_crossentropy", keras = "2.2"}
  local k22 = b:evaluate(x0, t0)
  T.near(tfk, -math.log(1 - (1 - 1e-7) + 1e-7), 1e-9, "tf.keras 2.x: -log(1 - p + eps) at a clipped prediction")
  T.near(k22, -math.log(1e-7), 1e-6, "Keras 2.2: -log(1 - p) through logits")
end
T.done()
