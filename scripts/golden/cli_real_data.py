"""Real-data golden cases for `plumbline eval classification` and `eval regression`.

Models trained with scikit-learn on its bundled datasets (no download): logistic regression on
digits (multiclass) and breast cancer (binary), linear regression on diabetes. Their test-set
predictions are written with 6 decimals to test/data/real/*.csv, read back, and the references
compute the metrics on the values as written:

- scikit-learn 1.2.1: accuracy, precision/recall/F1, balanced accuracy, MCC, Cohen's kappa,
  top-k accuracy, ROC AUC (multiclass: one-vs-rest macro), average precision (multiclass:
  macro over label_binarize), log_loss (renormalises rows), brier_score_loss (binary), the
  regression errors, R2 and explained variance; scipy 1.10 pearsonr, spearmanr, kendalltau (tau-b).
- multiclass Brier: mean over samples of sum_k (p_k - [y = k])^2 on rows divided by their sums
  (the definition of sklearn >= 1.7 brier_score_loss, which 1.2.1 lacks; the rows are
  renormalised as log_loss does).
- ECE: torchmetrics 1.x `binary_calibration_error` / `multiclass_calibration_error`
  (n_bins=15, norm="l1") recomputed with torch 1.13 ops as torchmetrics' `_binning_bucketize`
  does: confidence = p (binary) or the largest probability as written (multiclass, first
  maximum), accuracy = y (binary) or argmax == y; bins from torch.linspace(0, 1, 16) in float32,
  torch.bucketize(right=True) - 1; ECE = sum_b |acc_b - conf_b| * n_b / n.
- Threshold metrics of the binary suite use p > 0.5 (torchmetrics' rule).

Run: /usr/bin/python3 scripts/golden/cli_real_data.py
"""
import json
import os

import numpy as np
import scipy
import scipy.stats
import sklearn
import torch
from sklearn import datasets, metrics
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler, label_binarize

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
REAL = os.path.join(ROOT, "test", "data", "real")
GOLDEN = os.path.join(ROOT, "test", "data", "golden", "cli_real_data.json")


def write_csv(name, header, columns):
    path = os.path.join(REAL, name)
    with open(path, "w") as f:
        f.write(",".join(header) + "\n")
        for row in zip(*columns):
            f.write(",".join(row) + "\n")
    return path


def ece(confidence, correct, n_bins=15):
    confidence = torch.tensor(confidence, dtype=torch.float64)
    correct = torch.tensor(correct, dtype=torch.float64)
    boundaries = torch.linspace(0, 1, n_bins + 1, dtype=torch.float32).to(torch.float64)
    index = torch.bucketize(confidence, boundaries, right=True) - 1
    count = torch.zeros(len(boundaries), dtype=torch.float64).scatter_add_(0, index, torch.ones_like(confidence))
    conf = torch.zeros(len(boundaries), dtype=torch.float64).scatter_add_(0, index, confidence)
    acc = torch.zeros(len(boundaries), dtype=torch.float64).scatter_add_(0, index, correct)
    conf = torch.nan_to_num(conf / count)
    acc = torch.nan_to_num(acc / count)
    return float(torch.sum(torch.abs(acc - conf) * count / count.sum()))


def specificity(y, y_pred):
    tn = np.sum((y == 0) & (y_pred == 0))
    fp = np.sum((y == 0) & (y_pred == 1))
    return float(tn / (tn + fp))


def multiclass():
    x, y = datasets.load_digits(return_X_y=True)
    x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.5, random_state=0, stratify=y)
    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=5000))
    model.fit(x_train, y_train)
    proba = model.predict_proba(x_test)
    cols = [[f"{v:.6f}" for v in proba[:, k]] for k in range(10)] + [[str(v) for v in y_test]]
    path = write_csv("digits_logreg.csv", [f"p{k}" for k in range(10)] + ["target"], cols)
    data = np.loadtxt(path, delimiter=",", skiprows=1)
    p, y = data[:, :10], data[:, 10].astype(int)
    sums = p.sum(axis=1)
    renormed = p / sums[:, None]
    y_pred = p.argmax(axis=1)
    onehot = label_binarize(y, classes=list(range(10)))
    return {
        "file": "test/data/real/digits_logreg.csv",
        "rows": int(len(y)),
        "largest_row_sum_deviation": float(np.max(np.abs(sums - 1))),
        "log_loss_of_unrounded_probabilities": metrics.log_loss(y_test, proba),
        "metrics": {
            "accuracy": metrics.accuracy_score(y, y_pred),
            "precision_macro": metrics.precision_score(y, y_pred, average="macro"),
            "recall_macro": metrics.recall_score(y, y_pred, average="macro"),
            "f1_macro": metrics.f1_score(y, y_pred, average="macro"),
            "f1_weighted": metrics.f1_score(y, y_pred, average="weighted"),
            "balanced_accuracy": metrics.balanced_accuracy_score(y, y_pred),
            "mcc": metrics.matthews_corrcoef(y, y_pred),
            "cohen_kappa": metrics.cohen_kappa_score(y, y_pred),
            "top_5_accuracy": metrics.top_k_accuracy_score(y, p, k=5, labels=list(range(10))),
            "auroc_macro": metrics.roc_auc_score(y, renormed, multi_class="ovr", average="macro"),
            "average_precision_macro": metrics.average_precision_score(onehot, p, average="macro"),
            "log_loss": metrics.log_loss(y, p),
            "brier_score": float(np.mean(np.sum((renormed - onehot) ** 2, axis=1))),
            # rows within the 1e-3 tolerance are renormalised first (plumbline's rule, docs/defaults.md)
            "ece": ece(renormed.max(axis=1), (y_pred == y).astype(float)),
        },
    }


def binary():
    x, y = datasets.load_breast_cancer(return_X_y=True)
    x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.5, random_state=0, stratify=y)
    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=5000))
    model.fit(x_train, y_train)
    proba = model.predict_proba(x_test)[:, 1]
    path = write_csv("breast_cancer_logreg.csv", ["score", "target"], [[f"{v:.6f}" for v in proba], [str(v) for v in y_test]])
    data = np.loadtxt(path, delimiter=",", skiprows=1)
    p, y = data[:, 0], data[:, 1].astype(int)
    y_pred = (p > 0.5).astype(int)
    return {
        "file": "test/data/real/breast_cancer_logreg.csv",
        "rows": int(len(y)),
        "metrics": {
            "accuracy": metrics.accuracy_score(y, y_pred),
            "precision": metrics.precision_score(y, y_pred),
            "recall": metrics.recall_score(y, y_pred),
            "f1": metrics.f1_score(y, y_pred),
            "specificity": specificity(y, y_pred),
            "balanced_accuracy": metrics.balanced_accuracy_score(y, y_pred),
            "mcc": metrics.matthews_corrcoef(y, y_pred),
            "cohen_kappa": metrics.cohen_kappa_score(y, y_pred),
            "auroc": metrics.roc_auc_score(y, p),
            "average_precision": metrics.average_precision_score(y, p),
            "log_loss": metrics.log_loss(y, p),
            "brier_score": metrics.brier_score_loss(y, p),
            "ece": ece(p, y.astype(float)),
        },
    }


def regression():
    x, y = datasets.load_diabetes(return_X_y=True)
    x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.5, random_state=0)
    pred = LinearRegression().fit(x_train, y_train).predict(x_test)
    path = write_csv("diabetes_linreg.csv", ["pred", "target"], [[f"{v:.6f}" for v in pred], [f"{v:g}" for v in y_test]])
    data = np.loadtxt(path, delimiter=",", skiprows=1)
    p, t = data[:, 0], data[:, 1]
    return {
        "file": "test/data/real/diabetes_linreg.csv",
        "rows": int(len(t)),
        "metrics": {
            "mse": metrics.mean_squared_error(t, p),
            "rmse": metrics.mean_squared_error(t, p, squared=False),
            "mae": metrics.mean_absolute_error(t, p),
            "mape": metrics.mean_absolute_percentage_error(t, p),
            "median_absolute_error": metrics.median_absolute_error(t, p),
            "max_error": metrics.max_error(t, p),
            "r2": metrics.r2_score(t, p),
            "explained_variance": metrics.explained_variance_score(t, p),
            "pearson": scipy.stats.pearsonr(p, t)[0],
            "spearman": scipy.stats.spearmanr(p, t)[0],
            "kendall_tau": scipy.stats.kendalltau(p, t)[0],
        },
    }


def main():
    os.makedirs(REAL, exist_ok=True)
    golden = {
        "reference": f"scikit-learn {sklearn.__version__}, scipy {scipy.__version__}, torch {torch.__version__} (ECE as torchmetrics' _binning_bucketize); see scripts/golden/cli_real_data.py",
        "multiclass": multiclass(),
        "binary": binary(),
        "regression": regression(),
    }
    with open(GOLDEN, "w") as f:
        json.dump(golden, f, indent=2)
        f.write("\n")
    print(json.dumps({k: v["metrics"] if isinstance(v, dict) and "metrics" in v else v for k, v in golden.items()}, indent=1)[:3000])
    print("row sum deviation", golden["multiclass"]["largest_row_sum_deviation"])


main()
