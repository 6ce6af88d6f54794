"""Golden values for plumbline/report's views (src/report/views.ts).

- per-class table: sklearn.metrics.classification_report(output_dict=True, zero_division=0) on
  the bundled multiclass sample (prediction = argmax of the score rows, first maximum);
- Wilson score intervals: scipy.stats.binomtest(k, n).proportion_ci(0.95, method="wilson").

Run: /usr/bin/python3 scripts/golden/report_views.py > test/data/golden/report-views.json
"""
import csv
import json

import numpy as np
import scipy
import sklearn
from scipy.stats import binomtest
from sklearn.metrics import classification_report

with open("data/samples/classification/multiclass_preds.csv") as f:
    rows = list(csv.reader(f))[1:]
with open("data/samples/classification/multiclass_target.csv") as f:
    target = [int(r[0]) for r in list(csv.reader(f))[1:]]
preds = np.argmax(np.array(rows, dtype=float), axis=1)
report = classification_report(target, preds, output_dict=True, zero_division=0)
per_class = [
    [report[str(k)]["precision"], report[str(k)]["recall"], report[str(k)]["f1-score"], report[str(k)]["support"]]
    for k in range(4)
]
for key in ("macro avg", "weighted avg"):
    per_class.append([report[key]["precision"], report[key]["recall"], report[key]["f1-score"], report[key]["support"]])

wilson = []
for k, n in [(0, 10), (3, 10), (10, 10), (27, 46), (1, 1), (500, 1000)]:
    ci = binomtest(k, n).proportion_ci(0.95, method="wilson")
    wilson.append([k, n, ci.low, ci.high])

print(json.dumps({
    "reference": f"scikit-learn {sklearn.__version__} classification_report; scipy {scipy.__version__} binomtest(...).proportion_ci(method='wilson')",
    "perClass": per_class,
    "wilson": wilson,
}, indent=1))
