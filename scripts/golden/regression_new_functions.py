"""Golden cases for d2PinballScore, d2TweedieScore, forceFinite of r2Score / explainedVariance,
Kendall's tau variants with their p-values, and imageGradients.

References: scikit-learn 1.2.1 (d2_pinball_score, d2_tweedie_score, r2_score and
explained_variance_score with force_finite=False); scipy 1.10 kendalltau(variant="b"|"c",
method="asymptotic", alternative=...), whose statistic and tie-corrected variance are those of
torchmetrics 1.9 kendall_rank_corrcoef(t_test=True); variant "a" (which scipy lacks) from
torchmetrics 1.9's formulas, (C - D)/(C + D) and z = 3(C - D)/sqrt(n(n-1)(2n+5)/2), evaluated in
numpy; image gradients as torchmetrics 1.9 image_gradients defines them (one-step differences,
zero last row/column), evaluated with torch 1.13.

    /usr/bin/python3 scripts/golden/regression_new_functions.py > test/data/golden/regression_new_functions.json
"""
import json
import sys
import warnings

import numpy as np
import scipy
import sklearn
import torch
from scipy.stats import kendalltau, norm
from sklearn.metrics import d2_pinball_score, d2_tweedie_score, explained_variance_score, r2_score

warnings.simplefilter("ignore")
rng = np.random.default_rng(7)


def num(x):
    x = float(x)
    return "nan" if np.isnan(x) else ("inf" if x == np.inf else ("-inf" if x == -np.inf else x))


d2_pinball = []
for alpha in [0.1, 0.5, 0.9]:
    t = rng.normal(size=17)
    p = t + rng.normal(scale=0.5, size=17)
    d2_pinball.append({"preds": p.tolist(), "target": t.tolist(), "alpha": alpha, "value": num(d2_pinball_score(t, p, alpha=alpha))})
t2 = rng.normal(size=(9, 3))
p2 = t2 + rng.normal(scale=0.7, size=(9, 3))
d2_pinball.append({"preds": p2.tolist(), "target": t2.tolist(), "alpha": 0.3, "multioutput": "raw_values",
                   "value": [num(v) for v in d2_pinball_score(t2, p2, alpha=0.3, multioutput="raw_values")]})
d2_pinball.append({"preds": [1, 2, 3], "target": [2, 2, 2], "alpha": 0.5, "value": num(d2_pinball_score([2, 2, 2], [1, 2, 3]))})

d2_tweedie = []
for power in [0, 1, 1.5, 2, 3, -1]:
    t = rng.uniform(0.5, 3, size=13)
    p = t * rng.uniform(0.7, 1.3, size=13)
    d2_tweedie.append({"preds": p.tolist(), "target": t.tolist(), "power": power, "value": num(d2_tweedie_score(t, p, power=power))})

force_finite = []
for t, p in [([1.0, 1.0, 1.0], [1.0, 1.0, 1.0]), ([1.0, 1.0, 1.0], [1.0, 2.0, 1.0]), ([1.0, 2.0, 4.0], [1.5, 2.0, 3.0])]:
    force_finite.append({
        "preds": p, "target": t,
        "r2": num(r2_score(t, p, force_finite=False)),
        "explained_variance": num(explained_variance_score(t, p, force_finite=False)),
    })
tm = [[1.0, 2.0], [1.0, 3.0], [1.0, 5.0]]
pm = [[1.0, 2.5], [2.0, 3.0], [1.0, 4.0]]
force_finite.append({
    "preds": pm, "target": tm, "multioutput": "variance_weighted",
    "r2": num(r2_score(tm, pm, multioutput="variance_weighted", force_finite=False)),
    "explained_variance": num(explained_variance_score(tm, pm, multioutput="variance_weighted", force_finite=False)),
})


def variant_a(x, y, alternative):
    """torchmetrics 1.9's variant a: (C - D)/(C + D), z = 3(C - D)/sqrt(n(n-1)(2n+5)/2)."""
    n = len(x)
    c = d = 0
    for i in range(n):
        for j in range(i + 1, n):
            s = np.sign(x[i] - x[j]) * np.sign(y[i] - y[j])
            c += s > 0
            d += s < 0
    tau = (c - d) / (c + d)
    z = 3 * (c - d) / np.sqrt(n * (n - 1) * (2 * n + 5) / 2)
    if alternative == "two-sided":
        p = 2 * norm.cdf(-abs(z))
    elif alternative == "greater":
        p = norm.cdf(-z)
    else:
        p = norm.cdf(z)
    return float(np.clip(tau, -1, 1)), float(p)


kendall = []
for k in range(6):
    n = [8, 12, 25, 40, 60, 9][k]
    x = rng.integers(0, 6, size=n).astype(float) if k % 2 else rng.normal(size=n)
    y = (x + rng.integers(0, 4, size=n)).astype(float) if k % 3 else rng.normal(size=n)
    for alternative in ["two-sided", "less", "greater"]:
        case = {"preds": x.tolist(), "target": y.tolist(), "alternative": alternative}
        for variant in ["b", "c"]:
            r = kendalltau(x, y, variant=variant, method="asymptotic", alternative=alternative)
            case[variant] = [num(r.statistic), num(r.pvalue)]
        case["a"] = [num(v) for v in variant_a(x, y, alternative)]
        kendall.append(case)

img = torch.tensor(rng.normal(size=(2, 3, 4, 5)), dtype=torch.float64)
dy = torch.zeros_like(img)
dx = torch.zeros_like(img)
dy[..., :-1, :] = img[..., 1:, :] - img[..., :-1, :]
dx[..., :, :-1] = img[..., :, 1:] - img[..., :, :-1]
gradients = {"img": img.tolist(), "dy": dy.flatten().tolist(), "dx": dx.flatten().tolist()}

json.dump(
    {
        "reference": f"scikit-learn {sklearn.__version__}, scipy {scipy.__version__}, torch {torch.__version__}; "
        "torchmetrics 1.9 formulas for Kendall variant a and image_gradients",
        "d2_pinball": d2_pinball,
        "d2_tweedie": d2_tweedie,
        "force_finite": force_finite,
        "kendall": kendall,
        "image_gradients": gradients,
    },
    sys.stdout,
    indent=1,
)
print()
