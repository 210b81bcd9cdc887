// Docs are data: help text comes from the rows of the operator table and the command table
// (engine/commands/table.ts); the kernel's inspect and completion and `help()` read it, and a
// test runs every example.
import { vocabulary } from "./engine/commands/table.js";

export { helpExamples, helpFor, vocabulary, type Word } from "./engine/commands/table.js";

/** The statement keywords of the grammar (not callable, so in neither table), as the parser knows them. */
export { KEYWORDS } from "./syntax/fast-parse.js";

/** Every callable name: operators and commands with their aliases. */
export function builtinNames(): string[] {
  return [...new Set(vocabulary().map((w) => w.name))];
}
