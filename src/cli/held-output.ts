// Results on their way to standard output, written in batches. Each write to a pipe is a system
// call that wakes its reader: one per statement cost a 1,000-check file a sixth of its time from cold
// (bench/README.md, maxima, run 11). Nothing is held long: text is written once the oldest of it is
// HOLD_MS old — checked at each result and, while a statement runs, each time the session checks its
// budget — once 64 KB are held, and when the run ends.

/** How long a result may wait to be written: below what a person reading along notices. */
export const HOLD_MS = 50;

const HOLD_CHARS = 64 * 1024;

export class HeldOutput {
  private held: string[] = [];
  private chars = 0;
  private since = 0;
  /** A write that failed while a statement ran: thrown by the next flush outside it. */
  private failure: unknown = null;

  constructor(
    private readonly write: (text: string) => void,
    private readonly holdMs = HOLD_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  add(text: string): void {
    if (text === "") return;
    if (this.held.length === 0) this.since = this.now();
    this.held.push(text);
    this.chars += text.length;
    if (this.chars >= HOLD_CHARS) this.flush();
    else this.flushIfDue();
  }

  /** Writes what is held if the oldest of it has waited long enough. */
  flushIfDue(): void {
    if (this.held.length > 0 && this.now() - this.since >= this.holdMs) this.flush();
  }

  /**
   * flushIfDue for a statement's budget check: a failed write must not become that statement's
   * error (it is kept and thrown by the next flush).
   */
  readonly whileBusy = (): void => {
    try {
      this.flushIfDue();
    } catch (err) {
      this.failure ??= err;
    }
  };

  /** Writes everything held. */
  flush(): void {
    if (this.failure !== null) {
      const failure = this.failure;
      this.failure = null;
      throw failure;
    }
    if (this.held.length === 0) return;
    const text = this.held.join("");
    this.held = [];
    this.chars = 0;
    this.write(text);
  }
}
