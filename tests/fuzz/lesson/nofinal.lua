-- %% [markdown]
-- # No newline

-- %%
print(1)