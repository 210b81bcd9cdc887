// Every evaluation runs under a budget: node construction calls `tick`, which every few thousand
// nodes asks the session's check (time limit, interrupt flag) whether to go on.
let check: (() => void) | null = null;
let count = 0;

export function setBudget(fn: (() => void) | null): void {
  check = fn;
  count = 0;
}

export function tick(): void {
  if (check !== null && ++count % 2048 === 0) check();
}

/** For loops that make no nodes (numeric kernels): ask directly. */
export function checkBudget(): void {
  check?.();
}
