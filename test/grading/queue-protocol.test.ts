// The queue's URLs and job format, without Redis: what a worker accepts is exactly a grading job
// of this version with matching checksums; the ids are derived, so a restarted run finds its jobs.
import { afterEach, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main.js";
import { parseQueueUrl, QueueUrlError } from "../../src/grading/queue/connection.js";
import {
  jobIdOf,
  runIdOf,
  sha256,
  validateJob,
  validateResult,
  validateRun,
  type GradingJob,
} from "../../src/grading/queue/protocol.js";

describe("queue URLs", () => {
  it("reads host, port, database and password, and never shows the password", () => {
    const a = parseQueueUrl("redis://:p%40ss@example.org:6380/3");
    expect(a.connection).toMatchObject({ host: "example.org", port: 6380, db: 3, password: "p@ss" });
    expect(a.shown).toBe("redis://:***@example.org:6380/3");
    expect(parseQueueUrl("redis://localhost").connection).toMatchObject({ port: 6379, db: 0 });
    expect(parseQueueUrl("rediss://u:pw@h:1/0").connection).toMatchObject({ username: "u", tls: { servername: "h" } });
    expect(parseQueueUrl("redis://h:1", { NABLA_QUEUE_PASSWORD: "env" }).connection).toMatchObject({ password: "env" });
  });

  it.each([
    ["localhost:6379", /not a URL|redis:\/\//],
    ["http://h:1", /must start with redis:\/\//],
    ["redis://h:1/16", /0 to 15/],
    ["redis://h:1/x", /0 to 15/],
    ["redis://h:1/0?x=1", /no \?query/],
  ])("refuses %s plainly", (url, message) => {
    expect(() => parseQueueUrl(url)).toThrow(QueueUrlError);
    expect(() => parseQueueUrl(url)).toThrow(message);
  });
});

describe("grading jobs", () => {
  const text = '{"cells": []}';
  const good: GradingJob = {
    v: 1,
    run: "a".repeat(64),
    keySha256: sha256("key"),
    student: "s1",
    file: "s1.ipynb",
    text,
    textSha256: sha256(text),
  };

  it("accepts exactly the format", () => {
    expect(validateJob("grade", { ...good })).toEqual(good);
  });

  it.each([
    ["another name", "exec", good, /not a grading job/],
    ["an extra field", "grade", { ...good, eval: "1" }, /fields/],
    [
      "a missing field",
      "grade",
      Object.fromEntries(Object.entries(good).filter(([k]) => k !== "textSha256")),
      /fields/,
    ],
    ["not an object", "grade", "rm -rf /", /fields/],
    ["an array", "grade", [good], /fields/],
    ["another version", "grade", { ...good, v: 2 }, /version/],
    ["a changed text", "grade", { ...good, text: text + " " }, /checksum/],
    ["a malformed run id", "grade", { ...good, run: "../../etc" }, /run id/],
    ["a control character in the id", "grade", { ...good, student: "a\u0000b" }, /student id/],
    ["a number for the text", "grade", { ...good, text: 5 }, /text/],
  ])("refuses %s", (_, name, data, message) => {
    expect(validateJob(name, data)).toMatch(message);
  });

  it("checks the run's key against its checksum, and the job's", () => {
    const record = {
      v: 1,
      seed: null,
      keyText: "key",
      keySha256: sha256("key"),
      statementMs: 5000,
      submissionMs: 60000,
      workerMemoryMb: 1024,
    };
    expect(validateRun(JSON.stringify(record), good)).toEqual(record);
    expect(validateRun(JSON.stringify({ ...record, keyText: "other" }), good)).toMatch(/checksum/);
    expect(validateRun(JSON.stringify(record), { ...good, keySha256: sha256("other") })).toMatch(/checksum/);
    expect(validateRun(JSON.stringify({ ...record, workerMemoryMb: 1e9 }), good)).toMatch(/memory/);
    expect(validateRun(JSON.stringify({ ...record, extra: 1 }), good)).toMatch(/malformed/);
    expect(validateRun(null, good)).toMatch(/not in the queue/);
    expect(validateRun("{", good)).toMatch(/not JSON/);
  });

  it("takes a worker's answer only for the job's student and in the result's shape", () => {
    const result = { student: "s1", file: "f", total: 1, possible: 2, grades: [], problems: [], runs: [] };
    expect(validateResult(result, "s1")).toEqual(result);
    expect(validateResult(result, "s2")).toMatch(/another student/);
    expect(validateResult({ ...result, total: "1" }, "s1")).toMatch(/malformed/);
    expect(
      validateResult({ ...result, grades: [{ gradeId: "q", earned: NaN, possible: 1, verdicts: [] }] }, "s1"),
    ).toMatch(/malformed/);
  });

  it("derives the same ids from the same key, limits and submissions, in any order", () => {
    const limits = { statementMs: 5000, submissionMs: 60000, workerMemoryMb: 1024 };
    const subs = [
      { student: "b", file: "b.ipynb" },
      { student: "a", file: "a.ipynb" },
    ];
    const run = runIdOf(sha256("key"), limits, subs);
    expect(runIdOf(sha256("key"), limits, [...subs].reverse())).toBe(run);
    expect(runIdOf(sha256("key2"), limits, subs)).not.toBe(run);
    expect(runIdOf(sha256("key"), { ...limits, statementMs: 1 }, subs)).not.toBe(run);
    expect(runIdOf(sha256("key"), limits, subs.slice(1))).not.toBe(run);
    expect(runIdOf(sha256("key"), limits, subs, "secret")).not.toBe(run);
    expect(jobIdOf(run, "a", sha256("x"))).toBe(jobIdOf(run, "a", sha256("x")));
    expect(jobIdOf(run, "a", sha256("x"))).not.toBe(jobIdOf(run, "a", sha256("y")));
    expect(jobIdOf(run, "a", sha256("x"))).not.toContain(":");
  });
});

describe("the queue's options", () => {
  afterEach(() => vi.restoreAllMocks());

  it.each([
    [["grade", "--key", "k.ipynb", "--queue", "http://h:1", "s"], /--queue.*must start with redis:\/\//],
    [["grade", "--key", "k.ipynb", "--export", "excel", "s"], /--export.*'excel' is invalid.*canvas, moodle/],
    [["grade", "--key", "k.ipynb", "--lock-timeout", "0", "s"], /--lock-timeout.*'0' is invalid/],
    [["worker"], /required option '--queue <url>'/],
    [["worker", "--queue", "redis://h:1/99"], /0 to 15/],
    [["worker", "--queue", "redis://h:1", "--jobs", "0"], /--jobs.*whole number from 1/],
  ])("nabla %j is a one-line message and exit code 2", async (argv, message) => {
    let stderr = "";
    vi.spyOn(process.stderr, "write").mockImplementation((s) => ((stderr += String(s)), true));
    vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    expect(await main(argv)).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("says plainly when the queue cannot be reached", async () => {
    let stderr = "";
    vi.spyOn(process.stderr, "write").mockImplementation((s) => ((stderr += String(s)), true));
    expect(await main(["worker", "--queue", "redis://127.0.0.1:1/0"])).toBe(1);
    expect(stderr).toMatch(/^nabla worker: the queue at redis:\/\/127\.0\.0\.1:1\/0 cannot be reached: /);
  });
});
