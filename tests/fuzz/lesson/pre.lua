-- ---
-- title: "Quoted title"
-- jupyter:
--   jupytext:
--     text_representation: x
-- ---


-- text before the first marker is a code cell
local a = 1

-- %% [markdown]
-- ## Second
