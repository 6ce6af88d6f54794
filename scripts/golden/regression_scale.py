"""Golden cases for the scale safety of the regression metrics (issue 9 §4): the same data scaled
by 10^k for k from -300 to 300, and sums that overflow float64 although their means do not. The
expected values are the exact values of the definitions on the float64 inputs, computed with
Python's `fractions.Fraction` and, for square roots, `decimal` at 200 digits, then rounded once to
float64. The definitions follow scikit-learn 1.2 (`mean_squared_error`, `mean_absolute_error`,
`r2_score`, `explained_variance_score`) and torchmetrics 1.9 (`pearson_corrcoef`,
`concordance_corrcoef` with n - 1 covariances, `relative_squared_error`,
`normalized_root_mean_squared_error` with normalization "std", `cosine_similarity`).

    /usr/bin/python3 scripts/golden/regression_scale.py > test/data/golden/regression_scale.json
"""
import json
import sys
from decimal import Decimal, getcontext
from fractions import Fraction

getcontext().prec = 200


def to_float(q):
    if q is None:
        return "nan"
    if abs(q) >= Fraction(2) ** 1024:
        return "inf" if q > 0 else "-inf"
    return float(q).hex()


def sqrt(q):
    if q == 0:
        return Fraction(0)
    return Fraction((Decimal(q.numerator) / Decimal(q.denominator)).sqrt())


def ratio(a, b):
    """a / b as float64 division does it: ±inf for a nonzero a over 0, nan for 0 / 0."""
    if b == 0:
        return None if a == 0 else Fraction(2) ** 1100 * (1 if a > 0 else -1)
    return a / b


def metrics(p, t):
    n = len(p)
    P = [Fraction(v) for v in p]
    T = [Fraction(v) for v in t]
    sse = sum((a - b) ** 2 for a, b in zip(P, T))
    sae = sum(abs(a - b) for a, b in zip(P, T))
    mp = sum(P) / n
    mt = sum(T) / n
    sst = sum((b - mt) ** 2 for b in T)
    spp = sum((a - mp) ** 2 for a in P)
    spt = sum((a - mp) * (b - mt) for a, b in zip(P, T))
    E = [b - a for a, b in zip(P, T)]
    me = sum(E) / n
    see = sum((e - me) ** 2 for e in E)
    pearson = None if spp == 0 or sst == 0 else (1 if spt > 0 else -1) * sqrt(spt * spt / (spp * sst))
    ccc_den = spp / (n - 1) + sst / (n - 1) + (mp - mt) ** 2
    return {
        "mse": to_float(sse / n),
        "rmse": to_float(sqrt(sse / n)),
        "mae": to_float(sae / n),
        # scikit-learn's force_finite: a constant target scores 1 when predicted exactly, else 0
        "r2": to_float(1 - sse / sst) if sst else to_float(Fraction(1 if sse == 0 else 0)),
        "explained_variance": to_float(1 - see / sst) if sst else to_float(Fraction(1 if see == 0 else 0)),
        "pearson": to_float(pearson),
        "concordance": to_float(ratio(2 * spt / (n - 1), ccc_den)),
        "relative_squared_error": to_float(ratio(sse, sst)),
        "nrmse_std": to_float(ratio(sqrt(sse / n), sqrt(sst / n))),
        "cosine": to_float(
            ratio(sum(a * b for a, b in zip(P, T)), sqrt(sum(a * a for a in P) * sum(b * b for b in T)))
        ),
    }


base_p = [1.1, 1.9, 3.2, 3.8, 5.4, 6.1]
base_t = [1.0, 2.0, 3.0, 4.0, 5.5, 6.3]
cases = []
for k in [-300, -250, -200, -154, -100, -84, -50, -10, 0, 10, 50, 77, 100, 154, 200, 250, 300]:
    p = [v * 10.0**k for v in base_p]
    t = [v * 10.0**k for v in base_t]
    cases.append({"name": f"scaled by 1e{k}", "preds": [v.hex() for v in p], "target": [v.hex() for v in t], **metrics(p, t)})

# Offsets far larger than the spread: sum-of-squares formulas cancel catastrophically.
for offset in [1e8, 1e12, 1e15]:
    p = [offset + v for v in base_p]
    t = [offset + v for v in base_t]
    cases.append({"name": f"offset {offset:g}", "preds": [v.hex() for v in p], "target": [v.hex() for v in t], **metrics(p, t)})

# Sums that overflow although the means do not; differences that overflow.
for name, p, t in [
    ("sum of errors past 1.8e308", [1.5e308, 1e308, 1.2e308], [0.0, 0.0, 0.0]),
    ("differences past 1.8e308", [1e308, -1.7e308, 0.5e308], [-1e308, 1.7e308, -0.5e308]),
]:
    cases.append({"name": name, "preds": [v.hex() for v in p], "target": [v.hex() for v in t], **metrics(p, t)})

json.dump(
    {
        "reference": "Python %s fractions.Fraction (exact) and decimal (200 digits) for square roots; "
        "definitions of scikit-learn 1.2 / torchmetrics 1.9" % sys.version.split()[0],
        "cases": cases,
    },
    sys.stdout,
    indent=1,
)
print()
