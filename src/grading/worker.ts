// A grading worker thread: receives the key once, then one submission at a time. The thread's
// entry is ./worker-thread.ts; this is what it runs.
import { parentPort, workerData } from "node:worker_threads";
import { readFileSync } from "node:fs";
import { gradeSubmission, prepareKey } from "./grade-one.js";
import { parseNotebook } from "./notebook.js";

interface Job {
  student: string;
  file: string;
}

/** Grades the submissions this worker thread is sent until the pool ends it. */
export function serveGrading(): void {
  const { keyText, statementMs, maxBytes } = workerData as { keyText: string; statementMs: number; maxBytes: number };
  const key = prepareKey(parseNotebook(keyText));

  parentPort!.on("message", (job: Job) => {
    let text: string;
    try {
      const bytes = readFileSync(job.file);
      text = bytes.length > maxBytes ? "" : bytes.toString("utf8");
      if (bytes.length > maxBytes) {
        parentPort!.postMessage({ job, result: gradeSubmission(key, job.student, job.file, "{}", { statementMs }), tooLarge: bytes.length });
        return;
      }
    } catch (err) {
      text = `unreadable: ${(err as Error).message}`;
    }
    parentPort!.postMessage({ job, result: gradeSubmission(key, job.student, job.file, text, { statementMs }) });
  });
}
