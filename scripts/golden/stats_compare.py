"""Golden values for plumbline/stats compare (src/stats/compare.ts, corrections.ts).

System A: the bundled binary sample's scores; system B: A blended with seeded noise
(numpy default_rng(7)), both thresholded at 0.5 for accuracy. References:
- McNemar exact: scipy.stats.binomtest(min(b, c), b + c, 0.5).pvalue (statsmodels mcnemar exact);
- AUROC: sklearn roc_auc_score; DeLong: the O(m n) structural components of DeLong et al. (1988)
  computed pair by pair (an independent algorithm from the midrank one in delong.ts), normal p;
- Holm and Benjamini-Hochberg: the textbook step-down / step-up definitions.

Run: /usr/bin/python3 scripts/golden/stats_compare.py > test/data/golden/stats-compare.json
"""
import csv
import json
import math

import numpy as np
import scipy
import sklearn
from scipy.stats import binomtest, norm
from sklearn.metrics import accuracy_score, roc_auc_score

with open("data/samples/classification/binary_preds.csv") as f:
    a = np.array([float(r[0]) for r in list(csv.reader(f))[1:]])
with open("data/samples/classification/binary_target.csv") as f:
    t = np.array([int(float(r[0])) for r in list(csv.reader(f))[1:]])
rng = np.random.default_rng(7)
b = np.clip(0.6 * a + 0.4 * rng.random(len(a)), 0, 1).round(6)

ca = ((a > 0.5).astype(int) == t).astype(int)
cb = ((b > 0.5).astype(int) == t).astype(int)
only_a = int(((ca == 1) & (cb == 0)).sum())
only_b = int(((ca == 0) & (cb == 1)).sum())
mcnemar_p = 1.0 if only_a + only_b == 0 else binomtest(min(only_a, only_b), only_a + only_b, 0.5).pvalue


def components(s):
    pos = s[t == 1]
    neg = s[t == 0]
    psi = lambda x, y: 1.0 if x > y else (0.5 if x == y else 0.0)
    v10 = np.array([np.mean([psi(x, y) for y in neg]) for x in pos])
    v01 = np.array([np.mean([psi(x, y) for x in pos]) for y in neg])
    return v10.mean(), v10, v01


auc_a, v10a, v01a = components(a)
auc_b, v10b, v01b = components(b)
s10 = np.cov(np.vstack([v10a, v10b]))
s01 = np.cov(np.vstack([v01a, v01b]))
var = (s10[0, 0] + s10[1, 1] - 2 * s10[0, 1]) / len(v10a) + (s01[0, 0] + s01[1, 1] - 2 * s01[0, 1]) / len(v01a)
z = (auc_a - auc_b) / math.sqrt(var)
delong_p = 2 * norm.sf(abs(z))

p = [0.01, 0.04, 0.03, 0.2, 0.001, 0.04]
m = len(p)
order = sorted(range(m), key=lambda i: (p[i], i))
holm = [0.0] * m
running = 0.0
for rank, i in enumerate(order):
    running = max(running, min(1.0, (m - rank) * p[i]))
    holm[i] = running
bh = [0.0] * m
running = 1.0
for rank in range(m - 1, -1, -1):
    i = order[rank]
    running = min(running, min(1.0, m * p[i] / (rank + 1)))
    bh[i] = running

print(json.dumps({
    "reference": f"scipy {scipy.__version__} binomtest and norm.sf; scikit-learn {sklearn.__version__} accuracy_score, roc_auc_score; DeLong 1988 pairwise components; Holm 1979; Benjamini-Hochberg 1995",
    "predsB": b.tolist(),
    "accuracyA": accuracy_score(t, (a > 0.5).astype(int)),
    "accuracyB": accuracy_score(t, (b > 0.5).astype(int)),
    "onlyA": only_a,
    "onlyB": only_b,
    "mcnemarP": mcnemar_p,
    "aucA": roc_auc_score(t, a),
    "aucB": roc_auc_score(t, b),
    "delongVariance": var,
    "delongP": delong_p,
    "pValues": p,
    "holm": holm,
    "benjaminiHochberg": bh,
}, indent=1))
