-- %% [md]
-- # Bom title

-- %%
print("bom")
