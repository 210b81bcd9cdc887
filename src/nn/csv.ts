// A data set from CSV text: a header row, numeric columns, the last column the class label
// (0/1 for two classes, 0…k−1 or any names for more), or a real-valued target for regression.
import type { Dataset } from "./datasets.js";
import { reserveEntries } from "../budget.js";

export function datasetFromCsv(name: string, text: string): Dataset {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  if (lines.length < 2) throw new Error("the CSV needs a header row and at least one row of data");
  const header = lines[0].split(",");
  if (header.length < 2) throw new Error("the CSV needs at least one feature column and a label column");
  const features = header.length - 1;
  reserveEntries((lines.length - 1) * header.length, `the data set in ${name}`);
  const X: number[] = [];
  const labels: string[] = [];
  lines.slice(1).forEach((line, i) => {
    const cells = line.split(",").map((c) => c.trim());
    if (cells.length !== header.length)
      throw new Error(`row ${i + 2} has ${cells.length} values; the header has ${header.length}`);
    cells.slice(0, features).forEach((c, j) => {
      const v = Number(c);
      if (!Number.isFinite(v)) throw new Error(`row ${i + 2}, column ${header[j]}: ${c} is not a number`);
      X.push(v);
    });
    labels.push(cells[features]);
  });
  // Real-valued targets (some not whole numbers) are a regression target, not class names.
  const numeric = labels.map((l) => (l === "" ? NaN : Number(l)));
  if (numeric.every(Number.isFinite) && numeric.some((v) => !Number.isInteger(v)))
    return {
      name,
      X: Float64Array.from(X),
      y: Float64Array.from(numeric),
      samples: labels.length,
      features,
      outputs: 1,
      classes: 0,
    };
  const classes = [...new Set(labels)].sort((a, b) =>
    Number.isFinite(Number(a)) && Number.isFinite(Number(b)) ? Number(a) - Number(b) : a.localeCompare(b),
  );
  const outputs = classes.length > 2 ? classes.length : 1;
  const y = new Float64Array(labels.length * outputs);
  labels.forEach((l, i) => {
    const c = classes.indexOf(l);
    if (outputs === 1) y[i] = c;
    else y[i * outputs + c] = 1;
  });
  return {
    name,
    X: Float64Array.from(X),
    y,
    samples: labels.length,
    features,
    outputs,
    classes: Math.max(classes.length, 2),
  };
}
