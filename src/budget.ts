// Every evaluation runs under a budget: one `Limits` object, set for the running statement, that
// every cap reads. Node construction calls `tick`, which every few thousand nodes asks the
// session's check (time limit, interrupt flag) whether to go on; loops that make no nodes ask
// `checkBudget`; anything about to allocate many entries (an array, a layer's weights, a data set,
// a file) asks `reserveEntries` or `reserveBytes` first, so the statement fails with a limit error
// instead of the process running out of memory. What the whole session holds, across statements,
// is measured there too, before each statement and every so many nodes (`guardSessionMemory`).
import { limitError, type MathFailure, type StopReason } from "./errors.js";
import { getHeapStatistics, setFlagsFromString } from "node:v8";
import { createRequire } from "node:module";

export interface Limits {
  /** Wall-clock time for one statement, in milliseconds. */
  timeMs: number;
  /** Characters in one cell. */
  sourceChars: number;
  /** Bracket nesting depth. */
  depth: number;
  /**
   * Characters of one statement read by the grammar: the statements the fast reader does not take
   * (∇, Σ, expect, declarations, …). The grammar's parse cannot be interrupted and its memory grows
   * with the text (about 4 s and 1 GB for 30,000 characters here); the fast reader's has no limit.
   */
  grammarChars: number;
  /** Entries in one array (a matrix, a layer's weights, a network's parameters, a data set's features). */
  arrayEntries: number;
  /** Bits of one exact number's numerator or denominator. */
  bigintBits: number;
  /** Bytes one allocation may take, and one file read may hold. */
  totalBytes: number;
  /** Terms a Σ or ∏ with whole-number bounds is written out to (each term is built and simplified). */
  bigopTerms: number;
  /** The largest whole exponent of an exact power of a number (2^100001 is refused before it is tried). */
  exactExponent: number;
  /** The largest whole power of a sum that is multiplied out, (x + y)^k. */
  expandPower: number;
  /** Terms of one multiplied-out polynomial. */
  expansionTerms: number;
  /** Polynomials a Gröbner basis may grow to while a system is solved. */
  groebnerBasis: number;
  /** Pairs of polynomials a Gröbner basis computation may reduce. */
  groebnerPairs: number;
  /** Steps of gradient descent and its variants (each step is exact arithmetic). */
  descentSteps: number;
  /** The order of a Taylor polynomial. */
  taylorOrder: number;
  /** The size of a symbolic matrix whose determinant is expanded by cofactors (n! terms). */
  symbolicDeterminant: number;
  /** The size of a symbolic matrix inverted by cofactors. */
  symbolicInverse: number;
  /** The values one random draw may choose among (each is built before the draw). */
  randomChoices: number;
  /** Kinks (abs, relu, max, …) critical splits a function at: 3^kinks strata are tried. */
  criticalKinks: number;
  /**
   * Bytes the whole session may hold, its names' values included: V8's heap in use plus the memory
   * outside it (array buffers' contents). Checked before each statement, before each large
   * allocation and every 32,768 nodes made; a session also stops at 80 % of V8's own heap limit,
   * which ends the process when it is reached.
   */
  sessionBytes: number;
}

export const DEFAULT_LIMITS: Limits = {
  timeMs: 10_000,
  sourceChars: 200_000,
  depth: 100,
  grammarChars: 30_000,
  arrayEntries: 1_000_000,
  bigintBits: 262_144,
  totalBytes: 256 * 1024 * 1024,
  bigopTerms: 100_000,
  exactExponent: 100_000,
  expandPower: 200,
  expansionTerms: 20_000,
  groebnerBasis: 200,
  groebnerPairs: 20_000,
  descentSteps: 10_000,
  taylorOrder: 2000,
  symbolicDeterminant: 6,
  symbolicInverse: 4,
  randomChoices: 100_000,
  criticalKinks: 6,
  sessionBytes: 4 * 1024 ** 3,
};

/**
 * Why each limit stops a statement, the `reason` its error carries: what would have grown too
 * large (size), run too long (time) or taken too much memory (memory).
 */
export const LIMIT_REASONS: { readonly [K in keyof Limits]: Exclude<StopReason, "interrupt"> } = {
  timeMs: "time",
  sourceChars: "size",
  depth: "size",
  grammarChars: "size",
  arrayEntries: "size",
  bigintBits: "size",
  totalBytes: "memory",
  bigopTerms: "time",
  exactExponent: "size",
  expandPower: "size",
  expansionTerms: "size",
  groebnerBasis: "size",
  groebnerPairs: "time",
  descentSteps: "time",
  taylorOrder: "time",
  symbolicDeterminant: "size",
  symbolicInverse: "size",
  randomChoices: "size",
  criticalKinks: "size",
  sessionBytes: "memory",
};

let check: (() => void) | null = null;
let count = 0;
let limits: Limits = DEFAULT_LIMITS;
let bound = 1n << BigInt(DEFAULT_LIMITS.bigintBits);
// Kept, not negated per call: −bound is a 262,144-bit allocation, and every exact number made asks.
let negativeBound = -bound;

/** The session's names holding the largest values, largest first: named in the session memory error. */
let largestNames: (() => string[]) | null = null;

/** Starts (or with null, ends) a statement's budget under `active` limits. */
export function setBudget(fn: (() => void) | null, active: Limits = DEFAULT_LIMITS): void {
  check = fn;
  count = 0;
  largestNames = null;
  if (active.bigintBits !== limits.bigintBits) {
    bound = 1n << BigInt(active.bigintBits);
    negativeBound = -bound;
  }
  limits = active;
}

/** For the running statement: how its session names its largest values (the memory error says what to free). */
export function nameLargestValues(largest: () => string[]): void {
  largestNames = largest;
}

/** The limits of the running statement (the defaults outside one). */
export function currentLimits(): Limits {
  return limits;
}

/** The running statement's `key` limit. */
export function limitOf(key: keyof Limits): number {
  return limits[key];
}

/** The error for going past the `key` limit, with that limit's reason; `message` says what and where. */
export function overLimit(key: keyof Limits, message: string): MathFailure {
  return limitError(message, null, LIMIT_REASONS[key]);
}

export function tick(): void {
  if (check !== null && ++count % 2048 === 0) {
    check();
    if (count % 32_768 === 0) guardSessionMemory();
  }
}

let loops = 0;

/** For loops that make no nodes (numeric kernels): ask directly. */
export function checkBudget(): void {
  if (check === null) return;
  check();
  if (++loops % 256 === 0) guardSessionMemory();
}

/**
 * A count with its digits grouped; past 2⁵³, where a float's digits are not the count's, about so many (1.21 × 10^24).
 */
export function grouped(n: number): string {
  if (Number.isSafeInteger(Math.round(n))) return Math.round(n).toLocaleString("en-US");
  if (!Number.isFinite(n)) return "too many";
  const [mantissa, exponent] = n.toExponential(2).split("e");
  return `about ${mantissa} × 10^${Number(exponent)}`;
}

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
  if (!(bytes <= limits.totalBytes))
    throw limitError(`${what} would take ${mb(bytes)}; the limit is ${mb(limits.totalBytes)}`, null, "memory");
  const heap = getHeapStatistics();
  const free = heap.heap_size_limit - heap.used_heap_size;
  if (bytes * 2 > free)
    throw limitError(`${what} would take ${mb(bytes)}, and only ${mb(free)} of memory is left`, null, "memory");
  check?.();
  guardSessionMemory(bytes, what);
}

const mb = (b: number) => `${(b / 1048576).toFixed(b < 10 * 1048576 ? 1 : 0)} MB`;

/** The share of V8's heap limit a session may fill: at the limit itself V8 ends the process. */
const HEAP_SHARE = 0.8;

interface Held {
  /** V8's heap in use, garbage not yet collected included. */
  heap: number;
  /** The heap plus the memory outside it: array buffers' contents. */
  bytes: number;
  heapLimit: number;
}

function measure(): Held {
  const stats = getHeapStatistics();
  // (The browser build's stand-in knows no external memory: its heap counts as 0 of an infinite limit.)
  const outside = Number(stats.external_memory) || 0;
  return { heap: stats.used_heap_size, bytes: stats.used_heap_size + outside, heapLimit: stats.heap_size_limit };
}

const isOver = (held: Held, more: number) =>
  held.bytes + more > limits.sessionBytes || held.heap > HEAP_SHARE * held.heapLimit;

/**
 * What a full collection last left, while it was under the limits: a measure that has grown less
 * than a sixteenth of the limit since is taken as under too, so a session near its limit does not
 * pay for a full collection at every check.
 */
let lastCollected: { bytes: number; heap: number; limit: number } | null = null;

let collector: (() => void) | null | undefined;

/**
 * A full garbage collection, when Node lets us ask for one: V8 exposes `gc` to contexts made after
 * `--expose-gc` is set. Without it (the browser build) the measure counts garbage as held.
 */
function collectGarbage(): boolean {
  if (collector === undefined) {
    try {
      const global = globalThis as { gc?: () => void };
      if (typeof global.gc === "function") collector = global.gc;
      else {
        setFlagsFromString("--expose-gc");
        const vm = createRequire(import.meta.url)("node:vm") as typeof import("node:vm");
        const gc: unknown = vm.runInNewContext("typeof gc === 'function' ? gc : null");
        collector = typeof gc === "function" ? (gc as () => void) : null;
      }
    } catch {
      // Runs no statement, so no stop lands here: only Node's refusal (or the browser build's stand-ins).
      collector = null;
    }
  }
  collector?.();
  return collector !== null;
}

/**
 * Fails the running statement when the session holds more than its `sessionBytes` (with `more`
 * bytes about to be taken for `what`), or fills most of V8's heap. A measure over the limit is
 * confirmed after a full collection, so garbage of earlier statements does not count. The failed
 * statement's own allocations become garbage and the names keep their values, so the session goes on.
 */
export function guardSessionMemory(more = 0, what?: string): void {
  if (check === null) return; // only a running statement has a session to bound
  let held = measure();
  if (!isOver(held, more)) return;
  const slack = Math.min(limits.sessionBytes, HEAP_SHARE * held.heapLimit) / 16;
  const last = lastCollected;
  if (last?.limit === limits.sessionBytes && held.bytes - last.bytes < slack && held.heap - last.heap < slack) return;
  if (collectGarbage()) {
    held = measure();
    lastCollected = isOver(held, more) ? null : { bytes: held.bytes, heap: held.heap, limit: limits.sessionBytes };
    if (!lastCollected) throw sessionMemoryError(held, more, what);
    return;
  }
  throw sessionMemoryError(held, more, what);
}

function sessionMemoryError(held: Held, more: number, what: string | undefined): MathFailure {
  const names = largestNames?.() ?? [];
  const free = names.length
    ? `the largest values are ${names.join(", ")}: reassign them (${names[0]} = 0) to free memory, or start a new session`
    : "reassign names that hold large values (A = 0) to free memory, or start a new session";
  const heapFull = held.heap > HEAP_SHARE * held.heapLimit;
  const holds = heapFull
    ? `the session holds ${mb(held.heap)} of JavaScript heap, ${Math.round(HEAP_SHARE * 100)} % of the ${mb(held.heapLimit)} the process may have`
    : `the session holds ${mb(held.bytes)}; its limit is ${mb(limits.sessionBytes)}`;
  const head = what !== undefined && more > 0 ? `${what} would take ${mb(more)}, and ${holds}` : holds;
  return limitError(`${head}: ${free}`, null, "memory");
}

/** Whether an exact number's numerator or denominator is over the bit limit. */
export function tooManyBits(n: bigint): boolean {
  return n >= bound || n <= negativeBound;
}
