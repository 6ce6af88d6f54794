"""Golden ROUGE cases from rouge-score 0.1.2 (Google's package) for plumbline's ROUGE tests.

Needs rouge_score's source on PYTHONPATH (not committed; e.g. the pip release content) and
Debian's nltk/numpy. absl (only used for logging) is stubbed.

  PYTHONPATH=/tmp/text-refs/ref /usr/bin/python3 scripts/golden/text_rouge.py
writes test/data/golden/text_rouge.json
"""
import json
import random
import sys
import types

absl = types.ModuleType("absl")
absl.logging = types.SimpleNamespace(info=lambda *a, **k: None)
sys.modules["absl"] = absl
sys.modules["absl.logging"] = absl.logging

import numpy as np  # noqa: E402
from rouge_score import rouge_scorer, scoring  # noqa: E402

rng = random.Random(20261127)
WORDS = (
    "the a of connected connection connecting runs running ran generalization generalizes happily happiness "
    "studies studied studying caresses ponies ties cats feed agreed plastered motoring hopping fizzed failing "
    "filing happy sky skies dying lying news innings relational conditional rational digitizer conformably "
    "radically differently vietnamization predication operator feudalism decisiveness hopefulness callousness "
    "formality sensitivity sensibility triplicate formative formalize electricity electrical hopeful goodness "
    "revival allowance inference airliner gyroscopic adjustable defensible irritant replacement adjustment "
    "dependent adoption homologous communism activate angularity effective bowdlerize probate rate cease "
    "controlling rolling Paris 42 3.14 café naïve O'Neil e-mail x-ray rock'n'roll state-of-the-art über "
    "Москва 北京 ελλάδα ITEMS Items items, report. market! bridge? children's"
).split()


def sentence(lo, hi):
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(lo, hi)))


def noisy(text):
    words = text.split()
    out = []
    for w in words:
        r = rng.random()
        if r < 0.15:
            continue
        if r < 0.3:
            out.append(rng.choice(WORDS))
        else:
            out.append(w)
        if rng.random() < 0.1:
            out.append(rng.choice(WORDS))
    return " ".join(out)


def multiline(lo, hi):
    return "\n".join(sentence(2, 9) for _ in range(rng.randint(lo, hi)))


def score_dict(s):
    return {"precision": s.precision, "recall": s.recall, "fmeasure": s.fmeasure}


cases = []
datasets = {}

# d_pairs: single references, with stemming on and off, all types.
refs = [sentence(1, 25) for _ in range(60)] + ["", "   ", "...", "Москва 北京", "a", "the the the the"]
hyps = [noisy(r) for r in refs[:60]] + ["something", "", "...", "Москва", "a", "the the"]
datasets["pairs"] = {"references": refs, "hypotheses": hyps}
types_ = ["rouge1", "rouge2", "rouge4", "rougeL", "rougeLsum"]
for stem in (False, True):
    scorer = rouge_scorer.RougeScorer(types_, use_stemmer=stem)
    per = [{t: score_dict(v) for t, v in scorer.score(r, h).items()} for r, h in zip(refs, hyps)]
    cases.append({"id": f"golden/text/rouge/pairs/stem={stem}", "inputs": "pairs", "function": "score",
                  "options": {"rouge_types": types_, "use_stemmer": stem}, "expected": per})

# d_lsum: multi-line summaries for rougeLsum.
refs = [multiline(1, 5) for _ in range(40)] + ["line one\n\nline two\n", "\n\n", "only"]
hyps = ["\n".join(noisy(s) for s in r.split("\n") if rng.random() < 0.9) for r in refs[:40]] + ["line two\nline one", "x", "\n"]
datasets["lsum"] = {"references": refs, "hypotheses": hyps}
for stem in (False, True):
    scorer = rouge_scorer.RougeScorer(["rougeLsum", "rougeL"], use_stemmer=stem)
    per = [{t: score_dict(v) for t, v in scorer.score(r, h).items()} for r, h in zip(refs, hyps)]
    cases.append({"id": f"golden/text/rouge/lsum/stem={stem}", "inputs": "lsum", "function": "score",
                  "options": {"rouge_types": ["rougeLsum", "rougeL"], "use_stemmer": stem}, "expected": per})

# d_multi: several references, score_multi.
base = [sentence(3, 20) for _ in range(30)]
refs = [[noisy(b) for _ in range(rng.randint(1, 4))] for b in base]
hyps = [noisy(b) for b in base]
datasets["multi"] = {"references": refs, "hypotheses": hyps}
scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
per = [{t: score_dict(v) for t, v in scorer.score_multi(r, h).items()} for r, h in zip(refs, hyps)]
cases.append({"id": "golden/text/rouge/multi", "inputs": "multi", "function": "score_multi",
              "options": {"rouge_types": ["rouge1", "rouge2", "rougeL"], "use_stemmer": True}, "expected": per})

# Bootstrap aggregation with a seeded numpy global generator.
for seed, n_samples, ci in ((0, 1000, 0.95), (1234, 200, 0.9)):
    scorer = rouge_scorer.RougeScorer(["rouge1", "rougeL"], use_stemmer=False)
    agg = scoring.BootstrapAggregator(confidence_interval=ci, n_samples=n_samples)
    for r, h in zip(datasets["pairs"]["references"], datasets["pairs"]["hypotheses"]):
        agg.add_scores(scorer.score(r, h))
    np.random.seed(seed)
    result = agg.aggregate()
    cases.append({"id": f"golden/text/rouge/bootstrap/seed={seed}", "inputs": "pairs", "function": "bootstrap",
                  "options": {"rouge_types": ["rouge1", "rougeL"], "use_stemmer": False, "seed": seed,
                              "n_samples": n_samples, "confidence_interval": ci},
                  "expected": {t: {k: score_dict(getattr(v, k)) for k in ("low", "mid", "high")} for t, v in result.items()}})

for c in cases:
    fn = c.pop("function")
    c["options"]["function"] = fn
    c.update(family="text", metric="rouge", ref=f"rouge_score 0.1.2 {fn}", rtol=1e-9, atol=1e-12)

out = {"versions": {"rouge_score": "0.1.2 (pip release content)", "nltk": "3.8 (Debian)", "numpy": np.__version__},
       "datasets": datasets, "cases": cases}
with open("test/data/golden/text_rouge.json", "w", encoding="utf-8") as fp:
    json.dump(out, fp, ensure_ascii=False, indent=1)
print(len(cases), "cases")
