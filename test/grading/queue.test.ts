// Grading on a BullMQ queue against a private redis-server: a class graded by two worker processes,
// one killed with SIGKILL in the middle of a submission, gives exactly the in-process gradebook; a
// coordinator killed mid-run and started again resumes, and no submission is graded twice; jobs
// that are not grading jobs of the format are refused without running.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Queue, QueueEvents } from "bullmq";
import { gradeClass } from "../../src/grading/grade.js";
import { parseQueueUrl, type QueueAddress } from "../../src/grading/queue/index.js";
import { QUEUE_NAME, QUEUE_PREFIX, sha256 } from "../../src/grading/queue/protocol.js";
import { serveQueue } from "../../src/grading/queue/serve.js";
import { withAnswers, writeClass } from "./class.js";
import { masterOf } from "./key-submission.js";
import { assignCommand } from "../../src/cli/grading.js";
import { masterParameters, studentValues } from "../../src/grading/params.js";
import { parseNotebook as readNotebook } from "../../src/grading/notebook.js";
import { hasRedis, NO_REDIS, startRedis, type Redis } from "./queue-redis.js";

const ROOT = join(import.meta.dirname, "..", "..");
const NABLA = join(ROOT, "bin", "nabla.mjs");
const MASTER = join(ROOT, "notebooks", "homework", "master.ipynb");
const STUDENT = join(ROOT, "notebooks", "homework", "student.ipynb");
const STATEMENT_MS = 1500;
/**
 * A killed worker's job is taken back after this (the default is 30 s). Much shorter, a loaded
 * machine's late lock renewals make live jobs look stalled: graded twice (once in the gradebook).
 */
const LOCK_S = 5;

interface Proc {
  child: ChildProcess;
  lines: string[];
  /** Resolves when a line matching `re` has been printed `times` times. */
  waitFor(re: RegExp, times?: number): Promise<void>;
  exited: Promise<number | null>;
}

function run(args: string[]): Proc {
  const child = spawn(process.execPath, [NABLA, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  const lines: string[] = [];
  const waiters: (() => void)[] = [];
  let buffer = "";
  child.stderr!.on("data", (d: Buffer) => {
    buffer += d.toString();
    const parts = buffer.split("\n");
    buffer = parts.pop()!;
    lines.push(...parts);
    for (const w of waiters.splice(0)) w();
  });
  child.stdout!.resume();
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    child,
    lines,
    exited,
    waitFor: (re, times = 1) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (lines.filter((l) => re.test(l)).length >= times) resolve();
          else if (child.exitCode !== null) reject(new Error(`exited: ${lines.join("\n")}`));
          else waiters.push(check);
        };
        check();
      }),
  };
}

const worker = (url: string) => run(["worker", "--queue", url, "--jobs", "1", "--lock-timeout", String(LOCK_S), "-v"]);

function read(out: string, file: string): string {
  return readFileSync(join(out, file), "utf8");
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe.skipIf(!hasRedis)(`grading on a BullMQ queue${NO_REDIS}`, () => {
  const dir = mkdtempSync(join(tmpdir(), "nabla-queue-"));
  const submissions = join(dir, "submitted");
  const students = writeClass(submissions, STUDENT, 20);
  const inProcess = join(dir, "in-process");
  let redis: Redis;
  let address: QueueAddress;
  const procs: Proc[] = [];
  /** The coordinator in this process, grading nothing itself. */
  const onQueue = (out: string) =>
    gradeClass({
      key: MASTER,
      submissions: [submissions],
      out,
      statementMs: STATEMENT_MS,
      quiet: true,
      queue: { address, local: false, lockMs: LOCK_S * 1000 },
    });

  beforeAll(async () => {
    redis = await startRedis();
    address = parseQueueUrl(redis.url);
    await gradeClass({
      key: MASTER,
      submissions: [submissions],
      out: inProcess,
      jobs: 2,
      statementMs: STATEMENT_MS,
      quiet: true,
    });
  }, 300_000);

  afterAll(async () => {
    for (const p of procs) if (p.child.exitCode === null) p.child.kill("SIGKILL");
    await redis?.stop();
  });

  it("gives the in-process gradebook exactly, with one of two workers killed (SIGKILL) in the middle of a submission", async () => {
    const out = join(dir, "queue");
    const [first, second] = [worker(redis.url), worker(redis.url)];
    procs.push(first, second);
    await Promise.all([first.waitFor(/grading jobs from/), second.waitFor(/grading jobs from/)]);
    const graded = onQueue(out);
    // The first worker is killed as it starts its third submission.
    await first.waitFor(/: grading /, 3);
    first.child.kill("SIGKILL");
    const killedOn = first.lines
      .filter((l) => /: grading /.test(l))
      .at(-1)!
      .replace(/.*: grading /, "");
    const summary = await graded;
    expect(await first.exited).toBe(null);
    expect(summary.graded).toBe(students.length);
    expect(read(out, "gradebook.csv")).toBe(read(inProcess, "gradebook.csv"));
    expect(read(out, "gradebook.json")).toBe(read(inProcess, "gradebook.json"));
    expect(read(out, "report.json")).toBe(read(inProcess, "report.json"));
    expect(readdirSync(join(out, "feedback")).sort()).toEqual(readdirSync(join(inProcess, "feedback")).sort());
    // The killed worker's submission was graded by the other, and is in the gradebook once.
    expect(second.lines.some((l) => l.endsWith(`: grading ${killedOn}`))).toBe(true);
    expect(
      read(out, "gradebook.csv")
        .split("\n")
        .filter((l) => l.startsWith(`${killedOn},`)),
    ).toHaveLength(1);
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  }, 300_000);

  it("resumes after the coordinator is killed: results kept, jobs finished meanwhile collected, none graded twice", async () => {
    const out = join(dir, "restarted");
    const w = worker(redis.url);
    procs.push(w);
    await w.waitFor(/grading jobs from/);
    const coordinator = run([
      "grade",
      "--key",
      MASTER,
      submissions,
      "-o",
      out,
      "--queue",
      redis.url,
      "--no-local",
      "--timeout",
      String(STATEMENT_MS / 1000),
      "-q",
    ]);
    procs.push(coordinator);
    while (!existsSync(join(out, ".results")) || readdirSync(join(out, ".results")).length < 4) await sleep(100);
    coordinator.child.kill("SIGKILL");
    await coordinator.exited;
    const kept = readdirSync(join(out, ".results")).length;
    // The worker goes on with the jobs on the queue while no coordinator listens.
    await w.waitFor(/: graded /, kept + 3);
    const gradedBefore = w.lines.length;
    const summary = await onQueue(out);
    expect(summary.resumed).toBeGreaterThanOrEqual(kept);
    expect(summary.resumed + summary.graded + summary.refused).toBe(students.length);
    expect(read(out, "gradebook.csv")).toBe(read(inProcess, "gradebook.csv"));
    // Every submission was graded on the queue, and none finished before the restart was graded again.
    const gradedIn = (lines: string[]) =>
      new Set(lines.filter((l) => /: graded /.test(l)).map((l) => l.replace(/.*: graded (.*): .*/, "$1")));
    const before = gradedIn(w.lines.slice(0, gradedBefore));
    const after = gradedIn(w.lines.slice(gradedBefore));
    expect(before.size).toBeGreaterThanOrEqual(kept + 3);
    expect([...after].filter((s) => before.has(s))).toEqual([]);
    expect([...before, ...after].sort()).toEqual(students.map((s) => s.name).sort());
    w.child.kill("SIGTERM");
    expect(await w.exited).toBe(0);
  }, 300_000);

  it("grades on its own without --no-local (the coordinator is a worker too), to the same gradebook", async () => {
    const out = join(dir, "local");
    const summary = await gradeClass({
      key: MASTER,
      submissions: [submissions],
      out,
      jobs: 2,
      statementMs: STATEMENT_MS,
      quiet: true,
      queue: { address },
    });
    expect(summary.graded).toBe(students.length);
    expect(read(out, "gradebook.csv")).toBe(read(inProcess, "gradebook.csv"));
  }, 300_000);

  it("grades per-student parameters (grade --seed) as in-process: each student's own values", async () => {
    const seed = "a queue's seed";
    const pdir = mkdtempSync(join(tmpdir(), "nabla-queue-params-"));
    const master = join(pdir, "master.ipynb");
    const masterNb = masterOf([
      { setup: "a = random(2..9)\nb = random([1, 2, 5])", id: "params" },
      { answer: "q1 = a cos(a x)", id: "q1" },
      { test: "expect q1 ≡ d/dx sin(a x) points 2", id: "q1_test", points: 2 },
      { answer: "v = b + 1", id: "q2" },
      { test: "expect v ≡ b + 1 points 1", id: "q2_test", points: 1 },
    ]);
    writeFileSync(master, JSON.stringify(masterNb));
    const roster = ["ann", "ben", "cat", "dan", "eli", "flo"];
    writeFileSync(join(pdir, "roster.csv"), `student\n${roster.join("\n")}\n`);
    const released = join(pdir, "released");
    const quietly = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    expect(assignCommand(master, released, join(pdir, "roster.csv"), seed)).toBe(0);
    quietly.mockRestore();
    const values = (s: string) => studentValues(seed, s, masterParameters(masterNb));
    const own = (s: string) => ({
      q1: `q1 = ${values(s).get("a")} cos(${values(s).get("a")} x)`,
      q2: `v = ${Number(values(s).get("b")) + 1}`,
    });
    const submitted = join(pdir, "submitted");
    mkdirSync(submitted);
    // Everyone answers for their own values except flo, who copies ann's answers.
    for (const s of roster) {
      const nb = readNotebook(readFileSync(join(released, `${s}.ipynb`), "utf8"));
      writeFileSync(join(submitted, `${s}.ipynb`), JSON.stringify(withAnswers(nb, own(s === "flo" ? "ann" : s))));
    }
    const options = { key: master, submissions: [submitted], jobs: 2, quiet: true, seed };
    await gradeClass({ ...options, out: join(pdir, "in-process") });
    await gradeClass({ ...options, out: join(pdir, "queue"), queue: { address } });
    expect(read(join(pdir, "queue"), "gradebook.csv")).toBe(read(join(pdir, "in-process"), "gradebook.csv"));
    const totals = JSON.parse(read(join(pdir, "queue"), "gradebook.json")) as {
      students: { student: string; total: number }[];
    };
    for (const { student, total } of totals.students) {
      const borrowedRight = ["a", "b"].every((name) => values("flo").get(name) === values("ann").get(name));
      if (student !== "flo") expect(total, student).toBe(3);
      else if (!borrowedRight) expect(total, student).toBeLessThan(3);
    }
  }, 300_000);

  it("refuses jobs that are not grading jobs of the format, without running them", async () => {
    const local = await serveQueue({ address, jobs: 1, lockMs: LOCK_S * 1000 });
    const queue = new Queue(QUEUE_NAME, { connection: address.connection, prefix: QUEUE_PREFIX });
    const events = new QueueEvents(QUEUE_NAME, { connection: address.connection, prefix: QUEUE_PREFIX });
    await events.waitUntilReady();
    const text = "{}";
    const good = { v: 1, run: "a".repeat(64), keySha256: "b".repeat(64), student: "s", file: "s.ipynb", text };
    const cases: [string, unknown, RegExp][] = [
      ["shell", { command: "rm -rf /" }, /not a grading job \(its name/],
      ["grade", { ...good, textSha256: sha256(text), command: "x" }, /fields are not the format's/],
      ["grade", { ...good, textSha256: sha256("other") }, /does not match its checksum/],
      ["grade", { ...good, v: 2, textSha256: sha256(text) }, /another version/],
      ["grade", { ...good, student: "a\nb", textSha256: sha256(text) }, /student id is malformed/],
      ["grade", { ...good, textSha256: sha256(text) }, /run's key is not in the queue/],
    ];
    try {
      for (const [i, [name, data, reason]] of cases.entries()) {
        const job = await queue.add(name, data, { jobId: `foreign-${i}`, attempts: 3 });
        await expect(job.waitUntilFinished(events, 30_000)).rejects.toThrow(reason);
        expect(await queue.getJobState(`foreign-${i}`)).toBe("failed");
        expect((await queue.getJob(`foreign-${i}`))!.attemptsMade).toBe(1); // refused once, not retried
      }
      expect(local.graded()).toBe(0);
    } finally {
      await local.close();
      await events.close();
      await queue.close();
    }
  }, 120_000);

  it("connects with a password, and says plainly when it cannot", async () => {
    const secret = await startRedis("s3cret/pw");
    try {
      const { reachable } = await import("../../src/grading/queue/connection.js");
      const ok = parseQueueUrl(secret.url);
      expect(ok.shown).toBe(`redis://:***@127.0.0.1:${secret.port}/0`);
      expect(await reachable(ok)).toBe(null);
      const wrong = parseQueueUrl(`redis://:nope@127.0.0.1:${secret.port}/0`);
      expect(await reachable(wrong)).toMatch(/^the queue at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\/0 cannot be reached: /);
      const env = parseQueueUrl(`redis://127.0.0.1:${secret.port}/0`, { NABLA_QUEUE_PASSWORD: "s3cret/pw" });
      expect(await reachable(env)).toBe(null);
    } finally {
      await secret.stop();
    }
  }, 60_000);
});
