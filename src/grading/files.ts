// Files the grader writes: always atomically (a temporary file renamed into place), so an
// interrupted run never leaves a half-written gradebook or feedback file.
import { mkdirSync, renameSync, writeFileSync, readdirSync, statSync } from "node:fs";
import { basename, dirname, join, relative, sep } from "node:path";

export function writeAtomic(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  writeFileSync(tmp, content);
  renameSync(tmp, path);
}

export interface Submission {
  student: string;
  file: string;
}

/**
 * Submission files from the arguments: a file is one student (named by the file), a folder holds
 * one notebook per student (nbgrader's submitted/STUDENT/ASSIGNMENT/NOTEBOOK.ipynb or flat files).
 */
export function findSubmissions(paths: string[]): Submission[] {
  const out: Submission[] = [];
  for (const p of paths) {
    const st = statSync(p);
    if (st.isFile()) {
      out.push({ student: basename(p).replace(/\.ipynb$/, ""), file: p });
      continue;
    }
    const walk = (dir: string) => {
      for (const name of readdirSync(dir).sort()) {
        const full = join(dir, name);
        if (name.startsWith(".")) continue;
        if (statSync(full).isDirectory()) walk(full);
        else if (name.endsWith(".ipynb")) {
          const rel = relative(p, full).split(sep);
          out.push({ student: rel.length > 1 ? rel[0] : name.replace(/\.ipynb$/, ""), file: full });
        }
      }
    };
    walk(p);
  }
  const seen = new Map<string, number>();
  for (const s of out) {
    const n = seen.get(s.student) ?? 0;
    seen.set(s.student, n + 1);
    if (n > 0) s.student = `${s.student}-${n + 1}`;
  }
  return out;
}
