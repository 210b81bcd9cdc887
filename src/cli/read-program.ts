// A program's text for `nabla eval` and `nabla render`, read in one bounded pass: a file past the
// size a program may have, or a stream without end (/dev/zero), is refused with the size read
// instead of being read whole (`nabla eval /dev/zero` held 16 GB and aborted). Pipes and devices
// are read like files, to their end or to the bound: /dev/null is an empty program, /dev/stdin and
// a shell's <(…) are the text sent.
import { closeSync, fstatSync, openSync, readSync } from "node:fs";

/** UTF-8 takes at most 3 bytes for each UTF-16 code unit (4 for a surrogate pair's two). */
const BYTES_PER_CHAR = 3;

/** A program that is not read: the reason, in words. */
export class ProgramRefused extends Error {}

/**
 * The text of `file` ("-": standard input), or an error when it is not a file one can read to its end
 * or holds more than `maxChars` characters (a notebook page is read under `maxBytes` instead).
 */
export function readProgram(
  file: string,
  maxChars: number,
  maxBytes = maxChars * BYTES_PER_CHAR + BYTES_PER_CHAR,
): string {
  const fd = file === "-" ? 0 : openSync(file, "r");
  try {
    if (fd !== 0) {
      const stat = fstatSync(fd);
      if (stat.isDirectory()) throw new ProgramRefused("it is a folder, not a file");
      if (stat.isFile() && stat.size > maxBytes) throw tooLarge(stat.size, maxChars);
    }
    const chunks: Buffer[] = [];
    let total = 0;
    const chunk = Buffer.alloc(1 << 16);
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, chunk, 0, chunk.length, null);
      } catch (err) {
        // A pipe left non-blocking by whoever opened it: wait for it.
        if ((err as NodeJS.ErrnoException).code !== "EAGAIN") throw err;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
        continue;
      }
      if (n === 0) break;
      chunks.push(Buffer.from(chunk.subarray(0, n)));
      total += n;
      if (total > maxBytes) throw tooLarge(total, maxChars, true);
    }
    return Buffer.concat(chunks, total).toString("utf8");
  } finally {
    if (fd !== 0) closeSync(fd);
  }
}

function tooLarge(bytes: number, maxChars: number, more = false): ProgramRefused {
  const mb = (b: number) => `${(b / 1048576).toFixed(1)} MB`;
  return new ProgramRefused(
    `it holds ${more ? "more than " : ""}${mb(bytes)}; a program may have ${maxChars.toLocaleString("en-US")} characters`,
  );
}
