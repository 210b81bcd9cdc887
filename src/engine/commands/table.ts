// The command table: every topic's rows in one list, looked up by name or alias, and the names and
// help of both tables (operators and commands) for help(), did-you-mean, completion and inspect.
import { mathError } from "../../errors.js";
import type { Help } from "../../graph/ops/entry.js";
import { operators } from "../../graph/operators.js";
import { ALGEBRA } from "./algebra.js";
import { SILENT } from "./args.js";
import { CALCULUS } from "./calculus.js";
import { DATA } from "./data.js";
import type { CommandEntry } from "./entry.js";
import { LIMIT } from "../limit.js";
import { LINEAR_ALGEBRA } from "./linear-algebra.js";
import { NETWORKS } from "./networks.js";
import { NOTEBOOK } from "./notebook.js";
import { PROBABILITY } from "./probability.js";
import { RANDOM } from "./random.js";
import { OPTIMISATION } from "./optimisation.js";
import { SOLVE } from "./solve.js";
import type { HelpPage } from "../../results.js";

/** help() reads the table it belongs to, so its row lives here rather than in notebook.ts. */
const HELP: CommandEntry = {
  name: "help",
  arity: [0, 1],
  help: {
    syntax: "help(), help(name)",
    description: "Shows an operator's or a command's syntax, description and examples; help() lists them all.",
    examples: ["help(det)", "help(solve)", "help()"],
  },
  run: ({ args }, ev) => {
    const a = args[0];
    const topic = !a
      ? ""
      : a.kind === "name"
        ? a.name
        : a.kind === "call"
          ? a.callee
          : a.kind === "string"
            ? a.value
            : "";
    const entry = helpFor(topic);
    if (!entry) {
      throw mathError(`no help for ${topic || "that"}; try help() for the list of operators and commands`);
    }
    ev.env.emit({ kind: "pager", text: entry.text, help: entry });
    return SILENT;
  },
};

/** Every command, in the order help lists them. */
export const COMMANDS: readonly CommandEntry[] = [
  ...CALCULUS,
  LIMIT,
  ...ALGEBRA,
  ...SOLVE,
  ...OPTIMISATION,
  ...LINEAR_ALGEBRA,
  ...DATA,
  ...PROBABILITY,
  RANDOM,
  ...NETWORKS,
  ...NOTEBOOK,
  HELP,
];

const byName = new Map<string, CommandEntry>();
for (const entry of COMMANDS) {
  for (const name of [entry.name, ...(entry.aliases ?? [])]) {
    if (byName.has(name)) throw new Error(`two commands are named ${name}`);
    byName.set(name, entry);
  }
}

export function lookupCommand(name: string): CommandEntry | undefined {
  return byName.get(name);
}

/** One name a user may call: an operator's or a command's name or alias, with the row's help. */
export interface Word {
  name: string;
  /** The row's own name (`sigmoid` for `σ`). */
  canonical: string;
  kind: "operator" | "command";
  help: Help;
}

let words: Word[] | null = null;

/** Every callable name, from the two tables only: what help, did-you-mean, completion and inspect offer. */
export function vocabulary(): readonly Word[] {
  if (!words) {
    words = [];
    for (const entry of operators()) {
      for (const name of [entry.name, ...(entry.aliases ?? [])])
        words.push({ name, canonical: entry.name, kind: "operator", help: entry.help });
    }
    for (const entry of COMMANDS) {
      for (const name of [entry.name, ...(entry.aliases ?? [])])
        words.push({ name, canonical: entry.name, kind: "command", help: entry.help });
    }
  }
  return words;
}

/**
 * The rows a name belongs to: a command first (it is what a call runs), then an operator of the same name (sum is
 * both).
 */
function wordsNamed(name: string): Word[] {
  const found = vocabulary().filter((w) => w.name === name);
  return [...found.filter((w) => w.kind === "command"), ...found.filter((w) => w.kind === "operator")];
}

/** Every help example with the name it documents (for the test that runs them all). */
export function helpExamples(): { name: string; example: string }[] {
  const seen = new Set<Help>();
  const out: { name: string; example: string }[] = [];
  for (const { canonical, help } of vocabulary()) {
    if (seen.has(help)) continue;
    seen.add(help);
    for (const example of help.examples) out.push({ name: canonical, example });
  }
  return out;
}

function optionsText(entry: CommandEntry | undefined): string[] {
  const options = entry?.options ?? [];
  if (!options.length) return [];
  return [
    "",
    "Options:",
    ...options.map(
      (o) =>
        `  ${[o.name, ...(o.aliases ?? [])].join(" or ")} = …  ${o.description}${o.default !== undefined ? ` (${o.default} when omitted)` : o.required ? " (required)" : ""}`,
    ),
  ];
}

/** The help of a name as data: its text, and the parts render/help.ts lays out as HTML. */
export function helpFor(name: string): HelpPage | undefined {
  if (name === "") {
    const names = [...new Set(vocabulary().map((w) => w.name))].sort();
    return { text: `Operators and commands:\n${names.join(", ")}\n\nhelp(name) shows one.`, sections: [], names };
  }
  const found = wordsNamed(name);
  if (found.length === 0) return undefined;
  const sections = found.map((word) => {
    const { help } = word;
    const options = optionsText(word.kind === "command" ? lookupCommand(word.canonical) : undefined);
    const examples = help.examples.length ? ["", "Examples:", ...help.examples.map((e) => `  ${e}`)] : [];
    const text = [`${word.canonical}: ${help.syntax}`, "", help.description, ...options, ...examples].join("\n");
    return {
      text,
      syntax: help.syntax,
      description: help.description,
      options: options.slice(1),
      examples: help.examples,
    };
  });
  return { text: sections.map((p) => p.text).join("\n\n"), sections };
}
