"""SymPy as the reference for reduced lex Gröbner bases over ℚ (tests only). Reads one JSON request on
standard input: {"systems": [{"n": 3, "polys": [[[e1, e2, e3], "p/q"], ...]], ...]}; answers with each
reduced basis, monic, its polynomials and their terms in decreasing lex order (x1 > x2 > …)."""
import json
import sys

import sympy as sp


def basis(system):
    gens = sp.symbols(f"x1:{system['n'] + 1}")
    polys = [
        sum((sp.Rational(c) * sp.prod([g**e for g, e in zip(gens, m)]) for m, c in poly), sp.Integer(0))
        for poly in system["polys"]
    ]
    polys = [p for p in polys if p != 0]
    if not polys:
        return []
    out = []
    for g in sp.groebner(polys, *gens, order="lex", domain=sp.QQ).exprs:
        p = sp.Poly(g, *gens, domain=sp.QQ).monic()
        out.append([[list(m), str(c)] for m, c in p.terms(order="lex")])
    return out


request = json.load(sys.stdin)
json.dump({"bases": [basis(s) for s in request["systems"]]}, sys.stdout)
