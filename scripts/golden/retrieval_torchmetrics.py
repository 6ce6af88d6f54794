"""Golden cases for plumbline's retrieval metrics, computed by torchmetrics and scikit-learn.

torchmetrics is not packaged by Debian: put the sources of torchmetrics 1.9.0 and
lightning-utilities on PYTHONPATH (e.g. `git archive v1.9.0 src/torchmetrics` unpacked under
/tmp), then run with Debian's python:
  PYTHONPATH=/tmp/tmref/src /usr/bin/python3 scripts/golden/retrieval_torchmetrics.py
Writes test/data/golden/retrieval_torchmetrics.json (schema of test/data/conformance/README.md).
Covers what the shared conformance file does not: RetrievalAUROC, empty_target_action pos/skip,
aggregation, ignore_index, adaptive_k, queries without relevant documents, interleaved query
ids, and sklearn ndcg_score with ignore_ties on tied scores.
"""
import json

import numpy as np
import sklearn
import torch
import torchmetrics
from sklearn.metrics import ndcg_score
from torchmetrics import retrieval as R

rng = np.random.default_rng(1729)
datasets, cases = {}, []


def f32(a):
    return [float(x) for x in np.asarray(a, dtype=np.float32)]


def add_grouped(name, queries, docs, graded=False, empty_every=0, interleave=False, distinct=True):
    n = queries * docs
    indexes = np.repeat(np.arange(queries), docs)
    if distinct:
        preds = np.asarray(f32(rng.random(n)), dtype=np.float64)
    else:
        preds = np.asarray(f32(np.round(rng.random(n) * 4) / 4), dtype=np.float64)
    target = rng.integers(0, 4, n) if graded else (rng.random(n) < 0.3).astype(int)
    if empty_every:
        for q in range(0, queries, empty_every):
            target[indexes == q] = 0
    if interleave:
        order = rng.permutation(n)
        indexes, preds, target = indexes[order], preds[order], target[order]
    datasets[name] = {"indexes": [int(x) for x in indexes], "preds": [float(x) for x in preds], "target": [int(x) for x in target]}
    return name


def tm(metric_name, cls, dataset, **options):
    d = datasets[dataset]
    m = cls(**options)
    value = m(torch.tensor(d["preds"], dtype=torch.float32), torch.tensor(d["target"]), indexes=torch.tensor(d["indexes"]))
    cases.append({
        "id": f"golden/retrieval/{metric_name}/{len(cases)}",
        "family": "retrieval",
        "metric": metric_name,
        "ref": f"torchmetrics {torchmetrics.__version__}",
        "inputs": dataset,
        "options": options,
        "expected": float(value),
        "rtol": 1e-5,
        "atol": 1e-7,
        "note": "float32 torch arithmetic; distinct scores unless the dataset name says ties",
    })


plain = add_grouped("g_plain", 30, 12, empty_every=4)
inter = add_grouped("g_interleaved", 25, 9, empty_every=5, interleave=True)
graded = add_grouped("g_graded", 20, 10, graded=True, empty_every=6)
ties = add_grouped("g_ties_ndcg", 20, 10, graded=True, distinct=False)

for ds in (plain, inter):
    for action in ("neg", "pos", "skip"):
        tm("map", R.RetrievalMAP, ds, empty_target_action=action)
        tm("mrr", R.RetrievalMRR, ds, empty_target_action=action, top_k=3)
        tm("precision_at_k", R.RetrievalPrecision, ds, empty_target_action=action, top_k=4)
        tm("recall_at_k", R.RetrievalRecall, ds, empty_target_action=action, top_k=4)
        tm("hit_rate_at_k", R.RetrievalHitRate, ds, empty_target_action=action, top_k=2)
        tm("r_precision", R.RetrievalRPrecision, ds, empty_target_action=action)
        tm("fall_out_at_k", R.RetrievalFallOut, ds, empty_target_action=action, top_k=3)
        tm("auroc", R.RetrievalAUROC, ds, empty_target_action=action)
        tm("auroc", R.RetrievalAUROC, ds, empty_target_action=action, top_k=6)
    for agg in ("median", "min", "max"):
        tm("map", R.RetrievalMAP, ds, aggregation=agg, top_k=5)
    tm("precision_at_k", R.RetrievalPrecision, ds, top_k=20, adaptive_k=True)
    tm("precision_at_k", R.RetrievalPrecision, ds, top_k=20)
for action in ("neg", "pos", "skip"):
    tm("ndcg", R.RetrievalNormalizedDCG, graded, empty_target_action=action)
    tm("ndcg", R.RetrievalNormalizedDCG, graded, empty_target_action=action, top_k=3)
for max_fpr in (0.1, 0.5):
    tm("auroc", R.RetrievalAUROC, plain, max_fpr=max_fpr)
    tm("auroc", R.RetrievalAUROC, inter, max_fpr=max_fpr, top_k=7)
tied_binary = add_grouped("g_ties_binary", 20, 10, distinct=False)
tm("auroc", R.RetrievalAUROC, tied_binary)
tm("auroc", R.RetrievalAUROC, tied_binary, max_fpr=0.3)
tm("ndcg", R.RetrievalNormalizedDCG, ties)
tm("ndcg", R.RetrievalNormalizedDCG, ties, top_k=4)
ign = dict(datasets[plain])
ign["target"] = [(-100 if i % 7 == 3 else t) for i, t in enumerate(ign["target"])]
datasets["g_ignore"] = ign
tm("map", R.RetrievalMAP, "g_ignore", ignore_index=-100)
tm("ndcg", R.RetrievalNormalizedDCG, "g_ignore", ignore_index=-100, top_k=5)

# scikit-learn ndcg_score on tied scores, averaged and ignored ties.
for name, (rows, cols) in {"s_ties_a": (40, 7), "s_ties_b": (15, 20)}.items():
    preds = np.round(rng.random((rows, cols)) * 3) / 3
    target = rng.integers(0, 4, (rows, cols))
    target[0] = 0
    datasets[name] = {"preds": [f32(r) for r in preds], "target": [[int(x) for x in r] for r in target]}
    p = np.asarray(datasets[name]["preds"], dtype=np.float64)
    for k in (None, 3):
        cases.append({
            "id": f"golden/retrieval/ndcg/{len(cases)}",
            "family": "retrieval",
            "metric": "ndcg",
            "ref": f"sklearn {sklearn.__version__} ndcg_score",
            "inputs": name,
            "options": {"k": k},
            "expected": float(ndcg_score(target, p, k=k)),
            "rtol": 1e-9,
            "atol": 1e-12,
            "note": "tied scores: sklearn averages gains over tie groups (ignore_ties=False)",
        })

out = {
    "split": "golden",
    "seed": 1729,
    "versions": {"torchmetrics": torchmetrics.__version__, "torch": torch.__version__, "sklearn": sklearn.__version__},
    "datasets": datasets,
    "cases": cases,
    "errors": [],
}
with open("test/data/golden/retrieval_torchmetrics.json", "w") as f:
    json.dump(out, f)
print(len(cases), "cases")
