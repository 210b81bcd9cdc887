// Jupyter wire messages: [identities…, <IDS|MSG>, HMAC, header, parent, metadata, content, buffers…],
// signed with HMAC-SHA256 over the four JSON frames. Anything that does not parse or verify is
// rejected here, before a handler sees it.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

const DELIM = Buffer.from("<IDS|MSG>");

export interface Header {
  msg_id: string;
  session: string;
  username: string;
  date: string;
  msg_type: string;
  version: string;
}

export class Message {
  constructor(
    readonly identities: Buffer[],
    readonly header: Header,
    readonly parent: Header | Record<string, never>,
    readonly metadata: Record<string, unknown>,
    readonly content: Record<string, unknown>,
  ) {}

  /** With `seen`, a signature already received is refused (a replayed message), as jupyter_client's Session does. */
  static parse(key: string, frames: Buffer[], seen?: SignatureHistory): Message {
    const d = frames.findIndex((f) => f.equals(DELIM));
    if (d < 0 || frames.length < d + 6) throw new Error("not a Jupyter message");
    const signature = frames[d + 1].toString();
    const body = frames.slice(d + 2, d + 6);
    if (key) {
      const expected = sign(
        key,
        body.map((b) => b.toString()),
      );
      const a = Buffer.from(signature);
      const b = Buffer.from(expected);
      if (a.length !== b.length || !timingSafeEqual(a, b)) throw new Error("bad signature");
      if (seen && !seen.add(signature)) throw new Error("duplicate signature (a replayed message)");
    }
    const [header, parent, metadata, content] = body.map((b) => JSON.parse(b.toString()) as Record<string, unknown>);
    if (typeof header?.msg_type !== "string") throw new Error("message without a type");
    return new Message(
      frames.slice(0, d),
      header as unknown as Header,
      parent as unknown as Header,
      metadata ?? {},
      content ?? {},
    );
  }

  /** A message in reply to (or caused by) this one, on whichever socket it is sent. */
  child(msgType: string, content: Record<string, unknown>, identities: Buffer[] = this.identities): Message {
    const header: Header = {
      msg_id: randomBytes(16).toString("hex"),
      session: this.header.session,
      username: this.header.username,
      date: new Date().toISOString(),
      msg_type: msgType,
      version: "5.3",
    };
    return new Message(identities, header, this.header, {}, content);
  }

  frames(key: string): (Buffer | string)[] {
    const body = [
      JSON.stringify(this.header),
      JSON.stringify(this.parent),
      JSON.stringify(this.metadata),
      JSON.stringify(this.content),
    ];
    return [...this.identities, DELIM, key ? sign(key, body) : "", ...body];
  }
}

function sign(key: string, parts: string[]): string {
  const h = createHmac("sha256", key);
  for (const p of parts) h.update(p);
  return h.digest("hex");
}

/** The signatures of messages received, the newest 2¹⁶ (jupyter_client's digest_history_size). */
export class SignatureHistory {
  private readonly seen = new Set<string>();
  private readonly order: string[] = [];
  private oldest = 0;

  constructor(private readonly size = 65_536) {}

  /** False when the signature was seen before. */
  add(signature: string): boolean {
    if (this.seen.has(signature)) return false;
    this.seen.add(signature);
    this.order.push(signature);
    if (this.order.length - this.oldest > this.size) this.seen.delete(this.order[this.oldest++]);
    if (this.oldest > this.size) {
      this.order.splice(0, this.oldest);
      this.oldest = 0;
    }
    return true;
  }
}
