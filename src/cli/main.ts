// The `nabla` command.
import { evalCommand } from "./eval.js";
import { replCommand } from "./repl.js";
import { renderCommand } from "./render.js";
import { assignCommand, gradeCommand } from "./grading.js";
import { installKernel } from "../../kernel/install.js";

const USAGE = `usage:
  nabla eval [--json] [--plots DIR] FILE|-
                                 run a file (or standard input), one result per statement;
                                 plots are written as SVG files (beside FILE, or in DIR)
  nabla repl                     an interactive session
  nabla render FILE -o OUT.html  run a file and write its typeset results as a web page
  nabla assign MASTER.ipynb -o STUDENT.ipynb
                                 the student version: solutions stubbed, hidden tests removed
  nabla grade --key MASTER.ipynb SUBMISSIONS… [-o DIR] [--jobs N] [--timeout SECONDS]
                                 grade a class: DIR/gradebook.csv, gradebook.json, feedback/
  nabla install-kernel [--user | --prefix P | --sys-prefix]
                                 install the Jupyter kernel
  nabla help                     this text`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "eval": {
      const json = rest.includes("--json");
      const p = rest.indexOf("--plots");
      const plotDir = p >= 0 ? rest[p + 1] : undefined;
      const files = rest.filter((a, i) => a !== "--json" && (p < 0 || (i !== p && i !== p + 1)));
      if (files.length !== 1 || (p >= 0 && plotDir === undefined)) {
        process.stderr.write(`${USAGE}\n`);
        return 2;
      }
      return evalCommand(files[0], json, undefined, plotDir);
    }
    case "render": {
      const o = rest.indexOf("-o");
      if (o < 0 || rest.length !== 3) {
        process.stderr.write(`${USAGE}\n`);
        return 2;
      }
      return renderCommand(rest.filter((_, i) => i !== o && i !== o + 1)[0], rest[o + 1]);
    }
    case "assign":
      return assignCommand(rest);
    case "grade":
      return gradeCommand(rest);
    case "repl":
    case undefined:
      return replCommand();
    case "install-kernel":
      return installKernel(rest);
    case "help":
    case "--help":
    case "-h":
      process.stdout.write(`${USAGE}\n`);
      return 0;
    default:
      process.stderr.write(`nabla: unknown command ${command}\n${USAGE}\n`);
      return 2;
  }
}
