// A small WebAssembly binary writer: enough to emit one module that imports a (shared) memory and
// exports functions of i32 parameters, with SIMD (f64x2) instructions. Function bodies are written
// with the `Code` builder below, one method per instruction, so a kernel reads like its text format.

const I32 = 0x7f;
const V128 = 0x7b;
export type ValueType = "i32" | "v128";
const TYPE_CODE: Record<ValueType, number> = { i32: I32, v128: V128 };

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    const done = (n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

const name = (s: string): number[] => {
  const bytes = [...new TextEncoder().encode(s)];
  return [...uleb(bytes.length), ...bytes];
};
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];

/** One function body under construction: locals by name, instructions appended in order. */
export class Code {
  readonly bytes: number[] = [];
  private readonly slots = new Map<string, number>();
  private readonly extra: ValueType[] = [];

  constructor(readonly params: readonly string[]) {
    params.forEach((p, i) => this.slots.set(p, i));
  }

  local(label: string, type: ValueType): this {
    this.slots.set(label, this.params.length + this.extra.length);
    this.extra.push(type);
    return this;
  }

  private slot(label: string): number {
    const s = this.slots.get(label);
    if (s === undefined) throw new Error(`wasm: no local ${label}`);
    return s;
  }

  private op(...bytes: number[]): this {
    this.bytes.push(...bytes);
    return this;
  }

  get = (l: string) => this.op(0x20, ...uleb(this.slot(l)));
  set = (l: string) => this.op(0x21, ...uleb(this.slot(l)));
  i32 = (n: number) => this.op(0x41, ...sleb(n));
  add = () => this.op(0x6a);
  mul = () => this.op(0x6c);
  geS = () => this.op(0x4e);
  gtS = () => this.op(0x4a);
  f64Add = () => this.op(0xa0);
  f64Store = (offset = 0) => this.op(0x39, 3, ...uleb(offset));
  v128Load = (offset = 0) => this.op(0xfd, 0x00, 3, ...uleb(offset));
  v128Store = (offset = 0) => this.op(0xfd, 0x0b, 3, ...uleb(offset));
  f64x2Zero = () => this.op(0xfd, 0x0c, ...new Array<number>(16).fill(0));
  f64x2Add = () => this.op(0xfd, ...uleb(0xf0));
  f64x2Mul = () => this.op(0xfd, ...uleb(0xf2));
  lane = (k: 0 | 1) => this.op(0xfd, 0x21, k);
  block = () => this.op(0x02, 0x40);
  loop = () => this.op(0x03, 0x40);
  br = (depth: number) => this.op(0x0c, ...uleb(depth));
  brIf = (depth: number) => this.op(0x0d, ...uleb(depth));
  end = () => this.op(0x0b);

  /** local = local + n */
  bump(l: string, n: number | string): this {
    this.get(l);
    if (typeof n === "number") this.i32(n);
    else this.get(n);
    return this.add().set(l);
  }

  encode(): number[] {
    const groups: number[][] = this.extra.map((t) => [1, TYPE_CODE[t]]);
    const body = [...vec(groups), ...this.bytes, 0x0b];
    return [...uleb(body.length), ...body];
  }
}

export interface ExportedFunction {
  name: string;
  code: Code;
}

/** A module importing env.memory (shared, up to maxPages of 64 KiB) and exporting the functions. */
export function moduleBytes(functions: readonly ExportedFunction[], maxPages: number): Uint8Array {
  const types = functions.map((f) => [0x60, ...vec(f.code.params.map(() => [I32])), 0]);
  const memory = [...name("env"), ...name("memory"), 0x02, 0x03, ...uleb(1), ...uleb(maxPages)];
  return Uint8Array.from([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, vec(types)),
    ...section(2, vec([memory])),
    ...section(3, vec(functions.map((_, i) => uleb(i)))),
    ...section(7, vec(functions.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]))),
    ...section(10, vec(functions.map((f) => f.code.encode()))),
  ]);
}
