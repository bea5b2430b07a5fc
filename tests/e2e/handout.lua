-- ---
-- title: A handout
-- ---

-- %% [markdown]
-- # A handout
--
-- A lesson with a wide table, a long line and one exercise.

-- %% A wide table
t = table.new{"epoch", "loss", "val_loss", "accuracy", "val_accuracy",
              "w1", "w2", "w3", "bias", "rate",
              format = {"%d", "%.6f", "%.6f", "%.6f", "%.6f", "%.6f",
                        "%.6f", "%.6f", "%.6f", "%.6f"}}
for e = 1, 3 do
  t:add{e, 1 / e, 1.5 / e, 1 - 1 / (e + 1), 1 - 1 / (e + 2), 0.123456 * e,
        -2.5 * e, 1234.5678 * e, -0.000123 * e, 0.001}
end
print(string.rep("1234567890", 12))

-- %% Exercise 1: double it
x = 1                        -- change this

-- %% Check 1
check{"x is 2", function()
  return x == 2, ("x is %d"):format(x)
end}

-- %% [markdown] Hint 1 tags=["hint"]
-- Two is one plus one.

-- %% Solution 1 tags=["solution"]
x = 2                        -- one plus one
