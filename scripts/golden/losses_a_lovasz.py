"""Golden cases for the Lovasz hinge and Lovasz-softmax losses, computed by the authors' reference
implementation (Berman et al. 2018, github.com/bermanmaxim/LovaszSoftmax, pytorch/lovasz_losses.py,
MIT licence). The reference is not part of this repository: pass the path of its directory.
It computes in float32 (its lovasz_grad casts to float), so the cases carry rtol 1e-5.

Run: /usr/bin/python3 scripts/golden/losses_a_lovasz.py /path/to/LovaszSoftmax/pytorch > test/data/golden/losses_a_lovasz.json
"""
import json
import sys

import torch

sys.path.insert(0, sys.argv[1])
import lovasz_losses as L  # noqa: E402

torch.manual_seed(77)
datasets = {}
cases = []
REF = "LovaszSoftmax reference (bermanmaxim, pytorch/lovasz_losses.py) on torch " + torch.__version__


def add_case(metric, ds, options, fn, diff):
    inputs = {k: torch.tensor(v) for k, v in datasets[ds].items()}
    leaves = {k: inputs[k].clone().requires_grad_(True) for k in diff}
    value = fn({**inputs, **leaves})
    grads = torch.autograd.grad(value.sum(), [leaves[k] for k in diff])
    expected = {"value": value.item()}
    for k, g in zip(diff, grads):
        expected[f"grad_{k}"] = g.double().tolist()
    cases.append({"id": f"golden/losses_a/{metric}/{len(cases)}", "family": "losses", "metric": metric, "ref": REF,
                  "inputs": ds, "options": options, "expected": expected, "rtol": 1e-5, "atol": 1e-7, "note": None})


logits = torch.randn(3, 4, 5) * 2
hinge_labels = (torch.rand(3, 4, 5) > 0.6).long()
hinge_labels[2] = 0  # an image without foreground
datasets["hinge"] = {"logits": logits.tolist(), "labels": hinge_labels.tolist()}
for per_image in [True, False]:
    add_case("lovasz_hinge_loss", "hinge", {"per_image": per_image},
             lambda a, p=per_image: L.lovasz_hinge(a["logits"], a["labels"], per_image=p), ["logits"])

probas = torch.softmax(torch.randn(2, 4, 3, 5), 1)
labels = torch.randint(0, 3, (2, 3, 5))  # class 3 absent: "present" and "all" differ
labels[0, 1, 2] = 255
labels[1, 0, 0] = 255
datasets["softmax"] = {"probas": probas.tolist(), "labels": labels.tolist()}
for classes in ["present", "all"]:
    for per_image in [False, True]:
        add_case("lovasz_softmax_loss", "softmax", {"classes": classes, "per_image": per_image, "ignore": 255},
                 lambda a, c=classes, p=per_image: L.lovasz_softmax(a["probas"], a["labels"], classes=c, per_image=p, ignore=255),
                 ["probas"])

print(json.dumps({"split": "golden-losses-a-lovasz", "seed": 77, "versions": {"torch": torch.__version__},
                  "datasets": datasets, "cases": cases}))
