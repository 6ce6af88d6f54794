"""Golden numbers for plumbline's numpySum (the summation COCOeval's summarize relies on).

numpy reduces a contiguous float64 array in buffers of 8192 elements, pairwise inside each
buffer and sequentially across them; pycocotools' AP is np.mean over ~80,000 precision values.
Values: x_i = ((i * 7919) % 10007) / 10007 + i * 1e-7 for i < n (the test builds the same).
  /usr/bin/python3 scripts/golden/detection_numpy_sum.py
Writes test/data/golden/detection_numpy_sum.json.
"""
import json

import numpy as np

cases = []
for n in [7, 100, 129, 8192, 8193, 20000, 80800]:
    i = np.arange(n)
    x = ((i * 7919) % 10007) / 10007 + i * 1e-7
    cases.append({"n": n, "sum": float(np.sum(x)), "mean": float(np.mean(x))})
with open("test/data/golden/detection_numpy_sum.json", "w") as f:
    json.dump({"reference": "numpy sum and mean", "versions": {"numpy": np.__version__}, "cases": cases}, f)
print(cases)
