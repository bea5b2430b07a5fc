-- ---
-- title: Transcript fixture
-- source: nnbook's own tests
-- ---

-- %% [markdown]
-- # A fixture lesson
--
-- Prose with *emphasis*, **strong** text, `inline code` and a list:
--
-- - the weighted sum $z = \sum_i w_i x_i + b$
-- - the step function $\Phi(z)$
--
-- | x1 | x2 | AND |
-- |----|----|:---:|
-- | 0  | 0  |  0  |
-- | 1  | 1  |  1  |

-- %% Arrays
nn.random.seed(1)
w = 2 * nn.random.random{3, 1} - 1
print(w)
print(nn.linspace(-12, 10, 12))
print("a number:", 0.1 + 0.2, "an integer:", 7)

-- %% A live table
t = table.new{"epoch", "loss", format = {"%d", "{:>8.4f}"}}
for e = 1, 12 do
  t:add{e, 1 / e}
end

-- %% A figure
fig = plot.figure{title = "two classes", width = 40, height = 12}
fig:scatter(nn.array{{0, 0}, {1, 1}, {0, 1}, {1, 0}}, nil, {hue = {0, 1, 0, 1}})
fig:boundary(1, 1, -1)

-- %% An error
local function inner() error("something went wrong") end
inner()

-- %% After the error
print("still running")
