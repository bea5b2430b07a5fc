-- %% [markdown]
-- # Windows
-- line ends

-- %% code
print(1)

print(2)
