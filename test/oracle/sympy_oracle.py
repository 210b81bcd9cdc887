"""SymPy as a reference oracle for the tests (never a runtime dependency). Reads one JSON request
from standard input, answers with one JSON object on standard output."""
import json
import sys

import sympy as sp

import threading

# Deep expressions recurse deeply in SymPy: a big stack for one worker thread, and a recursion
# limit that fits in it.
threading.stack_size(512 * 1024 * 1024)
sys.setrecursionlimit(50000)

u = sp.Symbol("u")
a = sp.Symbol("a")
LOCALS = {
    "sigmoid": sp.Lambda(u, 1 / (1 + sp.exp(-u))),
    "relu": sp.Lambda(u, sp.Max(0, u)),
    "softplus": sp.Lambda(u, sp.log(1 + sp.exp(u))),
    "step": sp.Lambda(u, sp.Heaviside(u)),
    "abs": sp.Abs,
    "log": sp.log,
    "e": sp.E,
}


from sympy.parsing.sympy_parser import convert_xor, implicit_multiplication_application, standard_transformations

TRANSFORMS = standard_transformations + (implicit_multiplication_application, convert_xor)
REAL = {v: sp.Symbol(v, real=True) for v in ("x", "y", "z", "w")}


def parse(text):
    return sp.parse_expr(text, local_dict={**LOCALS, **REAL}, transformations=TRANSFORMS)


def num(v):
    try:
        c = complex(sp.N(v, 30))
    except (TypeError, ValueError):
        return None
    if abs(c.imag) > 1e-12 * max(1, abs(c.real)) or c.real != c.real or abs(c.real) == float("inf"):
        return None
    return c.real


NUMERIC = [{
    "Heaviside": lambda v, h=0.5: 1.0 if v > 0 else (0.0 if v < 0 else h),
    "DiracDelta": lambda v, *k: 0.0,
    "sign": lambda v: (v > 0) - (v < 0),
    "Max": max,
    "Min": min,
}, "math"]


def derivatives(req):
    out = []
    for item in req["items"]:
        try:
            out.append(derivatives_of(item))
        except (RecursionError, ValueError, TypeError, ZeroDivisionError) as err:
            sys.stderr.write(f"sympy could not differentiate {item['expr']}: {err}\n")
            out.append(None)
    return out


def compiled(exprs, xs):
    return sp.lambdify(xs, exprs, modules=NUMERIC)


def call(fn, point):
    try:
        values = fn(*point)
    except (ValueError, ZeroDivisionError, OverflowError):
        return None
    return values


def clean(v):
    try:
        v = float(v)
    except (TypeError, ValueError):
        return None
    return v if v == v and abs(v) != float("inf") else None


def derivatives_of(item):
    xs = [sp.Symbol(v, real=True) for v in item["vars"]]
    f = sp.parse_expr(item["expr"].replace("^", "**"), local_dict={**LOCALS, **{v.name: v for v in xs}})
    grad = [sp.diff(f, v) for v in xs]
    hess = [[sp.diff(g, w) for w in xs] for g in grad] if item.get("hessian") else None
    g_fn = compiled(grad, xs)
    h_fn = compiled(hess, xs) if hess else None
    values = []
    for point in item["points"]:
        g = call(g_fn, point)
        h = call(h_fn, point) if h_fn else None
        values.append({
            "grad": [clean(v) for v in g] if g is not None else [None] * len(xs),
            "hessian": [[clean(v) for v in row] for row in h] if h is not None else None,
        })
    return values


def equivalent(req):
    out = []
    for pair in req["pairs"]:
        d = parse(pair["a"]) - parse(pair["b"])
        try:
            d = sp.simplify(d)
        except (RecursionError, ValueError, TypeError):
            pass
        if d == 0:
            out.append(True)
            continue
        syms = sorted(d.free_symbols, key=lambda s: s.name)
        same = True
        for k in range(12):
            point = {s: sp.Rational(((k * 7 + i * 3) % 23) - 11, 7) for i, s in enumerate(syms)}
            v = num(d.subs(point))
            if v is not None and abs(v) > 1e-9:
                same = False
                break
        out.append(same)
    return out


def stationary(req):
    out = []
    for prob in req["problems"]:
        xs = [REAL[v] for v in prob["vars"]]
        f = parse(prob["f"])
        cons = [parse(c) for c in prob["constraints"]]
        lams = [sp.Symbol(f"l{i}") for i in range(len(cons))]
        L = f + sum(l * c for l, c in zip(lams, cons))
        unknowns = xs + lams
        eqs = [sp.diff(L, v) for v in unknowns]
        sols = sp.solve(eqs, unknowns, dict=True)
        points = []
        for s in sols:
            vals = [num(s.get(v, v)) for v in xs]
            if all(v is not None for v in vals):
                points.append(vals)
        out.append(points)
    return out


def main():
    req = json.load(sys.stdin)
    handlers = {"derivatives": derivatives, "equivalent": equivalent, "stationary": stationary}
    json.dump(handlers[req["kind"]](req), sys.stdout)


failed = []


def guarded():
    """An exception in the worker thread must fail the process, or the test sees empty output."""
    try:
        main()
    except BaseException:  # noqa: BLE001 -- reported through the exit status
        import traceback
        traceback.print_exc()
        failed.append(True)


worker = threading.Thread(target=guarded)
worker.start()
worker.join()
sys.exit(1 if failed else 0)
