"""SymPy's ground truth for `check` pairs labelled equivalent, independently of Nabla: the
difference simplified to 0 under the pair's sign conditions (symbols declared positive or
nonnegative), where SymPy can decide it; and, in any case, both sides at 24 random rational points
of the stated domain, subexpression by subexpression on the reals: defined at the same points (but
for removable ones, as x/x at 0), and equal there to 45 digits. Reads one JSON request on standard input, answers one JSON list."""
import json
import random
import signal
import sys

import sympy as sp

import check_oracle
from check_oracle import TRANSFORMS, functions, real_value

# Equal pairs differ by nothing: 60 digits show any real difference, and big exponentials stay quick.
check_oracle.DIGITS = 60


SIMPLIFY_SECONDS = 4


class TookTooLong(Exception):
    pass


def too_long(_signum, _frame):
    raise TookTooLong()


def symbols_for(names, where):
    out = {}
    for name in names:
        if f"{name} > 0" in where:
            out[name] = sp.Symbol(name, positive=True)
        elif f"{name} >= 0" in where:
            out[name] = sp.Symbol(name, nonnegative=True)
        else:
            out[name] = sp.Symbol(name, real=True)
    return out


def random_value(rng, symbol):
    # Moderate sizes: an exponent of 999.9 on a base of 999.9 makes SymPy's exact powers crawl.
    magnitude = rng.choice([sp.Rational(rng.randint(1, 99), 10), sp.Rational(rng.randint(1, 99), 100)])
    if symbol.is_nonnegative:
        return magnitude
    return magnitude if rng.random() < 0.5 else -magnitude


def removable(side, point):
    """The side undefined at the point is defined next to it along every coordinate (x/x at 0)."""
    step = sp.Rational(1, 10**6)
    for s in point:
        for sign in (-1, 1):
            near = dict(point)
            near[s] = point[s] + sign * step
            if real_value(sp.sympify(side), near) is None:
                return False
    return True


def judge(item, step0):
    where = item.get("where") or ""
    names = functions(step0)
    symbols = symbols_for(item["names"], where)
    names.update(symbols)
    a = sp.parse_expr(item["a"], local_dict=names, transformations=TRANSFORMS, evaluate=False)
    b = sp.parse_expr(item["b"], local_dict=names, transformations=TRANSFORMS, evaluate=False)
    simplified = None
    signal.alarm(SIMPLIFY_SECONDS)
    try:
        simplified = bool(sp.simplify(a - b) == 0)
    except Exception:  # noqa: BLE001 -- SymPy could not decide (or took too long); the points still judge
        simplified = None
    finally:
        signal.alarm(0)
    rng = random.Random(hash(item["a"] + item["b"]) & 0xFFFF)
    compared = 0
    for _ in range(24):
        point = {s: random_value(rng, s) for s in symbols.values()}
        lv = real_value(sp.sympify(a), point)
        rv = real_value(sp.sympify(b), point)
        if (lv is None) != (rv is None):
            if removable(a if lv is None else b, point):
                continue
            return {"same": False, "simplified": simplified, "at": {str(k): str(v) for k, v in point.items()}}
        if lv is None:
            continue
        compared += 1
        if lv.is_Rational and rv.is_Rational:
            if lv != rv:
                return {"same": False, "simplified": simplified, "at": {str(k): str(v) for k, v in point.items()}}
            continue
        gap = abs(sp.N(lv - rv, 60))
        if gap > sp.Float(10, 60) ** -45 * max(abs(lv), abs(rv)):
            return {"same": False, "simplified": simplified, "at": {str(k): str(v) for k, v in point.items()}}
    return {"same": compared >= 5, "simplified": simplified, "compared": compared}


def main():
    req = json.load(sys.stdin)
    step0 = sp.Rational(req["step0"])
    out = []
    for item in req["items"]:
        try:
            out.append(judge(item, step0))
        except Exception as err:  # noqa: BLE001 -- reported to the test as a failure of this item
            out.append({"same": None, "error": f"{type(err).__name__}: {err}"})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    sys.setrecursionlimit(20000)
    signal.signal(signal.SIGALRM, too_long)
    main()
