-- nn_fit.lua — the parts of the nn module written in Lua: model:fit and
-- model:summary.  fit loops over epochs in Lua, calling the C trainer once
-- per epoch, so the kernel can redraw, pause at each frame() and stop a
-- long run between epochs.
local nn = ...
local M = nn._model_methods
nn._model_methods = nil
-- The string methods ("..."):format reach the lesson's string table (its
-- own to change), so the kernel's code calls the real one directly.
local format = string.format

-- model:summary(): shows the layers, shapes and parameter counts.
function M.summary(model)
  local text = model:summary_text()
  show(text)
  return text
end

local function rows(a)
  return a.ndim == 2 and a.shape[1] or #a
end

-- model:fit(X, y, {epochs=1, batch_size=32, validation_data={Xv, yv},
--                  validation_split=0, shuffle=true, verbose=1, callback=f})
function M.fit(model, X, y, opts)
  opts = opts or {}
  local epochs = opts.epochs or 1
  local batch = opts.batch_size or 32
  local shuffle = opts.shuffle ~= false
  local verbose = opts.verbose
  if verbose == nil then verbose = 1 end
  if math.type(epochs) ~= "integer" or epochs < 1 then
    error("model:fit: epochs must be a positive integer", 2)
  end
  local Xv, yv
  if opts.validation_data then
    Xv, yv = opts.validation_data[1], opts.validation_data[2]
    if not (nn.isarray(Xv) and nn.isarray(yv)) then
      error("model:fit: validation_data must be {X_val, y_val} arrays", 2)
    end
  elseif opts.validation_split and opts.validation_split > 0 then
    -- Keras takes the validation samples from the end, before shuffling:
    -- it keeps int(n * (1 - split)) rows for training, the rest validate
    local n = rows(X)
    local nv = n - math.floor(n * (1.0 - opts.validation_split))
    if nv < 1 or nv >= n then error("model:fit: validation_split leaves no data", 2) end
    Xv, yv = X:slice(n - nv + 1, n), y:slice(n - nv + 1, n)
    X, y = X:slice(1, n - nv), y:slice(1, n - nv)
  end
  local history = {loss = {}, epoch = {}}
  if Xv then history.val_loss = {} end
  local ui = nn._ui
  local progress, tab
  if verbose == 1 and ui then
    progress = ui.progress{epochs = epochs}
    local cols = Xv and {"epoch", "loss", "val_loss"} or {"epoch", "loss"}
    tab = ui.table(cols, Xv and {"%d", "%.4f", "%.4f"} or {"%d", "%.4f"})
  end
  for e = 1, epochs do
    local t0 = os.clock()
    local loss, steps = model:train_epoch(X, y, {batch_size = batch, shuffle = shuffle})
    local vloss = Xv and model:evaluate(Xv, yv) or nil
    local dt = os.clock() - t0
    history.epoch[e] = e
    history.loss[e] = loss
    if vloss then history.val_loss[e] = vloss end
    if progress then
      progress:update{epoch = e, steps = steps, seconds = dt, loss = loss, val_loss = vloss}
      tab:add(vloss and {e, loss, vloss} or {e, loss})
    elseif verbose == 2 then
      local function f(v) return format(math.abs(v) <= 1e-3 and "%.4e" or "%.4f", v) end
      print(format("Epoch %d/%d - loss: %s%s", e, epochs, f(loss),
            vloss and (" - val_loss: " .. f(vloss)) or ""))
    end
    if opts.callback then
      opts.callback(e, {loss = loss, val_loss = vloss}, model)
    end
    nn.frame()
  end
  model.history = history
  return history
end
