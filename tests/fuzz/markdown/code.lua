local s = [==[ long
string ]==] --[[ comment
]] x = 0x1p4 + 1e-3 'esc\z
  aped'
