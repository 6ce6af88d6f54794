"""Golden case for COCO keypoints evaluation with a ground truth whose area is negative.

With area < -eps, OKS's e = d^2 / vars / (area + eps) / 2 is negative and exp(-e) > 1, so every
detection matches that ground truth (which area range "all" then ignores). plumbline skips
hopeless pairs by an upper bound that holds only for e >= 0; this case pins that such a ground
truth gets its pairs computed exactly, as pycocotools does.

Needs pycocotools importable by /usr/bin/python3 (cocoapi's PythonAPI with its _mask extension
built, on PYTHONPATH). Writes test/data/golden/detection_coco_keypoints_area.json.
"""
import contextlib
import copy
import io
import json

import numpy as np
from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval

rng = np.random.default_rng(11)


def person(x, y, w, h):
    kps = []
    for _ in range(17):
        kps += [round(float(x + rng.random() * w), 2), round(float(y + rng.random() * h), 2), 2]
    return kps


images = [{"id": i, "width": 200, "height": 200} for i in (1, 2)]
annotations = []
detections = []
for img in (1, 2):
    for p, area in enumerate((-50.0, 900.0, 1600.0)):
        x, y = 10 + 60 * p, 20 + 30 * p
        kps = person(x, y, 40, 60)
        annotations.append({
            "id": len(annotations) + 1, "image_id": img, "category_id": 1,
            "bbox": [x, y, 40, 60], "area": area, "iscrowd": 0,
            "keypoints": kps, "num_keypoints": 17,
        })
        for noise in (1.0, 4.0, 30.0):
            det = [v + (round(float(rng.normal() * noise), 2) if (i % 3) != 2 else 0) for i, v in enumerate(kps)]
            detections.append({"image_id": img, "category_id": 1, "keypoints": det,
                               "score": round(float(rng.random()), 4)})
gt = {"images": images, "annotations": annotations, "categories": [{"id": 1, "name": "person"}]}

with contextlib.redirect_stdout(io.StringIO()):
    coco = COCO()
    coco.dataset = copy.deepcopy(gt)
    coco.createIndex()
    ev = COCOeval(coco, coco.loadRes(copy.deepcopy(detections)), "keypoints")
    ev.evaluate()
    ev.accumulate()
    ev.summarize()

out = {
    "reference": "pycocotools COCOeval (cocoapi master), iouType keypoints",
    "versions": {"numpy": np.__version__},
    "ground_truth": gt,
    "detections": detections,
    "stats": [float(s) for s in ev.stats],
}
with open("test/data/golden/detection_coco_keypoints_area.json", "w") as f:
    json.dump(out, f)
print(out["stats"])
