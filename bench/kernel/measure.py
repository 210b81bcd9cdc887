"""Cold start to first reply, round-trip latency of execute_request, and resident memory after
start, for one kernel. Prints one JSON line. Run with Debian's /usr/bin/python3."""
import json
import statistics
import sys
import time

import jupyter_client
import jupyter_client.kernelspec

name, simple, inverse, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
starts = int(sys.argv[5]) if len(sys.argv) > 5 else 5


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


def cold_start():
    """Seconds from start_kernel to the first reply (kernel_info_reply), and to the end of
    jupyter_client's wait_for_ready, which after its reply waits out 0.2 s of IOPub silence."""
    started = time.perf_counter()
    km = jupyter_client.KernelManager(kernel_name=name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.kernel_info()
    kc.get_shell_msg(timeout=60)
    first = time.perf_counter() - started
    kc.wait_for_ready(timeout=60)
    return km, kc, first, time.perf_counter() - started


# The first start pays the client's own first-use work too: finding a kernelspec imports
# ipykernel's package (~0.3 s here), which a running Jupyter server has done long before anyone
# opens a notebook. It is reported apart; the median is over the starts after it.
km, kc, client_cold_first, client_cold_ready = cold_start()
kc.stop_channels()
km.shutdown_kernel(now=True)
firsts, readies = [], []
for attempt in range(starts):
    km, kc, first, ready = cold_start()
    firsts.append(first)
    readies.append(ready)
    if attempt < starts - 1:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


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
print(json.dumps({"kernel": name, "first_reply_s": statistics.median(firsts), "ready_s": statistics.median(readies), "first_reply_all": firsts, "client_cold_first_reply_s": client_cold_first, "client_cold_ready_s": client_cold_ready, "simple_ms": simple_ms, "inverse_ms": inverse_ms, "rss_mb": memory}))
