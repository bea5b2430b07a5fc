-- ---
-- title: Golden transcript of exercise checks
-- ---

-- %% Exercise: a learning rate that converges
rate = 2.5

-- %% the check
local function converges(lr)
  local w = 0
  for _ = 1, 50 do w = w + lr * (2 - w) end
  return math.abs(w - 2) < 1e-6
end
check{"the weight reaches 2 within 50 steps", function() return converges(rate) end,
      hint = "A rate above 2 overshoots further every step; try one below 1.",
      solution = [[rate = 0.5]]}
check("a passing check", true)
check("a check whose function fails", function() return undefined_table.field end, "look at the error")
