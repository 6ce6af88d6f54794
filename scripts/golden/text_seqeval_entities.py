"""Golden cases for seqeval 1.2.2's get_entities, performance_measure and the beta of its F-score.

Needs seqeval's source on PYTHONPATH (chakki-works/seqeval tag v1.2.2, not committed) and
Debian's numpy / scikit-learn:

    PYTHONPATH=/tmp/text-refs/seqeval-1.2.2 /usr/bin/python3 scripts/golden/text_seqeval_entities.py

Writes test/data/golden/text_seqeval_entities.json in the conformance schema (family "text").
"""
import json
import os
import random
import warnings

warnings.simplefilter("ignore")
from seqeval.metrics import performance_measure  # noqa: E402
from seqeval.metrics.sequence_labeling import get_entities, precision_recall_fscore_support  # noqa: E402
from seqeval.metrics.v1 import precision_recall_fscore_support as strict_prfs  # noqa: E402
from seqeval.scheme import IOB2, IOBES  # noqa: E402

rng = random.Random(20261206)
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "test", "data", "golden", "text_seqeval_entities.json")
TYPES = ["PER", "LOC", "ORG"]


def tags(prefixes, n, suffix=False, odd=()):
    out = []
    for _ in range(n):
        r = rng.random()
        if r < 0.4:
            out.append("O")
        elif r < 0.45 and odd:
            out.append(rng.choice(odd))
        else:
            p, t = rng.choice(prefixes), rng.choice(TYPES)
            out.append(f"{t}-{p}" if suffix else f"{p}-{t}")
    return out


def perturb(seq, prefixes, suffix=False):
    return [tags(prefixes, 1, suffix)[0] if rng.random() < 0.25 else t for t in seq]


datasets, cases = {}, []


def case(metric, ref, inputs, options, expected):
    cases.append({"id": f"golden/text/{metric}/{len(cases)}", "family": "text", "metric": metric, "ref": f"seqeval 1.2.2 {ref}", "inputs": inputs, "options": options, "expected": expected, "rtol": 1e-12, "atol": 1e-12})


for k in range(12):
    prefixes = ["BI", "BIES", "IE", "BILU"][k % 4]
    suffix = k % 5 == 4
    odd = ("B", "I", "E", "S", "O") if k % 3 == 0 else ()
    targets = [tags(prefixes, rng.randint(1, 12), suffix, odd) for _ in range(rng.randint(1, 6))]
    predictions = [perturb(t, prefixes, suffix) for t in targets]
    name = f"s{k}"
    datasets[name] = {"targets": targets, "predictions": predictions}
    case("seqeval_get_entities", "get_entities", name, {"field": "targets", "nested": True, "suffix": suffix}, [list(e) for e in get_entities(targets, suffix=suffix)])
    case("seqeval_get_entities", "get_entities", name, {"field": "predictions", "nested": False, "suffix": suffix}, [list(e) for e in get_entities(predictions[0], suffix=suffix)])
    case("seqeval_performance_measure", "performance_measure", name, {}, performance_measure(targets, predictions))
    for beta in (0.0, 0.5, 2.0, float("inf")):
        for average in (None, "micro", "macro", "weighted"):
            p, r, f, s = precision_recall_fscore_support(targets, predictions, average=average, beta=beta, suffix=suffix)
            lists = average is None
            expected = {"precision": [float(x) for x in p] if lists else float(p), "recall": [float(x) for x in r] if lists else float(r), "f": [float(x) for x in f] if lists else float(f)}
            case("seqeval_fbeta", "precision_recall_fscore_support", name, {"beta": "inf" if beta == float("inf") else beta, "average": average, "suffix": suffix}, expected)
    if not suffix and prefixes in ("BI", "BIES"):
        scheme, sname = (IOB2, "IOB2") if prefixes == "BI" else (IOBES, "IOBES")
        for beta in (0.5, 3.0):
            p, r, f, s = strict_prfs(targets, predictions, average="micro", beta=beta, scheme=scheme)
            case("seqeval_fbeta", "precision_recall_fscore_support (strict)", name, {"beta": beta, "average": "micro", "mode": "strict", "scheme": sname}, {"precision": float(p), "recall": float(r), "f": float(f)})

with open(OUT, "w", encoding="utf-8") as fp:
    json.dump({"split": "golden", "seed": 20261206, "versions": {"seqeval": "1.2.2 (chakki-works/seqeval tag v1.2.2, run from source)"}, "datasets": datasets, "cases": cases, "errors": []}, fp, ensure_ascii=False, indent=1)
print(len(cases), "cases")
