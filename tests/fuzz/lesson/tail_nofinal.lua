-- %%
print(1)

   