// Files the grader reads and writes. Submissions are untrusted: only regular files are read (no
// FIFOs, devices or sockets), a symbolic link is followed only to a file inside the folder it was
// found in, the master key is never read as a submission (by link, hard link or copy), and every
// file's size is checked before it is read. Whatever is refused becomes that student's zero with
// the reason; nothing here throws for one bad entry. Output is written atomically (a temporary file
// renamed into place), so an interrupted run never leaves a half-written gradebook or feedback file.
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readSync,
  readdirSync,
  realpathSync,
  renameSync,
  statSync,
  writeFileSync,
  type Stats,
} from "node:fs";
import { createHash } from "node:crypto";
import { basename, dirname, isAbsolute, join, relative, sep } from "node:path";

export function writeAtomic(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  writeFileSync(tmp, content);
  renameSync(tmp, path);
}

export interface Submission {
  /** The student's distinct id: safe as a file name, unique in the class (also case-insensitively). */
  student: string;
  /** The name as found (the file's or the student folder's), before it was made safe and unique. */
  name: string;
  /** The path as found. */
  file: string;
  /** The regular file to read (the path itself, or where a link inside the folder points). */
  real: string;
  /** Why the file is not read, when it is not. */
  refused?: string;
}

/** What identifies the master key on disk: a submission that is the key is refused. */
export interface KeyIdentity {
  real: string;
  dev: number;
  ino: number;
  size: number;
  sha256: string;
}

/** How deep a class folder is walked, and how many entries at most (a hostile tree stays bounded). */
const MAX_DEPTH = 6;
const MAX_ENTRIES = 200_000;

function kindOf(st: Stats): string {
  if (st.isFIFO()) return "a FIFO (named pipe)";
  if (st.isSocket()) return "a socket";
  if (st.isCharacterDevice() || st.isBlockDevice()) return "a device";
  if (st.isDirectory()) return "a folder";
  if (st.isSymbolicLink()) return "a symbolic link";
  return "not a regular file";
}

function linkProblem(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "ELOOP") return "the file is a symbolic link that loops";
  if (code === "ENOENT" || code === "ENOTDIR") return "the file is a symbolic link to nothing (a dangling link)";
  if (code === "EACCES" || code === "EPERM") return "the file cannot be read (permission denied)";
  return `the file cannot be read (${code ?? "error"})`;
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== "" && rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/** Where a found path is to be read, or why it is refused (links stay inside `root`; the key is refused). */
function locate(path: string, root: string, key: KeyIdentity | null): { real: string; refused?: string } {
  let st: Stats;
  try {
    st = lstatSync(path);
  } catch (err) {
    return { real: path, refused: linkProblem(err) };
  }
  let real = path;
  if (st.isSymbolicLink()) {
    try {
      real = realpathSync(path);
      st = statSync(real);
    } catch (err) {
      return { real: path, refused: linkProblem(err) };
    }
    if (!inside(root, real))
      return { real, refused: "the file is a symbolic link to a file outside the submissions folder" };
  }
  if (!st.isFile()) return { real, refused: `the file is ${kindOf(st)}, not a regular file` };
  if (key && ((st.dev === key.dev && st.ino === key.ino) || real === key.real))
    return { real, refused: "the file is the master key itself (a link to it), not a submission" };
  return { real };
}

/** The key's identity on disk, from its path (an instructor's file: a link to it is followed). */
export function keyIdentity(path: string, bytes: Buffer): KeyIdentity {
  const real = realpathSync(path);
  const st = statSync(real);
  return {
    real,
    dev: st.dev,
    ino: st.ino,
    size: bytes.length,
    sha256: createHash("sha256").update(bytes).digest("hex"),
  };
}

/**
 * Submission files from the arguments: a file is one student (named by the file), a folder holds
 * one notebook per student (nbgrader's submitted/STUDENT/ASSIGNMENT/NOTEBOOK.ipynb or flat files).
 * Every entry named *.ipynb is a submission, readable or not; ids are made distinct (`distinctIds`).
 */
export function findSubmissions(
  paths: string[],
  key: KeyIdentity | null = null,
  skip: string[] = [],
): { submissions: Submission[]; renamed: string[] } {
  // The grader's own output folder (feedback notebooks of an earlier run) is not a class folder.
  const skipped = skip.flatMap((p) => {
    try {
      return [realpathSync(p)];
    } catch {
      return [];
    }
  });
  const found: Omit<Submission, "student">[] = [];
  let entries = 0;
  for (const p of paths) {
    let top: Stats;
    try {
      top = statSync(p);
    } catch (err) {
      found.push({ name: basename(p).replace(/\.ipynb$/, ""), file: p, real: p, refused: linkProblem(err) });
      continue;
    }
    if (!top.isDirectory()) {
      let root = dirname(p);
      try {
        root = realpathSync(root);
      } catch {
        // the folder of a file that was just statted exists; keep the path as given
      }
      found.push({ name: basename(p).replace(/\.ipynb$/, ""), file: p, ...locate(p, root, key) });
      continue;
    }
    const root = realpathSync(p);
    const walk = (dir: string, depth: number) => {
      let names: string[];
      try {
        names = readdirSync(dir).sort();
      } catch {
        return;
      }
      for (const name of names) {
        if (name.startsWith(".") || ++entries > MAX_ENTRIES) continue;
        const full = join(dir, name);
        let st: Stats | null;
        try {
          st = lstatSync(full);
        } catch {
          st = null; // vanished or unreadable: a *.ipynb is still reported below, by locate()
        }
        if (st?.isDirectory()) {
          if (depth < MAX_DEPTH && !skipped.includes(join(root, relative(p, full)))) walk(full, depth + 1);
          continue;
        }
        if (!name.endsWith(".ipynb")) continue;
        const rel = relative(p, full).split(sep);
        found.push({
          name: rel.length > 1 ? rel[0] : name.replace(/\.ipynb$/, ""),
          file: full,
          ...locate(full, root, key),
        });
      }
    };
    walk(p, 0);
  }
  return distinctIds(found);
}

/** A name as a file name: letters, digits, `.`, `_`, `-` (NFC), no leading dot or dash, bounded. */
export function safeName(name: string): string {
  const s = name
    .normalize("NFC")
    .replace(/[^\p{L}\p{N}._-]/gu, "_")
    .replace(/^[.-]+/, "_")
    .slice(0, 80);
  return s || "_";
}

const codepointOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every submission gets its own id: the safe form of its name when no other submission's safe form
 * is the same (compared case-insensitively, as some file systems do), otherwise `NAME-2`, `NAME-3`…
 * skipping ids another submission already has. The order is by name, then path, so the same set of
 * files always gets the same ids; a submission whose name is already safe keeps it first.
 */
export function distinctIds(found: Omit<Submission, "student">[]): { submissions: Submission[]; renamed: string[] } {
  const fold = (s: string) => s.toLowerCase();
  const order = found
    .map((f, i) => ({ f, i, base: safeName(f.name) }))
    .sort(
      (a, b) =>
        Number(a.base !== a.f.name) - Number(b.base !== b.f.name) ||
        codepointOrder(a.f.name, b.f.name) ||
        codepointOrder(a.f.file, b.f.file),
    );
  const wanted = new Map<string, number>();
  for (const o of order) wanted.set(fold(o.base), (wanted.get(fold(o.base)) ?? 0) + 1);
  const taken = new Set<string>();
  const ids = new Array<string>(found.length);
  const renamed: string[] = [];
  // First pass: a base that nobody shares is kept; of a shared base, the first in order keeps it.
  for (const o of order) {
    if (!taken.has(fold(o.base))) {
      taken.add(fold(o.base));
      ids[o.i] = o.base;
    }
  }
  for (const o of order) {
    if (ids[o.i] !== undefined) continue;
    let n = 2;
    while (taken.has(fold(`${o.base}-${n}`)) || wanted.has(fold(`${o.base}-${n}`))) n++;
    const id = `${o.base}-${n}`;
    taken.add(fold(id));
    ids[o.i] = id;
  }
  const submissions = found.map((f, i) => ({ ...f, student: ids[i] }));
  for (const s of submissions) {
    if (s.student !== s.name)
      renamed.push(
        `${s.file} is graded as ${s.student}${wanted.get(fold(safeName(s.name)))! > 1 ? ` (${safeName(s.name)} is shared by ${wanted.get(fold(safeName(s.name)))} submissions)` : " (its name made safe for a file name)"}`,
      );
  }
  return { submissions: submissions.sort((a, b) => codepointOrder(a.student, b.student)), renamed };
}

/**
 * A submission's text, read from an open descriptor that does not follow a link and does not wait
 * on a FIFO, checked to be a regular file of at most `maxBytes` (before anything is read), and not
 * the key (by inode or by content); or why it could not be read.
 */
export function readSubmission(
  s: Pick<Submission, "real" | "refused">,
  maxBytes: number,
  key: KeyIdentity | null,
): { text: string } | { refused: string } {
  if (s.refused) return { refused: s.refused };
  let fd: number;
  try {
    fd = openSync(s.real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (err) {
    return { refused: linkProblem(err) };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { refused: `the file is ${kindOf(st)}, not a regular file` };
    if (key && st.dev === key.dev && st.ino === key.ino)
      return { refused: "the file is the master key itself (a link to it), not a submission" };
    if (st.size > maxBytes) return { refused: `the file has ${st.size} bytes; the limit is ${maxBytes}` };
    // Read at most one byte past the stated size: a file that grows meanwhile is refused too.
    const buf = Buffer.alloc(st.size + 1);
    let got = 0;
    for (;;) {
      const n = readSync(fd, buf, got, buf.length - got, null);
      if (n === 0) break;
      got += n;
      if (got > maxBytes || got === buf.length) break;
    }
    if (got > st.size || got > maxBytes)
      return { refused: `the file grew while it was read (over ${Math.min(st.size, maxBytes)} bytes)` };
    const bytes = buf.subarray(0, got);
    if (key && got === key.size && createHash("sha256").update(bytes).digest("hex") === key.sha256) {
      return { refused: "the file is a copy of the master key, not a submission" };
    }
    return { text: bytes.toString("utf8") };
  } catch (err) {
    return { refused: linkProblem(err) };
  } finally {
    closeSync(fd);
  }
}
