#!/usr/bin/python3
"""Reference timings for bench/bench_nn.c: the same two workloads in plain
numpy and, when it can be imported, PyTorch.

    /usr/bin/python3 bench/ref_nn.py [seed] [runs]

xor      seed 004: np.random.seed(seed); Dense 2-4-4-2 relu/relu/softmax with
         glorot-uniform kernels drawn from numpy (uniform(-L, L, (fan_in,
         units)) per layer, zero biases); X = randn(10000, 2),
         y = [x0*x1 > 0, x0*x1 <= 0]; 200 epochs of batch 100 in the order of
         a fresh np.random.permutation each epoch; SGD lr 0.01 momentum 0.99;
         Keras' binary cross-entropy (clip to [1e-7, 1-1e-7], +1e-7 inside
         the logs, mean over all elements); accuracy on randn(5000, 2).
sigmoid  seed 001: 50,000 updates w += X^T ((y - out) * out*(1-out)),
         out = sigmoid(X w), from np.random.seed(1); uniform(-1, 1, (3, 1)).

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
    t0 = time.perf_counter()
    for _ in range(50000):
        out = 1.0 / (1 + np.exp(-np.dot(X, w)))
        w += np.dot(X.T, (y - out) * (out * (1 - out)))
    secs = time.perf_counter() - t0
    return secs, float(np.mean((y - out) ** 2)), float(np.mean((out > 0.5) == (y > 0.5))), w


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
    t0 = time.perf_counter()
    for _ in range(50000):
        out = 1.0 / (1 + torch.exp(-(X @ w)))
        w += X.T @ ((y - out) * (out * (1 - out)))
    secs = time.perf_counter() - t0
    return (secs, float(torch.mean((y - out) ** 2)),
            float(torch.mean(((out > 0.5) == (y > 0.5)).double())), w.numpy())


def best(fn, runs):
    res = None
    for _ in range(runs):
        r = fn()
        if res is None or r[0] < res[0]:
            res = r
    return res


def report(impl, seed, runs, xor_fn, sig_fn):
    secs, loss, acc = best(xor_fn, runs)
    print("%s xor time_s=%.6f loss=%.6f acc=%.4f seed=%d" % (impl, secs, loss, acc, seed))
    sys.stdout.flush()
    secs, loss, acc, w = best(sig_fn, runs)
    print("%s sigmoid time_s=%.6f loss=%.6g acc=%.4f weights=%s" % (
        impl, secs, loss, acc, ",".join("%.8f" % v for v in w.ravel())))
    sys.stdout.flush()


def main():
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    report("numpy", seed, runs, lambda: np_xor(seed), np_sigmoid)
    try:
        import torch
    except ImportError:
        print("# torch: not installed, skipped")
        return
    report("torch", seed, runs, lambda: torch_xor(torch, seed), lambda: torch_sigmoid(torch))


if __name__ == "__main__":
    main()
