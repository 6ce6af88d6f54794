"""Golden cases for plumbline's stats module, computed by scipy and numpy.

Run with Debian's python: /usr/bin/python3 scripts/golden/stats_cases.py
Writes test/data/golden/stats_cases.json (schema of test/data/conformance/README.md).
DeLong uses the O(m*n) definition (DeLong et al. 1988, placement values with the
Heaviside kernel psi = 1, 1/2, 0), written out in numpy independently of plumbline's
midrank algorithm.
"""
import json
import numpy as np
import scipy
from scipy import stats

rng = np.random.default_rng(2307)
datasets, cases = {}, []


def f32(a):
    return [float(x) for x in np.asarray(a, dtype=np.float32)]


def delong_naive(a, b, t):
    pos, neg = t == 1, t == 0
    out = []
    for s in (a, b):
        x, y = s[pos], s[neg]
        psi = (x[:, None] > y[None, :]).astype(float) + 0.5 * (x[:, None] == y[None, :])
        out.append((psi.mean(), psi.mean(axis=1), psi.mean(axis=0)))
    (auc_a, v10a, v01a), (auc_b, v10b, v01b) = out
    m, n = pos.sum(), neg.sum()
    s10 = np.cov(np.vstack([v10a, v10b]))
    s01 = np.cov(np.vstack([v01a, v01b]))
    var = (s10[0, 0] + s10[1, 1] - 2 * s10[0, 1]) / m + (s01[0, 0] + s01[1, 1] - 2 * s01[0, 1]) / n
    z = (auc_a - auc_b) / np.sqrt(var)
    return {"aucA": auc_a, "aucB": auc_b, "variance": var, "z": z, "pValue": 2 * stats.norm.sf(abs(z))}


for k, n in enumerate([30, 200, 1000]):
    t = (rng.random(n) < 0.35).astype(int)
    a = np.asarray(f32(t * 0.8 + rng.normal(0, 0.6, n)), dtype=np.float64)
    b = np.asarray(f32(t * 0.5 + rng.normal(0, 0.6, n)), dtype=np.float64)
    if k == 0:
        a = np.round(a, 1)  # ties
    name = f"delong{k}"
    datasets[name] = {"scoresA": a.tolist(), "scoresB": b.tolist(), "target": t.tolist()}
    r = delong_naive(a, b, t)
    cases.append({"id": f"golden/stats/delong/{k}", "family": "stats", "metric": "delong_test",
                  "ref": f"numpy {np.__version__} O(mn) DeLong 1988 definition", "inputs": name, "options": {},
                  "expected": {k2: float(v) for k2, v in r.items()}, "rtol": 1e-6, "atol": 1e-9, "note": None})

for k, (n, pa, pb) in enumerate([(50, 0.8, 0.7), (400, 0.9, 0.88), (20, 0.5, 0.5)]):
    ca = (rng.random(n) < pa).astype(int)
    cb = (rng.random(n) < pb).astype(int)
    name = f"mcnemar{k}"
    datasets[name] = {"correctA": ca.tolist(), "correctB": cb.tolist()}
    b = int(((ca == 1) & (cb == 0)).sum())
    c = int(((ca == 0) & (cb == 1)).sum())
    exact = stats.binomtest(min(b, c), b + c, 0.5).pvalue if b + c > 0 else 1.0
    chi = (abs(b - c) - 1) ** 2 / (b + c) if b + c > 0 else 0.0
    cases.append({"id": f"golden/stats/mcnemar_exact/{k}", "family": "stats", "metric": "mcnemar_exact",
                  "ref": f"scipy {scipy.__version__} stats.binomtest(min(b,c), b+c, 0.5)", "inputs": name,
                  "options": {"exact": True}, "expected": {"onlyA": b, "onlyB": c, "pValue": float(exact)},
                  "rtol": 1e-9, "atol": 1e-12, "note": None})
    cases.append({"id": f"golden/stats/mcnemar_chi2/{k}", "family": "stats", "metric": "mcnemar_chi2",
                  "ref": f"scipy {scipy.__version__} stats.chi2.sf((|b-c|-1)^2/(b+c), 1)", "inputs": name,
                  "options": {"exact": False},
                  "expected": {"statistic": float(chi), "pValue": float(stats.chi2.sf(chi, 1)) if b + c > 0 else 1.0},
                  "rtol": 1e-6, "atol": 1e-9, "note": "erfc approximation has relative error below 1.2e-7"})

out = {"split": "golden", "seed": 2307, "versions": {"numpy": np.__version__, "scipy": scipy.__version__},
       "datasets": datasets, "cases": cases, "errors": []}
with open("test/data/golden/stats_cases.json", "w") as f:
    json.dump(out, f, indent=1)
print(len(cases), "cases")
