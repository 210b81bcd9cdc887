"""SymPy as the reference for series coefficients and limits (tests only). Reads one JSON request on
standard input: {"series": [[expr, point, order], ...], "limits": [[expr, point, dir], ...]};
answers with exact coefficients as "p/q" strings and limits as strings ("oo", "-oo", "nan")."""
import json
import sys

import sympy as sp

x = sp.Symbol("x", real=True)
u = sp.Symbol("u")
LOCALS = {"x": x, "sigmoid": sp.Lambda(u, 1 / (1 + sp.exp(-u))), "e": sp.E, "log": sp.log}


from sympy.parsing.sympy_parser import convert_xor, implicit_multiplication_application, standard_transformations

TRANSFORMS = standard_transformations + (implicit_multiplication_application, convert_xor)


def parse(text):
    return sp.parse_expr(text, local_dict=LOCALS, transformations=TRANSFORMS)


def coefficients(expr, point, order):
    a = sp.Rational(point)
    s = sp.series(parse(expr), x, a, order + 1).removeO()
    poly = sp.expand(s.subs(x, x + a)) if a != 0 else sp.expand(s)
    out = []
    for k in range(order + 1):
        c = sp.simplify(poly.coeff(x, k) if k > 0 else poly.subs(x, 0))
        out.append(str(sp.Rational(c)) if c.is_Rational else None)
    return out


def limit(expr, point, direction):
    a = {"oo": sp.oo, "-oo": -sp.oo}.get(point) or sp.Rational(point)
    try:
        v = sp.limit(parse(expr), x, a, direction)
    except (NotImplementedError, ValueError):
        return "nan"
    return str(v)


req = json.load(sys.stdin)
print(json.dumps({
    "series": [coefficients(*item) for item in req.get("series", [])],
    "limits": [limit(*item) for item in req.get("limits", [])],
}))
