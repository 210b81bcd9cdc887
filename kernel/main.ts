// Entry point: `node kernel/main.js CONNECTION_FILE` (Jupyter passes the connection file). The
// sockets are bound first (./sockets.ts); the kernel's code loads while the client connects.
import { bindSockets } from "./sockets.js";

const file = process.argv[2];
if (!file) {
  process.stderr.write("usage: nabla-kernel CONNECTION_FILE\n");
  process.exit(2);
}
process.on("unhandledRejection", (err) => process.stderr.write(`nabla kernel: ${String(err)}\n`));
watchParent();
const sockets = await bindSockets(file);
const { createServer } = await import("./server.js");
await createServer(sockets).init();

/**
 * The kernel ends when the process that started it does, as ipykernel's ParentPollerUnix: once a
 * second it checks that it has not been handed to another parent (its parent died) and, when
 * Jupyter named one in JPY_PARENT_PID, that that process is alive.
 */
function watchParent(): void {
  const parent = process.ppid;
  const named = Number(process.env.JPY_PARENT_PID ?? 0);
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === "EPERM";
    }
  };
  setInterval(() => {
    if (process.ppid !== parent || (named > 1 && !alive(named))) {
      process.stderr.write("nabla kernel: the parent process ended; exiting\n");
      process.exit(1);
    }
  }, 1000).unref();
}
