

  
-- %% first
print(1)
