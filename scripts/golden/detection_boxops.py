"""Golden cases for plumbline's NMS, batched NMS and box_convert, computed by torchvision.ops.

Run with /usr/bin/python3 (Debian's python3-torchvision). Scores are rounded so that ties occur.
Writes test/data/golden/detection_boxops.json.
"""
import json

import torch
import torchvision
from torchvision.ops import batched_nms, box_convert, nms

g = torch.Generator().manual_seed(5)
cases = []
for i in range(8):
    n = int(torch.randint(5, 60, (1,), generator=g))
    xy = torch.rand(n, 2, generator=g, dtype=torch.float64) * 50
    wh = torch.rand(n, 2, generator=g, dtype=torch.float64) * 30 + 1
    boxes = torch.cat([xy, xy + wh], dim=1)
    scores = torch.round(torch.rand(n, generator=g, dtype=torch.float64) * 10) / 10
    idxs = torch.randint(0, 3, (n,), generator=g)
    thr = [0.3, 0.5, 0.7][i % 3]
    cases.append({
        "boxes": boxes.tolist(),
        "scores": scores.tolist(),
        "idxs": idxs.tolist(),
        "iou_threshold": thr,
        "nms": nms(boxes, scores, thr).tolist(),
        "batched_nms": batched_nms(boxes, scores, idxs, thr).tolist(),
        "xyxy_to_cxcywh": box_convert(boxes, "xyxy", "cxcywh").tolist(),
        "xyxy_to_xywh": box_convert(boxes, "xyxy", "xywh").tolist(),
    })
with open("test/data/golden/detection_boxops.json", "w") as f:
    json.dump({"versions": {"torch": torch.__version__, "torchvision": torchvision.__version__}, "cases": cases}, f)
print(len(cases), "cases")
