"""Golden density and coverage (Naeem et al. 2020) from the prdc package on the tiny Inception features.

Run: /usr/bin/python3 scripts/models/golden_prdc.py --prdc /tmp/models-prdc
(after tiny_inception.py). prdc 0.1 (clovaai/generative-evaluation-prdc) `compute_prdc` runs
from its checkout on the pool3 features torch computed (inception.json, all rows: the 6-feature
model with both preprocessings and the 2048-feature model with pytorch-fid's) for k = 1, 3, 5.
Writes test/data/models/prdc.json.
"""
import argparse
import base64
import contextlib
import io
import json
import os
import sys

import numpy as np

from tiny_common import OUT, write_json

parser = argparse.ArgumentParser()
parser.add_argument("--prdc", required=True)
args = parser.parse_args()
sys.path.insert(0, args.prdc)
from prdc import compute_prdc  # noqa: E402

golden = json.load(open(os.path.join(OUT, "inception.json")))
cases = []
for model, preprocess in [("tiny-inception-d6", "pytorch-fid"), ("tiny-inception-d6", "torch-fidelity"), ("tiny-inception", "pytorch-fid")]:
    entry = golden["models"][model]
    g = entry[preprocess]
    rows = lambda b64: np.frombuffer(base64.b64decode(b64), dtype="<f4").reshape(12, entry["features"])  # noqa: E731
    real, fake = rows(g["real_pool3"]), rows(g["fake_pool3"])
    for k in [1, 3, 5]:
        with contextlib.redirect_stdout(io.StringIO()):
            out = compute_prdc(real, fake, k)
        cases.append({"model": model, "preprocess": preprocess, "k": k, **{key: float(v) for key, v in out.items()}})
write_json("prdc.json", {"reference": "prdc 0.1 compute_prdc (clovaai/generative-evaluation-prdc)", "cases": cases})
