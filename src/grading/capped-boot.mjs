// Starts the coordinator's thread when running from source (tsx), where a worker cannot load .ts alone.
import { register } from "tsx/esm/api";

register();
await import(new URL("./capped-thread.ts", import.meta.url).href);
