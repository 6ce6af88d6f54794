"""Golden polygon rasterisations for plumbline's rleFromPolygon, computed by pycocotools.

Random polygons (3 to 11 vertices, coordinates from -10 to 10 beyond the image, 0 to 2 decimals)
on random image sizes, rasterised by pycocotools mask.frPyObjects (maskApi.c rleFrPoly) and
written as compressed RLE strings. Needs cocoapi's PythonAPI (with its _mask extension built)
on PYTHONPATH:
  PYTHONPATH=/tmp/cocoapi/PythonAPI /usr/bin/python3 scripts/golden/detection_rle_polygons.py
Writes test/data/golden/detection_rle_polygons.json.
"""
import json

import numpy as np
from pycocotools import mask

rng = np.random.default_rng(5)
cases = []
for i in range(300):
    h, w = int(rng.integers(1, 60)), int(rng.integers(1, 60))
    k = int(rng.integers(3, 12))
    poly = (rng.uniform(-10, max(h, w) + 10, size=2 * k)).round(int(rng.integers(0, 3))).tolist()
    r = mask.frPyObjects([poly], h, w)[0]
    cases.append({"polygon": poly, "height": h, "width": w, "counts": r["counts"].decode()})
with open("test/data/golden/detection_rle_polygons.json", "w") as f:
    json.dump({"reference": "pycocotools mask.frPyObjects", "versions": {"pycocotools": "cocoapi master", "numpy": np.__version__}, "cases": cases}, f)
print(len(cases), "polygons")
