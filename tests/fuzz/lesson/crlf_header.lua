-- ---
-- title: CRLF lesson
-- ---

-- %% [markdown]
-- Text
--
-- more

-- %% run
x = 1


print(x)