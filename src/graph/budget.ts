// Every evaluation runs under a budget: one `Limits` object, set for the running statement, that
// every cap reads. Node construction calls `tick`, which every few thousand nodes asks the
// session's check (time limit, interrupt flag) whether to go on; loops that make no nodes ask
// `checkBudget`; anything about to allocate many entries (an array, a layer's weights, a data set,
// a file) asks `reserveEntries` or `reserveBytes` first, so the statement fails with a limit error
// instead of the process running out of memory.
import { limitError } from "../errors.js";
import { getHeapStatistics } from "node:v8";

export interface Limits {
  /** Wall-clock time for one statement, in milliseconds. */
  timeMs: number;
  /** Characters in one cell. */
  sourceChars: number;
  /** Bracket nesting depth. */
  depth: number;
  /** Entries in one array (a matrix, a layer's weights, a data set's features). */
  arrayEntries: number;
  /** Bits of one exact number's numerator or denominator. */
  bigintBits: number;
  /** Bytes one allocation may take, and one file read may hold. */
  totalBytes: number;
}

export const DEFAULT_LIMITS: Limits = {
  timeMs: 10_000,
  sourceChars: 200_000,
  depth: 100,
  arrayEntries: 1_000_000,
  bigintBits: 262_144,
  totalBytes: 256 * 1024 * 1024,
};

let check: (() => void) | null = null;
let count = 0;
let limits: Limits = DEFAULT_LIMITS;
let bound = 1n << BigInt(DEFAULT_LIMITS.bigintBits);

/** Starts (or with null, ends) a statement's budget under `active` limits. */
export function setBudget(fn: (() => void) | null, active: Limits = DEFAULT_LIMITS): void {
  check = fn;
  count = 0;
  if (active.bigintBits !== limits.bigintBits) bound = 1n << BigInt(active.bigintBits);
  limits = active;
}

/** The limits of the running statement (the defaults outside one). */
export function currentLimits(): Limits {
  return limits;
}

export function tick(): void {
  if (check !== null && ++count % 2048 === 0) check();
}

/** For loops that make no nodes (numeric kernels): ask directly. */
export function checkBudget(): void {
  check?.();
}

/** A count with its digits grouped; through bigint, so a count past 2⁵³ shows the float's exact value, not rounded digits. */
const grouped = (n: number) => (Number.isFinite(n) ? BigInt(Math.round(n)).toLocaleString("en-US") : "too many");

/**
 * Whether something that will one day hold `entries` entries (a layer's weights, made when it is
 * trained) is within the entry limit: refused when it is described, not later when it is used.
 */
export function refuseOverEntries(entries: number, what: string): void {
  if (!(entries <= limits.arrayEntries))
    throw limitError(
      `${what} would have ${grouped(entries)} entries; the limit is ${grouped(limits.arrayEntries)}`,
      null,
      "size",
    );
}

/** Before making an array of `entries` entries (`what` names it for the message). */
export function reserveEntries(entries: number, what: string, bytesPerEntry = 8): void {
  refuseOverEntries(entries, what);
  if (entries >= 65_536) reserveBytes(entries * bytesPerEntry, what);
}

/**
 * Before allocating `bytes` at once: within the per-allocation limit, and within what the heap
 * can still take (V8 ends the whole process when it cannot, with every name in the notebook).
 */
export function reserveBytes(bytes: number, what: string): void {
  const mb = (b: number) => `${(b / 1048576).toFixed(b < 10 * 1048576 ? 1 : 0)} MB`;
  if (!(bytes <= limits.totalBytes))
    throw limitError(`${what} would take ${mb(bytes)}; the limit is ${mb(limits.totalBytes)}`, null, "memory");
  const heap = getHeapStatistics();
  const free = heap.heap_size_limit - heap.used_heap_size;
  if (bytes * 2 > free)
    throw limitError(`${what} would take ${mb(bytes)}, and only ${mb(free)} of memory is left`, null, "memory");
  check?.();
}

/** Whether an exact number's numerator or denominator is over the bit limit. */
export function tooManyBits(n: bigint): boolean {
  return n >= bound || n <= -bound;
}
