"""The real-data case of issue 9 §4: a logistic regression on scikit-learn's digits, its class
probabilities written with 6 decimals (rows sum to 1 +- a few 1e-6), and the values the
references give on exactly those rounded rows: sklearn 1.2 `log_loss` (which renormalises rows),
the multiclass Brier score of the rows as given (mean of sum_k (p_k - [y = k])^2), torchmetrics
1.9.0 `multiclass_calibration_error` and `multiclass_auroc`.

  PYTHONPATH=/tmp/tm/src:/tmp/lu/src /usr/bin/python3 scripts/golden/classification_digits.py
Writes test/data/golden/classification_digits.json.
"""
import json

import numpy as np
import sklearn
import torch
import torchmetrics
import torchmetrics.functional.classification as F
from sklearn.datasets import load_digits
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
from sklearn.model_selection import train_test_split

X, y = load_digits(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)
model = LogisticRegression(max_iter=5000).fit(X_train, y_train)
proba = np.round(model.predict_proba(X_test), 6)
sums = proba.sum(1)
onehot = np.eye(10)[y_test]
expected = {
    "logLoss": float(log_loss(y_test, proba)),
    "brierScore": float(np.mean(np.sum((proba / sums[:, None] - onehot) ** 2, axis=1))),
    "calibrationError": float(F.multiclass_calibration_error(torch.tensor(proba), torch.tensor(y_test), num_classes=10)),
    "auroc": float(F.multiclass_auroc(torch.tensor(proba), torch.tensor(y_test), num_classes=10)),
}
with open("test/data/golden/classification_digits.json", "w") as out:
    json.dump({
        "reference": {"sklearn": sklearn.__version__, "torchmetrics": torchmetrics.__version__, "torch": torch.__version__},
        "note": "Brier: rows renormalised as plumbline and sklearn 1.2 do; max |row sum - 1| = %.2e" % float(np.max(np.abs(sums - 1))),
        "preds": proba.tolist(),
        "target": [int(v) for v in y_test],
        "expected": expected,
    }, out)
print(expected, float(np.max(np.abs(sums - 1))))
