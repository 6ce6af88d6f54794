"""Golden cases for plumbline/face, computed with scikit-learn and numpy.

Run with Debian's python: /usr/bin/python3 scripts/golden/face_cases.py
Writes test/data/golden/face_cases.json (schema of test/data/conformance/README.md).

verification: sklearn.metrics.roc_curve(drop_intermediate=False) points; TAR@FAR is the highest
TPR with FPR <= target; EER is (FPR + FNR) / 2 at the first point minimising |FPR - FNR|;
best accuracy is max over thresholds of (TP + TN) / n, predicting "same" when score >= threshold.
identification: rank of the first correct gallery match = 1 + #wrong items scoring strictly
higher than the best correct one (optimistic ties), written out with numpy.
"""
import json
import numpy as np
import sklearn
from sklearn.metrics import roc_curve

rng = np.random.default_rng(4242)
datasets, cases = {}, []


def f32(a):
    return np.asarray(a, dtype=np.float32).astype(np.float64)


for k, (n, sep, rounding) in enumerate([(60, 1.0, None), (500, 1.5, 2), (3000, 2.0, None)]):
    labels = (rng.random(n) < 0.3).astype(int)
    scores = f32(np.tanh(0.4 * (labels * sep + rng.normal(0, 1, n))))
    if rounding is not None:
        scores = np.round(scores, rounding)
    fpr, tpr, thr = roc_curve(labels, scores, drop_intermediate=False)
    targets = [1e-3, 1e-2, 1e-1, 0.3]
    tar = {}
    for t in targets:
        ok = fpr <= t
        i = int(np.argmax(np.where(ok, tpr, -1)))
        tar[str(t) if t != 1e-3 else "0.001"] = {"tar": float(tpr[i]), "far": float(fpr[i])}
    fnr = 1 - tpr
    j = int(np.argmin(np.abs(fpr - fnr)))
    P, N = labels.sum(), n - labels.sum()
    acc = (tpr * P + (1 - fpr) * N) / n
    name = f"verification{k}"
    datasets[name] = {"scores": scores.tolist(), "labels": labels.tolist()}
    cases.append({
        "id": f"golden/face/verification/{k}", "family": "face", "metric": "verification",
        "ref": f"sklearn {sklearn.__version__} roc_curve(drop_intermediate=False) + numpy",
        "inputs": name, "options": {"far_targets": targets},
        "expected": {"tarAtFar": tar, "eer": float((fpr[j] + fnr[j]) / 2), "bestAccuracy": {"accuracy": float(acc.max())},
                     "genuinePairs": int(P), "impostorPairs": int(N)},
        "rtol": 1e-12, "atol": 1e-12, "note": None})

for k, (probes, gallery_ids, dim) in enumerate([(20, 10, 8), (200, 50, 16)]):
    gallery_labels = np.arange(gallery_ids)
    centers = rng.normal(0, 1, (gallery_ids, dim))
    gallery = centers + rng.normal(0, 0.5, (gallery_ids, dim))
    probe_labels = rng.integers(0, gallery_ids, probes)
    probe = centers[probe_labels] + rng.normal(0, 0.8, (probes, dim))
    sim = f32(np.round(probe @ gallery.T, 1))  # rounding makes ties
    ranks = []
    for p in range(probes):
        same = gallery_labels == probe_labels[p]
        best = sim[p][same].max()
        ranks.append(1 + int((sim[p][~same] > best).sum()))
    ranks = np.array(ranks)
    name = f"identification{k}"
    datasets[name] = {"similarity": sim.tolist(), "probeLabels": probe_labels.tolist(), "galleryLabels": gallery_labels.tolist()}
    cases.append({
        "id": f"golden/face/identification/{k}", "family": "face", "metric": "identification_rank",
        "ref": f"numpy {np.__version__} rank of first correct match (optimistic ties)", "inputs": name,
        "options": {"ranks": [1, 5, 10]},
        "expected": {"cmc": {str(r): float((ranks <= r).mean()) for r in [1, 5, 10]}, "meanReciprocalRank": float((1 / ranks).mean())},
        "rtol": 1e-12, "atol": 1e-12, "note": None})

out = {"split": "golden", "seed": 4242, "versions": {"numpy": np.__version__, "sklearn": sklearn.__version__},
       "datasets": datasets, "cases": cases, "errors": []}
with open("test/data/golden/face_cases.json", "w") as f:
    json.dump(out, f)
print(len(cases), "cases")
