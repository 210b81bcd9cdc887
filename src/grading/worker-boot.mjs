// Starts the TypeScript worker when running from source (tsx), where a worker cannot load .ts alone.
import { register } from "tsx/esm/api";

register();
await import(new URL("./worker-thread.ts", import.meta.url).href);
