-- ---
-- title: Golden transcript of tables and progress
-- ---

-- %% a live table
local t = table.new{"epoch", "loss", "val_loss", format = {"%d", "%.4f", "{:>8.3f}"}}
local loss, val = 1, 1.2
for e = 1, 5 do
  loss, val = loss * 0.6, val * 0.7
  t:add{e, loss, val}
  frame()
end
print(#t, t)

-- %% a long table keeps its newest rows
local big = table.new{"step", "w", format = {"%4d", "%+.3f"}, cap = 4}
for i = 1, 12 do big:add(i, math.sin(i)) end

-- %% model:fit, verbose = 1: a progress line and a table of losses
nn.random.seed(0)
X = nn.random.randn(20, 2)
y = nn.random.randint(0, 2, {20, 1})
model = nn.Sequential{nn.Dense(1, {activation = "sigmoid", input_dim = 2})}
model:compile{loss = "binary_crossentropy", optimizer = "sgd"}
history = model:fit(X, y, {epochs = 4, batch_size = 5, validation_split = 0.2})

-- %% verbose = 2: one line per epoch
model:fit(X, y, {epochs = 2, batch_size = 5, verbose = 2})

-- %% a progress line of one's own
local p = nn.progress{epochs = 3}
for e = 1, 3 do
  for s = 1, 8 do p:epoch(e):step(s, 8) end
  p:metric("error", 1 / e)
end
