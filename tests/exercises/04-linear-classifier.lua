-- ---
-- title: answers to try on the exercises of lessons/04-linear-classifier.lua
-- ---

-- Run by tests/sh/test_exercises.sh: nnbook --check lessons/04-linear-classifier.lua
-- --answers tests/exercises/04-linear-classifier.lua. Each cell replaces the exercise
-- its title names; "wrong" ones must fail its check, "right" ones pass.

-- %% Exercise 1 wrong: no bias
x1, x2 = 2.5, 1.0
my_output = x1 * w1 + x2 * w2
my_class = 1
print("my output:", my_output, " my class:", my_class)

-- %% Exercise 1 wrong: the right output, the class always 1
x1, x2 = 2.5, 1.0
my_output = x1 * w1 + x2 * w2 + bias
my_class = 1
print("my output:", my_output, " my class:", my_class)

-- %% Exercise 1 right: the class from the sign
x1, x2 = 2.5, 1.0
my_output = x1 * w1 + x2 * w2 + bias
my_class = my_output >= 0 and 1 or 0
print("my output:", my_output, " my class:", my_class)

-- %% Exercise 1 right: the output from the model
x1, x2 = 2.5, 1.0
my_output = model:predict(nn.array{{x1, x2}}):get(1, 1)
if my_output >= 0 then my_class = 1 else my_class = 0 end
print("my output:", my_output, " my class:", my_class)

-- %% Exercise 2 wrong: the default rate
nn.random.seed(20)
fast = nn.Sequential{nn.Dense(1, {activation = "linear", input_dim = 2})}
fast:compile{loss = "hinge", optimizer = nn.optimizers.RMSprop{learning_rate = 0.001}}
fast_history = fast:fit(X_train, y_train, {epochs = 10, validation_data = {X_val, y_val}, verbose = 0})
print(("val_loss after %d epochs: %.4f"):format(#fast_history.val_loss, fast_history.val_loss[#fast_history.val_loss]))

-- %% Exercise 2 wrong: more epochs instead
nn.random.seed(20)
fast = nn.Sequential{nn.Dense(1, {activation = "linear", input_dim = 2})}
fast:compile{loss = "hinge", optimizer = nn.optimizers.RMSprop{learning_rate = 0.001}}
fast_history = fast:fit(X_train, y_train, {epochs = 50, validation_data = {X_val, y_val}, verbose = 0})
print(("val_loss after %d epochs: %.4f"):format(#fast_history.val_loss, fast_history.val_loss[#fast_history.val_loss]))

-- %% Exercise 2 right: 0.01
nn.random.seed(20)
fast = nn.Sequential{nn.Dense(1, {activation = "linear", input_dim = 2})}
fast:compile{loss = "hinge", optimizer = nn.optimizers.RMSprop{learning_rate = 0.01}}
fast_history = fast:fit(X_train, y_train, {epochs = 10, validation_data = {X_val, y_val}, verbose = 0})
print(("val_loss after %d epochs: %.4f"):format(#fast_history.val_loss, fast_history.val_loss[#fast_history.val_loss]))

-- %% Exercise 2 right: 0.02
nn.random.seed(20)
fast = nn.Sequential{nn.Dense(1, {activation = "linear", input_dim = 2})}
fast:compile{loss = "hinge", optimizer = nn.optimizers.RMSprop{learning_rate = 0.02}}
fast_history = fast:fit(X_train, y_train, {epochs = 10, validation_data = {X_val, y_val}, verbose = 0})
print(("val_loss after %d epochs: %.4f"):format(#fast_history.val_loss, fast_history.val_loss[#fast_history.val_loss]))

-- %% Exercise 3 wrong: linear outputs
nn.random.seed(20)
prob = nn.Sequential{nn.Dense(1, {activation = "linear", input_dim = 2})}
prob:compile{loss = "binary_crossentropy"}
prob:fit(X_train, y_train, {epochs = 100, validation_data = {X_val, y_val}, verbose = 0})
print(("validation accuracy: %.1f%%"):format(100 * accuracy(prob, X_val, y_val, 0.5)))

-- %% Exercise 3 wrong: relu outputs
nn.random.seed(20)
prob = nn.Sequential{nn.Dense(1, {activation = "relu", input_dim = 2})}
prob:compile{loss = "binary_crossentropy"}
prob:fit(X_train, y_train, {epochs = 100, validation_data = {X_val, y_val}, verbose = 0})
print(("validation accuracy: %.1f%%"):format(100 * accuracy(prob, X_val, y_val, 0.5)))

-- %% Exercise 3 right: sigmoid
nn.random.seed(20)
prob = nn.Sequential{nn.Dense(1, {activation = "sigmoid", input_dim = 2})}
prob:compile{loss = "binary_crossentropy"}
prob:fit(X_train, y_train, {epochs = 100, validation_data = {X_val, y_val}, verbose = 0})
print(("validation accuracy: %.1f%%"):format(100 * accuracy(prob, X_val, y_val, 0.5)))

-- %% Exercise 3 right: sigmoid, fewer epochs
nn.random.seed(20)
prob = nn.Sequential{nn.Dense(1, {activation = "sigmoid", input_dim = 2})}
prob:compile{loss = "binary_crossentropy"}
prob:fit(X_train, y_train, {epochs = 60, validation_data = {X_val, y_val}, verbose = 0})
print(("validation accuracy: %.1f%%"):format(100 * accuracy(prob, X_val, y_val, 0.5)))

-- %% Exercise 4 wrong: labels as targets
nn.random.seed(20)
pct = nn.Sequential{nn.Dense(1, {activation = "linear", input_dim = 2})}
pct:compile{loss = "mean_absolute_percentage_error"}
targets_train, targets_val = y_train, y_val
threshold = 0.5
pct:fit(X_train, targets_train, {epochs = 100, validation_data = {X_val, targets_val}, verbose = 0})
print(("validation accuracy: %.1f%%"):format(100 * accuracy(pct, X_val, y_val, threshold)))

-- %% Exercise 4 wrong: shifted targets, the old threshold
nn.random.seed(20)
pct = nn.Sequential{nn.Dense(1, {activation = "linear", input_dim = 2})}
pct:compile{loss = "mean_absolute_percentage_error"}
targets_train, targets_val = y_train + 1, y_val + 1
threshold = 0.5
pct:fit(X_train, targets_train, {epochs = 100, validation_data = {X_val, targets_val}, verbose = 0})
print(("validation accuracy: %.1f%%"):format(100 * accuracy(pct, X_val, y_val, threshold)))

-- %% Exercise 4 right: 1 and 2, threshold 1.5
nn.random.seed(20)
pct = nn.Sequential{nn.Dense(1, {activation = "linear", input_dim = 2})}
pct:compile{loss = "mean_absolute_percentage_error"}
targets_train, targets_val = y_train + 1, y_val + 1
threshold = 1.5
pct:fit(X_train, targets_train, {epochs = 100, validation_data = {X_val, targets_val}, verbose = 0})
print(("validation accuracy: %.1f%%"):format(100 * accuracy(pct, X_val, y_val, threshold)))

-- %% Exercise 4 right: 2 and 3, threshold 2.5
nn.random.seed(20)
pct = nn.Sequential{nn.Dense(1, {activation = "linear", input_dim = 2})}
pct:compile{loss = "mean_absolute_percentage_error"}
targets_train, targets_val = y_train + 2, y_val + 2
threshold = 2.5
pct:fit(X_train, targets_train, {epochs = 100, validation_data = {X_val, targets_val}, verbose = 0})
print(("validation accuracy: %.1f%%"):format(100 * accuracy(pct, X_val, y_val, threshold)))
