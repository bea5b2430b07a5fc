#!/usr/bin/python3
"""Reference timings for bench/bench_nn.c: the same two workloads in plain
numpy and, when it can be imported, PyTorch.

    /usr/bin/python3 bench/ref_nn.py [seed] [runs] [regions=W:SIZE:N ...]

xor      seed 004: np.random.seed(seed); Dense 2-4-4-2 relu/relu/softmax with
         glorot-uniform kernels drawn from numpy (uniform(-L, L, (fan_in,
         units)) per layer, zero biases); X = randn(10000, 2),
         y = [x0*x1 > 0, x0*x1 <= 0]; 200 epochs of batch 100 in the order of
         a fresh np.random.permutation each epoch; SGD lr 0.01 momentum 0.99;
         Keras' binary cross-entropy (clip to [1e-7, 1-1e-7], +1e-7 inside
         the logs, mean over all elements); accuracy on randn(5000, 2).
sigmoid  seed 001's loop as lesson 3 writes it: 50,000 iterations of
         out = sigmoid(X w) (sigmoid(x) = 1 / (1 + exp(-x))),
         errors = y - out, w += X^T (errors * out (1 - out)), each
         iteration's errors kept in a 50,000 x 4 array, from
         np.random.seed(1); uniform(-1, 1, (3, 1)).
dot_1000 np.dot of two 1000 x 1000 randn arrays (torch.mm), best of runs.
regions_W_SIZE  one frame of decision regions: a 2-W-W-2 network (relu,
         relu, softmax; glorot weights) predicts the N points of the grid
         nnbook samples for a figure of SIZE (N given on the command line
         as regions=W:SIZE:N) in one batch, and takes the argmax.

The time is the best of `runs` (default 3) and covers training only.  One
line per implementation and workload, in bench_nn's format:

    numpy xor time_s=1.812345 loss=0.005123 acc=0.9934 seed=0

Both implementations use float64, like the C core.  PyTorch trains with
autograd and torch.optim.SGD, whose momentum rule (v = m v + g; w -= lr v)
is Keras' (v = m v - lr g; w += v) with v scaled by -lr.
"""
import sys
import time

import numpy as np

EPS = 1e-7


def glorot(fan_in, units):
    lim = np.sqrt(6.0 / (fan_in + units))
    return np.random.uniform(-lim, lim, size=(fan_in, units)), np.zeros(units)


def xor_data(n):
    X = np.random.randn(n, 2)
    p = X[:, 0] * X[:, 1]
    return X, np.stack([(p > 0).astype(float), (p <= 0).astype(float)], axis=1)


def xor_setup(seed):
    """The notebook's order: the model's weights, then the training data."""
    np.random.seed(seed)
    layers = [glorot(2, 4), glorot(4, 4), glorot(4, 2)]
    X, y = xor_data(10000)
    return layers, X, y


def accuracy(out, y):
    return float(np.mean((out[:, 0] > out[:, 1]) == (y[:, 0] > 0.5)))


# --- numpy ---------------------------------------------------------------

def np_forward(layers, x):
    (W1, b1), (W2, b2), (W3, b3) = layers
    a1 = np.maximum(np.dot(x, W1) + b1, 0.0)
    a2 = np.maximum(np.dot(a1, W2) + b2, 0.0)
    z3 = np.dot(a2, W3) + b3
    e = np.exp(z3 - z3.max(axis=1, keepdims=True))
    return a1, a2, e / e.sum(axis=1, keepdims=True)


def np_xor(seed):
    layers, X, y = xor_setup(seed)
    params = [a for layer in layers for a in layer]
    vel = [np.zeros_like(p) for p in params]
    lr, mom, N, B = 0.01, 0.99, len(X), 100
    t0 = time.perf_counter()
    for _ in range(200):
        perm = np.random.permutation(N)
        total = 0.0
        for s in range(0, N, B):
            idx = perm[s:s + B]
            xb, yb = X[idx], y[idx]
            n = len(idx)
            W1, b1, W2, b2, W3, b3 = params
            a1, a2, p = np_forward(layers, xb)
            c = np.clip(p, EPS, 1 - EPS)
            total += -np.mean(yb * np.log(c + EPS) + (1 - yb) * np.log(1 - c + EPS)) * n
            inside = (p >= EPS) & (p <= 1 - EPS)
            dp = -(yb / (c + EPS) - (1 - yb) / (1 - c + EPS)) / p.size * inside
            dz3 = p * (dp - np.sum(dp * p, axis=1, keepdims=True))
            da2 = np.dot(dz3, W3.T) * (a2 > 0)
            da1 = np.dot(da2, W2.T) * (a1 > 0)
            grads = [np.dot(xb.T, da1), da1.sum(0), np.dot(a1.T, da2), da2.sum(0),
                     np.dot(a2.T, dz3), dz3.sum(0)]
            for P, V, G in zip(params, vel, grads):
                V *= mom
                V -= lr * G
                P += V
        loss = total / N
    secs = time.perf_counter() - t0
    Xt, yt = xor_data(5000)
    return secs, loss, accuracy(np_forward(layers, Xt)[2], yt)


def sigmoid_inputs():
    X = np.array([[0, 0, 1], [1, 1, 1], [1, 0, 1], [0, 1, 1]])
    y = np.array([0, 1, 1, 0]).reshape(4, 1)
    np.random.seed(1)
    return X, y, np.random.uniform(-1.0, 1.0, size=(3, 1))


def np_sigmoid():
    X, y, w = sigmoid_inputs()

    def sigmoid(x):
        return 1.0 / (1 + np.exp(-x))

    def sigmoid_prime(out):
        return out * (1 - out)

    errors_data = np.zeros((50000, 4))
    t0 = time.perf_counter()
    for i in range(50000):
        out = sigmoid(np.dot(X, w))
        errors = y - out
        deltaw = np.dot(X.T, errors * sigmoid_prime(out))
        errors_data[i] = errors.flatten()
        w = w + deltaw
    secs = time.perf_counter() - t0
    return secs, float(np.mean((y - out) ** 2)), float(np.mean((out > 0.5) == (y > 0.5))), w


def regions_net(width):
    np.random.seed(0)
    return [glorot(2, width), glorot(width, width), glorot(width, 2)]


def grid_points(n):
    side = int(np.sqrt(n)) + 1
    g = np.linspace(-3, 3, side)
    return np.stack(np.meshgrid(g, g), axis=-1).reshape(-1, 2)[:n].copy()


def np_regions(width, n):
    (W1, b1), (W2, b2), (W3, b3) = regions_net(width)
    P = grid_points(n)
    t0 = time.perf_counter()
    h = np.maximum(np.dot(P, W1) + b1, 0.0)
    h = np.maximum(np.dot(h, W2) + b2, 0.0)
    z = np.dot(h, W3) + b3
    e = np.exp(z - z.max(axis=1, keepdims=True))
    cls = np.argmax(e / e.sum(axis=1, keepdims=True), axis=1)
    return time.perf_counter() - t0, int(cls.sum())


# --- PyTorch -------------------------------------------------------------

def torch_xor(torch, seed):
    layers, X, y = xor_setup(seed)
    f64 = torch.float64
    net = torch.nn.Sequential(
        torch.nn.Linear(2, 4), torch.nn.ReLU(),
        torch.nn.Linear(4, 4), torch.nn.ReLU(),
        torch.nn.Linear(4, 2), torch.nn.Softmax(dim=1)).to(f64)
    with torch.no_grad():
        for lin, (W, b) in zip([net[0], net[2], net[4]], layers):
            lin.weight.copy_(torch.from_numpy(W.T.copy()))
            lin.bias.copy_(torch.from_numpy(b))
    opt = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.99)
    Xt_, yt_ = torch.from_numpy(X), torch.from_numpy(y)
    N, B = len(X), 100
    t0 = time.perf_counter()
    for _ in range(200):
        perm = torch.from_numpy(np.random.permutation(N))
        total = 0.0
        for s in range(0, N, B):
            idx = perm[s:s + B]
            xb, yb = Xt_[idx], yt_[idx]
            p = net(xb)
            c = torch.clamp(p, EPS, 1 - EPS)
            loss = -torch.mean(yb * torch.log(c + EPS) + (1 - yb) * torch.log(1 - c + EPS))
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        mean_loss = total / N
    secs = time.perf_counter() - t0
    Xt, yt = xor_data(5000)
    with torch.no_grad():
        out = net(torch.from_numpy(Xt)).numpy()
    return secs, mean_loss, accuracy(out, yt)


def torch_sigmoid(torch):
    X, y, w = sigmoid_inputs()
    X = torch.from_numpy(X.astype(float))
    y = torch.from_numpy(y.astype(float))
    w = torch.from_numpy(w.copy())
    errors_data = torch.zeros((50000, 4), dtype=torch.float64)
    t0 = time.perf_counter()
    for i in range(50000):
        out = 1.0 / (1 + torch.exp(-(X @ w)))
        errors = y - out
        deltaw = X.T @ (errors * (out * (1 - out)))
        errors_data[i] = errors.flatten()
        w = w + deltaw
    secs = time.perf_counter() - t0
    return (secs, float(torch.mean((y - out) ** 2)),
            float(torch.mean(((out > 0.5) == (y > 0.5)).double())), w.numpy())


def torch_regions(torch, width, n):
    layers = regions_net(width)
    P = torch.from_numpy(grid_points(n))
    (W1, b1), (W2, b2), (W3, b3) = [(torch.from_numpy(W), torch.from_numpy(b)) for W, b in layers]
    with torch.no_grad():
        t0 = time.perf_counter()
        h = torch.relu(P @ W1 + b1)
        h = torch.relu(h @ W2 + b2)
        cls = torch.argmax(torch.softmax(h @ W3 + b3, dim=1), dim=1)
        return time.perf_counter() - t0, int(cls.sum())


def best(fn, runs):
    res = None
    for _ in range(runs):
        r = fn()
        if res is None or r[0] < res[0]:
            res = r
    return res


def np_dot():
    A = np.random.randn(1000, 1000)
    t0 = time.perf_counter()
    np.dot(A, A)
    return (time.perf_counter() - t0,)


def torch_dot(torch):
    A = torch.from_numpy(np.random.randn(1000, 1000))
    t0 = time.perf_counter()
    torch.mm(A, A)
    return (time.perf_counter() - t0,)


def report(impl, seed, runs, xor_fn, sig_fn, reg_fn, regions, dot_fn):
    secs, loss, acc = best(xor_fn, runs)
    print("%s xor time_s=%.6f loss=%.6f acc=%.4f seed=%d" % (impl, secs, loss, acc, seed))
    sys.stdout.flush()
    secs, loss, acc, w = best(sig_fn, runs)
    print("%s sigmoid time_s=%.6f loss=%.6g acc=%.4f weights=%s" % (
        impl, secs, loss, acc, ",".join("%.8f" % v for v in w.ravel())))
    sys.stdout.flush()
    secs = best(dot_fn, runs)[0]
    print("%s dot_1000 time_s=%.6f gflops=%.1f" % (impl, secs, 2e9 / secs * 1e-9))
    sys.stdout.flush()
    for width, size, n in regions:
        secs = reg_fn(width, n)[0]
        if secs < 1.0:  # a slow one (seconds with a reference BLAS) is timed once
            secs = min(secs, best(lambda: reg_fn(width, n), max(runs, 5))[0])
        print("%s regions_%d_%s time_s=%.6f points=%d" % (impl, width, size, secs, n))
        sys.stdout.flush()


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("regions=")]
    regions = []
    for a in sys.argv[1:]:
        if a.startswith("regions="):
            width, size, n = a[len("regions="):].split(":")
            regions.append((int(width), size, int(n)))
    seed = int(args[0]) if len(args) > 0 else 0
    runs = int(args[1]) if len(args) > 1 else 3
    report("numpy", seed, runs, lambda: np_xor(seed), np_sigmoid, np_regions, regions, np_dot)
    try:
        import torch
    except ImportError:
        print("# torch: not installed, skipped")
        return
    report("torch", seed, runs, lambda: torch_xor(torch, seed), lambda: torch_sigmoid(torch),
           lambda w, n: torch_regions(torch, w, n), regions, lambda: torch_dot(torch))


if __name__ == "__main__":
    main()
