// Entry point: `node kernel/main.js CONNECTION_FILE` (Jupyter passes the connection file).
import { createServer } from "./server.js";

const file = process.argv[2];
if (!file) {
  process.stderr.write("usage: nabla-kernel CONNECTION_FILE\n");
  process.exit(2);
}
process.on("unhandledRejection", (err) => process.stderr.write(`nabla kernel: ${String(err)}\n`));
await createServer(file).init();
