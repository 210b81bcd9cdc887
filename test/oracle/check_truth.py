"""SymPy's ground truth for `check` pairs labelled equivalent, independently of Nabla: the
difference simplified to 0 under the pair's sign conditions (symbols declared positive or
nonnegative), where SymPy can decide it; and, in any case, both sides at 24 random rational points
of the stated domain, subexpression by subexpression on the reals: defined at the same points (but
for removable ones, as x/x at 0), and equal there to 45 digits. Reads one JSON request on standard input, answers one JSON list."""
import json
import random
import re
import signal
import sys

import sympy as sp

import check_oracle
from check_oracle import RELATIONS, TRANSFORMS, entries, functions, real_value

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


def random_value(rng, symbol, constants=()):
    # Moderate sizes: an exponent of 999.9 on a base of 999.9 makes SymPy's exact powers crawl.
    # Beside a constant of the conditions half the time (x > 2, x < 2.25 holds on a narrow interval).
    if constants and rng.random() < 0.5:
        return rng.choice(constants) + sp.Rational(rng.randint(-99, 99), 400)
    magnitude = rng.choice([sp.Rational(rng.randint(1, 99), 10), sp.Rational(rng.randint(1, 99), 100)])
    if symbol.is_nonnegative:
        return magnitude
    return magnitude if rng.random() < 0.5 else -magnitude


def conditions_of(where, names):
    """The conditions after `for` as SymPy relations (x > 2, x y < 1, …), and the numbers in them."""
    relations = []
    for part in [p.strip() for p in where.split(",") if p.strip()]:
        text = part.replace("≠", "!=")
        for op in (">=", "<=", "!=", ">", "<"):
            if op in text:
                left, right = text.split(op, 1)
                l = sp.parse_expr(left, local_dict=names, transformations=TRANSFORMS)
                r = sp.parse_expr(right, local_dict=names, transformations=TRANSFORMS)
                relations.append((op, l - r))
                break
    constants = sorted({sp.Rational(c) for c in re.findall(r"\d+(?:\.\d+)?", where)})
    return relations, constants


def holds(relations, point):
    for op, difference in relations:
        d = real_value(difference, point)
        if d is None:
            return False
        s = 0 if d == 0 else int(sp.sign(sp.N(d, 60)))
        if not RELATIONS[op](s):
            return False
    return True


def side_value(side, point):
    """A side's entries at the point (one for a scalar), or None where any of them is undefined."""
    values = [real_value(sp.sympify(e), point) for e in side]
    return None if any(v is None for v in values) else values


def removable(side, point):
    """The side undefined at the point is defined next to it along every coordinate (x/x at 0)."""
    step = sp.Rational(1, 10**6)
    for s in point:
        for sign in (-1, 1):
            near = dict(point)
            near[s] = point[s] + sign * step
            if side_value(side, near) is None:
                return False
    return True


def differ(lv, rv):
    if lv.is_Rational and rv.is_Rational:
        return lv != rv
    return abs(sp.N(lv - rv, 60)) > sp.Float(10, 60) ** -45 * max(abs(lv), abs(rv))


def judge(item, step0):
    where = item.get("where") or ""
    names = functions(step0)
    symbols = symbols_for(item["names"], where)
    names.update(symbols)
    # Arrays entry by entry ([a, b; c, d] as its entries in order), scalars as one entry.
    a = entries(item["a"], names)
    b = entries(item["b"], names)
    if len(a) != len(b):
        return {"same": False, "simplified": False, "why": "different sizes"}
    simplified = None
    signal.alarm(SIMPLIFY_SECONDS)
    try:
        simplified = all(bool(sp.simplify(x - y) == 0) for x, y in zip(a, b))
    except Exception:  # noqa: BLE001 -- SymPy could not decide (or took too long); the points still judge
        simplified = None
    finally:
        signal.alarm(0)
    rng = random.Random(hash(item["a"] + item["b"]) & 0xFFFF)
    relations, constants = conditions_of(where, names)
    compared = 0
    tried = 0
    for _ in range(400):
        if tried >= 24:
            break
        point = {s: random_value(rng, s, constants) for s in symbols.values()}
        if not holds(relations, point):
            continue
        tried += 1
        lv = side_value(a, point)
        rv = side_value(b, point)
        at = {str(k): str(v) for k, v in point.items()}
        if (lv is None) != (rv is None):
            if removable(a if lv is None else b, point):
                continue
            return {"same": False, "simplified": simplified, "at": at}
        if lv is None:
            continue
        compared += 1
        if any(differ(x, y) for x, y in zip(lv, rv)):
            return {"same": False, "simplified": simplified, "at": at}
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
