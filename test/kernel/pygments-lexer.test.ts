// nbconvert highlights a notebook with the Pygments lexer the kernel names (language_info's
// pygments_lexer: julia, as Pygments has no Nabla lexer). Every course cell and help example must
// read without an error token, or the exported page marks the code red. Skipped where Debian's
// Pygments is missing.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { KERNEL_INFO } from "../../kernel/server.js";
import { helpExamples } from "../../src/engine/commands/table.js";
import { courseCells } from "./course-cells.js";

const PYTHON = "/usr/bin/python3";
const available = spawnSync(PYTHON, ["-c", "import pygments"]).status === 0;
if (!available) console.warn("Pygments lexer test skipped: Debian's python3-pygments is missing");

/** Each sample's error tokens, by Pygments' lexer `name`. */
const SCRIPT = `
import json, sys
from pygments.lexers import get_lexer_by_name
from pygments.token import Error
lexer = get_lexer_by_name(sys.argv[1])
samples = json.load(sys.stdin)
print(json.dumps([[text for kind, text in lexer.get_tokens(code) if kind in Error] for code in samples]))
`;

function errorTokens(samples: string[]): string[][] {
  const r = spawnSync(PYTHON, ["-c", SCRIPT, KERNEL_INFO.language_info.pygments_lexer], {
    input: JSON.stringify(samples),
    encoding: "utf8",
  });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as string[][];
}

describe.skipIf(!available)("the kernel's Pygments lexer", () => {
  it("reads every course cell and help example without an error token", () => {
    const samples = [...courseCells(), ...helpExamples().map((e) => e.example)];
    expect(samples.length).toBeGreaterThan(200);
    const errors = errorTokens(samples);
    const bad = samples.flatMap((code, i) => (errors[i].length ? [{ code, errors: errors[i] }] : []));
    expect(bad).toEqual([]);
  });

  it("would see one (the check is not vacuous): a NUL character is an error token", () => {
    expect(errorTokens(["x = 1\u0000"])).toEqual([["\u0000"]]);
  });
});
