// Notebook commands: they act on the output (print, warn, clear, plot) or on the notebook's names
// (clear(x)) and return no value.
import { MathFailure } from "../../errors.js";
import { plotCommand } from "../plots.js";
import { SILENT, show } from "./args.js";
import type { CommandEntry } from "./entry.js";

/** print and warn: the arguments as plain text, on one output stream. */
function writeTo(stream: "stdout" | "stderr"): CommandEntry["run"] {
  return ({ args }, ev) => {
    ev.env.emit({ kind: stream, text: args.map((a) => show(ev.expr(a))).join(" ") + "\n" });
    return SILENT;
  };
}

export const NOTEBOOK: CommandEntry[] = [
  {
    name: "print",
    arity: [0, Infinity],
    help: {
      syntax: 'print("text", x, …)',
      description: "Writes its arguments to the output as plain text.",
      examples: ['print("loss:", 1/4)'],
    },
    run: writeTo("stdout"),
  },
  {
    name: "warn",
    arity: [0, Infinity],
    help: {
      syntax: 'warn("text")',
      description: "Writes a warning to the error stream.",
      examples: ['warn("λ is large")'],
    },
    run: writeTo("stderr"),
  },
  {
    name: "clear",
    arity: [0, Infinity],
    help: {
      syntax: "clear(), clear(x, f, …)",
      description:
        "clear() clears the cell's output so far. clear(x, f, …) forgets the names' values, definitions and declared shapes: each is a plain symbol again, and a built-in function a value hid (sin = 3) is back.",
      examples: ["clear()", "x = 3\nclear(x)\nx^2"],
    },
    run: ({ args }, ev) => {
      if (args.length === 0) {
        ev.env.emit({ kind: "clear" });
        return SILENT;
      }
      const names = args.map((a) => {
        if (a.kind !== "name") throw new MathFailure("math", "clear(…) takes names: clear(x, f)", a.span);
        return a.name;
      });
      for (const name of names) ev.env.forget(name);
      return SILENT;
    },
  },
  {
    name: "plot",
    arity: [1, Infinity],
    relations: { kind: "range", places: [1, Infinity] },
    help: {
      syntax: "plot(f, g, …, x = a..b), plot(training), plot(net, data), plot(f, gd(…))",
      description:
        "Draws expressions of one variable over a range, a training run's loss curve, a classifier's decision regions, or a descent path on a function's level map (Vega-Lite in JupyterLab, SVG elsewhere).",
      examples: ["plot(σ(x), d/dx σ(x), x = -6..6)", "plot(relu(x), x = -2..2)"],
    },
    run: ({ args }, ev) => plotCommand(args, ev),
  },
];
