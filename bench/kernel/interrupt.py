"""Interrupt latency of one kernel (argv: kernel name, cooperative cell, stubborn cell, runs): from
interrupt_kernel() to the interrupted cell's execute_reply, for a cell that checks for interrupts
and for one that does not (Nabla replaces its evaluation thread), and from that reply to the next
cell's reply (Nabla restores the names from their values). Prints one JSON line of medians and
ranges, and the load average before and after."""
import json
import os
import statistics
import sys
import time

import jupyter_client

name, cooperative, stubborn, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
km, kc = jupyter_client.manager.start_new_kernel(kernel_name=name, startup_timeout=60)


def reply_to(msg_id, timeout=60):
    while True:
        reply = kc.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply


def interrupt(code):
    msg_id = kc.execute(code)
    time.sleep(1.0)
    sent = time.perf_counter()
    km.interrupt_kernel()
    reply_to(msg_id)
    stopped = time.perf_counter() - sent
    started = time.perf_counter()
    reply_to(kc.execute("1 + 1"))
    return stopped, time.perf_counter() - started


kc.execute_interactive("A = [1, 2; 3, 4]" if name == "nabla" else "A = [[1, 2], [3, 4]]", timeout=60, output_hook=lambda m: None)
out = {"load_before": os.getloadavg()}
for label, code in [("cooperative", cooperative), ("stubborn", stubborn)]:
    samples = [interrupt(code) for _ in range(runs)]
    for k, what in enumerate(["interrupt", "next_cell"]):
        values = [s[k] * 1000 for s in samples]
        out[f"{label}_{what}_ms"] = statistics.median(values)
        out[f"{label}_{what}_range_ms"] = [min(values), max(values)]
out["load_after"] = os.getloadavg()
kc.stop_channels()
km.shutdown_kernel(now=True)
print(json.dumps(out))
