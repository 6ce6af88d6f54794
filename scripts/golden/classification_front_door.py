"""Golden cases for plumbline's classification front door (issue 10 §1-§4, issue 11 §4), computed
by torchmetrics 1.9.0 and scikit-learn.

torchmetrics is not packaged by Debian: unpack its v1.9.0 sources and lightning-utilities' (for
example with `git archive`) under /tmp and run with Debian's python:
  PYTHONPATH=/tmp/tm/src:/tmp/lu/src /usr/bin/python3 scripts/golden/classification_front_door.py
Writes test/data/golden/classification_front_door.json: each case names a plumbline function
(`call`), its positional arguments (`args`, JSON) and options (camelCase), and the expected value
the reference computed; "NaN"/"Infinity" stand for the non-finite numbers JSON lacks.
"""
import json
import math

import numpy as np
import sklearn
import sklearn.metrics as skm
import torch
import torchmetrics
import torchmetrics.functional.classification as F

rng = np.random.default_rng(20251)
cases = []


def jsonable(value):
    if isinstance(value, torch.Tensor):
        value = value.tolist()
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, (np.floating, float)):
        v = float(value)
        if math.isnan(v):
            return "NaN"
        if math.isinf(v):
            return "Infinity" if v > 0 else "-Infinity"
        return v
    if isinstance(value, (np.integer,)):
        return int(value)
    return value


def case(ref, call, args, options, expected, rtol=None, atol=None, note=None):
    # torchmetrics returns float32 results (even from float64 inputs): compare to float32 precision.
    if rtol is None:
        rtol, atol = (2e-6, 1e-7) if ref.startswith("torchmetrics") else (1e-9, 1e-12)
    cases.append({
        "id": f"golden/classification/{call}/{len(cases)}",
        "ref": ref,
        "call": call,
        "args": jsonable(args),
        "options": jsonable(options),
        "expected": jsonable(expected),
        "rtol": rtol,
        "atol": atol,
        **({"note": note} if note else {}),
    })


TM = f"torchmetrics {torchmetrics.__version__}"
SK = f"sklearn {sklearn.__version__}"


def t64(x):
    return torch.tensor(x, dtype=torch.float64)


def tl(x):
    return torch.tensor(x, dtype=torch.long)


# ---------------------------------------------------------------- data
def probs(shape):
    return np.round(rng.random(shape), 4)


def logits(shape):
    return np.round(rng.normal(0, 2.5, shape), 4)


bin_p = probs(40)
bin_t = rng.integers(0, 2, 40)
bin_logit = logits(40)
mc_p = probs((40, 4))
mc_p = np.round(mc_p / mc_p.sum(1, keepdims=True), 6)
mc_logit = logits((40, 4))
mc_t = rng.integers(0, 4, 40)
mc_labels = rng.integers(0, 4, 40)
ml_p = probs((30, 3))
ml_logit = logits((30, 3))
ml_t = rng.integers(0, 2, (30, 3))

# ---------------------------------------------------------------- task wrappers and their defaults
wrappers = {
    "accuracy": F.accuracy,
    "precision": F.precision,
    "recall": F.recall,
    "f1": F.f1_score,
    "specificity": F.specificity,
    "hammingDistance": F.hamming_distance,
    "jaccardIndex": F.jaccard_index,
    "negativePredictiveValue": F.negative_predictive_value,
}
for name, fn in wrappers.items():
    case(TM, name, [bin_p, bin_t], {"task": "binary"}, fn(t64(bin_p), tl(bin_t), task="binary"))
    case(TM, name, [mc_p, mc_t], {"task": "multiclass", "numClasses": 4},
         fn(t64(mc_p), tl(mc_t), task="multiclass", num_classes=4), note="wrapper default average")
    case(TM, name, [mc_labels, mc_t], {"task": "multiclass", "numClasses": 4, "average": "macro"},
         fn(tl(mc_labels), tl(mc_t), task="multiclass", num_classes=4, average="macro"))
    case(TM, name, [ml_p, ml_t], {"task": "multilabel", "numLabels": 3},
         fn(t64(ml_p), tl(ml_t), task="multilabel", num_labels=3), note="wrapper default average")
case(TM, "fBeta", [mc_p, mc_t], {"task": "multiclass", "numClasses": 4, "beta": 2.0},
     F.fbeta_score(t64(mc_p), tl(mc_t), task="multiclass", num_classes=4, beta=2.0))
case(TM, "statScores", [mc_labels, mc_t], {"task": "multiclass", "numClasses": 4},
     dict(zip(["tp", "fp", "tn", "fn", "support"],
              F.stat_scores(tl(mc_labels), tl(mc_t), task="multiclass", num_classes=4).tolist())))
case(TM, "matthewsCorrcoef", [ml_p, ml_t], {"task": "multilabel", "numLabels": 3},
     F.matthews_corrcoef(t64(ml_p), tl(ml_t), task="multilabel", num_labels=3))
case(TM, "cohenKappa", [mc_labels, mc_t], {"task": "multiclass", "numClasses": 4, "weights": "linear"},
     F.cohen_kappa(tl(mc_labels), tl(mc_t), task="multiclass", num_classes=4, weights="linear"))
case(TM, "confusionMatrix", [ml_p, ml_t], {"task": "multilabel", "numLabels": 3},
     F.confusion_matrix(t64(ml_p), tl(ml_t), task="multilabel", num_labels=3))
case(TM, "auroc", [mc_p, mc_t], {"task": "multiclass", "numClasses": 4},
     F.auroc(t64(mc_p), tl(mc_t), task="multiclass", num_classes=4))
case(TM, "averagePrecision", [ml_p, ml_t], {"task": "multilabel", "numLabels": 3},
     F.average_precision(t64(ml_p), tl(ml_t), task="multilabel", num_labels=3))
case(TM, "calibrationError", [mc_p, mc_t], {"task": "multiclass", "numClasses": 4},
     F.calibration_error(t64(mc_p), tl(mc_t), task="multiclass", num_classes=4))
case(TM, "exactMatch", [mc_labels.reshape(8, 5), mc_t.reshape(8, 5)], {"task": "multiclass", "numClasses": 4},
     F.exact_match(tl(mc_labels.reshape(8, 5)), tl(mc_t.reshape(8, 5)), task="multiclass", num_classes=4))

# ---------------------------------------------------------------- logits (torchmetrics squashes them)
case(TM, "binaryF1", [bin_logit, bin_t], {}, F.binary_f1_score(t64(bin_logit), tl(bin_t)))
case(TM, "binaryAccuracy", [bin_logit, bin_t], {"threshold": 0.3}, F.binary_accuracy(t64(bin_logit), tl(bin_t), threshold=0.3))
case(TM, "multilabelPrecision", [ml_logit, ml_t], {"numLabels": 3}, F.multilabel_precision(t64(ml_logit), tl(ml_t), num_labels=3))
case(TM, "multiclassAuroc", [mc_logit, mc_t], {"numClasses": 4}, F.multiclass_auroc(t64(mc_logit), tl(mc_t), num_classes=4))
case(TM, "multiclassAveragePrecision", [mc_logit, mc_t], {"numClasses": 4, "average": "none"},
     F.multiclass_average_precision(t64(mc_logit), tl(mc_t), num_classes=4, average=None))
case(TM, "binaryAuroc", [bin_logit, bin_t], {"thresholds": 7}, F.binary_auroc(t64(bin_logit), tl(bin_t), thresholds=7))
case(TM, "binaryCalibrationError", [bin_logit, bin_t], {"nBins": 5}, F.binary_calibration_error(t64(bin_logit), tl(bin_t), n_bins=5))
case(TM, "multiclassCalibrationError", [mc_logit, mc_t], {"numClasses": 4, "nBins": 5},
     F.multiclass_calibration_error(t64(mc_logit), tl(mc_t), num_classes=4, n_bins=5))
case(TM, "binaryHingeLoss", [bin_logit, bin_t], {"predsKind": "auto"}, F.binary_hinge_loss(t64(bin_logit), tl(bin_t)))
roc = F.binary_roc(t64(bin_logit), tl(bin_t))
case(TM, "binaryRocCurve", [bin_logit, bin_t], {}, {"fpr": roc[0], "tpr": roc[1], "thresholds": roc[2]})

# ---------------------------------------------------------------- extra dimensions
nd_p = probs((6, 5))
nd_t = rng.integers(0, 2, (6, 5))
for md in ["global", "samplewise"]:
    case(TM, "binaryAccuracy", [nd_p, nd_t], {"multidimAverage": md}, F.binary_accuracy(t64(nd_p), tl(nd_t), multidim_average=md))
    case(TM, "binaryF1", [nd_p, nd_t], {"multidimAverage": md}, F.binary_f1_score(t64(nd_p), tl(nd_t), multidim_average=md))
nd_mc_p = probs((5, 3, 4))
nd_mc_t = rng.integers(0, 3, (5, 4))
nd_mc_l = rng.integers(0, 3, (5, 4))
for md in ["global", "samplewise"]:
    for average in ["micro", "macro", "weighted", "none"]:
        case(TM, "multiclassF1", [nd_mc_p, nd_mc_t], {"numClasses": 3, "average": average, "multidimAverage": md},
             F.multiclass_f1_score(t64(nd_mc_p), tl(nd_mc_t), num_classes=3, average=average, multidim_average=md))
    case(TM, "multiclassRecall", [nd_mc_l, nd_mc_t], {"numClasses": 3, "multidimAverage": md, "ignoreIndex": 0},
         F.multiclass_recall(tl(nd_mc_l), tl(nd_mc_t), num_classes=3, multidim_average=md, ignore_index=0))
    case(TM, "multiclassExactMatch", [nd_mc_l, nd_mc_t], {"numClasses": 3, "multidimAverage": md},
         F.multiclass_exact_match(tl(nd_mc_l), tl(nd_mc_t), num_classes=3, multidim_average=md))
    case(TM, "multiclassStatScores", [nd_mc_p, nd_mc_t], {"numClasses": 3, "average": "micro", "multidimAverage": md},
         [dict(zip(["tp", "fp", "tn", "fn", "support"], row)) for row in
          F.multiclass_stat_scores(t64(nd_mc_p), tl(nd_mc_t), num_classes=3, average="micro", multidim_average=md).reshape(-1, 5).tolist()]
         if md == "samplewise" else
         dict(zip(["tp", "fp", "tn", "fn", "support"], F.multiclass_stat_scores(t64(nd_mc_p), tl(nd_mc_t), num_classes=3, average="micro").tolist())))
nd_ml_p = probs((4, 3, 5))
nd_ml_t = rng.integers(0, 2, (4, 3, 5))
for md in ["global", "samplewise"]:
    case(TM, "multilabelPrecision", [nd_ml_p, nd_ml_t], {"numLabels": 3, "multidimAverage": md},
         F.multilabel_precision(t64(nd_ml_p), tl(nd_ml_t), num_labels=3, multidim_average=md))
    case(TM, "multilabelExactMatch", [nd_ml_p, nd_ml_t], {"numLabels": 3, "multidimAverage": md},
         F.multilabel_exact_match(t64(nd_ml_p), tl(nd_ml_t), num_labels=3, multidim_average=md))
case(TM, "multiclassAuroc", [nd_mc_p, nd_mc_t], {"numClasses": 3}, F.multiclass_auroc(t64(nd_mc_p), tl(nd_mc_t), num_classes=3))
case(TM, "binaryAveragePrecision", [nd_p, nd_t], {}, F.binary_average_precision(t64(nd_p), tl(nd_t)))
case(TM, "multiclassConfusionMatrix", [nd_mc_p, nd_mc_t], {"numClasses": 3},
     F.multiclass_confusion_matrix(t64(nd_mc_p), tl(nd_mc_t), num_classes=3))

# ---------------------------------------------------------------- EER and operating points, one-vs-rest
eer_p = [[0.75, 0.05, 0.05, 0.05, 0.05], [0.05, 0.75, 0.05, 0.05, 0.05], [0.05, 0.05, 0.75, 0.05, 0.05],
         [0.05, 0.05, 0.05, 0.75, 0.05]]
case(TM, "multiclassEqualErrorRate", [eer_p, [0, 1, 3, 2]], {"numClasses": 5},
     F.multiclass_eer(t64(eer_p), tl([0, 1, 3, 2]), num_classes=5))
case(TM, "multilabelEqualErrorRate", [ml_p, ml_t], {"numLabels": 3}, F.multilabel_eer(t64(ml_p), tl(ml_t), num_labels=3))
case(TM, "binaryEqualErrorRate", [[0.13, 0.26, 0.08, 0.19, 0.34], [0, 0, 1, 1, 1]], {},
     F.binary_eer(t64([0.13, 0.26, 0.08, 0.19, 0.34]), tl([0, 0, 1, 1, 1])), note="issue 10 §3: ties at 1/6")
case(TM, "equalErrorRate", [bin_p, bin_t], {"task": "binary", "thresholds": 5},
     F.binary_eer(t64(bin_p), tl(bin_t), thresholds=5))
for name, fn, opt, key in [
    ("PrecisionAtFixedRecall", F.multiclass_precision_at_fixed_recall, 0.5, "minRecall"),
    ("RecallAtFixedPrecision", F.multiclass_recall_at_fixed_precision, 0.5, "minPrecision"),
    ("SensitivityAtSpecificity", F.multiclass_sensitivity_at_specificity, 0.6, "minSpecificity"),
    ("SpecificityAtSensitivity", F.multiclass_specificity_at_sensitivity, 0.6, "minSensitivity"),
]:
    snake = {"minRecall": "min_recall", "minPrecision": "min_precision", "minSpecificity": "min_specificity",
             "minSensitivity": "min_sensitivity"}[key]
    value, threshold = fn(t64(mc_p), tl(mc_t), num_classes=4, **{snake: opt})
    case(TM, f"multiclass{name}", [mc_p, mc_t], {"numClasses": 4, key: opt},
         [{"value": v, "threshold": th} for v, th in zip(value.tolist(), threshold.tolist())])
    mlfn = getattr(F, fn.__name__.replace("multiclass", "multilabel"))
    value, threshold = mlfn(t64(ml_p), tl(ml_t), num_labels=3, **{snake: opt})
    case(TM, f"multilabel{name}", [ml_p, ml_t], {"numLabels": 3, key: opt},
         [{"value": v, "threshold": th} for v, th in zip(value.tolist(), threshold.tolist())])

# ---------------------------------------------------------------- hinge one-vs-all
for squared in [False, True]:
    case(TM, "multiclassHingeLoss", [mc_p, mc_t], {"numClasses": 4, "multiclassMode": "one-vs-all", "squared": squared},
         F.multiclass_hinge_loss(t64(mc_p), tl(mc_t), num_classes=4, multiclass_mode="one-vs-all", squared=squared))
case(TM, "multiclassHingeLoss", [mc_logit, mc_t], {"numClasses": 4, "multiclassMode": "one-vs-all", "predsKind": "auto"},
     F.multiclass_hinge_loss(t64(mc_logit), tl(mc_t), num_classes=4, multiclass_mode="one-vs-all"))

# ---------------------------------------------------------------- scikit-learn label handling
animals = np.array(["cat", "dog", "emu", "fox"])
y_true_s = animals[mc_t]
y_pred_s = animals[mc_labels]
w = np.round(rng.random(40) * 2, 3)
case(SK, "multiclassF1", [y_pred_s, y_true_s], {"average": "macro"}, skm.f1_score(y_true_s, y_pred_s, average="macro"))
case(SK, "multiclassPrecision", [y_pred_s, y_true_s], {"average": "weighted"},
     skm.precision_score(y_true_s, y_pred_s, average="weighted"))
case(SK, "multiclassRecall", [mc_labels, mc_t], {"labels": [1, 3, 7], "average": "none"},
     skm.recall_score(mc_t, mc_labels, labels=[1, 3, 7], average=None, zero_division=0), note="labels subset with an absent label")
case(SK, "multiclassPrecision", [mc_labels, mc_t], {"labels": [2, 0], "average": "micro"},
     skm.precision_score(mc_t, mc_labels, labels=[2, 0], average="micro"))
case(SK, "multiclassF1", [mc_labels, mc_t], {"labels": [0, 1, 2, 3, 5], "average": "macro"},
     skm.f1_score(mc_t, mc_labels, labels=[0, 1, 2, 3, 5], average="macro", zero_division=0))
case(SK, "multiclassF1", [mc_labels, mc_t, w], {"numClasses": 4, "average": "weighted"},
     skm.f1_score(mc_t, mc_labels, average="weighted", sample_weight=w))
case(SK, "multiclassAccuracy", [mc_labels, mc_t, w], {"numClasses": 4, "average": "micro", "normalize": False},
     skm.accuracy_score(mc_t, mc_labels, sample_weight=w, normalize=False))
case(SK, "binaryAccuracy", [(bin_p > 0.5).astype(int), bin_t], {"normalize": False},
     skm.accuracy_score(bin_t, (bin_p > 0.5).astype(int), normalize=False))
spam = np.array(["ham", "spam"])
case(SK, "binaryPrecision", [spam[(bin_p > 0.5).astype(int)], spam[bin_t]], {"posLabel": "ham"},
     skm.precision_score(spam[bin_t], spam[(bin_p > 0.5).astype(int)], pos_label="ham"))
case(SK, "binaryAuroc", [bin_p, spam[bin_t], w], {"posLabel": "ham", "convention": "sklearn"},
     skm.roc_auc_score(spam[bin_t] == "ham", bin_p, sample_weight=w))
case(SK, "binaryLogLoss", [bin_p, bin_t, w], {"normalize": False}, skm.log_loss(bin_t, bin_p, sample_weight=w, normalize=False))
case(SK, "binaryBrierScore", [bin_p, bin_t, w], {}, skm.brier_score_loss(bin_t, bin_p, sample_weight=w))
pm1 = np.where(bin_t == 1, 1, -1)
case(SK, "binaryHingeLoss", [bin_logit, pm1], {}, skm.hinge_loss(pm1, bin_logit), note="{-1, 1} labels")
case(SK, "multiclassHingeLoss", [mc_logit, y_true_s], {}, skm.hinge_loss(y_true_s, mc_logit, labels=animals))
case(SK, "multiclassLogLoss", [mc_p, y_true_s], {}, skm.log_loss(y_true_s, mc_p), note="rows rounded to 6 decimals")
case(SK, "multiclassLogLoss", [mc_p, mc_t, w], {"numClasses": 4, "normalize": False},
     skm.log_loss(mc_t, mc_p, sample_weight=w, normalize=False))
case(SK, "multiclassAuroc", [mc_p / mc_p.sum(1, keepdims=True), y_true_s], {"convention": "sklearn", "average": "weighted"},
     skm.roc_auc_score(y_true_s, mc_p / mc_p.sum(1, keepdims=True), multi_class="ovr", average="weighted"))
case(SK, "multilabelRankingLoss", [[[0.5, 0.5]], [[0, 1]]], {"numLabels": 2},
     skm.label_ranking_loss([[0, 1]], [[0.5, 0.5]]), note="issue 10 §3: ties count as mis-ordered")
tied = np.round(ml_p * 4) / 4
case(SK, "multilabelRankingLoss", [tied, ml_t, w[:30]], {"numLabels": 3},
     skm.label_ranking_loss(ml_t, tied, sample_weight=w[:30]))
case(SK, "multilabelCoverageError", [tied, ml_t, w[:30]], {"numLabels": 3}, skm.coverage_error(ml_t, tied, sample_weight=w[:30]))
case(SK, "multilabelRankingAveragePrecision", [tied, ml_t, w[:30]], {"numLabels": 3},
     skm.label_ranking_average_precision_score(ml_t, tied, sample_weight=w[:30]))
case(SK, "multilabelExactMatch", [ml_p, ml_t], {"numLabels": 3, "normalize": False},
     skm.accuracy_score(ml_t, (ml_p > 0.5).astype(int), normalize=False))

# ---------------------------------------------------------------- classification_report
for kwargs, options in [
    ({}, {}),
    ({"digits": 4}, {"digits": 4}),
    ({"labels": [1, 3, 0]}, {"labels": [1, 3, 0]}),
    ({"labels": [0, 1, 2, 3, 9], "zero_division": 0}, {"labels": [0, 1, 2, 3, 9]}),
    ({"target_names": ["a", "bb", "ccc", "a long class name"]}, {"classNames": ["a", "bb", "ccc", "a long class name"]}),
]:
    case(SK, "classificationReport", [mc_labels, mc_t], options, skm.classification_report(mc_t, mc_labels, **kwargs))
    case(SK, "classificationReport", [mc_labels, mc_t], {**options, "output": "dict"},
         skm.classification_report(mc_t, mc_labels, output_dict=True, **kwargs))
case(SK, "classificationReport", [y_pred_s, y_true_s, w], {}, skm.classification_report(y_true_s, y_pred_s, sample_weight=w))
case(SK, "classificationReport", [y_pred_s, y_true_s, w], {"output": "dict"},
     skm.classification_report(y_true_s, y_pred_s, sample_weight=w, output_dict=True))

# ---------------------------------------------------------------- issue 10 §3: the bugs the ported peer tests found
absent = [[0.6, 0.3, 0.1], [0.2, 0.7, 0.1], [0.5, 0.4, 0.1]]
pr = F.multiclass_precision_recall_curve(t64(absent), tl([0, 1, 0]), num_classes=3)
case(TM, "multiclassPrecisionRecallCurve", [absent, [0, 1, 0]], {"numClasses": 3},
     [{"precision": p, "recall": r, "thresholds": t} for p, r, t in zip(*pr)], note="class 2 absent from target: recall NaN")
ml_h_p = [[0.9, 0.2, 0.7], [0.1, 0.8, 0.6]]
ml_h_t = [[1, 0, 1], [0, 1, 1]]
case(SK, "multilabelHammingDistance", [ml_h_p, [[1, 0, 1], [0, 1, 0]]], {"numLabels": 3, "average": "micro"},
     skm.hamming_loss(np.array([[1, 0, 1], [0, 1, 0]]), (np.array(ml_h_p) > 0.5).astype(int)), note="errors / N: 1/6 exactly")
case(SK, "multiclassMatthewsCorrcoef", [[0, 0, 0, 0], [0, 0, 0, 0]], {"numClasses": 2},
     skm.matthews_corrcoef([0, 0, 0, 0], [0, 0, 0, 0]), note="0 when undefined, whatever the class count")
case(SK, "multiclassMatthewsCorrcoef", [[0, 0, 0, 0], [0, 0, 0, 0]], {"numClasses": 3},
     skm.matthews_corrcoef([0, 0, 0, 0], [0, 0, 0, 0]))
case(TM, "binaryMatthewsCorrcoef", [[0, 0, 0, 0], [0, 0, 0, 0]], {},
     F.binary_matthews_corrcoef(tl([0, 0, 0, 0]), tl([0, 0, 0, 0])), note="torchmetrics' binary convention: 1")

# ---------------------------------------------------------------- issue 10 §4: functions the peers have
import importlib

_data = importlib.import_module("torchmetrics.utilities.data")
_logauc = importlib.import_module("torchmetrics.functional.classification.logauc")


def stable_interp(x, xp, fp):
    """torchmetrics' utilities.data.interp with a stable argsort (numpy's interp on ROC steps)."""
    order = torch.argsort(xp, stable=True)
    xp, fp = xp[order], fp[order]
    slopes = (fp[1:] - fp[:-1]) / (xp[1:] - xp[:-1])
    idx = torch.clamp(torch.searchsorted(xp, x) - 1, 0, len(slopes) - 1)
    return fp[idx] + slopes[idx] * (x - xp[idx])


def logauc_case(call, args, options, run):
    """A log AUC case: torchmetrics' value where its unstable argsort does not matter, else the stable one."""
    unstable = run()
    _logauc.interp = stable_interp
    try:
        stable = run()
    finally:
        _logauc.interp = _data.interp
    same = torch.allclose(torch.as_tensor(unstable), torch.as_tensor(stable), equal_nan=True)
    note = None if same else f"interp from the top of a ROC step; torchmetrics' unstable argsort gives {jsonable(unstable)}"
    case(TM, call, args, options, stable, note=note)


ties_p = np.round(bin_p * 5) / 5
for p_, kw in [(bin_p, {}), (ties_p, {}), (bin_p, {"fpr_range": (0.01, 0.5)}), (bin_p, {"thresholds": 11})]:
    options = {"fprRange": list(kw["fpr_range"])} if "fpr_range" in kw else {}
    if "thresholds" in kw:
        options["thresholds"] = kw["thresholds"]
    logauc_case("binaryLogAuc", [p_, bin_t], options, lambda: F.binary_logauc(t64(p_), tl(bin_t), **kw))
big_p = probs(400)
big_t = (rng.random(400) < big_p * 0.8).astype(int)
logauc_case("binaryLogAuc", [big_p, big_t], {}, lambda: F.binary_logauc(t64(big_p), tl(big_t)))
for average in ["macro", "none"]:
    logauc_case("multiclassLogAuc", [mc_p, mc_t], {"numClasses": 4, "average": average},
                lambda: F.multiclass_logauc(t64(mc_p), tl(mc_t), num_classes=4, average=average))
    logauc_case("multilabelLogAuc", [ml_p, ml_t], {"numLabels": 3, "average": average},
                lambda: F.multilabel_logauc(t64(ml_p), tl(ml_t), num_labels=3, average=average))
logauc_case("logAuc", [mc_logit, mc_t], {"task": "multiclass", "numClasses": 4},
            lambda: F.logauc(t64(mc_logit), tl(mc_t), task="multiclass", num_classes=4))

groups = rng.integers(0, 3, 40)
case(TM, "binaryGroupStatRates", [bin_p, bin_t, groups], {"numGroups": 3},
     F.binary_groups_stat_rates(t64(bin_p), tl(bin_t), tl(groups), 3))
case(TM, "demographicParity", [bin_p, groups], {}, F.demographic_parity(t64(bin_p), tl(groups)))
case(TM, "equalOpportunity", [bin_logit, bin_t, groups], {}, F.equal_opportunity(t64(bin_logit), tl(bin_t), tl(groups)))
case(TM, "binaryFairness", [bin_p, bin_t, groups], {"threshold": 0.3},
     F.binary_fairness(t64(bin_p), tl(bin_t), tl(groups), threshold=0.3))
case(TM, "binaryFairness", [bin_p, bin_t, groups], {"task": "demographic_parity"},
     F.binary_fairness(t64(bin_p), None, tl(groups), task="demographic_parity"))

hard = (bin_p > 0.5).astype(int)
case(SK, "binaryClassLikelihoodRatios", [hard, bin_t], {},
     dict(zip(["positive", "negative"], skm.class_likelihood_ratios(bin_t, hard))))
case(SK, "binaryClassLikelihoodRatios", [hard, bin_t, w], {},
     dict(zip(["positive", "negative"], skm.class_likelihood_ratios(bin_t, hard, sample_weight=w))))
case(SK, "binaryClassLikelihoodRatios", [[1, 1, 0, 0], [1, 1, 0, 1]], {},
     dict(zip(["positive", "negative"], skm.class_likelihood_ratios([1, 1, 0, 1], [1, 1, 0, 0]))), note="no false positive: LR+ NaN")

fpr, tpr, _ = skm.roc_curve(bin_t, bin_p)
case(SK, "auc", [fpr, tpr], {}, skm.auc(fpr, tpr))
case(SK, "auc", [fpr[::-1], tpr[::-1]], {}, skm.auc(fpr[::-1], tpr[::-1]), note="decreasing x")
shuffled = rng.permutation(len(fpr))
case(TM, "auc", [fpr[shuffled], tpr[shuffled]], {"reorder": True},
     float(torchmetrics.utilities.compute._auc_compute(torch.tensor(fpr[shuffled]), torch.tensor(tpr[shuffled]), reorder=True)))

from torchmetrics.functional.regression import critical_success_index
csi_p = np.round(rng.random((3, 4, 5)), 3)
csi_t = np.round(rng.random((3, 4, 5)), 3)
case(TM, "criticalSuccessIndex", [csi_p, csi_t], {"threshold": 0.5}, critical_success_index(t64(csi_p), t64(csi_t), 0.5))
case(TM, "criticalSuccessIndex", [csi_p, csi_t], {"threshold": 0.4, "keepSequenceDim": 0},
     critical_success_index(t64(csi_p), t64(csi_t), 0.4, keep_sequence_dim=0))
case(TM, "criticalSuccessIndex", [csi_p, csi_t], {"threshold": 0.4, "keepSequenceDim": 1},
     critical_success_index(t64(csi_p), t64(csi_t), 0.4, keep_sequence_dim=1))

# ---------------------------------------------------------------- issue 11 §4: averaged curves, reliability curves
def curve_dict(names, values):
    return dict(zip(names, [jsonable(v) for v in values]))


for average in ["micro", "macro"]:
    for kw in [{}, {"thresholds": 6}]:
        options = {"numClasses": 4, "average": average, **kw}
        case(TM, "multiclassRocCurve", [mc_p, mc_t], options,
             curve_dict(["fpr", "tpr", "thresholds"], F.multiclass_roc(t64(mc_p), tl(mc_t), num_classes=4, average=average, **kw)))
        # torchmetrics interpolates recall over the unsorted precisions: its macro curve extrapolates
        # far, which magnifies its float32 rounding.
        loose = {"rtol": 1e-4, "atol": 1e-6} if average == "macro" else {}
        case(TM, "multiclassPrecisionRecallCurve", [mc_p, mc_t], options,
             curve_dict(["precision", "recall", "thresholds"],
                        F.multiclass_precision_recall_curve(t64(mc_p), tl(mc_t), num_classes=4, average=average, **kw)),
             **loose)
    case(TM, "multiclassEqualErrorRate", [mc_p, mc_t], {"numClasses": 4, "average": average},
         F.multiclass_eer(t64(mc_p), tl(mc_t), num_classes=4, average=average))
case(TM, "rocCurve", [mc_logit, mc_t], {"task": "multiclass", "numClasses": 4, "average": "macro"},
     curve_dict(["fpr", "tpr", "thresholds"], F.roc(t64(mc_logit), tl(mc_t), task="multiclass", num_classes=4, average="macro")))

from sklearn.calibration import calibration_curve

edge_p = np.concatenate([bin_p, [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]])
edge_t = np.concatenate([bin_t, [0, 1, 0, 1, 1, 1]])
for n_bins in [5, 10, 3]:
    prob_true, prob_pred = calibration_curve(edge_t, edge_p, n_bins=n_bins)
    bins = np.linspace(0.0, 1.0, n_bins + 1)
    counts = np.bincount(np.searchsorted(bins[1:-1], edge_p), minlength=n_bins)
    case(SK, "binaryReliabilityCurve", [edge_p, edge_t], {"nBins": n_bins},
         {"confidence": prob_pred, "accuracy": prob_true, "count": counts[counts > 0]})
_ce = importlib.import_module("torchmetrics.functional.classification.calibration_error")


def tm_reliability(confidences, accuracies, n_bins):
    boundaries = torch.linspace(0, 1, n_bins + 1, dtype=confidences.dtype)
    acc_bin, conf_bin, prop_bin = _ce._binning_bucketize(confidences, accuracies, boundaries)
    count = prop_bin * confidences.numel()
    keep = count > 0
    return {"confidence": conf_bin[keep], "accuracy": acc_bin[keep], "count": torch.round(count[keep])}


case(TM, "binaryReliabilityCurve", [edge_p, edge_t], {"nBins": 7, "convention": "torchmetrics"},
     tm_reliability(t64(edge_p), t64(edge_t), 7))
top_conf, top_class = t64(mc_p).max(dim=1)
case(TM, "multiclassReliabilityCurve", [mc_p, mc_t], {"numClasses": 4, "nBins": 6, "convention": "torchmetrics"},
     tm_reliability(top_conf, (top_class == tl(mc_t)).to(torch.float64), 6), note="rows renormalised: 6-decimal rows")

# ---------------------------------------------------------------- float32 boundaries
# torchmetrics on float32 tensors (its usual dtype) compares scores with bin boundaries and
# binned thresholds in float32: 0.2 lands on the boundary 0.2 (float32 0.2000000030).
on_edges = [0.1, 0.4, 0.35, 0.8, 0.65, 0.2, 0.9, 0.55, 0.6]
on_edges_t = [0, 0, 1, 1, 1, 0, 1, 0, 1]
case(TM, "binaryCalibrationError", [on_edges, on_edges_t], {"nBins": 5},
     F.binary_calibration_error(torch.tensor(on_edges), tl(on_edges_t), n_bins=5), note="float32 tensor, scores on bin boundaries")
roc32 = F.binary_roc(torch.tensor(on_edges), tl(on_edges_t), thresholds=6)
case(TM, "binaryRocCurve", [on_edges, on_edges_t], {"thresholds": 6},
     {"fpr": roc32[0], "tpr": roc32[1], "thresholds": roc32[2]}, note="float32 tensor, scores on binned thresholds")

with open("test/data/golden/classification_front_door.json", "w") as out:
    json.dump({
        "reference": {"torchmetrics": torchmetrics.__version__, "torch": torch.__version__, "sklearn": sklearn.__version__,
                      "numpy": np.__version__},
        "cases": cases,
    }, out)
print(len(cases), "cases")
