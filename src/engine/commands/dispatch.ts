// The dispatcher: checks a call against its command's row (arity, options, their types) before the
// command runs, so every command rejects `gd(f, x = 4, foo = 3)` the same way, with a did-you-mean.
import { mathError, nameError } from "../../errors.js";
import { num } from "../../graph/construct.js";
import { floatValue } from "../../graph/evalf.js";
import type { Node } from "../../graph/node.js";
import { Rational } from "../../numeric/rational.js";
import type { Expr } from "../../syntax/ast.js";
import { didYouMean } from "../suggest.js";
import type { CommandEntry, CommandOption, Evaluation } from "./entry.js";

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function arityText([min, max]: [number, number]): string {
  if (min === max) return plural(min, "argument");
  if (max === Infinity) return `at least ${plural(min, "argument")}`;
  return `${min} to ${max} arguments`;
}

/** The option a name spells (its own name or an alias). */
export function optionNamed(options: readonly CommandOption[] | undefined, name: string): CommandOption | undefined {
  return options?.find((o) => o.name === name || (o.aliases ?? []).includes(name));
}

/** "gd has no option foo; its options are η, steps", with a did-you-mean when one is close. */
export function unknownOption(owner: string, options: readonly CommandOption[], name: string): Error {
  const spellings = options.flatMap((o) => [o.name, ...(o.aliases ?? [])]);
  const guess = didYouMean(name, spellings);
  const canonical = guess ? optionNamed(options, guess)!.name : null;
  // β for adam, whose options are β_1 and β_2: a name short of a subscript.
  const subscripted = options.filter((o) => o.name.startsWith(`${name}_`)).map((o) => o.name);
  const hint = canonical
    ? `; did you mean ${canonical === guess ? guess : `${canonical} (${guess})`}?`
    : subscripted.length
      ? `; did you mean ${subscripted.join(" or ")}?`
      : options.length
        ? `; its options are ${options.map((o) => o.name).join(", ")}`
        : "";
  return nameError(`${owner} has no option ${name}${hint}`);
}

function checked(entry: CommandEntry, option: CommandOption, value: Node): Node {
  if (option.type === "expression") return value;
  if (option.type === "whole" && !(value.kind === "num" && value.value.isInteger()))
    throw mathError(`${entry.name}'s option ${option.name} must be a whole number`);
  if (floatValue(value) === null) throw mathError(`${entry.name}'s option ${option.name} must be a number`);
  return value;
}

/** Runs a command: positional arguments counted, options evaluated, checked and defaulted. */
export function runCommand(entry: CommandEntry, all: readonly Expr[], ev: Evaluation): Node {
  const args: Expr[] = [];
  const options = new Map<string, Node>();
  let points = 0;
  for (const a of all) {
    const named = a.kind === "relation" && a.op === "=" && a.left.kind === "name" ? a.left.name : null;
    const option = named !== null ? optionNamed(entry.options, named) : undefined;
    if (named !== null && option && a.kind === "relation") {
      if (options.has(option.name)) throw mathError(`${entry.name}'s option ${option.name} is given twice`);
      options.set(option.name, checked(entry, option, ev.expr(a.right)));
      continue;
    }
    if (named !== null && entry.options) {
      if (points >= (entry.pointArguments ?? 0)) throw unknownOption(entry.name, entry.options, named);
      points++;
    }
    args.push(a);
  }
  const [min, max] = entry.arity;
  if (args.length < min || args.length > max) {
    const besides = entry.options?.length ? " besides its options" : "";
    throw mathError(
      `${entry.name} takes ${arityText(entry.arity)}${besides}, not ${args.length}: ${entry.help.syntax}`,
    );
  }
  for (const option of entry.options ?? []) {
    if (options.has(option.name)) continue;
    if (option.default !== undefined) options.set(option.name, num(Rational.parseDecimal(option.default)));
    else if (option.required) throw mathError(`${entry.name} needs ${option.description}: ${option.name} = …`);
  }
  return entry.run({ args, options }, ev);
}
