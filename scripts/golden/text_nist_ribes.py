"""Golden cases for plumbline's NIST and RIBES from nltk 3.8 (Debian's python3-nltk).

    /usr/bin/python3 scripts/golden/text_nist_ribes.py

Writes test/data/golden/text_nist_ribes.json in the conformance schema (family "text"). Inputs
are seeded random segments over small vocabularies (repeated words exercise RIBES' context
search and NIST's information weights), one to three references each, plus nltk's doctests.
Segments are strings; both sides split them with str.split(), as plumbline does.
"""
import json
import os
import random

import nltk
from nltk.translate.nist_score import corpus_nist, sentence_nist
from nltk.translate.ribes_score import corpus_ribes, sentence_ribes

assert nltk.__version__ == "3.8", nltk.__version__
rng = random.Random(20261206)
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "test", "data", "golden", "text_nist_ribes.json")
VOCABS = [list("abcd"), ["the", "a", "cat", "sat", "on", "mat", "dog", "ran"], [f"w{i}" for i in range(30)], ["東京", "é", "😀", "x", "y"]]

DOC_HYP1 = "It is a guide to action which ensures that the military always obeys the commands of the party"
DOC_HYP2 = "It is to insure the troops forever hearing the activity guidebook that party direct"
DOC_REF1 = "It is a guide to action that ensures that the military will forever heed Party commands"
DOC_REF2 = "It is the guiding principle which guarantees the military forces always being under the command of the Party"
DOC_REF3 = "It is the practical guide for the army always to heed the directions of the party"


def sentence(vocab, lo, hi):
    return " ".join(rng.choice(vocab) for _ in range(rng.randint(lo, hi)))


def mutate(s, vocab):
    out = []
    for w in s.split():
        r = rng.random()
        if r < 0.15:
            continue
        out += [rng.choice(vocab)] if r < 0.35 else [w, rng.choice(vocab)] if r < 0.45 else [w]
    if rng.random() < 0.3 and len(out) > 2:
        i = rng.randrange(len(out) - 1)
        out[i], out[i + 1] = out[i + 1], out[i]
    return " ".join(out)


def case(metric, ref, inputs, options, expected):
    cases.append({"id": f"golden/text/{metric}/{len(cases)}", "family": "text", "metric": metric, "ref": ref, "inputs": inputs, "options": options, "expected": expected, "rtol": 1e-12, "atol": 1e-12})


def safe(f):
    try:
        return f()
    except ZeroDivisionError:
        return None


datasets, cases = {}, []
datasets["doctest"] = {"hypotheses": [DOC_HYP1, DOC_HYP2], "references": [[DOC_REF1, DOC_REF2, DOC_REF3], [DOC_REF1, DOC_REF2, DOC_REF3]]}
datasets["ribes_doctest"] = {"hypotheses": [DOC_HYP1, "he read the book because he was interested in world history"], "references": [[DOC_REF1, DOC_REF2, DOC_REF3], ["he was interested in world history because he read the book"]]}
for k in range(36):
    vocab = VOCABS[k % len(VOCABS)]
    n = rng.randint(1, 5)
    refs = [[sentence(vocab, 3, 16) for _ in range(rng.randint(1, 3))] for _ in range(n)]
    hyps = [mutate(r[0], vocab) if rng.random() < 0.85 else sentence(vocab, 1, 12) for r in refs]
    hyps = [h if h else rng.choice(vocab) for h in hyps]
    datasets[f"r{k}"] = {"hypotheses": hyps, "references": refs}

for name, d in datasets.items():
    toks_h = [h.split() for h in d["hypotheses"]]
    toks_r = [[r.split() for r in rs] for rs in d["references"]]
    for n in (1, 2, 3, 5):
        case("nist", "nltk 3.8 nltk.translate.nist_score.corpus_nist", name, {"n": n}, safe(lambda: corpus_nist(toks_r, toks_h, n)))
        case("nist", "nltk 3.8 nltk.translate.nist_score.sentence_nist", name, {"n": n}, {"per_pair": [safe(lambda: sentence_nist(r, h, n)) for r, h in zip(toks_r, toks_h)]})
    for alpha, beta in ((0.25, 0.1), (0.5, 0.3), (0.0, 0.0)):
        case("ribes", "nltk 3.8 nltk.translate.ribes_score.corpus_ribes", name, {"alpha": alpha, "beta": beta}, safe(lambda: corpus_ribes(toks_r, toks_h, alpha, beta)))
        case("ribes", "nltk 3.8 nltk.translate.ribes_score.sentence_ribes", name, {"alpha": alpha, "beta": beta}, {"per_pair": [safe(lambda: sentence_ribes(r, h, alpha, beta)) for r, h in zip(toks_r, toks_h)]})

with open(OUT, "w", encoding="utf-8") as f:
    json.dump({"split": "golden", "seed": 20261206, "versions": {"nltk": "3.8 (Debian python3-nltk)"}, "datasets": datasets, "cases": cases, "errors": []}, f, ensure_ascii=False, indent=1)
print(len(cases), "cases;", sum(1 for c in cases if c["expected"] is None), "raise")
