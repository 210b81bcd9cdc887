// bin/nabla, the launcher: it starts Node from the start-up snapshot only when the snapshot's stamp
// names this Node binary, the bundle and the folder and NODE_OPTIONS is empty; in every other case
// (no snapshot, a stale one after Node changed, NODE_OPTIONS, a moved bundle, a checkout) it runs
// bin/nabla.mjs, the normal load. Tested on a package laid out in a temporary folder, with a small
// real snapshot that says it ran and a bin/nabla.mjs that says the same.
import { beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { STAMP, stampFor } from "../src/bundle/make-snapshot.js";

const ROOT = join(import.meta.dirname, "..");
const SAYS = `process.stdout.write(JSON.stringify({ from: FROM, args: process.argv.slice(ARGS), certs: process.env.NODE_EXTRA_CA_CERTS ?? null }) + "\\n");
let input = ""; process.stdin.on("data", (d) => (input += d)).on("end", () => { if (input) process.stdout.write(input); process.exitCode = input.startsWith("fail") ? 3 : 0; });`;
const SNAPSHOT_MAIN = `require("node:v8").startupSnapshot.setDeserializeMainFunction(() => { ${SAYS.replace("FROM", '"snapshot"').replace("ARGS", "1")} });`;
const NORMAL = SAYS.replace("FROM", '"normal"').replace("ARGS", "2");

interface Package {
  root: string;
  dist: string;
  launcher: string;
}

/** bin/nabla, a bin/nabla.mjs that says it ran, dist/nabla.cjs, a snapshot and its stamp. */
function makePackage(parent: string, name: string, snapshotBlob: string): Package {
  const root = join(parent, name);
  const dist = join(root, "dist");
  mkdirSync(join(root, "bin"), { recursive: true });
  mkdirSync(dist);
  const launcher = join(root, "bin", "nabla");
  copyFileSync(join(ROOT, "bin", "nabla"), launcher);
  writeFileSync(join(root, "bin", "nabla.mjs"), NORMAL);
  writeFileSync(join(dist, "nabla.cjs"), "// the bundle\n");
  copyFileSync(snapshotBlob, join(dist, "nabla.blob"));
  writeFileSync(join(dist, STAMP), stampFor(dist) + "\n");
  return { root, dist, launcher };
}

function launch(p: Package | string, args: string[], env: Record<string, string | undefined> = {}, input = "") {
  const r = spawnSync(typeof p === "string" ? p : p.launcher, args, {
    input,
    encoding: "utf8",
    env: { ...process.env, NODE_OPTIONS: undefined, NABLA_NO_SNAPSHOT: undefined, NABLA_USE_DIST: undefined, ...env },
  });
  const [first, ...rest] = r.stdout.split("\n");
  return { status: r.status, stderr: r.stderr, rest: rest.join("\n"), ...(JSON.parse(first) as object) };
}

describe("bin/nabla", () => {
  const work = mkdtempSync(join(tmpdir(), "nabla-launcher-"));
  const blob = join(work, "says.blob");
  beforeAll(() => {
    writeFileSync(join(work, "says.cjs"), SNAPSHOT_MAIN);
    const built = spawnSync(process.execPath, ["--snapshot-blob", blob, "--build-snapshot", join(work, "says.cjs")], {
      encoding: "utf8",
      env: { ...process.env, NODE_OPTIONS: undefined },
    });
    expect(built.status, built.stderr).toBe(0);
  });

  it("starts from the snapshot when its stamp matches, with every argument and standard input as given", () => {
    const p = makePackage(work, "fresh", blob);
    const args = ["eval", "--json", "-", "two words", "--help", "--", "$HOME", "*"];
    expect(launch(p, args, {}, "1 + 1\n")).toMatchObject({ from: "snapshot", args, rest: "1 + 1\n", status: 0 });
    expect(launch(p, [])).toMatchObject({ from: "snapshot", args: [] });
    // The exit status is the command's.
    expect(launch(p, ["eval", "-"], {}, "fail\n")).toMatchObject({ from: "snapshot", status: 3 });
  });

  it("starts from the snapshot through the symlink npm puts on the PATH", () => {
    makePackage(work, "linked", blob);
    mkdirSync(join(work, "prefix-bin"));
    const link = join(work, "prefix-bin", "nabla");
    symlinkSync(join("..", "linked", "bin", "nabla"), link);
    expect(launch(link, ["eval", "-"])).toMatchObject({ from: "snapshot", args: ["eval", "-"] });
  });

  it("loads normally without a snapshot, its stamp, or with NABLA_NO_SNAPSHOT=1", () => {
    const p = makePackage(work, "none", blob);
    expect(launch(p, ["eval", "-"], { NABLA_NO_SNAPSHOT: "1" })).toMatchObject({ from: "normal", args: ["eval", "-"] });
    rmSync(join(p.dist, STAMP));
    expect(launch(p, ["eval", "-"])).toMatchObject({ from: "normal" });
    writeFileSync(join(p.dist, STAMP), stampFor(p.dist) + "\n");
    rmSync(join(p.dist, "nabla.blob"));
    expect(launch(p, ["eval", "-"], {}, "x\n")).toMatchObject({ from: "normal", rest: "x\n", status: 0 });
  });

  it("loads normally when Node is another binary than the one that made the snapshot (upgraded, switched, a shim)", () => {
    const p = makePackage(work, "other-node", blob);
    // Another `node` first on the PATH: a wrapper that runs the same Node (as version managers' shims do).
    const shims = join(work, "shims");
    mkdirSync(shims);
    writeFileSync(join(shims, "node"), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} "$@"\n`, { mode: 0o755 });
    const PATH = `${shims}:${dirname(process.execPath)}:/usr/bin:/bin`;
    expect(launch(p, ["eval", "-"], { PATH })).toMatchObject({ from: "normal", args: ["eval", "-"] });
    // The same path, but the binary replaced (an upgrade in place): the stamp's file identity differs.
    const [dev, ino, size, mtime, ...rest] = readFileSync(join(p.dist, STAMP), "utf8").trim().split(" ");
    writeFileSync(join(p.dist, STAMP), [dev, ino, size, String(Number(mtime) + 1), ...rest].join(" ") + "\n");
    expect(launch(p, ["eval", "-"])).toMatchObject({ from: "normal" });
  });

  it("loads normally when the bundle changed after the snapshot, or the package moved", () => {
    const p = makePackage(work, "rebuilt", blob);
    utimesSync(join(p.dist, "nabla.cjs"), new Date(), new Date(Date.now() + 5000));
    expect(launch(p, ["eval", "-"])).toMatchObject({ from: "normal" });
    const q = makePackage(work, "moved", blob);
    const stamp = readFileSync(join(q.dist, STAMP), "utf8");
    writeFileSync(join(q.dist, STAMP), stamp.replace(q.dist, join(work, "elsewhere", "dist")));
    expect(launch(q, ["eval", "-"])).toMatchObject({ from: "normal" });
  });

  it("loads normally under NODE_OPTIONS, which a snapshot does not survive (V8 refuses it)", () => {
    const p = makePackage(work, "options", blob);
    expect(launch(p, ["eval", "-"], { NODE_OPTIONS: "--max-old-space-size=300" })).toMatchObject({
      from: "normal",
      status: 0,
      stderr: "",
    });
    // What the launcher avoids: the same snapshot started under that option.
    const refused = spawnSync(process.execPath, [
      "--max-old-space-size=300",
      "--snapshot-blob",
      join(p.dist, "nabla.blob"),
    ]);
    expect(refused.status).not.toBe(0);
  });

  it("in a development checkout runs bin/nabla.mjs (the sources) unless NABLA_USE_DIST=1", () => {
    const p = makePackage(work, "checkout", blob);
    mkdirSync(join(p.root, "src", "cli"), { recursive: true });
    writeFileSync(join(p.root, "src", "cli", "main.ts"), "");
    expect(launch(p, ["eval", "-"])).toMatchObject({ from: "normal" });
    expect(launch(p, ["eval", "-"], { NABLA_USE_DIST: "1" })).toMatchObject({ from: "snapshot" });
  });

  it("starts the commands that never open a connection without NODE_EXTRA_CA_CERTS, which Node reads at every start", () => {
    const p = makePackage(work, "certs", blob);
    const certs = join(work, "extra-ca.pem");
    writeFileSync(certs, "");
    for (const command of ["eval", "repl", "render", "assign", "install-kernel"])
      for (const from of ["snapshot", "normal"])
        expect(
          launch(p, [command], { NODE_EXTRA_CA_CERTS: certs, NABLA_NO_SNAPSHOT: from === "normal" ? "1" : undefined }),
        ).toMatchObject({ from, certs: null });
    // A grading queue may be reached over TLS (rediss://): grade and worker keep the certificates.
    for (const command of ["grade", "worker", "--help"])
      expect(launch(p, [command], { NODE_EXTRA_CA_CERTS: certs })).toMatchObject({ certs });
  });
});
