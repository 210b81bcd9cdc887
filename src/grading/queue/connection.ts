// Where the grading queue lives: a Redis URL, redis://[user[:password]@]host[:port][/db] (rediss://
// for TLS). A password may also come from NABLA_QUEUE_PASSWORD, which keeps it out of the process
// list. Whatever is printed of the URL has the password masked.
// bullmq is loaded when a queue is used, not when the CLI starts (it was a third of `nabla eval`'s
// start); by require, as the bundle has no loader for import() of a package.
import { createRequire } from "node:module";
import { QUEUE_NAME, QUEUE_PREFIX } from "./protocol.js";

export class QueueUrlError extends Error {}

/** ioredis's options, the ones a URL sets. */
export interface QueueConnection {
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
  tls?: { servername: string };
  maxRetriesPerRequest: number | null;
  enableOfflineQueue?: boolean;
  retryStrategy?: () => number | null;
}

export interface QueueAddress {
  connection: QueueConnection;
  /** The URL as it may be shown: the password replaced by ***. */
  shown: string;
}

export function parseQueueUrl(text: string, env: NodeJS.ProcessEnv = process.env): QueueAddress {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new QueueUrlError(`${JSON.stringify(text)} is not a URL; expected redis://HOST:PORT[/DB]`);
  }
  if (url.protocol !== "redis:" && url.protocol !== "rediss:")
    throw new QueueUrlError(`the queue URL must start with redis:// or rediss://, not ${url.protocol}//`);
  if (!url.hostname) throw new QueueUrlError("the queue URL names no host: expected redis://HOST:PORT[/DB]");
  if (url.search || url.hash) throw new QueueUrlError("the queue URL takes no ?query or #fragment");
  const port = url.port ? Number(url.port) : 6379;
  const path = url.pathname.replace(/^\//, "");
  if (path !== "" && !/^\d{1,2}$/.test(path))
    throw new QueueUrlError(`the database in the queue URL must be a number from 0 to 15, not ${JSON.stringify(path)}`);
  const db = path === "" ? 0 : Number(path);
  if (db > 15) throw new QueueUrlError(`the database in the queue URL must be a number from 0 to 15, not ${db}`);
  const password = url.password ? decodeURIComponent(url.password) : env.NABLA_QUEUE_PASSWORD || undefined;
  const username = url.username ? decodeURIComponent(url.username) : undefined;
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const connection: QueueConnection = {
    host,
    port,
    db,
    ...(username ? { username } : {}),
    ...(password ? { password } : {}),
    ...(url.protocol === "rediss:" ? { tls: { servername: host } } : {}),
    // BullMQ's workers block on Redis; ioredis must not give up on a command while they wait.
    maxRetriesPerRequest: null,
  };
  const auth = url.username || url.password ? `${url.username}${url.password ? ":***" : ""}@` : "";
  return { connection, shown: `${url.protocol}//${auth}${url.host}/${db}` };
}

const CONNECT_MS = 10_000;

/** Fails plainly when Redis is not there, instead of BullMQ's endless reconnecting. */
export async function reachable(address: QueueAddress): Promise<string | null> {
  const { Queue } = createRequire(import.meta.url)("bullmq") as typeof import("bullmq");
  const probe = new Queue(QUEUE_NAME, {
    connection: {
      ...address.connection,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    },
    prefix: QUEUE_PREFIX,
  });
  probe.on("error", () => undefined);
  try {
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error("no answer")), CONNECT_MS).unref(),
    );
    await Promise.race([probe.client.then((c) => c.info()), timeout]);
    return null;
  } catch (err) {
    return `the queue at ${address.shown} cannot be reached: ${(err as Error).message}`;
  } finally {
    await probe.close().catch(() => undefined);
  }
}
