// The dispatcher: checks a call against its command's row (arity, options, their types) before the
// command runs, so every command rejects `gd(f, x = 4, foo = 3)` the same way, with a did-you-mean.
import { mathError, nameError } from "../../errors.js";
import { num } from "../../graph/construct.js";
import { floatValue } from "../../graph/evalf.js";
import { freeSymbols } from "../../graph/traverse.js";
import type { Node } from "../../graph/node.js";
import { Rational } from "../../numeric/rational.js";
import type { Expr } from "../../syntax/ast.js";
import { didYouMean } from "../suggest.js";
import { bodyOf } from "./args.js";
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
        : `; ${owner} takes no options`;
  return nameError(`${owner} has no option ${name}${hint}`);
}

function checked(entry: CommandEntry, option: CommandOption, value: Node): Node {
  if (option.type === "expression") return value;
  if (option.type === "whole" && !(value.kind === "num" && value.value.isInteger()))
    throw mathError(`${entry.name}'s option ${option.name} must be a whole number`);
  if (floatValue(value) === null) throw mathError(`${entry.name}'s option ${option.name} must be a number`);
  return value;
}

/** Whether the syntax tree `x` has the name `name` in it. */
function named(x: unknown, name: string): boolean {
  if (Array.isArray(x)) return x.some((y) => named(y, name));
  if (typeof x !== "object" || x === null) return false;
  const node = x as { kind?: string; name?: string };
  if (node.kind === "name" && node.name === name) return true;
  return Object.entries(x).some(([key, v]) => key !== "span" && key !== "calleeSpan" && named(v, name));
}

/** Whether `name` occurs in `e`: in its text, or as a symbol of what it stands for (a function's body). */
function mentions(e: Expr, name: string, ev: Evaluation): boolean {
  if (named(e, name)) return true;
  const { body, params } = bodyOf(ev, e);
  return [...freeSymbols(body), ...(params ?? [])].some((s) => s.kind === "sym" && s.name === name);
}

/** Whether the row takes `a` (a `name = value`) at positional place `at`: a point, range or equation. */
function takesRelation(entry: CommandEntry, a: Expr & { kind: "relation" }, at: number): boolean {
  const r = entry.relations;
  if (!r || at < r.places[0] || at > r.places[1]) return false;
  return r.kind !== "range" || a.right.kind === "range";
}

/** Runs a command: positional arguments counted, options evaluated, checked and defaulted. */
export function runCommand(entry: CommandEntry, all: readonly Expr[], ev: Evaluation): Node {
  const args: Expr[] = [];
  const options = new Map<string, Node>();
  // Equations `x = 4` taken as positional: their name must occur in another argument, or it is an option.
  const equations: { at: number; name: string }[] = [];
  for (const a of all) {
    if (a.kind !== "relation" || a.op !== "=" || a.left.kind !== "name") {
      args.push(a);
      continue;
    }
    const named = a.left.name;
    const option = optionNamed(entry.options, named);
    if (option) {
      if (options.has(option.name)) throw mathError(`${entry.name}'s option ${option.name} is given twice`);
      options.set(option.name, checked(entry, option, ev.expr(a.right)));
      continue;
    }
    if (!takesRelation(entry, a, args.length)) throw unknownOption(entry.name, entry.options ?? [], named);
    if (entry.relations?.kind === "equation") equations.push({ at: args.length, name: named });
    args.push(a);
  }
  for (const { at, name } of equations) {
    const others = args.filter((_, i) => i !== at);
    if (others.length && !others.some((e) => mentions(e, name, ev)))
      throw unknownOption(entry.name, entry.options ?? [], name);
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
