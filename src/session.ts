// One notebook's state and the public API: `new Session().run(code)` gives one result per statement.
import { DEFAULT_LIMITS, Environment, type Limits, type UserFunction } from "./environment.js";
import { MathFailure, interruptError, isStop, limitError, mathError } from "./errors.js";
import { isNumber, sym, tuple } from "./graph/construct.js";
import type { Node } from "./graph/node.js";
import { guardSessionMemory, nameLargestValues, setBudget } from "./budget.js";
import { drawEffect } from "./render/plot/draw.js";
import { typesetHelp } from "./render/help.js";
import { describeShape, isScalar } from "./graph/shape.js";
import { freeSymbols } from "./graph/traverse.js";
import { floatValue } from "./graph/evalf.js";
import { Evaluator } from "./engine/evaluate.js";
import { recursiveDefinition } from "./engine/recursion.js";
import { latexIn, prettyIn, renderLatex, toLatex, toPretty, toText } from "./render/index.js";
import { bareDefaults, type BareDefaults } from "./engine/matrix-calculus-sizes.js";
import { latexText, shortFloat } from "./graph/print/style.js";
import { scoreLatex, scoreText, verdictLatex, verdictText } from "./render/verdicts.js";
import type { Effect, NablaError, StatementResult } from "./results.js";
import { locate, parseErrorMessage } from "./syntax/errors.js";
import { scanAll } from "./syntax/scanner.js";
import { parseStatement, refuseLookalikes } from "./syntax/to-ast.js";
import { fastParse } from "./syntax/fast-parse.js";
import type { Expr, Statement } from "./syntax/ast.js";
import { compare, type Comparison } from "./engine/check.js";
import { guardsOf, rememberDomain } from "./engine/check/typed-domain.js";
import { isDistribution } from "./engine/probability.js";
import { str } from "./graph/construct.js";
import { optimum } from "./engine/solve/optimum.js";
import { trainStatement } from "./engine/networks.js";
import { deltaFormOf, nameLayer } from "./engine/networks-apply.js";
import { runExpect, type AnswerSource, type ExpectOutcome } from "./engine/expect.js";
import { Provenance, definedName } from "./engine/provenance.js";
import { noteTyping, startStatement } from "./engine/variable-order.js";
import { compile, type CompiledExpression } from "./engine/compile.js";

export interface SessionOptions {
  limits?: Partial<Limits>;
  /** A view on shared memory; when its first element is nonzero the running statement stops. */
  interrupt?: Int32Array;
  /** Called as each effect happens (progress of long work), besides collecting it in the result. */
  onEffect?: (effect: Effect) => void;
  /** Called with each statement's result as soon as it is ready. */
  onResult?: (result: StatementResult) => void;
  /**
   * Called while a statement runs, each time it checks its budget (every few thousand nodes made, and in loops that
   * make none): a front end's turn to show what earlier statements left it to write (the CLI writes in batches).
   */
  onBusy?: () => void;
  /** Lets `load("file.csv")` read files (the CLI and the kernel); the grader leaves it out. */
  readFile?: (path: string) => string;
  /**
   * Called after each statement that ran without an error, with its syntax tree and the cell's text (the grader traces
   * what each answer was computed with).
   */
  onStatement?: (statement: Statement, code: string) => void;
  /**
   * Where `expect` reads the answers on the left of ≡; by default this session's own names (the grader supplies the
   * student's).
   */
  answers?: AnswerSource;
}

interface Shown {
  value: Node;
  verdict?: Comparison;
  score?: ExpectOutcome;
  name?: string;
  /** A definition shows `f(x, y) = body`: its left side in one form. */
  lhs?: (form: Form) => string;
  /** Between the name and the value: `=`, or `∼` for a random variable drawn from a distribution. */
  sign?: "=" | "∼";
  silent?: boolean;
}

const NOTHING = tuple([]);

export class Session {
  readonly env = new Environment();
  readonly limits: Limits;
  private readonly evaluator = new Evaluator(this.env);
  /** What each name was computed with, for `expect … forbid` in the notebook's own visible tests. */
  private readonly provenance = new Provenance();

  constructor(private readonly options: SessionOptions = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.env.readFile = options.readFile ?? null;
  }

  /**
   * Runs `code` and compiles its last value into a float program: derive once, evaluate many
   * times. `session.compile("∇²_w L").run({ X, w, t })` is the logistic loss's Hessian at w.
   * Throws the statement's error (with its line and column) when the code fails.
   */
  compile(code: string): CompiledExpression {
    const results = this.run(code);
    const last = results.at(-1);
    const failed = results.find((r) => r.status === "error");
    if (failed?.error) throw new MathFailure(failed.error.kind, failed.error.message);
    if (!last?.value) throw new MathFailure("math", "there is no value to compile");
    return compile(last.value);
  }

  run(code: string): StatementResult[] {
    return [...this.runEach(code)];
  }

  /**
   * The cell's results one statement at a time, each as soon as it is computed: a caller that gives
   * the event loop a turn between them (`nabla eval`) shows progress and lets V8 free the nodes a
   * finished statement no longer holds (a WeakRef keeps its target alive until the running job ends,
   * so one synchronous run of a long file would keep every node it ever interned).
   */
  *runEach(code: string): Generator<StatementResult, void, undefined> {
    // A lone carriage return (old Mac files) ends a line, as \r\n and \n do; one for one, so every
    // offset, line and column stays the text's own.
    code = code.replace(/\r(?!\n)/g, "\n");
    if (code.length > this.limits.sourceChars) {
      yield this.failure(
        code,
        0,
        0,
        limitError(
          `the cell has ${code.length.toLocaleString("en-US")} characters; the limit is ${this.limits.sourceChars.toLocaleString("en-US")}`,
        ),
      );
      return;
    }
    // A broken statement (an unclosed bracket, say) is reported in its place and the cell reads on.
    for (const [index, part] of scanAll(code).entries()) {
      let result: StatementResult;
      if (part.kind === "statement") {
        const st = part.statement;
        result = this.runStatement(code, st.text, st.offset, st.silent, index);
      } else {
        // The broken statement's own text: an unclosed bracket's error points at its end.
        const { offset, message } = parseErrorMessage(code.slice(0, part.end), part.problem);
        const failure = new MathFailure("parse", message, { start: offset, end: offset + 1 });
        result = this.failure(code, part.start, index, failure, code.slice(part.start, part.end).trim());
      }
      this.options.onResult?.(result);
      yield result;
      // An interrupt stops the cell: later statements do not run.
      if (result.error?.kind === "interrupt") return;
    }
  }

  private runStatement(code: string, text: string, offset: number, silent: boolean, index: number): StatementResult {
    startStatement();
    const depth = maxDepth(text);
    if (depth > this.limits.depth) {
      return this.failure(
        code,
        offset,
        index,
        limitError(`brackets are nested ${depth} deep; the limit is ${this.limits.depth}`, {
          start: offset,
          end: offset + 1,
        }),
        text,
      );
    }
    let parsed;
    try {
      const long = text.length > this.limits.grammarChars;
      // The long path skips parseStatement, so it asks for look-alike letters itself.
      const refused = long ? refuseLookalikes(text, offset) : null;
      const fast = long && !refused ? fastParse(text, offset) : null;
      if (long && !fast && !refused)
        throw limitError(
          `the statement has ${text.length.toLocaleString("en-US")} characters; one that uses ∇, Σ, expect or another form the quick reader does not take is read up to ${this.limits.grammarChars.toLocaleString("en-US")}: store its parts in names and combine them`,
          { start: offset, end: offset + 1 },
        );
      parsed = refused ?? (fast ? { ok: true as const, statement: fast } : parseStatement(text, offset));
      // eslint-disable-next-line nabla/no-swallowed-stop -- where failures land: failure() keeps a stop's reason
    } catch (err) {
      return this.failure(
        code,
        offset,
        index,
        err instanceof RangeError
          ? limitError("the statement is too deeply nested to parse", { start: offset, end: offset + 1 })
          : err,
        text,
      );
    }
    if (!parsed.ok) {
      const message = parsed.refused
        ? parsed.message
        : parseErrorMessage(code, { reason: "syntax", offset: parsed.offset, expected: parsed.expected }).message;
      return this.failure(
        code,
        offset,
        index,
        new MathFailure("parse", message, { start: parsed.offset, end: parsed.offset + 1 }),
        text,
      );
    }
    this.env.effects = [];
    this.env.emit = (emitted) => {
      const effect = typesetHelp(drawEffect(emitted));
      this.env.effects.push(effect);
      this.options.onEffect?.(effect);
    };
    const deadline = Date.now() + this.limits.timeMs;
    const interrupt = this.options.interrupt;
    const onBusy = this.options.onBusy;
    setBudget(() => {
      onBusy?.();
      if (interrupt && Atomics.load(interrupt, 0) !== 0) throw interruptError();
      if (Date.now() > deadline)
        throw limitError(`the statement ran longer than ${this.limits.timeMs / 1000} s and was stopped`, null, "time");
    }, this.limits);
    nameLargestValues(() => this.largestValues());
    try {
      // Between statements: a session over its memory gives no new name a value (an expression, or
      // m1 = 0 to free memory, still runs; what they allocate is checked as they go).
      if (bindsNewName(parsed.statement, this.env)) guardSessionMemory();
      this.evaluator.sizeBareArrays(parsed.statement, text);
      const shown = this.execute(parsed.statement);
      this.options.onStatement?.(parsed.statement, code);
      this.provenance.record(parsed.statement, code);
      return this.success(code, text, offset, index, silent || shown.silent === true || shown.value === NOTHING, shown);
      // eslint-disable-next-line nabla/no-swallowed-stop -- where failures land: failure() keeps a stop's reason
    } catch (err) {
      return this.failure(code, offset, index, err, text);
    } finally {
      setBudget(null);
    }
  }

  private execute(st: Statement): Shown {
    const ev = this.evaluator;
    guardConstantName(definedName(st), st, this.env);
    switch (st.kind) {
      case "exprs": {
        refuseEntryAssignment(st.exprs, this.env);
        const values = st.exprs.map((e) => ev.expr(e));
        // ∂L/∂out.W on its own is shown in δ form (assigned, it is the expression).
        const delta = values.length === 1 ? deltaFormOf(st.exprs[0], ev) : null;
        return { value: delta ?? (values.length === 1 ? values[0] : tuple(values)) };
      }
      case "assign": {
        const value = ev.expr(st.expr);
        if (st.draw && !isDistribution(value))
          throw new MathFailure(
            "math",
            `${st.name} ~ … needs a distribution: Bernoulli(p), Categorical([p₀, p₁, …]), Normal(μ, σ²) or Uniform(a, b)`,
            st.expr.span,
          );
        // Its domain as typed, for `check` (g = sqrt(x): g² is built as x, defined only for x ≥ 0).
        rememberDomain(ev, st.name, st.expr, value, null);
        this.env.functions.delete(st.name);
        this.env.values.set(st.name, value);
        noteTyping(this.env, st.name, value);
        return { value, name: st.name, sign: st.draw ? "∼" : "=" };
      }
      case "define": {
        const params = st.params.map((p) => sym(p, this.env.shapes.get(p)));
        // Parameters shadow notebook values of the same name while the body is built.
        const saved = st.params.map((p) => [p, this.env.values.get(p)] as const);
        st.params.forEach((p) => this.env.values.delete(p));
        let body: Node;
        try {
          body = ev.expr(st.body);
          rememberDomain(ev, st.name, st.body, body, params);
        } finally {
          for (const [p, v] of saved) if (v) this.env.values.set(p, v);
        }
        const loop = recursiveDefinition(st.name, st.params, st.body, body, this.env, st.span);
        if (loop) throw loop;
        const fn: UserFunction = { name: st.name, params, body };
        this.env.values.delete(st.name);
        this.env.functions.set(st.name, fn);
        const args = params.map((p) => p.name);
        return {
          value: body,
          name: st.name,
          lhs: (form) => {
            if (form === "text") return `${st.name}(${args.join(", ")})`;
            const [print, open, close] = form === "latex" ? [toLatex, "\\left(", "\\right)"] : [toPretty, "(", ")"];
            return `${print(sym(st.name))}${open}${params.map((p) => print(p)).join(", ")}${close}`;
          },
        };
      }
      case "declare": {
        const shape = st.dims.map((d) => (d.kind === "number" ? d.value : d.name));
        for (const name of st.names) this.env.shapes.set(name, shape);
        return { value: NOTHING, silent: true };
      }
      case "check": {
        const claim = st.expr;
        if (claim.kind !== "relation" || (claim.op !== "==" && claim.op !== "=")) {
          throw new MathFailure("math", "check needs two sides to compare: check a == b (or a ≡ b)", st.span);
        }
        const conditions = (st.conditions ?? []).map((c) => {
          const relation = ev.expr(c);
          if (relation.kind !== "rel" || relation.op === "=" || relation.op === "==")
            throw new MathFailure("math", "after for, write conditions such as x > 0, y ≠ 0", st.span);
          return relation;
        });
        // The domain as typed: guards for what the graph's folding dropped (x/x is 1 once built).
        const guards: [Node[], Node[]] = [guardsOf(claim.left, ev), guardsOf(claim.right, ev)];
        const verdict = compare(ev.expr(claim.left), ev.expr(claim.right), { conditions, guards });
        return { value: str(verdictText(verdict)), verdict };
      }
      case "layer": {
        const value = ev.expr(st.expr);
        if (value.kind !== "record" || value.tag !== "layer")
          throw new MathFailure("math", "a layer is dense(inputs → outputs, activation)", st.span);
        const named = nameLayer(value, st.name, this.env);
        this.env.values.set(st.name, named);
        return { value: named, name: st.name };
      }
      case "train": {
        const value = trainStatement(st.net, st.data, st.options, ev, st.targets ?? null);
        if (st.name) this.env.values.set(st.name, value);
        return { value, name: st.name ?? undefined };
      }
      case "expect": {
        const outcome = runExpect(st, ev, this.options.answers, (name) => this.provenance.get(name));
        return { value: str(scoreText(outcome)), score: outcome };
      }
      case "optimize": {
        const objective = ev.expr(st.objective);
        const constraints = st.constraints.map((c) => ev.expr(c));
        return { value: optimum(st.sense, objective, constraints) };
      }
      default: {
        const unknown: never = st;
        throw new MathFailure("internal", `unknown statement ${JSON.stringify(unknown)}`);
      }
    }
  }

  private success(
    code: string,
    source: string,
    offset: number,
    index: number,
    silent: boolean,
    shown: Shown,
  ): StatementResult {
    if (shown.verdict) return this.verdictResult(code, source, offset, index, silent, shown.verdict);
    if (shown.score) return this.scoreResult(code, source, offset, index, silent, shown.score);
    const { value } = shown;
    const fields = {
      index,
      line: lineOf(code, offset),
      source,
      status: "ok" as const,
      name: shown.name,
      silent,
      effects: this.env.effects,
      value: value === NOTHING ? undefined : value,
    };
    const sizes = bareDefaults(this.env.shapes.values(), (name) => this.env.isUserName(name));
    return withForms(fields, (form) => printedForm(shown, form, sizes));
  }

  /** A verdict line (check, expect): its text and its LaTeX (render/verdicts.ts). */
  private markedResult(
    code: string,
    source: string,
    offset: number,
    index: number,
    silent: boolean,
    text: string,
    latex: () => string,
    extra: Partial<StatementResult>,
  ): StatementResult {
    return withForms(
      { index, line: lineOf(code, offset), source, status: "ok", silent, effects: this.env.effects, ...extra },
      (form) => (form === "latex" ? latex() : text),
    );
  }

  private verdictResult(
    code: string,
    source: string,
    offset: number,
    index: number,
    silent: boolean,
    c: Comparison,
  ): StatementResult {
    return this.markedResult(code, source, offset, index, silent, verdictText(c), () => verdictLatex(c), {
      verdict: c.verdict,
      method: c.method,
      counterexample: c.counterexample ? { ...c.counterexample.point } : undefined,
    });
  }

  private scoreResult(
    code: string,
    source: string,
    offset: number,
    index: number,
    silent: boolean,
    o: ExpectOutcome,
  ): StatementResult {
    return this.markedResult(code, source, offset, index, silent, scoreText(o), () => scoreLatex(o), {
      score: {
        ...{ earned: o.earned, possible: o.possible, verdict: o.verdict, feedback: o.feedback },
        ...{ branch: o.branch, kind: o.kind, answer: o.answer }, // for item analysis (grading/report.ts)
      },
      counterexample: o.counterexample ? { ...o.counterexample.point } : undefined,
    });
  }

  private failure(code: string, offset: number, index: number, err: unknown, source = code): StatementResult {
    const failure =
      err instanceof MathFailure
        ? err
        : isStackOverflow(err)
          ? limitError(
              "the statement is nested too deeply to work out (a chain of tens of thousands of operators builds one so): split it into named steps",
            )
          : new MathFailure("internal", `internal error: ${err instanceof Error ? err.message : String(err)}`);
    const at = failure.span?.start ?? offset;
    const { line, column, excerpt } = locate(code, at);
    const error: NablaError = {
      kind: failure.kind,
      message: failure.message,
      line,
      column,
      excerpt,
      ...(failure.reason ? { reason: failure.reason } : {}),
    };
    return {
      index,
      line: lineOf(code, offset),
      source,
      status: "error",
      silent: false,
      text: "",
      pretty: `${failure.kind === "parse" ? "Parse error" : "Error"} at ${line}:${column}: ${failure.message}`,
      latex: "",
      html: "",
      effects: this.env.effects,
      error,
    };
  }

  /** The names whose values have the most entries (a matrix's), largest first: what to free. */
  private largestValues(): string[] {
    const sized: [string, number][] = [];
    for (const [name, value] of this.env.values) {
      let entries = 1;
      for (const d of value.shape as readonly unknown[]) if (typeof d === "number") entries *= d;
      if (entries >= 1000) sized.push([name, entries]);
    }
    return sized
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([name]) => name);
  }

  names(): { name: string; kind: "value" | "function" | "declaration"; shape?: string }[] {
    const out: { name: string; kind: "value" | "function" | "declaration"; shape?: string }[] = [];
    for (const [name, value] of this.env.values) out.push({ name, kind: "value", shape: describeShape(value.shape) });
    for (const name of this.env.functions.keys()) out.push({ name, kind: "function" });
    for (const [name, shape] of this.env.shapes)
      if (!this.env.values.has(name)) out.push({ name, kind: "declaration", shape: describeShape(shape) });
    return out;
  }

  describe(name: string): { text: string; latex: string; html: string; shape: string } | undefined {
    const fn = this.env.functions.get(name);
    const value = fn
      ? fn.body
      : (this.env.values.get(name) ?? (this.env.shapes.has(name) ? sym(name, this.env.shapes.get(name)) : undefined));
    if (!value) return undefined;
    const head = fn ? `${name}(${fn.params.map((p) => p.name).join(", ")})` : name;
    const latex = `${fn ? toLatex(sym(name)) + `\\left(${fn.params.map((p) => toLatex(p)).join(", ")}\\right)` : toLatex(sym(name))} = ${toLatex(value)}`;
    return { text: `${head} = ${toText(value)}`, latex, html: renderLatex(latex), shape: describeShape(value.shape) };
  }
}

/** The decimal shown beside an exact irrational constant: √30 ≈ 5.4772. */
function approximation(value: Node): string | null {
  if (
    !isScalar(value.shape) ||
    isNumber(value) ||
    value.kind === "str" ||
    value.kind === "tuple" ||
    value.kind === "record" ||
    value.kind === "rel"
  )
    return null;
  if (freeSymbols(value).length) return null;
  try {
    const x = floatValue(value);
    return x === null ? null : shortFloat(x, 5);
  } catch (err) {
    // No decimal when it cannot be had (or is too large to have); an interrupt or a time limit still stops.
    if (isStop(err) && err.reason !== "size") throw err;
    return null;
  }
}

/** V8's stack overflow: recursion over a statement's syntax or graph thousands deep. */
const isStackOverflow = (err: unknown): boolean => err instanceof RangeError && err.message.includes("call stack");

/** The line starts of the last cell asked about: a cell of n statements costs O(n log n), not O(n²). */
let lines: { code: string; starts: number[] } | null = null;

function lineOf(code: string, offset: number): number {
  if (lines?.code !== code) {
    const starts = [0];
    for (let i = 0; i < code.length; i++) if (code[i] === "\n") starts.push(i + 1);
    lines = { code, starts };
  }
  const { starts } = lines;
  let lo = 0,
    hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

function maxDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let k = 0; k < text.length; k++) {
    const ch = text.charCodeAt(k);
    if (ch === 40 || ch === 91 || ch === 123)
      max = Math.max(max, ++depth); // ( [ {
    else if (ch === 41 || ch === 93 || ch === 125) depth--; // ) ] }
  }
  return max;
}

type Form = "text" | "pretty" | "latex";

/** `sizes`: what a bare I and 𝟏 read back as under the session's declarations when the value was made. */
const PRINTERS: Record<Form, (value: Node, sizes: BareDefaults) => string> = {
  text: toText,
  pretty: prettyIn,
  latex: latexIn,
};

/** A value printed in one form: Nabla's syntax, Unicode math or LaTeX, with `name =` and `≈ decimal`. */
function printedForm(shown: Shown, form: Form, sizes: BareDefaults): string {
  const { value } = shown;
  let out = PRINTERS[form](value, sizes);
  if (form !== "text") {
    const approx = approximation(value);
    if (approx !== null) out += form === "latex" ? ` \\approx ${approx}` : ` ≈ ${approx}`;
  }
  if (shown.lhs) return `${shown.lhs(form)} = ${out}`;
  const sign = shown.sign === "∼" ? (form === "latex" ? "\\sim" : "∼") : "=";
  if (shown.name && form !== "text") return `${PRINTERS[form](sym(shown.name), sizes)} ${sign} ${out}`;
  return out;
}

type Fields = Omit<StatementResult, Form | "html">;

/**
 * A result's printed forms are made when first read, each on its own, its KaTeX HTML likewise: a
 * front end that shows text (the CLI, the grader's tallies) prints only `pretty` or `text`, the
 * kernel sends MathML and never asks for the HTML, and a silent statement (`H = …;`) is printed
 * only if someone looks. JSON and structured clone read every form. Prints are bounded
 * (graph/print/printer.ts), so a form made late cannot run away; a printer failure reads as a note
 * rather than a throw, and so does a size limit (the value is too large to print). A time limit, an
 * interrupt or the memory guard belongs to the statement running while the form is read (only a
 * running statement has a budget): it goes on up, and the form is made afresh when next read.
 */
function withForms(fields: Fields, print: (form: Form) => string): StatementResult {
  const forms: Partial<Record<Form, string>> = {};
  let html: string | undefined;
  const get = (form: Form): string => {
    try {
      return (forms[form] ??= print(form));
    } catch (err) {
      if (isStop(err) && err.reason !== "size") throw err;
      // A stack overflow is the printer's recursion on a value nested thousands deep (x^x^x^…).
      const deep = isStackOverflow(err);
      const why = deep ? "nested too deeply" : err instanceof Error ? err.message : String(err);
      const note = `(not printable: ${why})`;
      return (forms[form] = form === "latex" ? `\\text{${latexText(note)}}` : note);
    }
  };
  // Accessors written in the literal, the fields assigned after: results share their hidden classes
  // (defineProperties made each a dictionary; a spread of fields of many shapes gave many classes).
  const result = {
    get text() {
      return get("text");
    },
    get pretty() {
      return get("pretty");
    },
    get latex() {
      return get("latex");
    },
    get html() {
      return (html ??= fields.silent ? "" : renderLatex(get("latex")));
    },
  };
  return Object.assign(result, fields) as StatementResult;
}

/** The statement gives a value to a name that holds none: the session will hold more. */
function bindsNewName(st: Statement, env: Environment): boolean {
  const binds = st.kind === "assign" || st.kind === "define" || st.kind === "layer" || st.kind === "train";
  const name = binds ? st.name : null;
  return name !== null && !env.isUserName(name);
}

/**
 * `A[1, 2] = 5` and `f(1) = 2` look like assignments but would be shown as equations (`2 = 5`) while
 * nothing changes: an error says so. Equations of other shapes (x^2 = 4) stay equations.
 */
function refuseEntryAssignment(exprs: readonly Expr[], env: Environment): void {
  if (exprs.length !== 1) return;
  const e = exprs[0];
  if (e.kind !== "relation" || e.op !== "=") return;
  const left = e.left;
  if (left.kind === "index" && left.target.kind === "name" && env.values.has(left.target.name)) {
    throw mathError(
      `${left.target.name}[…] = … does not change ${left.target.name}: values are not changed in place; write ${left.target.name} = … with the new matrix (or == to compare)`,
      left.span,
    );
  }
  if (left.kind === "call" && env.functions.has(left.callee) && left.args.some((a) => a.kind !== "name")) {
    throw mathError(
      `${left.callee}(…) = … with a value in the parentheses does not define ${left.callee}: a definition names its parameters, as in ${left.callee}(x) = …; use == to compare`,
      left.span,
    );
  }
}

/**
 * π is the constant wherever it is written (pi is read as π): `pi = 3` would change every later `2π r`
 * without a word, so it is refused (as Maxima and Mathematica refuse it). e is Euler's number until a
 * notebook names something e (an error term, a gradient: `e = ∂L/∂h.b`), which it may, told what
 * `e^x` then means.
 */
function guardConstantName(name: string | null, st: Statement, env: Environment): void {
  // A value named clear would hide the one command that gives hidden names back.
  if (name === "clear")
    throw new MathFailure("name", "clear is the command that forgets names (clear(x)); choose another name", st.span);
  if (name === "π")
    throw new MathFailure(
      "name",
      "π is the constant 3.14159… and cannot be given a value; choose another name",
      st.span,
    );
  if (name === "e")
    env.emit({
      kind: "stderr",
      text: "warning: e now holds this value, not Euler's number: e and e^x below mean it (exp(x) is still the exponential) until clear(e)\n",
    });
}
