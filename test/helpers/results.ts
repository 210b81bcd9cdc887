// Reading a session's results in tests: run one statement that must succeed, and a command's field.
import type { Session } from "../../src/session.js";
import type { Node } from "../../src/graph/node.js";

export function run(s: Session, code: string): { text: string; value: Node } {
  const [r] = s.run(code);
  if (r.status !== "ok" || !r.value) throw new Error(`${code}: ${r.error?.message}`);
  return { text: r.text, value: r.value };
}

export function field(n: Node, name: string): Node {
  return (n as Node & { kind: "record" }).fields.find((f) => f.name === name)!.value;
}
