// The cells a session has run, for history_request: the last n (tail), a range, or a glob search.
export type HistoryEntry = [session: number, line: number, input: string];

export class History {
  private readonly entries: HistoryEntry[] = [];

  add(line: number, input: string): void {
    this.entries.push([0, line, input]);
  }

  query(req: Record<string, unknown>): HistoryEntry[] {
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
      const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "s");
      let found = this.entries.filter(([, , input]) => re.test(input));
      if (req.unique === true) found = found.filter(([, , input], i) => found.findIndex(([, , other]) => other === input) === i);
      const n = req.n === undefined || req.n === null ? found.length : Number(req.n);
      return found.slice(-n);
    }
    return [];
  }
}
