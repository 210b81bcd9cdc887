// How deep brackets nest, counted without parsing: the kernel's main thread and the evaluation
// thread's user expressions refuse, unread, what the session would refuse (and what would overflow
// a parser's stack).

/** Whether brackets ( [ { nest deeper than `depth` anywhere in `text`. */
export function nestedDeeperThan(text: string, depth: number): boolean {
  let open = 0;
  for (let k = 0; k < text.length; k++) {
    const ch = text.charCodeAt(k);
    if (ch === 40 || ch === 91 || ch === 123) {
      if (++open > depth) return true;
    } else if (ch === 41 || ch === 93 || ch === 125) open--;
  }
  return false;
}
