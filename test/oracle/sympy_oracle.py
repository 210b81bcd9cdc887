"""SymPy as a reference oracle for Nabla's tests (never a runtime dependency).

Reads one JSON request from standard input and writes one JSON answer to standard output, so a test
file starts one Python process for all its cases. Requests:

  derivatives  SymPy's d/dx, gradient and Hessian of generated expressions at admissible points
               (every condition met), and the same points' values of Nabla's answers read back;
  equivalence  for labelled answer pairs: is a - b zero after simplify, and where do they differ;
  stationary   real stationary points of f (with equality constraints, by Lagrange multipliers).
"""
import json
import random
import re
import sys
import threading

import mpmath
import sympy as sp
from sympy.parsing.sympy_parser import (
    convert_xor,
    implicit_multiplication_application,
    rationalize,
    standard_transformations,
)

# Deep expressions recurse deeply in SymPy: run in one thread with a big stack.
threading.stack_size(512 * 1024 * 1024)
sys.setrecursionlimit(50000)
mpmath.mp.dps = 40

u, v, a = sp.symbols("u v a", real=True)
NAMES = ("x", "y", "z", "w")
REAL = {n: sp.Symbol(n, real=True) for n in NAMES}

# Nabla's built-ins spelled in SymPy (the definitions the issue fixes for the oracle).
FUNCTIONS = {
    "sigmoid": sp.Lambda(u, 1 / (1 + sp.exp(-u))),
    "relu": sp.Lambda(u, sp.Max(0, u)),
    "leaky_relu": sp.Lambda((u, a), sp.Max(u, a * u)),
    "hardtanh": sp.Lambda(u, sp.Max(-1, sp.Min(1, u))),
    "softplus": sp.Lambda(u, sp.log(1 + sp.exp(u))),
    "step": sp.Heaviside,
    "heaviside": sp.Heaviside,
    "sign": sp.sign,
    "abs": sp.Abs,
    "max": sp.Max,
    "min": sp.Min,
    "ln": sp.log,
    "log": sp.log,
    "e": sp.E,
    "Matrix": sp.Matrix,
    "Rational": sp.Rational,
    **REAL,
}

# Away from kinks a step is 0 or 1 and a Dirac delta is 0; mpmath has the rest.
MPMATH = [{
    "Heaviside": lambda t, *_: mpmath.mpf(1) if t > 0 else mpmath.mpf(0),
    "DiracDelta": lambda t, *_: mpmath.mpf(0),
    "sign": lambda t: mpmath.mpf((t > 0) - (t < 0)),
    "Max": lambda *xs: max(xs),
    "Min": lambda *xs: min(xs),
}, "mpmath"]

SYMPY_SYNTAX = standard_transformations + (convert_xor,)
NABLA_SYNTAX = standard_transformations + (implicit_multiplication_application, convert_xor, rationalize)


def parse_sympy(text):
    """An expression the generator printed in SymPy's own syntax."""
    return sp.parse_expr(text, local_dict=dict(FUNCTIONS), transformations=SYMPY_SYNTAX)


# ---------------------------------------------------------------------------------------------
# Reading Nabla's syntax (answers, Nabla's printed results): implicit multiplication, `^`, σ, exact
# decimals, `[a, b; c, d]` matrices, and a leading d/dx, ∂/∂y, ∇(…) or hessian(…).

def first_appearance(text):
    seen = []
    for m in re.finditer(r"(?<![A-Za-z_0-9])([xyzw])(?![A-Za-z_0-9])", text):
        if m.group(1) not in seen:
            seen.append(m.group(1))
    return [REAL[n] for n in seen]


def without_outer_parentheses(text):
    text = text.strip()
    while text.startswith("(") and text.endswith(")"):
        depth = 0
        for i, c in enumerate(text):
            depth += c == "("
            depth -= c == ")"
            if depth == 0 and i < len(text) - 1:
                return text
        text = text[1:-1].strip()
    return text


def matrices_to_sympy(text):
    """`[a, b; c, d]` becomes Matrix([[a, b], [c, d]]) and `[a, b]` a column Matrix([a, b])."""
    def one(m):
        body = m.group(1)
        if ";" in body:
            return "Matrix([[" + "], [".join(body.split(";")) + "]])"
        return "Matrix([" + body + "])"
    return re.sub(r"\[([^\[\]]*)\]", one, text)


def read_nabla(text):
    text = without_outer_parentheses(text)
    m = re.match(r"^(?:d/d|∂/∂)([xyzw])\s+(.*)$", text)
    if m:
        return differentiate(read_nabla(m.group(2)), REAL[m.group(1)])
    m = re.match(r"^(?:∇|grad|hessian)\((.*)\)$", text)
    if m and balanced(m.group(1)):
        f = read_nabla(m.group(1))
        xs = [s for s in first_appearance(m.group(1)) if s in f.free_symbols]
        if text.startswith("hessian"):
            return sp.hessian(f, xs)
        return sp.Matrix([sp.diff(f, s) for s in xs])
    text = text.replace("σ", "sigmoid").replace("·", "*")
    return sp.parse_expr(matrices_to_sympy(text), local_dict=dict(FUNCTIONS), transformations=NABLA_SYNTAX)


def balanced(text):
    depth = 0
    for c in text:
        depth += c == "("
        depth -= c == ")"
        if depth < 0:
            return False
    return depth == 0


def differentiate(f, s):
    return f.applyfunc(lambda e: sp.diff(e, s)) if isinstance(f, sp.MatrixBase) else sp.diff(f, s)


def entries(value):
    """A scalar as one entry, a matrix (or column) row by row, with its shape."""
    if isinstance(value, sp.MatrixBase):
        return list(value), list(value.shape)
    return [value], []


# ---------------------------------------------------------------------------------------------
# Numbers at a point, to 40 digits.

def compiled(exprs):
    xs = [REAL[n] for n in NAMES]
    return sp.lambdify(xs, exprs, modules=MPMATH)


def real_value(t):
    """A finite real number (an mpf), or None (complex, infinite, undefined)."""
    try:
        if isinstance(t, mpmath.mpc):
            if abs(t.imag) > mpmath.mpf(10) ** -30 * max(1, abs(t.real)):
                return None
            t = t.real
        t = mpmath.mpf(t)
    except (TypeError, ValueError):
        return None
    if not mpmath.isfinite(t):
        return None
    return t


def values_at(fn, point):
    try:
        out = fn(*point)
    except (ValueError, ZeroDivisionError, OverflowError, TypeError):
        return None
    flat = list(flatten(out))
    return [real_value(t) for t in flat]


def floats(vals):
    return None if vals is None else [None if t is None else float(t) for t in vals]


def flatten(out):
    if isinstance(out, (list, tuple)):
        for item in out:
            yield from flatten(item)
    elif hasattr(out, "tolist"):
        yield from flatten(out.tolist())
    else:
        yield out


# ---------------------------------------------------------------------------------------------
# derivatives

THRESHOLDS = {"positive": 1e-2, "nonzero": 5e-2, "kinks": 1e-3, "bounded": 30.0}
LARGEST = 1e12


def admissible(conditions, point):
    for kind, fn in conditions:
        vals = values_at(fn, point)
        if vals is None or any(t is None for t in vals):
            return False
        limit = THRESHOLDS[kind]
        if kind == "positive" and any(t <= limit for t in vals):
            return False
        if kind in ("nonzero", "kinks") and any(abs(t) <= limit for t in vals):
            return False
        if kind == "bounded" and any(abs(t) > limit for t in vals):
            return False
    return True


def derivatives(req):
    out = []
    for item in req["items"]:
        try:
            out.append(derivatives_of(item))
        except (RecursionError, ValueError, TypeError, ZeroDivisionError, SyntaxError, AttributeError) as err:
            out.append({"id": item["id"], "failure": f"SymPy: {type(err).__name__}: {str(err)[:300]}"})
    return out


def derivatives_of(item):
    f = parse_sympy(item["sympy"])
    order = [n for n in item["vars"] if REAL[n] in f.free_symbols]
    x = REAL["x"]
    dx = sp.diff(f, x)
    grad = [sp.diff(f, REAL[n]) for n in order]
    hess = [[sp.diff(g, REAL[n]) for n in order] for g in grad] if item["hessian"] else []
    truth = compiled([f, dx, grad, hess])
    conditions = [(kind, compiled([parse_sympy(c) for c in item["conditions"][kind]]))
                  for kind in THRESHOLDS if item["conditions"][kind]]
    rng = random.Random(item["seed"])
    points, found = [], []
    for _ in range(3000):
        if len(points) == item["points"]:
            break
        point = [f"{rng.randint(-200, 200) / 100:.2f}" for _ in NAMES[:3]] + ["0"]
        mp_point = [mpmath.mpf(p) for p in point]
        if not admissible(conditions, mp_point):
            continue
        vals = values_at(truth, mp_point)
        if vals is None or any(t is None or abs(t) > LARGEST for t in vals):
            continue
        points.append(point[:3])
        found.append([float(t) for t in vals])
    if not points:
        return {"id": item["id"], "order": order, "failure": "no admissible point in 3000 tries"}
    n = len(order)

    def split(vals):
        rest = vals[2:]
        return {
            "f": vals[0],
            "dx": vals[1],
            "grad": rest[:n],
            "hessian": [rest[n + i * n: n + (i + 1) * n] for i in range(n)] if item["hessian"] else None,
        }

    answer = {"id": item["id"], "order": order, "points": points, "values": [split(v) for v in found], "nabla": {}}
    # Nabla's printed answers, read back and evaluated exactly: tells a wrong formula from a float
    # evaluation that lost digits.
    for key, text in item.get("nabla", {}).items():
        try:
            value = read_nabla(text)
            flat, shape = entries(value)
            fn = compiled(flat)
            answer["nabla"][key] = {"shape": shape, "values": [floats(values_at(fn, [mpmath.mpf(p) for p in pt] + [0])) for pt in points]}
        except Exception as err:  # noqa: BLE001 — any failure to read Nabla's text is reported, not fatal
            answer["nabla"][key] = {"error": f"{type(err).__name__}: {str(err)[:300]}"}
    return answer


# ---------------------------------------------------------------------------------------------
# equivalence of labelled answer pairs

def equivalence(req):
    return [equivalence_of(p["a"], p["b"]) for p in req["pairs"]]


def equivalence_of(a_text, b_text):
    try:
        A, a_shape = entries(read_nabla(a_text))
        B, b_shape = entries(read_nabla(b_text))
    except Exception as err:  # noqa: BLE001
        return {"error": f"cannot read: {type(err).__name__}: {str(err)[:300]}"}
    if a_shape != b_shape:
        return {"exact": False, "agree": 0, "differ": {"point": {}, "a": str(a_shape), "b": str(b_shape)}}
    exact = True
    for p, q in zip(A, B):
        try:
            d = sp.simplify(p - q)
        except (RecursionError, ValueError, TypeError):
            d = p - q
        exact = exact and d == 0
    fa, fb = compiled(A), compiled(B)
    used = [n for n in NAMES if any(REAL[n] in t.free_symbols for t in A + B)]
    rng = random.Random(7)
    agree, differ = 0, None
    for k in range(60):
        positive = k % 3 == 2
        point = [f"{rng.uniform(0.05, 3) if positive else rng.uniform(-3, 3):.4f}" for _ in NAMES]
        mp_point = [mpmath.mpf(t) for t in point]
        va, vb = values_at(fa, mp_point), values_at(fb, mp_point)
        if va is None or vb is None or any(t is None for t in va + vb):
            continue
        if all(abs(s - t) <= 1e-20 * max(1, abs(s), abs(t)) for s, t in zip(va, vb)):
            agree += 1
        elif differ is None:
            differ = {"point": {n: t for n, t in zip(NAMES, point) if n in used}, "a": str(floats(va)), "b": str(floats(vb))}
    # Differences below the numeric tolerance: ask exactly when every sampled point agreed.
    if differ is None and not exact:
        differ = exact_difference(A, B)
    return {"exact": bool(exact), "agree": agree, "differ": differ}


def exact_difference(A, B):
    for k in range(1, 8):
        point = {REAL[n]: sp.Rational(k * (i + 2), 7) * (-1) ** (k + i) for i, n in enumerate(NAMES)}
        for p, q in zip(A, B):
            try:
                d = sp.N((p - q).subs(point), 60)
            except (TypeError, ValueError, ZeroDivisionError):
                continue
            if d.is_real and d.is_finite and d != 0 and abs(d) > sp.Float("1e-50"):
                return {"point": {str(s): str(t) for s, t in point.items()}, "a": str(p.subs(point)), "b": str(q.subs(point))}
    return None


# ---------------------------------------------------------------------------------------------
# stationary points

def parse_math(text):
    return sp.parse_expr(text, local_dict=dict(FUNCTIONS), transformations=NABLA_SYNTAX)


def num(t):
    try:
        c = complex(sp.N(t, 30))
    except (TypeError, ValueError):
        return None
    if abs(c.imag) > 1e-12 * max(1, abs(c.real)) or c.real != c.real or abs(c.real) == float("inf"):
        return None
    return c.real


def stationary(req):
    out = []
    for prob in req["problems"]:
        xs = [REAL[n] for n in prob["vars"]]
        f = parse_math(prob["f"])
        cons = [parse_math(c) for c in prob["constraints"]]
        lams = [sp.Symbol(f"l{i}") for i in range(len(cons))]
        L = f + sum(l * c for l, c in zip(lams, cons))
        unknowns = xs + lams
        sols = sp.solve([sp.diff(L, s) for s in unknowns], unknowns, dict=True)
        points = []
        for s in sols:
            vals = [num(s.get(t, t)) for t in xs]
            if all(t is not None for t in vals):
                points.append(vals)
        out.append(points)
    return out


def main():
    req = json.load(sys.stdin)
    handlers = {"derivatives": derivatives, "equivalence": equivalence, "stationary": stationary}
    json.dump(handlers[req["kind"]](req), sys.stdout)


worker = threading.Thread(target=main)
worker.start()
worker.join()
