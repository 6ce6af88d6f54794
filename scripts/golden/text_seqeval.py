"""Golden seqeval 1.2.2 cases (default and strict modes, every scheme, suffix tags, text report).

Needs seqeval's source on PYTHONPATH (not committed; chakki-works/seqeval v1.2.2) and Debian's
numpy/scikit-learn.

  PYTHONPATH=/tmp/text-refs/ref /usr/bin/python3 scripts/golden/text_seqeval.py
writes test/data/golden/text_seqeval.json
"""
import json
import random
import warnings

warnings.simplefilter("ignore")
from seqeval import metrics  # noqa: E402
from seqeval.scheme import BILOU, IOB1, IOB2, IOBES, IOE1, IOE2  # noqa: E402

rng = random.Random(7)
TYPES = ["PER", "LOC", "ORG", "MISC"]
PREFIXES = {"IOB1": "IOB", "IOB2": "IOB", "IOE1": "IOE", "IOE2": "IOE", "IOBES": "IOBES", "BILOU": "BILU"}
SCHEMES = {"IOB1": IOB1, "IOB2": IOB2, "IOE1": IOE1, "IOE2": IOE2, "IOBES": IOBES, "BILOU": BILOU}


def random_tags(prefixes, n, suffix=False):
    out = []
    for _ in range(n):
        if rng.random() < 0.45:
            out.append("O")
        else:
            p, t = rng.choice(prefixes), rng.choice(TYPES)
            out.append(f"{t}-{p}" if suffix else f"{p}-{t}")
    return out


def perturb(tags, prefixes, suffix=False):
    out = list(tags)
    for i in range(len(out)):
        if rng.random() < 0.2:
            out[i] = random_tags(prefixes, 1, suffix)[0]
    return out


def corpus(prefixes, suffix=False, sentences=25):
    targets = [random_tags(prefixes, rng.randint(1, 14), suffix) for _ in range(sentences)]
    predictions = [perturb(t, prefixes, suffix) for t in targets]
    return {"targets": targets, "predictions": predictions}


datasets = {}
cases = []


def add(name, data, options, expected, ref):
    cases.append({"id": f"golden/text/seqeval/{len(cases)}", "family": "text", "metric": "seqeval",
                  "ref": f"seqeval 1.2.2 {ref}", "inputs": name, "options": options, "expected": expected,
                  "rtol": 1e-9, "atol": 1e-12})


def prf(y_true, y_pred, **kw):
    p = metrics.precision_score(y_true, y_pred, **kw)
    r = metrics.recall_score(y_true, y_pred, **kw)
    f = metrics.f1_score(y_true, y_pred, **kw)
    if kw.get("average", "micro") is None:
        return {"precision": [float(x) for x in p], "recall": [float(x) for x in r], "f1": [float(x) for x in f]}
    return {"precision": float(p), "recall": float(r), "f1": float(f)}


for scheme, prefixes in PREFIXES.items():
    name = f"strict_{scheme}"
    datasets[name] = corpus(prefixes)
    y_true, y_pred = datasets[name]["targets"], datasets[name]["predictions"]
    for average in ("micro", "macro", "weighted"):
        add(name, y_true, {"mode": "strict", "scheme": scheme, "average": average},
            prf(y_true, y_pred, mode="strict", scheme=SCHEMES[scheme], average=average), "precision/recall/f1_score")
    add(name, y_true, {"mode": "strict", "scheme": scheme, "report": "dict"},
        metrics.classification_report(y_true, y_pred, mode="strict", scheme=SCHEMES[scheme], output_dict=True), "classification_report")
    for average in ("micro", "macro", "weighted"):
        add(name, y_true, {"mode": None, "average": average}, prf(y_true, y_pred, average=average), "precision/recall/f1_score")

datasets["lenient_mixed"] = corpus("BIES")
y_true, y_pred = datasets["lenient_mixed"]["targets"], datasets["lenient_mixed"]["predictions"]
for average in ("micro", "macro", "weighted"):
    add("lenient_mixed", y_true, {"mode": None, "average": average}, prf(y_true, y_pred, average=average), "precision/recall/f1_score")
add("lenient_mixed", y_true, {"mode": None, "report": "text", "digits": 4},
    metrics.classification_report(y_true, y_pred, digits=4), "classification_report (text)")
add("lenient_mixed", y_true, {"mode": None, "report": "text", "digits": 2},
    metrics.classification_report(y_true, y_pred), "classification_report (text)")
add("lenient_mixed", y_true, {"accuracy": True}, metrics.accuracy_score(y_true, y_pred), "accuracy_score")

datasets["suffix"] = corpus("BI", suffix=True)
y_true, y_pred = datasets["suffix"]["targets"], datasets["suffix"]["predictions"]
for average in ("micro", "macro"):
    add("suffix", y_true, {"mode": None, "average": average, "suffix": True}, prf(y_true, y_pred, average=average, suffix=True), "precision/recall/f1_score")
add("suffix", y_true, {"mode": "strict", "scheme": "IOB2", "average": "micro", "suffix": True},
    prf(y_true, y_pred, mode="strict", scheme=IOB2, average="micro", suffix=True), "precision/recall/f1_score")

with open("test/data/golden/text_seqeval.json", "w", encoding="utf-8") as fp:
    json.dump({"versions": {"seqeval": "1.2.2"}, "datasets": datasets, "cases": cases}, fp, indent=1, default=lambda o: o.item())
print(len(cases), "cases")
