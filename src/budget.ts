// Every evaluation runs under a budget: one `Limits` object, set for the running statement, that
// every cap reads. Node construction calls `tick`, which every few thousand nodes asks the
// session's check (time limit, interrupt flag) whether to go on; loops that make no nodes ask
// `checkBudget`; anything about to allocate many entries (an array, a layer's weights, a data set,
// a file) asks `reserveEntries` or `reserveBytes` first, so the statement fails with a limit error
// instead of the process running out of memory.
import { limitError, type MathFailure, type StopReason } from "./errors.js";
import { getHeapStatistics } from "node:v8";

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
};

let check: (() => void) | null = null;
let count = 0;
let limits: Limits = DEFAULT_LIMITS;
let bound = 1n << BigInt(DEFAULT_LIMITS.bigintBits);
// Kept, not negated per call: −bound is a 262,144-bit allocation, and every exact number made asks.
let negativeBound = -bound;

/** Starts (or with null, ends) a statement's budget under `active` limits. */
export function setBudget(fn: (() => void) | null, active: Limits = DEFAULT_LIMITS): void {
  check = fn;
  count = 0;
  if (active.bigintBits !== limits.bigintBits) {
    bound = 1n << BigInt(active.bigintBits);
    negativeBound = -bound;
  }
  limits = active;
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
  if (check !== null && ++count % 2048 === 0) check();
}

/** For loops that make no nodes (numeric kernels): ask directly. */
export function checkBudget(): void {
  check?.();
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
  return n >= bound || n <= negativeBound;
}
