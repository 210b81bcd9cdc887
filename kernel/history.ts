// The cells a session has run, for history_request: the last n (tail), a range, or a glob search.
export type HistoryEntry = [session: number, line: number, input: string];
/** With `output: true` the third item is [input, output]. */
export type HistoryReplyEntry = [number, number, string | [string, string | null]];

export class History {
  private readonly entries: HistoryEntry[] = [];
  private readonly outputs = new Map<number, string>();

  add(line: number, input: string, output: string | null = null): void {
    this.entries.push([0, line, input]);
    if (output !== null) this.outputs.set(line, output);
  }

  query(req: Record<string, unknown>): HistoryReplyEntry[] {
    const found = this.select(req);
    return req.output === true
      ? found.map(([s, line, input]) => [s, line, [input, this.outputs.get(line) ?? null]])
      : found;
  }

  private select(req: Record<string, unknown>): HistoryEntry[] {
    const kind = req.hist_access_type;
    if (kind === "tail") {
      const n = Number(req.n ?? 10);
      return this.entries.slice(-n);
    }
    if (kind === "range") {
      const start = Number(req.start ?? 0);
      const stop = req.stop === undefined || req.stop === null ? Infinity : Number(req.stop);
      return this.entries.filter(([, line]) => line >= start && line < stop);
    }
    if (kind === "search") {
      const pattern = String(req.pattern ?? "*");
      const re = new RegExp(
        `^${pattern
          .replace(/[.+^${}()|[\]\\]/g, "\\$&")
          .replace(/\*/g, ".*")
          .replace(/\?/g, ".")}$`,
        "s",
      );
      let found = this.entries.filter(([, , input]) => re.test(input));
      if (req.unique === true)
        found = found.filter(([, , input], i) => found.findIndex(([, , other]) => other === input) === i);
      const n = req.n === undefined || req.n === null ? found.length : Number(req.n);
      return found.slice(-n);
    }
    return [];
  }
}
