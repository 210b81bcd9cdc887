// How the CLI and the kernel let `load("file.csv")` read a file: regular files only (not a device
// such as /dev/zero, a pipe or a folder), no larger than the statement's byte limit, read in one
// bounded pass so a file that grows while it is read cannot take more.
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { currentLimits, reserveBytes } from "../budget.js";

export function readDataFile(path: string): string {
  const fd = openSync(path, "r");
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new Error(`${path} is not a regular file`);
    const cap = currentLimits().totalBytes;
    reserveBytes(stat.size, `the file ${path}`); // its own size in the message: 5 GB, not "256 MB; the limit is 256 MB"
    const buffer = Buffer.alloc(Math.min(stat.size, cap) + 1);
    let length = 0;
    for (let n; length < buffer.length && (n = readSync(fd, buffer, length, buffer.length - length, null)) > 0;)
      length += n;
    if (length > cap) reserveBytes(length, `the file ${path}`);
    return buffer.toString("utf8", 0, length);
  } finally {
    closeSync(fd);
  }
}
