-- %% [md]
-- # Only a heading

-- %% empty at the end