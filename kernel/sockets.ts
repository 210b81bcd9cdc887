// The kernel's five sockets, bound before anything else loads: a client's connection attempt that
// finds no listener is retried only after ZeroMQ's reconnect interval (100 ms), so each millisecond
// spent before the bind can cost the client a whole interval more.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

export interface ConnectionInfo {
  key: string;
  signature_scheme: string;
  transport: string;
  ip: string;
  iopub_port: number;
  shell_port: number;
  control_port: number;
  stdin_port: number;
  hb_port: number;
}

export interface Socket {
  send(frames: (Buffer | string)[]): Promise<void>;
}

export interface ZmqSocket extends Socket, AsyncIterable<Buffer[]> {
  bind(address: string): Promise<void>;
  readonly closed: boolean;
}

export interface Sockets {
  info: ConnectionInfo;
  /** XPUB, not PUB: it also reads subscriptions, so the kernel knows when a client listens. */
  iopub: ZmqSocket;
  shell: ZmqSocket;
  control: ZmqSocket;
  stdin: ZmqSocket;
  hb: ZmqSocket;
}

export async function bindSockets(connectionFile: string): Promise<Sockets> {
  const info = JSON.parse(readFileSync(connectionFile, "utf8")) as ConnectionInfo;
  const zmq = createRequire(import.meta.url)("zeromq") as Record<
    "XPublisher" | "Router" | "Reply",
    new () => ZmqSocket
  >;
  const sockets: Sockets = {
    info,
    iopub: new zmq.XPublisher(),
    shell: new zmq.Router(),
    control: new zmq.Router(),
    stdin: new zmq.Router(),
    hb: new zmq.Reply(),
  };
  const address = (port: number) => `${info.transport}://${info.ip}:${port}`;
  // All bound before any is read or written: zeromq rejects either on a socket whose bind is under way.
  await Promise.all([
    sockets.iopub.bind(address(info.iopub_port)),
    sockets.shell.bind(address(info.shell_port)),
    sockets.control.bind(address(info.control_port)),
    sockets.stdin.bind(address(info.stdin_port)),
    sockets.hb.bind(address(info.hb_port)),
  ]);
  return sockets;
}
