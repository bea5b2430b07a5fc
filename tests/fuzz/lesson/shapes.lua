-- %%
-- %%   spaced   title  
x = 1
-- %% [md]
-- %% [markdown]
--
-- %%


-- %%[markdown] not a marker
--%% also a marker
y = 2

