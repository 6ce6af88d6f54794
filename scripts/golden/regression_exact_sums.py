"""Golden cases for core/exact-sum.ts: exact sums, squares, ratios and square roots of float64
values across the whole exponent range, computed with Python's exact rational arithmetic
(`fractions.Fraction`; `float(Fraction)` rounds once to nearest even) and `decimal` at 200 digits
for square roots (then rounded to float64 through an exact Fraction).

    /usr/bin/python3 scripts/golden/regression_exact_sums.py > test/data/golden/regression_exact_sums.json
"""
import json
import random
import sys
from decimal import Decimal, getcontext
from fractions import Fraction

getcontext().prec = 200
rng = random.Random(20240913)


def draw():
    """A float64 drawn across magnitudes 1e-300 .. 1e300, subnormals and exact cancellations."""
    kind = rng.random()
    if kind < 0.05:
        return rng.choice([0.0, 5e-324, -5e-324, 2.2250738585072014e-308, 1.7976931348623157e308])
    if kind < 0.1:
        return rng.uniform(-1, 1) * 2.0 ** -1060  # subnormal
    return rng.uniform(-1, 1) * 10.0 ** rng.uniform(-300, 300)


def hexes(values):
    return [v.hex() for v in values]


def sqrt_fraction(q):
    """sqrt of a non-negative Fraction, rounded to float64 (200-digit decimal, then exact)."""
    if q == 0:
        return 0.0
    d = (Decimal(q.numerator) / Decimal(q.denominator)).sqrt()
    return float(Fraction(d))


cases = []
for n in [1, 2, 3, 10, 100, 1000]:
    for _ in range(4 if n < 1000 else 2):
        values = [draw() for _ in range(n)]
        if n >= 3 and rng.random() < 0.5:
            # exact cancellation: append the negation of some values
            values += [-v for v in values[: n // 2]]
        exact = sum((Fraction(v) for v in values), Fraction(0))
        squares = sum((Fraction(v) ** 2 for v in values), Fraction(0))
        cases.append(
            {
                "values": hexes(values),
                "sum": float(exact).hex() if abs(exact) < Fraction(2) ** 1024 else ("inf" if exact > 0 else "-inf"),
                "sum_of_squares": float(squares).hex() if squares < Fraction(2) ** 1024 else "inf",
                "root_mean_square": sqrt_fraction(squares / len(values)).hex(),
            }
        )

# Sums that overflow float64 although every term is finite, and sums whose mean is finite again.
big = [1.7976931348623157e308] * 4 + [-1e308]
cases.append(
    {
        "values": hexes(big),
        "sum": "inf",
        "sum_of_squares": "inf",
        "root_mean_square": sqrt_fraction(sum(Fraction(v) ** 2 for v in big) / len(big)).hex(),
    }
)

json.dump(
    {
        "reference": "Python %s fractions.Fraction (exact) and decimal (200 digits) for square roots"
        % sys.version.split()[0],
        "cases": cases,
    },
    sys.stdout,
    indent=1,
)
print()
