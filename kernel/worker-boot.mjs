// Starts the TypeScript worker when the kernel runs from source (tsx).
import { register } from "tsx/esm/api";

register();
await import(new URL("./worker-thread.ts", import.meta.url).href);
