"""SymPy re-evaluates `check` counterexamples, independently of Nabla: for each pair and point, each
side's value at the point to 50 digits (None where it is not a real number), and whether they differ.
Reads one JSON request on standard input, answers one JSON list on standard output."""
import json
import sys

import sympy as sp
from sympy.parsing.sympy_parser import (
    convert_xor,
    implicit_multiplication_application,
    rationalize,
    standard_transformations,
)

# Decimals are exact, as in Nabla: 0.01 is 1/100, not the nearest binary float.
TRANSFORMS = standard_transformations + (implicit_multiplication_application, convert_xor, rationalize)
u = sp.Symbol("u")
a = sp.Symbol("a")


def functions(step0):
    return {
        "sigmoid": sp.Lambda(u, 1 / (1 + sp.exp(-u))),
        "relu": sp.Lambda(u, sp.Max(0, u)),
        "softplus": sp.Lambda(u, sp.log(1 + sp.exp(u))),
        # step(0) as Nabla defines it (the test passes it in): SymPy's Heaviside(0) is 1/2.
        "step": sp.Lambda(u, sp.Piecewise((1, u > 0), (step0, sp.Eq(u, 0)), (0, True))),
        "hardtanh": sp.Lambda(u, sp.Max(-1, sp.Min(1, u))),
        "leaky_relu": sp.Lambda((u, a), sp.Piecewise((u, u > 0), (a * u, True))),
        "max": sp.Max,
        "min": sp.Min,
        "abs": sp.Abs,
        "sign": sp.sign,
        "log": sp.log,
        "e": sp.E,
        "E": sp.E,
        "pi": sp.pi,
    }


def entries(text, names):
    text = text.strip()
    if text.startswith("["):
        text = "[" + text.replace(";", "],[") + "]"
    # Unevaluated, so exp(log(x)) stays as written: SymPy would otherwise make it x for every x.
    value = sp.parse_expr(text, local_dict=names, transformations=TRANSFORMS, evaluate=False)
    if isinstance(value, (list, tuple)):
        return [e for row in value for e in (row if isinstance(row, (list, tuple)) else [row])]
    return [value]


DIGITS = 450


def real(v):
    """v to 450 digits when it is a finite real number, else None (a 10^-50 offset must show)."""
    try:
        n = sp.N(v, DIGITS)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    if n.has(sp.nan, sp.zoo, sp.oo, -sp.oo) or not n.is_number:
        return None
    re, im = n.as_real_imag()
    if im != 0 and abs(sp.N(im, DIGITS)) > 0:
        return None
    # Exact where SymPy has it exactly (a rational stays a rational), else the 450-digit value.
    exact = v if v.is_Rational else None
    return exact if exact is not None else re


RELATIONS = {">": lambda s: s > 0, ">=": lambda s: s >= 0, "<": lambda s: s < 0, "<=": lambda s: s <= 0,
             "==": lambda s: s == 0, "!=": lambda s: s != 0}


def truth(condition, point):
    """Whether a Piecewise condition holds at the point, from its sides' exact difference; None when not told."""
    if condition is sp.true or condition is True:
        return True
    if condition is sp.false or condition is False:
        return False
    if isinstance(condition, (sp.Or, sp.And)):
        parts = [truth(c, point) for c in condition.args]
        if None in parts:
            return None
        return any(parts) if isinstance(condition, sp.Or) else all(parts)
    if isinstance(condition, sp.Not):
        inner = truth(condition.args[0], point)
        return None if inner is None else not inner
    if not isinstance(condition, sp.core.relational.Relational) or condition.rel_op not in RELATIONS:
        return None
    d = real_value(condition.lhs - condition.rhs, point)
    if d is None:
        return None
    s = 0 if d == 0 or exactly_zero(condition.lhs - condition.rhs, point) else int(sp.sign(sp.N(d, DIGITS)))
    return RELATIONS[condition.rel_op](s)


def exactly_zero(e, point):
    """e is 0 at the point exactly: at x = 2√5 − 1, x − (2√5 − 1) is 0, not a 450-digit remainder."""
    try:
        return sp.expand(sp.sympify(e).xreplace(point)) == 0
    except Exception:  # noqa: BLE001 -- not decided exactly; the numeric sign decides
        return False


def real_value(e, point):
    """e at the point, subexpression by subexpression, None as soon as one of them is not real
    (log(−1) − log(−1) is 0 to SymPy's complex logarithm, but not defined on the reals)."""
    if e.is_Symbol:
        return point[e]
    if e.is_Number or e in (sp.pi, sp.E) or isinstance(e, (sp.logic.boolalg.BooleanAtom,)):
        return e
    if isinstance(e, sp.Piecewise):
        # Each condition decided from its exactly evaluated sides (step(10⁻⁶⁶ − (x − √2)²) at x = √2:
        # SymPy's own comparison goes numeric there and misses 10⁻⁶⁶).
        for piece, condition in e.args:
            holds = truth(condition, point)
            if holds is None:
                break
            if holds:
                return real_value(piece, point)
        else:
            return None
    if isinstance(e, (sp.Piecewise, sp.core.relational.Relational, sp.logic.boolalg.Boolean, sp.Derivative)) or not e.args:
        return real(e.subs(point).doit())
    args = [real_value(a, point) for a in e.args]
    if any(a is None for a in args):
        return None
    if e.func in (sp.sign, sp.Abs, sp.Max, sp.Min):
        # An argument that is 0 exactly at an irrational point (x² − 2 at √2) is 0, not rounding noise.
        args = [0 if not v.is_Rational and abs(v) < sp.Float(10, DIGITS) ** -300 and exactly_zero(a, point) else v
                for a, v in zip(e.args, args)]
    if e.is_Pow and args[0].is_negative and args[1].is_Rational and args[1].q % 2 == 1:
        # An odd root of a negative number is real, as in Nabla: (-8)^(1/3) = -2 (SymPy's is complex).
        return real(sp.Integer(-1) ** args[1].p * sp.real_root(-args[0], args[1].q) ** args[1].p)
    return real(e.func(*args))


def coordinate(text):
    """A point's coordinate: a decimal or fraction, or an exact constant as Nabla prints it (pi, sqrt(2))."""
    try:
        return sp.Rational(text)
    except (TypeError, ValueError):
        value = sp.parse_expr(text, local_dict={"pi": sp.pi, "e": sp.E}, evaluate=True)
        if value.free_symbols or not value.is_real:
            raise ValueError(f"not a real constant: {text}")
        return value


def evaluate(item):
    symbols = {name: sp.Symbol(name, real=True) for name in item["point"]}
    names = {**functions(sp.Rational(item["step0"])), **symbols}
    point = {symbols[k]: coordinate(v) for k, v in item["point"].items()}
    left = entries(item["a"], names)
    right = entries(item["b"], names)
    differ = False
    shown = []
    for l, r in zip(left, right):
        # An array's counterexample names the variables of the entry that differs; others are skipped.
        if not (sp.sympify(l).free_symbols | sp.sympify(r).free_symbols) <= set(point):
            continue
        lv = real_value(sp.sympify(l), point)
        rv = real_value(sp.sympify(r), point)
        shown.append([None if lv is None else str(lv), None if rv is None else str(rv)])
        if (lv is None) != (rv is None):
            differ = True
        elif lv is not None:
            if lv.is_Rational and rv.is_Rational:
                differ = differ or lv != rv
                continue
            # Relative to the larger value: e^(-10^7) against 0 differs, 10^-50 on 1 too.
            gap = sp.N(lv - rv, DIGITS)
            if abs(gap) > sp.Float(10, DIGITS) ** -400 * max(abs(lv), abs(rv)):
                differ = True
    return {"differ": differ, "values": shown}


def main():
    req = json.load(sys.stdin)
    out = []
    for item in req["items"]:
        try:
            out.append(evaluate(item))
        except Exception as err:  # noqa: BLE001 -- reported to the test as a failure of this item
            out.append({"differ": None, "error": f"{type(err).__name__}: {err}"})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    sys.setrecursionlimit(20000)
    main()
