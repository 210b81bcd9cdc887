// The `nabla` command: subcommands and their options parsed and checked by commander. A wrong or
// unknown option, a missing argument or an unknown command is a one-line message and exit code 2.
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { evalCommand } from "./eval.js";
import { replCommand } from "./repl.js";
import { renderCommand } from "./render.js";
import { assignCommand, gradeCommand } from "./grading.js";
import { parseQueueUrl, QueueUrlError, type QueueAddress } from "../grading/queue/index.js";
import { EXPORT_FORMATS, type ExportFormat } from "../grading/export.js";
import { DEFAULTS } from "../grading/grade.js";
import { COORDINATOR_MEMORY_MB } from "../grading/capped.js";
import { installKernel } from "../../kernel/install.js";

/** A whole number in [min, max]. */
function wholeNumber(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\s*\d+\s*$/.test(value) || n < min || n > max)
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
    return n;
  };
}

/** A number in (0, max]. */
function positive(max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n) || n <= 0 || n > max)
      throw new InvalidArgumentError(`expected a number greater than 0 and at most ${max}`);
    return n;
  };
}

/** A grading queue's Redis URL (the queue's part, src/grading/queue/). */
function queueUrl(value: string): QueueAddress {
  try {
    return parseQueueUrl(value);
  } catch (err) {
    if (err instanceof QueueUrlError) throw new InvalidArgumentError(err.message);
    throw err;
  }
}

/** The queue's options, on `grade` and `worker`. */
const lockTimeout = () =>
  new Option(
    "--lock-timeout <seconds>",
    "with a queue: a killed worker's job goes to another after this (default 30)",
  ).argParser(positive(3600));

/** Per-student parameters' secret; NABLA_SEED keeps it out of the process list. */
const seedOption = (description: string) => new Option("--seed <secret>", description).env("NABLA_SEED");

function program(done: (code: number | Promise<number>) => void): Command {
  const nabla = new Command("nabla")
    .description("Nabla: the math of machine learning in notebooks")
    .exitOverride()
    .showSuggestionAfterError()
    .showHelpAfterError("(nabla help COMMAND shows its options)")
    .configureOutput({ outputError: (text, write) => write(text.endsWith("\n") ? text : `${text}\n`) });

  nabla
    .command("eval")
    .description(
      "run a file (or standard input), one result per statement; plots are written as SVG files (beside FILE, or in DIR)",
    )
    .argument("<file>", "a Nabla file, or - for standard input")
    .option("--json", "one JSON line per result")
    .option("--plots <dir>", "where plots are written")
    .action((file: string, o: { json?: boolean; plots?: string }) =>
      done(evalCommand(file, o.json === true, undefined, o.plots)),
    );

  nabla
    .command("repl")
    .description("an interactive session (also `nabla` alone)")
    .action(() => done(replCommand()));

  nabla
    .command("render")
    .description("run a file and write its typeset results as a web page")
    .argument("<file>", "a Nabla file")
    .requiredOption("-o, --out <page>", "the HTML page to write")
    .action((file: string, o: { out: string }) => done(renderCommand(file, o.out)));

  nabla
    .command("assign")
    .description("the student version: solutions stubbed, hidden tests removed, locked cells' checksums recorded")
    .argument("<master>", "the master notebook")
    .requiredOption("-o, --out <student>", "the student notebook to write (with --roster: the folder)")
    .option("--roster <csv>", "per-student notebooks: OUT/<student>.ipynb for each row (column student)")
    .addOption(seedOption("with --roster: the secret each student's random(…) values are drawn with"))
    .action((master: string, o: { out: string; roster?: string; seed?: string }, command: Command) =>
      // NABLA_SEED set for grading does not turn a plain assign into a roster's.
      done(
        assignCommand(
          master,
          o.out,
          o.roster,
          o.roster === undefined && command.getOptionValueSource("seed") === "env" ? undefined : o.seed,
        ),
      ),
    );

  nabla
    .command("grade")
    .description("grade a class: DIR/gradebook.csv, gradebook.json, feedback/")
    .argument("<submissions...>", "submission notebooks, or folders of them")
    .requiredOption("--key <master>", "the master notebook")
    .option("-o, --out <dir>", "where the gradebook and feedback go", "graded")
    .addOption(new Option("--jobs <n>", "worker threads (default: one per core)").argParser(wholeNumber(1, 256)))
    .addOption(
      new Option("--timeout <seconds>", `time limit per statement (default ${DEFAULTS.statementMs / 1000})`).argParser(
        positive(3600),
      ),
    )
    .addOption(
      new Option(
        "--submission-timeout <seconds>",
        `time limit per submission (default ${DEFAULTS.submissionMs / 1000})`,
      ).argParser(positive(86_400)),
    )
    .addOption(
      new Option("--max-size <MB>", `the largest submission file read (default ${DEFAULTS.maxBytes / 1e6})`).argParser(
        positive(1000),
      ),
    )
    .addOption(
      new Option(
        "--worker-memory <MB>",
        `each worker thread's heap limit (default ${DEFAULTS.workerMemoryMb})`,
      ).argParser(wholeNumber(64, 16_384)),
    )
    .option("--rubric", "also write DIR/rubric/: feedback for instructors with hidden tests and every branch")
    .option("--no-feedback", "write only the gradebook")
    .option("-q, --quiet", "no progress bar")
    .addOption(seedOption("the secret given to assign --seed: each student's key with their random(…) values"))
    .option("--only <grade_id>", "re-grade one question; the others keep their points from OUT/gradebook.json")
    .addOption(
      new Option(
        "--coordinator-memory <MB>",
        `the coordinator's heap cap (default ${COORDINATOR_MEMORY_MB})`,
      ).argParser(wholeNumber(64, 65_536)),
    )
    // The grading queue and the LMS exports (src/grading/queue/, export.ts):
    .addOption(
      new Option("--queue <url>", "grade on a BullMQ queue: redis://[:PASSWORD@]HOST:PORT[/DB]").argParser(queueUrl),
    )
    .option("--no-local", "with --queue: leave the grading to `nabla worker`s")
    .addOption(lockTimeout())
    .addOption(new Option("--export <lms...>", "also write the gradebook for an LMS").choices(EXPORT_FORMATS))
    .action(
      (
        submissions: string[],
        o: {
          queue?: QueueAddress;
          local: boolean;
          lockTimeout?: number;
          export?: ExportFormat[];
          key: string;
          out: string;
          jobs?: number;
          timeout?: number;
          submissionTimeout?: number;
          maxSize?: number;
          workerMemory?: number;
          rubric?: boolean;
          feedback: boolean;
          quiet?: boolean;
          seed?: string;
          only?: string;
          coordinatorMemory?: number;
        },
      ) =>
        done(
          gradeCommand({
            key: o.key,
            submissions,
            out: o.out,
            jobs: o.jobs,
            statementMs: o.timeout === undefined ? undefined : o.timeout * 1000,
            submissionMs: o.submissionTimeout === undefined ? undefined : o.submissionTimeout * 1000,
            maxBytes: o.maxSize === undefined ? undefined : Math.floor(o.maxSize * 1e6),
            workerMemoryMb: o.workerMemory,
            rubric: o.rubric === true,
            feedback: o.feedback,
            quiet: o.quiet === true,
            seed: o.seed,
            only: o.only,
            coordinatorMemoryMb: o.coordinatorMemory,
            queue: o.queue && { address: o.queue, local: o.local, lockMs: seconds(o.lockTimeout) },
            export: o.export,
          }),
        ),
    );

  nabla
    .command("worker")
    .description("grade jobs from a grading queue (nabla grade --queue) until stopped")
    .requiredOption("--queue <url>", "the queue: redis://[:PASSWORD@]HOST:PORT[/DB]", queueUrl)
    .addOption(new Option("--jobs <n>", "worker threads (default: one per core)").argParser(wholeNumber(1, 256)))
    .addOption(lockTimeout())
    .option("-v, --verbose", "a line per submission graded")
    .action((o: { queue: QueueAddress; jobs?: number; lockTimeout?: number; verbose?: boolean }) =>
      done(
        import("../grading/queue/command.js").then(({ workerCommand }) =>
          workerCommand({ address: o.queue, jobs: o.jobs, lockMs: seconds(o.lockTimeout), verbose: o.verbose }),
        ),
      ),
    );

  nabla
    .command("install-kernel")
    .description("install the Jupyter kernel (for this user by default)")
    .option("--user", "for this user")
    .option("--prefix <prefix>", "into a Python prefix")
    .option("--sys-prefix", "into this Python's prefix")
    .option("--from-sources", "run the kernel from this checkout's sources")
    .action((o: { user?: boolean; prefix?: string; sysPrefix?: boolean; fromSources?: boolean }) => {
      const args = [
        ...(o.user ? ["--user"] : []),
        ...(o.prefix !== undefined ? ["--prefix", o.prefix] : []),
        ...(o.sysPrefix ? ["--sys-prefix"] : []),
        ...(o.fromSources ? ["--from-sources"] : []),
      ];
      done(installKernel(args));
    });
  return nabla;
}

function seconds(s: number | undefined): number | undefined {
  return s === undefined ? undefined : Math.round(s * 1000);
}

/** Where the parser built ahead (by prepare) reports its command's outcome: set by each main. */
let finish: (code: number | Promise<number>) => void = () => undefined;
let prepared: Command | undefined;

/**
 * Builds the command-line parser ahead, for the next main to use: the start-up snapshot
 * (src/bundle/snapshot.ts) holds it built. A parser is used once (commander keeps what it parsed).
 */
export function prepare(): void {
  prepared ??= program((code) => finish(code));
}

export async function main(argv: string[]): Promise<number> {
  if (argv.length === 0) return replCommand();
  let result: number | Promise<number> = 0;
  finish = (code) => (result = code);
  const parser = prepared ?? program((code) => finish(code));
  prepared = undefined;
  try {
    await parser.parseAsync(argv, { from: "user" });
  } catch (err) {
    // Help and version end here with code 0; every usage error has printed its message already.
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    throw err;
  }
  return result;
}
