-- %% [markdown] Ελληνικά
-- # Über π ≈ 3.14 🎉
-- 中文 text

-- %% λ → cell
local s = "naïve ✓"
print(s)
