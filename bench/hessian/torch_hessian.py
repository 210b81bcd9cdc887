"""The logistic loss's Hessian by torch.autograd.functional.hessian (the peer of bench/hessian).

Reads {"m", "d", "X", "y", "w", "seconds"} as JSON on stdin (X row-major), writes the median
milliseconds per Hessian for vectorize=False and vectorize=True, torch's own closed form
Xᵀ diag(p(1 − p)) X through BLAS, and the Hessian itself (from vectorize=True) for the comparison.
"""
import json
import sys
import time

import torch

torch.set_num_threads(2)
req = json.load(sys.stdin)
m, d = req["m"], req["d"]
X = torch.tensor(req["X"], dtype=torch.float64).reshape(m, d)
y = torch.tensor(req["y"], dtype=torch.float64)
w = torch.tensor(req["w"], dtype=torch.float64)


def loss(w):
    z = X @ w
    p = torch.sigmoid(z)
    return -(y * torch.log(p) + (1 - y) * torch.log(1 - p)).sum()


def closed_form(w):
    p = torch.sigmoid(X @ w)
    return X.T @ ((p * (1 - p))[:, None] * X)


def median_ms(f):
    f()
    times = []
    budget = time.perf_counter() + req["seconds"]
    while len(times) < 3 or (time.perf_counter() < budget and len(times) < 200):
        t = time.perf_counter()
        f()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return times[len(times) // 2]


H = torch.autograd.functional.hessian(loss, w, vectorize=True)
out = {
    "autograd": median_ms(lambda: torch.autograd.functional.hessian(loss, w)),
    "vectorized": median_ms(lambda: torch.autograd.functional.hessian(loss, w, vectorize=True)),
    "closedForm": median_ms(lambda: closed_form(w)),
    "hessian": H.reshape(-1).tolist(),
    "threads": torch.get_num_threads(),
    "version": torch.__version__,
}
json.dump(out, sys.stdout)
