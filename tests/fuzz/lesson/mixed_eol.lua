-- %% a
print(1)

-- %% [md]
-- hi
