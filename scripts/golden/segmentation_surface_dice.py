"""Golden cases for plumbline's normalizedSurfaceDice, computed by DeepMind's surface-distance.

surface-distance (google-deepmind/surface-distance) is not packaged: put its source folder on
PYTHONPATH (e.g. `git archive HEAD surface_distance` unpacked under /tmp/sd), then
  PYTHONPATH=/tmp/sd /usr/bin/python3 scripts/golden/segmentation_surface_dice.py
Writes test/data/golden/segmentation_surface_dice.json: pairs of 2-D masks (random blobs, shifted
shapes, one or both empty, masks touching the image border) with spacings and tolerances, and
compute_surface_dice_at_tolerance(compute_surface_distances(gt, pred, spacing), tolerance).
"""
import json
import warnings

import numpy as np
import scipy
from surface_distance import metrics

warnings.filterwarnings("ignore")
rng = np.random.default_rng(2021)
cases = []


def blob(h, w, p=0.5):
    m = rng.random((h, w)) < p
    # smooth a little: keep pixels with enough neighbours
    pad = np.pad(m, 1)
    n = sum(np.roll(np.roll(pad, dy, 0), dx, 1) for dy in (-1, 0, 1) for dx in (-1, 0, 1))[1:-1, 1:-1]
    return n >= 5


def add(name, gt, pred, spacing, tolerances):
    d = metrics.compute_surface_distances(gt, pred, spacing)
    for tol in tolerances:
        v = float(metrics.compute_surface_dice_at_tolerance(d, tol))
        cases.append({"name": f"{name} tol {tol}", "target": gt.astype(int).tolist(), "preds": pred.astype(int).tolist(), "spacing": list(spacing), "tolerance": tol, "expected": None if np.isnan(v) else v})


for k in range(6):
    h, w = int(rng.integers(6, 20)), int(rng.integers(6, 20))
    gt, pred = blob(h, w), blob(h, w)
    add(f"blobs {k}", gt, pred, [1.0, 1.0], [0.0, 1.0, 1.5, 2.0])
    add(f"blobs {k} anisotropic", gt, pred, [0.5, 2.0], [0.5, 1.0, 2.5])
sq = np.zeros((12, 14), bool)
sq[3:8, 4:10] = True
add("square vs shifted square", sq, np.roll(sq, 1, axis=1), [1.0, 1.0], [0.0, 0.5, 1.0])
add("square vs itself", sq, sq.copy(), [1.5, 1.0], [0.0])
border = np.zeros((5, 6), bool)
border[0:3, 0:6] = True
add("touching the border", border, np.roll(border, 1, axis=0), [1.0, 1.0], [0.0, 1.0])
add("prediction empty", sq, np.zeros_like(sq), [1.0, 1.0], [1.0])
add("both empty", np.zeros_like(sq), np.zeros_like(sq), [1.0, 1.0], [1.0])
single = np.zeros((4, 4), bool)
single[1, 2] = True
add("single pixels", single, np.roll(single, 1, axis=0), [1.0, 1.0], [0.9, 1.0])

out = {
    "reference": "DeepMind surface-distance compute_surface_dice_at_tolerance (master)",
    "versions": {"numpy": np.__version__, "scipy": scipy.__version__},
    "cases": cases,
}
with open("test/data/golden/segmentation_surface_dice.json", "w") as f:
    json.dump(out, f)
print(len(cases), "cases")
