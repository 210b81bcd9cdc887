// A progress bar on standard error: redrawn in place on a terminal, a line every 10% otherwise.
export class Progress {
  private done = 0;
  private lastDecile = -1;
  private readonly started = Date.now();

  constructor(
    private readonly total: number,
    private readonly out: NodeJS.WriteStream = process.stderr,
  ) {}

  tick(label = ""): void {
    this.done++;
    const fraction = this.total ? this.done / this.total : 1;
    const elapsed = (Date.now() - this.started) / 1000;
    const eta = this.done ? (elapsed / this.done) * (this.total - this.done) : 0;
    const rate = elapsed > 0 ? `, ${(this.done / elapsed).toFixed(1)}/s` : "";
    const line = `${this.done}/${this.total} graded, ${elapsed.toFixed(1)} s${rate}${this.done < this.total ? `, about ${eta.toFixed(0)} s left` : ""}`;
    if (this.out.isTTY) {
      const width = 30;
      const filled = Math.round(fraction * width);
      this.out.write(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${line} ${label.slice(0, 20).padEnd(20)}`);
      if (this.done === this.total) this.out.write("\n");
    } else {
      const decile = Math.floor(fraction * 10);
      if (decile !== this.lastDecile) {
        this.lastDecile = decile;
        this.out.write(`${line}\n`);
      }
    }
  }
}
