-- ---
-- title: The perceptron learning rule
-- source: python-course.eu, "Neural Networks from Scratch"
-- ---

-- %% [markdown]
-- # The perceptron
-- A perceptron multiplies each input by a weight, sums, and fires when the sum
-- passes a threshold.
--
--    indented, kept as is

-- %% AND gate
local p = nn.Perceptron{inputs = 2, weights = {0.5, 0.5}, threshold = 0.5}
for _, x in ipairs{{0,0},{0,1},{1,0},{1,1}} do print(x[1], x[2], p(x)) end

-- %% [md] Short tag
--More prose, no space after the dashes.


-- %%
print("last")
