"""Shared helpers of the loss golden generators: float32-exact inputs, datasets, and cases with
`value` and `grad_<input>` (the gradient of sum(value), torch autograd in float64), written in the
conformance schema (test/data/conformance/README.md; non-finite numbers as "NaN"/"Infinity")."""
import json
import math

import torch

DT = torch.float64


def f32(t):
    """A float64 tensor holding float32-exact values (inputs were float32 on the TensorFlow.js side)."""
    return t.to(torch.float32).to(DT)


def ieee(v):
    """The conformance schema spells non-finite numbers as strings."""
    if isinstance(v, float) and not math.isfinite(v):
        return "NaN" if math.isnan(v) else ("Infinity" if v > 0 else "-Infinity")
    if isinstance(v, list):
        return [ieee(x) for x in v]
    if isinstance(v, dict):
        return {k: ieee(x) for k, x in v.items()}
    return v


class CaseFile:
    """Datasets and loss cases of one golden file, ids `golden/<prefix>/<metric>/<n>`."""

    def __init__(self, prefix, split, seed, versions):
        self.prefix, self.split, self.seed, self.versions = prefix, split, seed, versions
        self.datasets, self.cases = {}, []

    def dataset(self, name, **arrays):
        self.datasets[name] = {k: (v.tolist() if torch.is_tensor(v) else v) for k, v in arrays.items()}

    def case(self, metric, ref, ds, options, fn, diff, note=None, rtol=1e-6, atol=1e-9):
        inputs = {}
        for k, v in self.datasets[ds].items():
            t = torch.as_tensor(v)
            inputs[k] = t.to(DT) if t.is_floating_point() else t
        leaves = {k: inputs[k].clone().requires_grad_(True) for k in diff}
        value = fn({**inputs, **leaves})
        grads = torch.autograd.grad(value.sum(), [leaves[k] for k in diff], allow_unused=True)
        expected = {"value": value.tolist()}
        for k, g in zip(diff, grads):
            expected[f"grad_{k}"] = (g if g is not None else torch.zeros_like(leaves[k])).tolist()
        self.cases.append({
            "id": f"golden/{self.prefix}/{metric}/{len(self.cases)}", "family": "losses", "metric": metric,
            "ref": ref, "inputs": ds, "options": options, "expected": ieee(expected), "rtol": rtol, "atol": atol,
            "note": note,
        })

    def dump(self):
        print(json.dumps({"split": self.split, "seed": self.seed, "versions": self.versions,
                          "datasets": ieee(self.datasets), "cases": self.cases}, allow_nan=False))
