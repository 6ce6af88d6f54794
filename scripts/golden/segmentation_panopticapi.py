"""Golden cases for plumbline's panopticQualityCoco, computed by the COCO panoptic API.

Needs panopticapi importable by /usr/bin/python3 (bring cocodataset/panopticapi's source outside
the repository and put it on PYTHONPATH; nothing here installs it) and Pillow (Debian).
Writes test/data/golden/segmentation_panopticapi.json: per image segment-id maps and segments,
and the All / Things / Stuff PQ, SQ, RQ and per-class results of pq_compute_single_core + pq_average.
"""
import contextlib
import io
import json
import os
import tempfile

import numpy as np
from PIL import Image
from panopticapi.evaluation import pq_compute_single_core
from panopticapi.utils import id2rgb

rng = np.random.default_rng(11)
H, W = 20, 24
categories = [{"id": 1, "isthing": 1}, {"id": 2, "isthing": 1}, {"id": 3, "isthing": 0}, {"id": 4, "isthing": 0}]


def make_gt():
    ids = np.zeros((H, W), dtype=np.uint32)
    segs = []
    sid = 1
    # stuff: top band and right band
    for cat, sl in ((3, np.s_[0:5, :]), (4, np.s_[5:, 18:])):
        ids[sl] = sid
        segs.append({"id": sid, "category_id": cat, "iscrowd": 0})
        sid += 1
    for _ in range(int(rng.integers(2, 5))):
        y0, x0 = int(rng.integers(5, H - 3)), int(rng.integers(0, 15))
        h, w = int(rng.integers(2, 8)), int(rng.integers(2, 8))
        ids[y0:y0 + h, x0:x0 + w] = sid
        segs.append({"id": sid, "category_id": int(rng.integers(1, 3)), "iscrowd": int(rng.random() < 0.2)})
        sid += 1
    # VOID pixels
    ids[rng.random((H, W)) < 0.04] = 0
    present = set(np.unique(ids).tolist())
    segs = [s for s in segs if s["id"] in present]
    for s in segs:
        s["area"] = int((ids == s["id"]).sum())
    return ids, segs


def make_pred(gt_ids, gt_segs):
    ids = np.zeros_like(gt_ids)
    segs = []
    sid = 100
    for s in gt_segs:
        if rng.random() < 0.15:
            continue
        m = gt_ids == s["id"]
        m = np.roll(m, int(rng.integers(-1, 2)), axis=int(rng.integers(0, 2)))
        ids[m & (ids == 0)] = sid
        cat = s["category_id"] if rng.random() < 0.85 else int(rng.integers(1, 5))
        segs.append({"id": sid, "category_id": cat})
        sid += 1
    # a spurious prediction
    y0, x0 = int(rng.integers(0, H - 3)), int(rng.integers(0, W - 3))
    ids[y0:y0 + 3, x0:x0 + 3] = sid
    segs.append({"id": sid, "category_id": int(rng.integers(1, 5))})
    present = set(np.unique(ids).tolist())
    segs = [s for s in segs if s["id"] in present]
    return ids, segs


images = []
with tempfile.TemporaryDirectory() as tmp:
    gt_dir, pr_dir = os.path.join(tmp, "gt"), os.path.join(tmp, "pr")
    os.makedirs(gt_dir)
    os.makedirs(pr_dir)
    pairs = []
    for i in range(6):
        gi, gs = make_gt()
        pi, ps = make_pred(gi, gs)
        name = f"{i}.png"
        Image.fromarray(id2rgb(gi)).save(os.path.join(gt_dir, name))
        Image.fromarray(id2rgb(pi)).save(os.path.join(pr_dir, name))
        pairs.append(({"image_id": i, "file_name": name, "segments_info": gs}, {"image_id": i, "file_name": name, "segments_info": [dict(s) for s in ps]}))
        images.append({
            "target": {"ids": gi.ravel().tolist(), "segments": [{"id": s["id"], "categoryId": s["category_id"], "iscrowd": s["iscrowd"], "area": s["area"]} for s in gs]},
            "preds": {"ids": pi.ravel().tolist(), "segments": [{"id": s["id"], "categoryId": s["category_id"]} for s in ps]},
        })
    cats = {c["id"]: c for c in categories}
    with contextlib.redirect_stdout(io.StringIO()):
        stat = pq_compute_single_core(0, pairs, gt_dir, pr_dir, cats)
    results = {}
    for name, isthing in (("all", None), ("things", True), ("stuff", False)):
        r, per = stat.pq_average(cats, isthing=isthing)
        results[name] = r
        if name == "all":
            results["per_class"] = {str(k): v for k, v in per.items()}

out = {
    "split": "golden",
    "seed": 11,
    "versions": {"panopticapi": "cocodataset/panopticapi master", "numpy": np.__version__},
    "datasets": {"pan": {"images": images, "categories": categories}},
    "cases": [{"id": "golden/segmentation/panoptic_quality_coco/0", "family": "segmentation", "metric": "panoptic_quality_coco", "ref": "panopticapi pq_compute", "inputs": "pan", "options": {}, "expected": results, "rtol": 1e-9, "atol": 1e-12}],
    "errors": [],
}
with open("test/data/golden/segmentation_panopticapi.json", "w") as f:
    json.dump(out, f)
print(json.dumps(results)[:300])
