"""Kernel start and round trips of execute_request against ipykernel, interleaved, so that a busy
spell of the machine falls on every kernel alike. Starts: the kernels are started in turn, `starts`
times each, from start_kernel to the first reply (kernel_info_reply). Round trips: the kernels are
started once by jupyter_client and kept; in each round every kernel runs its cell once, in an order
that alternates between rounds. A round trip is jupyter_client's
execute_interactive: from sending the request to holding the IOPub idle that ends it and the
execute_reply, what a front end waits for before it shows the cell done. Prints one JSON line:
per kernel (and cell) the median, minimum and maximum and every sample, and the machine's load
average (1, 5, 15 minutes) before and after. Run with Debian's /usr/bin/python3.

argv: starts, rounds, then pairs of kernel name and cell (kernel name, cell, kernel name, cell, …)."""
import json
import os
import statistics
import sys
import time

import jupyter_client

starts, rounds = int(sys.argv[1]), int(sys.argv[2])
pairs = list(zip(sys.argv[3::2], sys.argv[4::2]))
names = list(dict.fromkeys(n for n, _ in pairs))
load_before = os.getloadavg()


def start(name):
    started = time.perf_counter()
    km = jupyter_client.KernelManager(kernel_name=name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.kernel_info()
    kc.get_shell_msg(timeout=60)
    elapsed = time.perf_counter() - started
    kc.stop_channels()
    km.shutdown_kernel(now=True)
    return elapsed * 1000


# The first start of each pays the client's own first-use work (finding kernelspecs, imports): not counted.
for name in names:
    start(name)
start_samples = {name: [] for name in names}
for r in range(starts):
    for name in names if r % 2 == 0 else names[::-1]:
        start_samples[name].append(start(name))

kernels = {}
for name in names:
    km, kc = jupyter_client.manager.start_new_kernel(kernel_name=name, startup_timeout=60)
    kernels[name] = (km, kc)


def round_trip(name, code):
    """execute_interactive: sends, reads IOPub to the idle, then the reply, as a front end waits."""
    kc = kernels[name][1]
    started = time.perf_counter()
    reply = kc.execute_interactive(code, timeout=60, output_hook=lambda m: None)
    elapsed = time.perf_counter() - started
    assert reply["content"]["status"] == "ok", reply["content"]
    return elapsed * 1000


for name, code in pairs:
    for _ in range(5):
        round_trip(name, code)
samples = {f"{n}\t{c}": [] for n, c in pairs}
for r in range(rounds):
    order = pairs if r % 2 == 0 else pairs[::-1]
    for name, code in order:
        samples[f"{name}\t{code}"].append(round_trip(name, code))
load_after = os.getloadavg()
for km, kc in kernels.values():
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def summary(values):
    return {"median_ms": statistics.median(values), "min_ms": min(values), "max_ms": max(values), "samples": values}


round_trips = []
for key, values in samples.items():
    name, code = key.split("\t")
    round_trips.append({"kernel": name, "code": code, **summary(values)})
print(json.dumps({
    "starts": [{"kernel": name, **summary(values)} for name, values in start_samples.items()],
    "rounds": rounds,
    "round_trips": round_trips,
    "load_before": load_before,
    "load_after": load_after,
}))
