-- ---
-- title: Tight
-- ---
-- %%
print(1)
