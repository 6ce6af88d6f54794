"""Golden cases for plumbline's detectionMap under the torchmetrics convention.

torchmetrics 1.9.0 MeanAveragePrecision hands pycocotools float32 IoU and recall thresholds
(torch.linspace(...).tolist(): 0.6000000238418579, 0.009999999776482582, ...), so an IoU of
exactly 0.6 misses t = 0.6. These cases are run by torchmetrics itself, from source, with the
pycocotools backend:
  PYTHONPATH=/tmp/tm/src:/tmp/cocoapi/PythonAPI /usr/bin/python3 scripts/golden/detection_torchmetrics_map.py
(torchmetrics v1.9.0 and lightning-utilities sources unpacked outside the repository; cocoapi's
PythonAPI with its _mask extension built). Nothing here installs them.
Writes test/data/golden/detection_torchmetrics_map.json: the threshold lists torch produces, the
two MeanAveragePrecision doctests (bbox 0.6, segm 0.2) and random cases whose IoUs sit exactly on
thresholds (integer boxes and masks), each with torchmetrics' 12 summary numbers.
"""
import json
import warnings

import numpy as np
import torch
import torchmetrics
from torchmetrics.detection import MeanAveragePrecision

warnings.filterwarnings("ignore")
rng = np.random.default_rng(606)
KEYS = ["map", "map_50", "map_75", "map_small", "map_medium", "map_large", "mar_1", "mar_10", "mar_100", "mar_small", "mar_medium", "mar_large"]


def run(preds, target, iou_type, **kw):
    m = MeanAveragePrecision(iou_type=iou_type, backend="pycocotools", **kw)
    tp = [{k: torch.tensor(v, dtype=torch.bool if k == "masks" else (torch.float32 if k in ("boxes", "scores") else torch.int64)) for k, v in p.items()} for p in preds]
    tt = [{k: torch.tensor(v, dtype=torch.bool if k == "masks" else (torch.float32 if k == "boxes" else torch.int64)) for k, v in t.items()} for t in target]
    m.update(tp, tt)
    r = m.compute()
    return {k: float(r[k]) for k in KEYS}


cases = []
thresholds = MeanAveragePrecision()
cases.append({"name": "default thresholds", "iou_thresholds": thresholds.iou_thresholds, "rec_thresholds": thresholds.rec_thresholds})

# The two doctests of MeanAveragePrecision (torchmetrics 1.9.0 mean_ap.py).
cases.append({
    "name": "doctest bbox",
    "iou_type": "bbox",
    "preds": [{"boxes": [[258.0, 41.0, 606.0, 285.0]], "scores": [0.536], "labels": [0]}],
    "target": [{"boxes": [[214.0, 41.0, 562.0, 285.0]], "labels": [0]}],
})
mask_pred = [[0, 0, 0, 0, 0], [0, 0, 1, 1, 0], [0, 0, 1, 1, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0]]
mask_tgt = [[0, 0, 0, 0, 0], [0, 0, 1, 0, 0], [0, 0, 1, 1, 0], [0, 0, 1, 0, 0], [0, 0, 0, 0, 0]]
cases.append({
    "name": "doctest segm",
    "iou_type": "segm",
    "preds": [{"masks": [mask_pred], "scores": [0.536], "labels": [0]}],
    "target": [{"masks": [mask_tgt], "labels": [0]}],
})

# Integer boxes: IoUs are ratios of small integers, many exactly on 0.55, 0.6, 0.65, ...
for n in range(4):
    preds, target = [], []
    for _ in range(6):
        gts, dts, sc, gl, dl = [], [], [], [], []
        for _ in range(int(rng.integers(1, 5))):
            x, y = int(rng.integers(0, 40)), int(rng.integers(0, 40))
            w, h = int(rng.integers(4, 40)), int(rng.integers(4, 40))
            c = int(rng.integers(0, 3))
            gts.append([x, y, x + w, y + h])
            gl.append(c)
            for _ in range(int(rng.integers(0, 3))):
                dx, dy = int(rng.integers(-3, 4)), int(rng.integers(-3, 4))
                dts.append([x + dx, y + dy, x + dx + w, y + dy + h])
                sc.append(round(float(rng.random()), 3))
                dl.append(c)
        preds.append({"boxes": dts or np.zeros((0, 4)).tolist(), "scores": sc, "labels": dl})
        target.append({"boxes": gts, "labels": gl})
    cases.append({"name": f"integer boxes {n}", "iou_type": "bbox", "preds": preds, "target": target})

# Small masks: IoUs such as 3/5 = 0.6 and 7/10 = 0.7 exactly.
for n in range(3):
    preds, target = [], []
    for _ in range(4):
        H, W = 8, 8
        gm, pm, sc, gl, pl = [], [], [], [], []
        for _ in range(int(rng.integers(1, 3))):
            g = (rng.random((H, W)) < 0.35).astype(int)
            g[int(rng.integers(0, H)), int(rng.integers(0, W))] = 1
            p = g.copy()
            flips = rng.integers(0, 3)
            for _ in range(int(flips)):
                p[int(rng.integers(0, H)), int(rng.integers(0, W))] ^= 1
            p[int(rng.integers(0, H)), int(rng.integers(0, W))] = 1
            gm.append(g.tolist())
            pm.append(p.tolist())
            gl.append(0)
            pl.append(0)
            sc.append(round(float(rng.random()), 3))
        preds.append({"masks": pm, "scores": sc, "labels": pl})
        target.append({"masks": gm, "labels": gl})
    cases.append({"name": f"masks {n}", "iou_type": "segm", "preds": preds, "target": target})

for c in cases:
    if "preds" in c:
        c["expected"] = run(c["preds"], c["target"], c["iou_type"])

out = {
    "reference": "torchmetrics MeanAveragePrecision (backend pycocotools)",
    "versions": {"torchmetrics": torchmetrics.__version__, "torch": torch.__version__, "pycocotools": "cocoapi master", "numpy": np.__version__},
    "cases": cases,
}
with open("test/data/golden/detection_torchmetrics_map.json", "w") as f:
    json.dump(out, f)
print(len(cases), "cases;", [c.get("expected", {}).get("map") for c in cases])
