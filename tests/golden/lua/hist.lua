-- ---
-- title: Golden transcript of a histogram
-- ---

-- %% [markdown]
-- A histogram counts values in equal bins; its handle takes new values,
-- so a cell can show a distribution as it changes.

-- %% the weights of a layer before and after a change
nn.random.seed(3)
local w = nn.random.randn(400)
local fig = plot.figure{title = "weights", xlabel = "value", width = 56, height = 14}
local h = fig:hist(w, {bins = 12, label = "initial"})
for step = 1, 3 do
  w = w * 0.8 + 0.3
  h:set(w)
  frame()
end
print(h, #fig)

-- %% two distributions in one figure
local g = plot.figure{width = 50, height = 12}
g:hist({1, 2, 2, 3, 3, 3, 4, 4, 5}, {bins = 5, label = "a", color = "blue"})
g:hist({4, 5, 5, 6, 6, 6, 7}, {bins = 4, label = "b", color = "red"})
