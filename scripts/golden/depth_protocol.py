"""Golden cases for the depth evaluation protocol, the KITTI SILog, the bad-pixel rate and WHDR,
computed in numpy from the formulas of the reference evaluation code:

- Monodepth2 `evaluate_depth.py` (Godard et al. 2019): ground truth inside (MIN_DEPTH, MAX_DEPTH)
  = (1e-3, 80), Garg crop rows 0.40810811-0.99189189 and columns 0.03594771-0.96405229 (as int32
  of fraction x size), median scaling `pred *= median(gt) / median(pred)`, predictions clamped to
  [MIN_DEPTH, MAX_DEPTH], `compute_errors` per image (abs_rel, sq_rel, rmse, rmse_log, a1-a3),
  then the mean over images;
- BTS / AdaBins `compute_errors`: silog = 100 sqrt(mean(d^2) - mean(d)^2), d = log pred - log gt
  (the KITTI depth benchmark's metric), log10; the Eigen crop rows 0.3324324-0.91351351, columns
  0.0359477-0.96405229;
- MiDaS `compute_scale_and_shift`: the least-squares scale s and shift t of s pred + t onto gt;
- the KITTI 2015 stereo devkit's D1 outlier rate: |err| > 3 and |err| / gt > 0.05;
- IIW `whdr.py` `compute_whdr` (Bell et al. 2014): weighted disagreement with delta 0.10.

    /usr/bin/python3 scripts/golden/depth_protocol.py > test/data/golden/depth_protocol.json
"""
import json
import sys

import numpy as np

rng = np.random.default_rng(11)
H, W = 30, 40
gt = rng.uniform(2, 100, size=(2, H, W))
gt[rng.random(size=gt.shape) < 0.3] = 0.0  # missing ground truth, as in KITTI's sparse maps
pred = np.abs(gt * 0.7 * rng.uniform(0.8, 1.25, size=gt.shape)) + 0.5


def compute_errors(g, p):
    """Monodepth2 / BTS compute_errors on the evaluated pixels of one image."""
    thresh = np.maximum(g / p, p / g)
    d = np.log(p) - np.log(g)
    return {
        "abs_rel": float(np.mean(np.abs(g - p) / g)),
        "sq_rel": float(np.mean(((g - p) ** 2) / g)),
        "rmse": float(np.sqrt(np.mean((g - p) ** 2))),
        "rmse_log": float(np.sqrt(np.mean((np.log(g) - np.log(p)) ** 2))),
        "log10": float(np.mean(np.abs(np.log10(g) - np.log10(p)))),
        "silog": float(np.sqrt(np.mean(d**2) - np.mean(d) ** 2) * 100),
        "a1": float((thresh < 1.25).mean()),
        "a2": float((thresh < 1.25**2).mean()),
        "a3": float((thresh < 1.25**3).mean()),
        "bad_pixel_rate": float(((np.abs(p - g) > 3) & (np.abs(p - g) / g > 0.05)).mean()),
    }


def crop_mask(kind, h, w):
    if kind is None:
        return np.ones((h, w), bool)
    f = {"garg": [0.40810811, 0.99189189, 0.03594771, 0.96405229], "eigen": [0.3324324, 0.91351351, 0.0359477, 0.96405229]}[kind]
    c = (np.array([f[0] * h, f[1] * h, f[2] * w, f[3] * w])).astype(np.int32)
    m = np.zeros((h, w), bool)
    m[c[0] : c[1], c[2] : c[3]] = True
    return m


def evaluate(crop, alignment, average, caps=(1e-3, 80)):
    per_image = []
    pooled_g, pooled_p = [], []
    for g, p in zip(gt, pred):
        mask = (g > caps[0]) & (g < caps[1]) & crop_mask(crop, H, W)
        gg, pp = g[mask], p[mask].copy()
        if alignment == "median":
            pp *= np.median(gg) / np.median(pp)
        elif alignment == "least-squares":
            a00, a01, a11 = np.sum(pp * pp), np.sum(pp), len(pp)
            b0, b1 = np.sum(pp * gg), np.sum(gg)
            det = a00 * a11 - a01 * a01
            s = (a11 * b0 - a01 * b1) / det
            t = (-a01 * b0 + a00 * b1) / det
            pp = s * pp + t
        pp = np.clip(pp, caps[0], caps[1])
        per_image.append(compute_errors(gg, pp))
        pooled_g.append(gg)
        pooled_p.append(pp)
    if average == "images":
        return {k: float(np.mean([e[k] for e in per_image])) for k in per_image[0]}
    return compute_errors(np.concatenate(pooled_g), np.concatenate(pooled_p))


cases = []
for crop, alignment, average in [
    ("garg", "median", "images"),  # Monodepth2's monocular evaluation
    ("garg", "none", "images"),  # Monodepth2's stereo evaluation (no median scaling)
    ("eigen", "none", "pixels"),
    (None, "least-squares", "pixels"),
    (None, "none", "pixels"),
]:
    cases.append({"crop": crop, "alignment": alignment, "average": average, "expected": evaluate(crop, alignment, average)})


def whdr(reflectance, judgements, delta=0.10):
    """IIW compute_whdr, following Bell et al. 2014 section 3.5."""
    points = {p["id"]: p for p in judgements["intrinsic_points"]}
    rows, cols = reflectance.shape[0:2]
    error_sum = weight_sum = 0.0
    for c in judgements["intrinsic_comparisons"]:
        darker = c["darker"]
        weight = c["darker_score"]
        if darker not in ("1", "2", "E") or weight is None or weight <= 0:
            continue
        p1, p2 = points[c["point1"]], points[c["point2"]]
        if not p1["opaque"] or not p2["opaque"]:
            continue
        l1 = max(1e-10, np.mean(reflectance[int(p1["y"] * rows), int(p1["x"] * cols), ...]))
        l2 = max(1e-10, np.mean(reflectance[int(p2["y"] * rows), int(p2["x"] * cols), ...]))
        alg = "1" if l2 / l1 > 1.0 + delta else ("2" if l1 / l2 > 1.0 + delta else "E")
        if darker != alg:
            error_sum += weight
        weight_sum += weight
    return error_sum / weight_sum if weight_sum else None


reflectance = rng.uniform(0.05, 1, size=(12, 16, 3))
points = [{"id": i, "x": float(rng.uniform(0, 1)), "y": float(rng.uniform(0, 1)), "opaque": bool(rng.random() > 0.1)} for i in range(25)]
comparisons = []
for k in range(60):
    a, b = rng.choice(25, size=2, replace=False)
    comparisons.append({
        "point1": int(a), "point2": int(b),
        "darker": str(rng.choice(["1", "2", "E", "E", "x"])),
        "darker_score": float(rng.choice([0.0, rng.uniform(0.2, 1.0), rng.uniform(0.2, 1.0)])),
    })
judgements = {"intrinsic_points": points, "intrinsic_comparisons": comparisons}

json.dump(
    {
        "reference": "numpy %s; formulas of Monodepth2 evaluate_depth.py, BTS/AdaBins compute_errors (KITTI silog), "
        "MiDaS compute_scale_and_shift, KITTI 2015 stereo D1, IIW whdr.py" % np.__version__,
        "preds": pred.tolist(),
        "target": gt.tolist(),
        "cases": cases,
        "whdr": {"reflectance": reflectance.tolist(), "judgements": judgements, "value": whdr(reflectance, judgements),
                 "value_delta_0_2": whdr(reflectance, judgements, 0.2)},
    },
    sys.stdout,
)
print()
