"""Cold start to first reply, round-trip latency of execute_request, and resident memory after
start, for one kernel. Prints one JSON line. Run with Debian's /usr/bin/python3."""
import json
import statistics
import sys
import time

import jupyter_client

name, simple, inverse, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])


def rss_mb(pid):
    total = 0
    try:
        import subprocess
        # The kernel and any process it starts (tslab and Nabla run one process each).
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
        children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
        for c in children:
            for line in open(f"/proc/{c}/status"):
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
    except OSError:
        pass
    return total / 1024


started = time.perf_counter()
km = jupyter_client.KernelManager(kernel_name=name)
km.start_kernel()
kc = km.client()
kc.start_channels()
kc.wait_for_ready(timeout=60)
cold = time.perf_counter() - started


def round_trip(code):
    t = time.perf_counter()
    reply = kc.execute_interactive(code, timeout=60, output_hook=lambda m: None)
    assert reply["content"]["status"] == "ok", reply["content"]
    return (time.perf_counter() - t) * 1000


round_trip(simple)
round_trip(inverse)
memory = rss_mb(km.provisioner.process.pid)
simple_ms = statistics.median(round_trip(simple) for _ in range(runs))
inverse_ms = statistics.median(round_trip(inverse) for _ in range(runs))
kc.stop_channels()
km.shutdown_kernel(now=True)
print(json.dumps({"kernel": name, "start_s": cold, "simple_ms": simple_ms, "inverse_ms": inverse_ms, "rss_mb": memory}))
