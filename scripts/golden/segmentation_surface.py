"""Golden cases for plumbline's boundary metrics (Hausdorff, HD95, ASD, boundary F1).

References: scipy.ndimage (binary_erosion with its default cross structure and border 0,
distance_transform_edt with sampling) and numpy.percentile, the recipe MONAI's
compute_hausdorff_distance / compute_average_surface_distance use; scikit-image's
metrics.hausdorff_distance for the all-points variant.
Run with /usr/bin/python3 (Debian's numpy, scipy, scikit-image); writes
test/data/golden/segmentation_surface.json in the conformance schema.
"""
import json
import numpy as np
import scipy
import skimage
from scipy import ndimage
from skimage.metrics import hausdorff_distance as sk_hd

rng = np.random.default_rng(2024)


def blob(h, w):
    m = np.zeros((h, w), dtype=bool)
    for _ in range(rng.integers(1, 4)):
        cy, cx = rng.integers(0, h), rng.integers(0, w)
        ry, rx = rng.integers(2, max(3, h // 3)), rng.integers(2, max(3, w // 3))
        yy, xx = np.ogrid[:h, :w]
        m |= ((yy - cy) / ry) ** 2 + ((xx - cx) / rx) ** 2 <= 1
    return m


def edges(m):
    return m ^ ndimage.binary_erosion(m)


def directed(a, b, spacing):
    dt = ndimage.distance_transform_edt(~edges(b), sampling=spacing)
    return dt[edges(a)]


cases, datasets = [], {}
for i in range(8):
    h, w = int(rng.integers(12, 40)), int(rng.integers(12, 40))
    p, t = blob(h, w), blob(h, w)
    if not p.any() or not t.any():
        continue
    key = f"s{i}"
    datasets[key] = {"preds": p.astype(int).tolist(), "target": t.astype(int).tolist()}
    spacing = [1.0, 1.0] if i % 2 == 0 else [0.5, 1.5]
    d1, d2 = directed(p, t, spacing), directed(t, p, spacing)
    for q in (100, 95):
        hd = max(np.percentile(d1, q), np.percentile(d2, q))
        cases.append({"metric": "hausdorff_distance", "inputs": key, "options": {"percentile": q, "spacing": spacing}, "expected": float(hd)})
    cases.append({"metric": "hausdorff_distance", "inputs": key, "options": {"percentile": 100, "spacing": spacing, "directed": True}, "expected": float(np.percentile(d1, 100))})
    cases.append({"metric": "average_surface_distance", "inputs": key, "options": {"spacing": spacing}, "expected": float(np.concatenate([d1, d2]).mean())})
    cases.append({"metric": "hausdorff_distance", "inputs": key, "options": {"points": "all"}, "expected": float(sk_hd(p, t))})
    tol = 2.0
    e1, e2 = directed(p, t, [1.0, 1.0]), directed(t, p, [1.0, 1.0])
    prec, rec = float((e1 <= tol).mean()), float((e2 <= tol).mean())
    bf = 0.0 if prec + rec == 0 else 2 * prec * rec / (prec + rec)
    cases.append({"metric": "boundary_f1", "inputs": key, "options": {"tolerance": tol}, "expected": bf})

def ball(d, h, w):
    m = np.zeros((d, h, w), dtype=bool)
    for _ in range(rng.integers(1, 3)):
        c = [rng.uniform(0, n) for n in (d, h, w)]
        r = [rng.uniform(2, max(3, n / 2.5)) for n in (d, h, w)]
        zz, yy, xx = np.ogrid[:d, :h, :w]
        m |= ((zz - c[0]) / r[0]) ** 2 + ((yy - c[1]) / r[1]) ** 2 + ((xx - c[2]) / r[2]) ** 2 <= 1
    return m


for i in range(4):
    d, h, w = (int(n) for n in rng.integers(6, 16, 3))
    p, t = ball(d, h, w), ball(d, h, w)
    if not p.any() or not t.any():
        continue
    key = f"v{i}"
    datasets[key] = {"preds": p.astype(int).tolist(), "target": t.astype(int).tolist()}
    spacing = [2.0, 1.0, 0.5] if i % 2 else [1.0, 1.0, 1.0]
    d1, d2 = directed(p, t, spacing), directed(t, p, spacing)
    for q in (100, 95):
        cases.append({"metric": "hausdorff_distance", "inputs": key, "options": {"percentile": q, "spacing": spacing, "spatialDims": 3}, "expected": float(max(np.percentile(d1, q), np.percentile(d2, q)))})
    cases.append({"metric": "average_surface_distance", "inputs": key, "options": {"spacing": spacing, "spatialDims": 3}, "expected": float(np.concatenate([d1, d2]).mean())})

out = {
    "split": "golden",
    "seed": 2024,
    "versions": {"numpy": np.__version__, "scipy": scipy.__version__, "skimage": skimage.__version__},
    "datasets": datasets,
    "cases": [
        {
            "id": f"golden/segmentation/{c['metric']}/{n}",
            "family": "segmentation",
            "ref": "scikit-image hausdorff_distance" if c["options"].get("points") == "all" else "scipy.ndimage edt + numpy percentile (MONAI recipe)",
            "rtol": 1e-9,
            "atol": 1e-12,
            **c,
        }
        for n, c in enumerate(cases)
    ],
    "errors": [],
}
with open("test/data/golden/segmentation_surface.json", "w") as f:
    json.dump(out, f)
print(len(out["cases"]), "cases")
