"""Golden cases for plumbline's WER family (jiwer 2.3.0) and nltk 3.8 BLEU / GLEU.

    PYTHONPATH=/path/to/jiwer-2.3.0-parent /usr/bin/python3 scripts/golden/text_jiwer_nltk.py

jiwer 2.3.0 is run from its public source (not packaged in Debian; never committed) with
Debian's python3-levenshtein 0.12.2; nltk is Debian's python3-nltk 3.8. Writes
test/data/golden/text_jiwer.json and test/data/golden/text_nltk.json (conformance schema).
Small vocabularies with repeated words make many equal-cost alignments, which pins down
python-Levenshtein's choice of operations (it decides MER, WIL, WIP and the counts).
"""
import json
import os
import random
import warnings

import jiwer
import nltk
from nltk.translate.bleu_score import SmoothingFunction, corpus_bleu, sentence_bleu
from nltk.translate.gleu_score import corpus_gleu, sentence_gleu

warnings.simplefilter("ignore")
rng = random.Random(1127)
HERE = os.path.dirname(__file__)
OUT = os.path.join(HERE, "..", "..", "test", "data", "golden")


def sentence(vocab, lo, hi, spaces=(" ",)):
    n = rng.randint(lo, hi)
    out = ""
    for i in range(n):
        out += (rng.choice(spaces) if i else "") + rng.choice(vocab)
    return out


def mutate(s, vocab):
    words = s.split(" ")
    out = []
    for w in words:
        r = rng.random()
        if r < 0.2:
            continue
        if r < 0.4:
            out.append(rng.choice(vocab))
        elif r < 0.5:
            out += [w, rng.choice(vocab)]
        else:
            out.append(w)
    return " ".join(out)


# ---- jiwer ----
datasets, cases = {}, []
VOCABS = [list("ab"), list("abc"), ["the", "a", "cat", "sat", "mat", "on"], ["x", "y", "z", "w", "v", "u", "t", "s"], ["héllo", "wörld", "東京", "😀", "a"]]
for k in range(60):
    vocab = VOCABS[k % len(VOCABS)]
    n = rng.randint(1, 4)
    refs = [sentence(vocab, 1, 12, (" ", " ", "  ", " \t ")) for _ in range(n)]
    hyps = [mutate(r, vocab) if rng.random() < 0.85 else sentence(vocab, 0, 10) for r in refs]
    if rng.random() < 0.2:
        hyps[0] = "  " + hyps[0] + " "
    name = f"j{k}"
    datasets[name] = {"hypotheses": hyps, "references": refs}
    m = jiwer.compute_measures(refs, hyps)
    cases.append({"id": f"golden/text/jiwer/{len(cases)}", "family": "text", "metric": "jiwer_wer", "ref": "jiwer 2.3.0 jiwer.compute_measures", "inputs": name, "options": {"transforms": "default"}, "expected": {k2: m[k2] for k2 in ["wer", "mer", "wil", "wip", "hits", "substitutions", "deletions", "insertions"]}, "rtol": 1e-12, "atol": 1e-12})
    c = jiwer.cer(refs, hyps, return_dict=True)
    cases.append({"id": f"golden/text/jiwer/{len(cases)}", "family": "text", "metric": "jiwer_cer", "ref": "jiwer 2.3.0 jiwer.cer return_dict", "inputs": name, "options": {"transforms": "default"}, "expected": c, "rtol": 1e-12, "atol": 1e-12})
with open(os.path.join(OUT, "text_jiwer.json"), "w", encoding="utf-8") as f:
    json.dump({"split": "golden", "seed": 1127, "versions": {"jiwer": "2.3.0 (jitsi/jiwer tag v2.3.0, run from source)", "python-Levenshtein": "0.12.2 (Debian python3-levenshtein)"}, "datasets": datasets, "cases": cases, "errors": []}, f, ensure_ascii=False, indent=1)
print(len(cases), "jiwer cases")

# ---- nltk ----
datasets, cases, errors = {}, [], []
V = "the a cat sat on mat dog ran it . , quick brown fox".split()
for k in range(6):
    n = rng.randint(3, 12)
    nref = rng.randint(1, 3)
    refs = [[sentence(V, 1, 14) for _ in range(nref)] for _ in range(n)]
    hyps = [mutate(r[0], V) if rng.random() < 0.85 else sentence(V, 0, 8) for r in refs]
    name = f"n{k}"
    datasets[name] = {"hypotheses": hyps, "references": refs}
    tok_refs = [[r.split() for r in rs] for rs in refs]
    tok_hyps = [h.split() for h in hyps]
    sf = SmoothingFunction()
    for weights in [(0.25, 0.25, 0.25, 0.25), (0.5, 0.5), (1 / 3, 1 / 3, 1 / 3)]:
        for m in range(8):
            fnm = getattr(sf, f"method{m}")
            opts = {"smoothing": f"method{m}", "weights": list(weights), "auto_reweigh": False}
            try:
                v = corpus_bleu(tok_refs, tok_hyps, weights=weights, smoothing_function=fnm)
                cases.append({"id": f"golden/text/nltk/{len(cases)}", "family": "text", "metric": "nltk_bleu", "ref": "nltk 3.8 nltk.translate.bleu_score.corpus_bleu", "inputs": name, "options": opts, "expected": v, "rtol": 1e-9, "atol": 1e-12})
            except Exception as e:  # noqa: BLE001
                errors.append({"metric": "nltk_bleu", "inputs": name, "options": opts, "kind": "reference_raises", "exception": type(e).__name__, "message": str(e)})
            per = []
            for h, rs in zip(tok_hyps, tok_refs):
                try:
                    per.append(sentence_bleu(rs, h, weights=weights, smoothing_function=fnm))
                except Exception as e:  # noqa: BLE001
                    per.append(None)
            cases.append({"id": f"golden/text/nltk/{len(cases)}", "family": "text", "metric": "nltk_bleu", "ref": "nltk 3.8 nltk.translate.bleu_score.sentence_bleu", "inputs": name, "options": opts, "expected": {"per_pair": per}, "rtol": 1e-9, "atol": 1e-12, "note": "null = reference raised"})
    for lo, hi in [(1, 4), (1, 2), (2, 3)]:
        cases.append({"id": f"golden/text/nltk/{len(cases)}", "family": "text", "metric": "gleu", "ref": "nltk 3.8 nltk.translate.gleu_score.corpus_gleu", "inputs": name, "options": {"min_len": lo, "max_len": hi}, "expected": corpus_gleu(tok_refs, tok_hyps, lo, hi), "rtol": 1e-12, "atol": 1e-12})
        cases.append({"id": f"golden/text/nltk/{len(cases)}", "family": "text", "metric": "gleu", "ref": "nltk 3.8 nltk.translate.gleu_score.sentence_gleu", "inputs": name, "options": {"min_len": lo, "max_len": hi}, "expected": {"per_pair": [sentence_gleu(rs, h, lo, hi) for h, rs in zip(tok_hyps, tok_refs)]}, "rtol": 1e-12, "atol": 1e-12})
with open(os.path.join(OUT, "text_nltk.json"), "w", encoding="utf-8") as f:
    json.dump({"split": "golden", "seed": 1127, "versions": {"nltk": nltk.__version__ + " (Debian python3-nltk)"}, "datasets": datasets, "cases": cases, "errors": errors}, f, ensure_ascii=False, indent=1)
print(len(cases), "nltk cases,", len(errors), "errors")

# ---- self-BLEU (Texygen's definition over nltk sentence_bleu, method1) ----
sb_datasets, sb_cases = {}, []
for k in range(4):
    texts = [sentence(V, 2, 12) for _ in range(rng.randint(2, 8))]
    sb_datasets[f"sb{k}"] = {"texts": texts}
    for order in (2, 3, 4):
        w = tuple(1.0 / order for _ in range(order))
        toks = [t.split() for t in texts]
        vals = [sentence_bleu(toks[:i] + toks[i + 1:], toks[i], w, smoothing_function=SmoothingFunction().method1) for i in range(len(toks))]
        sb_cases.append({"id": f"golden/text/self_bleu/{len(sb_cases)}", "family": "text", "metric": "self_bleu", "ref": "nltk 3.8 sentence_bleu method1, each text against all others (Texygen SelfBleu)", "inputs": f"sb{k}", "options": {"max_order": order}, "expected": sum(vals) / len(vals), "rtol": 1e-9, "atol": 1e-12})
with open(os.path.join(OUT, "text_self_bleu.json"), "w", encoding="utf-8") as f:
    json.dump({"split": "golden", "seed": 1127, "versions": {"nltk": nltk.__version__ + " (Debian python3-nltk)"}, "datasets": sb_datasets, "cases": sb_cases, "errors": []}, f, ensure_ascii=False, indent=1)
print(len(sb_cases), "self-bleu cases")
