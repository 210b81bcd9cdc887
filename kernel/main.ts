// Entry point: `node kernel/main.js CONNECTION_FILE` (Jupyter passes the connection file). The
// sockets are bound first (./sockets.ts); the kernel's code loads while the client connects.
import { bindSockets } from "./sockets.js";

const file = process.argv[2];
if (!file) {
  process.stderr.write("usage: nabla-kernel CONNECTION_FILE\n");
  process.exit(2);
}
process.on("unhandledRejection", (err) => process.stderr.write(`nabla kernel: ${String(err)}\n`));
const sockets = await bindSockets(file);
const { createServer } = await import("./server.js");
await createServer(sockets).init();
