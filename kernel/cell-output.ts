// What a running cell shows, as Jupyter content in the order it happens: streams, clears, pages,
// displays, errors, and the latest shown value, held back so that it becomes the execute_result if
// the cell ends with it (anything output after it first sends it as display_data, keeping the
// cell's order). Shared by the ZeroMQ kernel (./server.ts) and the JupyterLite page
// (lite/src/kernel.ts), which differ only in how a message is sent: the CellSink.
import type { Effect, StatementResult } from "../src/results.js";
import { bundleOf, errorContent } from "./mime.js";

export type ErrorContent = ReturnType<typeof errorContent>;

export interface DisplayContent {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  transient: { display_id?: string };
}

/** Where a cell's messages go. */
export interface CellSink {
  stream(name: "stdout" | "stderr", text: string): void;
  clear(): void;
  display(content: DisplayContent, update: boolean): void;
  error(content: ErrorContent): void;
}

export class CellOutput {
  /** The latest shown value, not yet sent. */
  private held: StatementResult | null = null;
  /** The cell's first error: the execute_reply carries it. */
  error: ErrorContent | null = null;
  /** The reply's payload (help pages). */
  readonly payload: Record<string, unknown>[] = [];

  /**
   * `silent` sends nothing (Jupyter's silent execution); `svgAsHtml` adds each SVG as text/html as
   * well, for nbconvert's HTML export, which strips an image/svg+xml output to its text.
   */
  constructor(
    private readonly sink: CellSink,
    private readonly silent: boolean,
    private readonly svgAsHtml = false,
  ) {}

  readonly onEffect = (effect: Effect): void => {
    if (this.silent) return;
    if (effect.kind !== "pager") this.flush();
    switch (effect.kind) {
      case "stdout":
      case "stderr":
        return this.sink.stream(effect.kind, effect.text);
      case "clear":
        return this.sink.clear();
      case "pager":
        this.payload.push({
          source: "page",
          data: { "text/plain": effect.text, ...(effect.html ? { "text/html": effect.html } : {}) },
          start: 0,
        });
        return;
      case "display": {
        const data: Record<string, unknown> = { "text/plain": effect.text };
        if (effect.latex) data["text/latex"] = `$$${effect.latex}$$`;
        if (effect.html) data["text/html"] = effect.html;
        if (effect.svg) {
          data["image/svg+xml"] = effect.svg;
          if (this.svgAsHtml) data["text/html"] ??= effect.svg;
        }
        if (effect.vegalite) data["application/vnd.vegalite.v5+json"] = effect.vegalite;
        const transient = effect.displayId ? { display_id: effect.displayId } : {};
        return this.sink.display({ data, metadata: {}, transient }, effect.update === true);
      }
    }
  };

  readonly onResult = (r: StatementResult): void => {
    if (r.status === "error") {
      const content = errorContent(r);
      this.error ??= content;
      if (!this.silent) {
        this.flush();
        this.sink.error(content);
      }
    } else if (!r.silent && !this.silent) {
      this.flush();
      this.held = r;
    }
  };

  /** At the cell's end: the value it ended with (for execute_result and the history), if any. */
  get last(): StatementResult | null {
    return this.held;
  }

  /** The last value's MIME bundle, for execute_result. */
  lastBundle(): Record<string, string> | null {
    return this.held ? bundleOf(this.held) : null;
  }

  private flush(): void {
    if (this.held) this.sink.display({ data: bundleOf(this.held), metadata: {}, transient: {} }, false);
    this.held = null;
  }
}
