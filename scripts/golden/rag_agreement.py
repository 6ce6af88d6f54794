"""Golden cases for plumbline's agreement statistics (src/rag/agreement.ts).

- Cohen's kappa: scikit-learn 1.2.1 `cohen_kappa_score(a, b, weights=None|"linear"|"quadratic")`.
- Krippendorff's alpha: the `krippendorff` package 0.8.2 (github.com/pln-fing-udelar/fast-krippendorff,
  tag v0.8.2), run from its source: `alpha(reliability_data, level_of_measurement=...)`, including
  the worked examples of its doctests (Wikipedia's 3 coders x 15 units; Krippendorff (2011),
  "Computing Krippendorff's Alpha-Reliability", page 8: 4 coders x 12 units, ordinal 0.815,
  ratio 0.797, nominal 0.743).

Run with Debian's python (numpy, scikit-learn 1.2.1) and the package's source on PYTHONPATH:
  git --git-dir=<mirror of pln-fing-udelar/fast-krippendorff> archive v0.8.2 | tar -x -C /tmp/kd
  PYTHONPATH=/tmp/kd /usr/bin/python3 scripts/golden/rag_agreement.py
Writes test/data/golden/rag_agreement.json.
"""
import json

import krippendorff
import numpy as np
import sklearn
from sklearn.metrics import cohen_kappa_score

rng = np.random.default_rng(14)
nan = float("nan")


def enc(x):
    return None if isinstance(x, float) and np.isnan(x) else float(x)


kappa = []
for name, (a, b) in {
    "binary": (rng.integers(0, 2, 40), rng.integers(0, 2, 40)),
    "binary_correlated": (lambda x: (x, np.where(rng.random(60) < 0.8, x, 1 - x)))(rng.integers(0, 2, 60)),
    "three_classes": (rng.integers(0, 3, 50), rng.integers(0, 3, 50)),
    "ordinal_five": (rng.integers(1, 6, 80), np.clip(rng.integers(1, 6, 80) + rng.integers(-1, 2, 80), 1, 5)),
    "label_only_in_one": ([0, 1, 2, 2, 1, 0, 0], [0, 1, 1, 2, 1, 0, 3]),
    "negative_labels": ([-1, 0, 1, 0, -1, 1], [-1, 0, 0, 0, 1, 1]),
    "one_label": ([1, 1, 1], [1, 1, 1]),
}.items():
    for weights in (None, "linear", "quadratic"):
        kappa.append({
            "name": name,
            "a": [float(x) for x in a],
            "b": [float(x) for x in b],
            "weights": weights or "none",
            "expected": enc(float(cohen_kappa_score(a, b, weights=weights))),
        })

wikipedia = [
    [nan, nan, nan, nan, nan, 3, 4, 1, 2, 1, 1, 3, 3, nan, 3],
    [1, nan, 2, 1, 3, 3, 4, 3, nan, nan, nan, nan, nan, nan, nan],
    [nan, nan, 2, 1, 3, 4, 4, nan, 2, 1, 1, 3, 3, nan, 4],
]
krippendorff2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
    [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan],
]
continuous = rng.random((2, 25)).round(3)
continuous[1] = np.clip(continuous[0] + rng.normal(0, 0.15, 25), 0, 1).round(3)
continuous[0, 3] = nan
judge_human = np.array([rng.integers(0, 2, 30), rng.integers(0, 2, 30)], dtype=float)
alpha = []
for name, data in {
    "wikipedia": wikipedia,
    "krippendorff_2011": krippendorff2011,
    "judge_vs_human_scores": continuous.tolist(),
    "judge_vs_human_binary": judge_human.tolist(),
    "five_coders_missing": np.where(rng.random((5, 20)) < 0.2, nan, rng.integers(0, 4, (5, 20))).tolist(),
}.items():
    for level in ("nominal", "ordinal", "interval", "ratio"):
        alpha.append({
            "name": name,
            "data": [[enc(x) for x in row] for row in data],
            "level": level,
            "expected": float(krippendorff.alpha(reliability_data=np.asarray(data, dtype=float), level_of_measurement=level)),
        })

out = {
    "references": {
        "cohen_kappa": f"scikit-learn {sklearn.__version__} cohen_kappa_score",
        "krippendorff_alpha": "krippendorff 0.8.2 alpha (github.com/pln-fing-udelar/fast-krippendorff, v0.8.2)",
    },
    "note": "null in data is a missing value (NaN)",
    "cohen_kappa": kappa,
    "krippendorff_alpha": alpha,
}
with open("test/data/golden/rag_agreement.json", "w") as f:
    json.dump(out, f, indent=1)
print(len(kappa), "kappa cases,", len(alpha), "alpha cases")
