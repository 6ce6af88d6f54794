"""Golden cases for plumbline's modifiedPanopticQuality, computed by torchmetrics 1.9.0.

torchmetrics is not packaged by Debian: put the sources of torchmetrics 1.9.0 and
lightning-utilities on PYTHONPATH (`git archive v1.9.0 src/torchmetrics` unpacked under /tmp),
  PYTHONPATH=/tmp/tm/src /usr/bin/python3 scripts/golden/segmentation_torchmetrics_modified_pq.py
Writes test/data/golden/segmentation_torchmetrics_modified_pq.json: the modified_panoptic_quality
doctest (0.7667) and random (category, instance) maps with things, stuffs, VOID and unknown
prediction categories, each evaluated by the functional form and by ModifiedPanopticQuality over
two update batches.
"""
import json

import numpy as np
import torch
import torchmetrics
from torchmetrics.detection import ModifiedPanopticQuality
from torchmetrics.functional.detection import modified_panoptic_quality

rng = np.random.default_rng(19)
cases = []


def add(name, preds, target, things, stuffs, allow=False):
    p = torch.tensor(preds)
    t = torch.tensor(target)
    value = float(modified_panoptic_quality(p, t, things=set(things), stuffs=set(stuffs), allow_unknown_preds_category=allow))
    m = ModifiedPanopticQuality(things=set(things), stuffs=set(stuffs), allow_unknown_preds_category=allow)
    half = max(1, len(preds) // 2)
    m.update(p[:half], t[:half])
    if len(preds) > half:
        m.update(p[half:], t[half:])
    cases.append({
        "name": name,
        "preds": preds,
        "target": target,
        "options": {"things": things, "stuffs": stuffs, "allow_unknown_preds_category": allow},
        "expected": value,
        "expected_batched": float(m.compute()),
    })


add("doctest", [[[0, 0], [0, 1], [6, 0], [7, 0], [0, 2], [1, 0]]], [[[0, 1], [0, 0], [6, 0], [7, 0], [6, 0], [255, 0]]], [0, 1], [6, 7])

things, stuffs = [0, 1, 2], [5, 6]
for k in range(6):
    n, h, w = int(rng.integers(1, 4)), int(rng.integers(4, 9)), int(rng.integers(4, 9))

    def side(unknown):
        cats = rng.choice(things + stuffs + ([9] if unknown else []), size=(n, h, w))
        inst = rng.integers(0, 3, size=(n, h, w))
        # blocky: copy each row's left half to its right half sometimes, so segments overlap
        if rng.random() < 0.5:
            cats[:, :, w - w // 2:] = cats[:, :, : w // 2]
        return np.stack([cats, inst], -1).tolist()

    target = side(unknown=k % 2 == 0)  # unknown target categories are VOID
    preds = side(unknown=k == 3)
    add(f"random {k}", preds, target, things, stuffs, allow=k == 3)

out = {
    "reference": "torchmetrics modified_panoptic_quality / ModifiedPanopticQuality",
    "versions": {"torchmetrics": torchmetrics.__version__, "torch": torch.__version__},
    "cases": cases,
}
with open("test/data/golden/segmentation_torchmetrics_modified_pq.json", "w") as f:
    json.dump(out, f)
print(len(cases), "cases", [round(c["expected"], 4) for c in cases])
