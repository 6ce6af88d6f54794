"""Golden cases for plumbline's dcgScore and ndcgScore, computed by scikit-learn 1.2.1.

Run with Debian's python (scikit-learn 1.2.1):
  /usr/bin/python3 scripts/golden/retrieval_sklearn_dcg.py
Writes test/data/golden/retrieval_sklearn_dcg.json (schema of test/data/conformance/README.md).
Covers dcg_score (k, log_base, sample_weight, ignore_ties on distinct scores, tied scores,
negative and fractional relevance) and ndcg_score (the same grid, all-zero rows), plus the
doctest of dcg_score.
"""
import json

import numpy as np
import sklearn
from sklearn.metrics import dcg_score, ndcg_score

rng = np.random.default_rng(2307)
datasets, cases = {}, []


def add(name, preds, target, weights=None):
    d = {"preds": [[float(x) for x in r] for r in preds], "target": [[float(x) for x in r] for r in target]}
    if weights is not None:
        d["sample_weight"] = [float(w) for w in weights]
    datasets[name] = d
    return name


def case(metric, dataset, note, **options):
    d = datasets[dataset]
    y_true = np.asarray(d["target"], dtype=np.float64)
    y_score = np.asarray(d["preds"], dtype=np.float64)
    w = d.get("sample_weight")
    fn = dcg_score if metric == "dcg" else ndcg_score
    value = fn(y_true, y_score, sample_weight=w, **options)
    cases.append({
        "id": f"golden/retrieval/{metric}/{len(cases)}",
        "family": "retrieval",
        "metric": metric,
        "ref": f"sklearn {sklearn.__version__} {metric}_score",
        "inputs": dataset,
        "options": options,
        "expected": float(value),
        "rtol": 1e-12,
        "atol": 1e-12,
        "note": note,
    })


# The dcg_score doctest.
doc = add("doc", [[0.1, 0.2, 0.3, 4, 70]], [[10, 0, 0, 1, 5]])
doc_ties = add("doc_ties", [[1, 0, 0, 0, 1]], [[10, 0, 0, 1, 5]])
for k in (None, 2, 1):
    case("dcg", doc, "sklearn's dcg_score doctest", k=k)
    case("ndcg", doc, "sklearn's ndcg_score doctest", k=k)
    case("dcg", doc_ties, "doctest with tied scores: gains averaged over the tie", k=k)
    case("ndcg", doc_ties, "doctest with tied scores", k=k)

# Distinct scores: ignore_ties gives the same ranking, so both settings are reproducible.
distinct = add("distinct", rng.random((30, 8)), rng.integers(0, 4, (30, 8)))
weighted = add("distinct_weighted", rng.random((12, 5)), rng.integers(0, 3, (12, 5)), rng.random(12) * 3)
for ds in (distinct, weighted):
    for k in (None, 1, 3):
        for ignore_ties in (False, True):
            case("dcg", ds, "distinct scores", k=k, ignore_ties=ignore_ties)
            case("ndcg", ds, "distinct scores", k=k, ignore_ties=ignore_ties)
    for log_base in (10, float(np.e), 1.5):
        case("dcg", ds, "log_base", k=None, log_base=log_base)
        case("dcg", ds, "log_base with a cut-off", k=2, log_base=log_base)

# Tied scores (ignore_ties=False only: numpy's unstable argsort orders ties otherwise).
tp = np.round(rng.random((25, 9)) * 3) / 3
tt = rng.integers(0, 4, (25, 9))
tt[0] = 0  # an all-zero row: nDCG 0, still counted
ties = add("ties", tp, tt)
ties_w = add("ties_weighted", tp[:10], tt[:10], rng.random(10))
for ds in (ties, ties_w):
    for k in (None, 2, 5):
        case("dcg", ds, "tied scores averaged (ignore_ties=False)", k=k)
        case("ndcg", ds, "tied scores averaged (ignore_ties=False)", k=k)

# dcg_score takes any real relevance (negative and fractional too).
real = add("real_relevance", rng.random((8, 6)), rng.normal(size=(8, 6)))
case("dcg", real, "negative and fractional relevance", k=None)
case("dcg", real, "negative and fractional relevance", k=4, log_base=3)

# Two documents per row, the smallest multioutput shape.
two = add("two_columns", [[0.2, 0.8], [0.5, 0.5], [0.9, 0.1]], [[1, 0], [0, 2], [3, 1]])
case("dcg", two, "two documents per row", k=None)
case("ndcg", two, "two documents per row", k=None)
case("ndcg", two, "two documents per row", k=1)

out = {
    "split": "golden",
    "seed": 2307,
    "versions": {"sklearn": sklearn.__version__, "numpy": np.__version__},
    "datasets": datasets,
    "cases": cases,
    "errors": [],
}
with open("test/data/golden/retrieval_sklearn_dcg.json", "w") as f:
    json.dump(out, f)
print(len(cases), "cases")
