"""Golden cases for plumbline's landmarkError: a numpy re-implementation of the face-alignment
evaluation code the papers use, written from their published sources:

- NME: HRNet-Facial-Landmark-Detection (Wang et al. 2019), lib/core/evaluation.py `compute_nme`:
  rmse_i = sum(norm(pred_i - gt_i, axis=1)) / (d_i * L), d_i the ground truth's outer-eye-corner
  distance (68 points: 36 and 45; 98 points: 60 and 72); the inter-pupil variant uses the eye
  centres (means of 36-41 and 42-47; WFLW's pupil points 96 and 97), the box variant the diagonal
  of the ground-truth landmarks' bounding box.
- FR and AUC: PIPNet (Jin et al. 2021), lib/functions.py `compute_fr_and_auc`:
  xs = np.arange(0, thres + step, step); ys = [count(nmes <= x) / N]; fr = 1 - ys[-1];
  auc = scipy.integrate.simps(ys, x=xs) / thres.

Run with Debian's python (numpy 1.24, scipy 1.10):
  /usr/bin/python3 scripts/golden/face_landmarks.py
Writes test/data/golden/face_landmarks.json.
"""
import json

import numpy as np
import scipy
from scipy.integrate import simps

rng = np.random.default_rng(300)
cases = []


def eye_distance(gt, norm, corners, eyes):
    if norm == "inter-ocular":
        return np.linalg.norm(gt[corners[0]] - gt[corners[1]])
    if norm == "inter-pupil":
        return np.linalg.norm(np.mean(gt[eyes[0]], axis=0) - np.mean(gt[eyes[1]], axis=0))
    w, h = gt.max(axis=0) - gt.min(axis=0)
    return np.sqrt(w * w + h * h)


def compute_nme(preds, target, norm, corners, eyes):
    n, L = preds.shape[0], preds.shape[1]
    rmse = np.zeros(n)
    for i in range(n):
        d = eye_distance(target[i], norm, corners, eyes)
        rmse[i] = np.sum(np.linalg.norm(preds[i] - target[i], axis=1)) / (d * L)
    return rmse


def compute_fr_and_auc(nmes, thres=0.1, step=0.0001):
    num_data = len(nmes)
    xs = np.arange(0, thres + step, step)
    ys = np.array([np.count_nonzero(nmes <= x) for x in xs]) / float(num_data)
    fr = 1.0 - ys[-1]
    auc = simps(ys, x=xs) / thres
    return fr, auc


def face(L, spread):
    gt = rng.uniform(20, 120, size=(L, 2))
    if L == 68:
        gt[36] = [40, 50]
        gt[45] = [90, 52]
    if L == 98:
        gt[60] = [40, 50]
        gt[72] = [90, 51]
        gt[96] = [52, 50]
        gt[97] = [78, 50]
    pred = gt + rng.normal(0, spread, size=(L, 2))
    return pred, gt


def add(name, L, n, norm, thres, step, corners, eyes, options):
    spreads = rng.choice([0.5, 2.0, 6.0, 15.0], size=n)
    faces = [face(L, s) for s in spreads]
    preds = np.array([f[0] for f in faces]).round(3)
    target = np.array([f[1] for f in faces]).round(3)
    nmes = compute_nme(preds, target, norm, corners, eyes)
    fr, auc = compute_fr_and_auc(nmes, thres, step)
    cases.append({
        "name": name,
        "preds": preds.tolist(),
        "target": target.tolist(),
        "options": options,
        "expected": {"per_sample": nmes.tolist(), "nme": float(np.mean(nmes)), "failure_rate": float(fr), "auc": float(auc)},
    })


eyes68 = [list(range(36, 42)), list(range(42, 48))]
add("300W inter-ocular", 68, 40, "inter-ocular", 0.1, 0.0001, [36, 45], eyes68, {})
add("300W inter-pupil FR@0.08", 68, 30, "inter-pupil", 0.08, 0.0001, [36, 45], eyes68, {"normalization": "inter-pupil", "threshold": 0.08})
add("WFLW inter-ocular", 98, 25, "inter-ocular", 0.1, 0.0001, [60, 72], [[96], [97]], {})
add("WFLW inter-pupil", 98, 12, "inter-pupil", 0.1, 0.0001, [60, 72], [[96], [97]], {"normalization": "inter-pupil"})
add("5 points, bbox diagonal, even grid", 5, 20, "bbox-diagonal", 0.05, 0.002, None, None, {"normalization": "bbox-diagonal", "threshold": 0.05, "step": 0.002})
add("19 points, own corners, coarse grid", 19, 15, "inter-ocular", 0.1, 0.01, [2, 7], None, {"eyeCorners": [2, 7], "step": 0.01})
add("7 points, own eyes", 7, 9, "inter-pupil", 0.2, 0.0005, None, [[0, 1], [2, 3]], {"normalization": "inter-pupil", "eyes": [[0, 1], [2, 3]], "threshold": 0.2, "step": 0.0005})

out = {
    "reference": "numpy re-implementation of HRNet compute_nme and PIPNet compute_fr_and_auc",
    "versions": {"numpy": np.__version__, "scipy": scipy.__version__},
    "cases": cases,
}
with open("test/data/golden/face_landmarks.json", "w") as f:
    json.dump(out, f)
print(len(cases), "cases", [(round(c["expected"]["nme"], 4), c["expected"]["failure_rate"], round(c["expected"]["auc"], 4)) for c in cases])
