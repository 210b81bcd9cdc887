// Makes the CLI's V8 start-up snapshot, dist/nabla.blob (the heap after src/bundle/snapshot.ts
// ran), and its stamp, dist/nabla.blob.stamp, which bin/nabla compares before starting from it.
//
// A snapshot fits only the Node binary that made it, run without V8 options (another binary,
// another version or NODE_OPTIONS make Node refuse it, or crash). So the stamp names the binary by
// its file (device, inode, size, modification time, as `stat -L` prints them), the bundle the same
// way and the folder: bin/nabla starts from the snapshot only when all three are unchanged and
// NODE_OPTIONS is empty, and otherwise loads the bundle as before. `npm run build` makes it, and the
// package's postinstall for the Node that installs it; a snapshot that does not answer `1 + 1`
// correctly gets no stamp, so it is never used.
import { spawnSync } from "node:child_process";
import { realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const BLOB = "nabla.blob";
export const STAMP = "nabla.blob.stamp";

/** `stat -L --printf '%d %i %s %Y '` of the file, without the trailing space. */
function fileId(path: string): string {
  const s = statSync(path, { bigint: true });
  return `${s.dev} ${s.ino} ${s.size} ${s.mtimeNs / 1_000_000_000n}`;
}

/** The line bin/nabla compares: the Node binary's and the bundle's file identities, and the folder. */
export function stampFor(dist: string, node = process.execPath): string {
  const real = realpathSync(dist);
  return `${fileId(node)} ${fileId(join(real, "nabla.cjs"))} ${real}`;
}

export interface SnapshotReport {
  ok: boolean;
  /** Why there is no snapshot, when there is none. */
  reason?: string;
  warm?: boolean;
  bytes?: number;
  ms: number;
}

function run(args: string[], input?: string, extra: Record<string, string> = {}) {
  const env = { ...process.env, ...extra };
  delete env.NODE_OPTIONS; // the snapshot is made, and used, without V8 options
  return spawnSync(process.execPath, args, { input, encoding: "utf8", env, timeout: 300_000 });
}

/** Builds dist/nabla.blob from dist/nabla.cjs and dist/nabla-snapshot.cjs, checks it, stamps it. */
export function makeSnapshot(dist: string): SnapshotReport {
  const started = performance.now();
  const blob = join(dist, BLOB);
  const temporary = `${blob}.${process.pid}.tmp`;
  rmSync(join(dist, STAMP), { force: true });
  let failure = "";
  for (const warm of [true, false]) {
    const built = run(
      ["--snapshot-blob", temporary, "--build-snapshot", join(dist, "nabla-snapshot.cjs")],
      undefined,
      warm ? {} : { NABLA_SNAPSHOT_WARM: "0" },
    );
    // (The warm-up's parts can fail where a plain load does not: V8 refuses some heaps.)
    if (built.status !== 0) {
      failure = `building it failed (${built.status ?? built.signal}): ${(built.stderr ?? "").trim().split("\n").at(-1)}`;
      rmSync(temporary, { force: true });
      continue;
    }
    const probe = run(["--snapshot-blob", temporary, "--", "eval", "-"], "1 + 1\n");
    if (probe.status !== 0 || probe.stdout !== "2\n") {
      failure = `it answers 1 + 1 with ${JSON.stringify(probe.stdout)} (exit ${probe.status ?? probe.signal})`;
      rmSync(temporary, { force: true });
      break;
    }
    renameSync(temporary, blob);
    writeFileSync(`${join(dist, STAMP)}.tmp`, stampFor(dist) + "\n");
    renameSync(`${join(dist, STAMP)}.tmp`, join(dist, STAMP));
    return { ok: true, warm, bytes: statSync(blob).size, ms: performance.now() - started };
  }
  rmSync(blob, { force: true });
  return { ok: false, reason: failure, ms: performance.now() - started };
}

/** The package's postinstall: a snapshot for the Node that installed it; never fails the install. */
export function postinstall(): void {
  if (process.platform === "win32") return;
  try {
    const r = makeSnapshot(join(dirname(fileURLToPath(import.meta.url)), "..", ".."));
    if (!r.ok) console.warn(`nabla: no start-up snapshot (${r.reason}); nabla starts without it`);
  } catch (err) {
    console.warn(`nabla: no start-up snapshot (${(err as Error).message}); nabla starts without it`);
  }
}
