"""Golden cases for plumbline's sacrebleu-compatible BLEU, chrF and TER.

Run with Debian's python3 and sacrebleu 2.6.0 source on PYTHONPATH (sacrebleu is not packaged
in Debian; fetch its public source outside the repository, never commit it):

    PYTHONPATH=/path/to/sacrebleu-parent /usr/bin/python3 scripts/golden/text_sacrebleu.py

Writes test/data/golden/text_sacrebleu.json in the conformance schema (family "text").
Inputs are seeded random segments mixing ASCII punctuation, digits, accents, CJK, full-width
and symbol characters, entities, tabs and odd whitespace, empty and whitespace-only segments.
"""
import json
import os
import random

import sacrebleu
from sacrebleu.metrics import BLEU, CHRF, TER

assert sacrebleu.__version__ == "2.6.0", sacrebleu.__version__

rng = random.Random(20261127)
WORDS = (
    "the cat sat on mat dog ran fast over lazy quick brown fox it's don't U.S. e.g. 3.14 1,000 "
    "2026 x-ray re-evaluate hello-world naïve café straße Ελλάδα Москва 東京 欢迎 北京大学 中文 "
    "テスト ひらがな 한국어 $5 50% (test) [x] {y} <z> a&b &amp; &quot;q&quot; &lt;t&gt; … — « » “ ” ‘ ’ "
    "€ © ™ → ★ ☆ ✓ ， 。 ！ ？ ： ； 、 「 」 ２０２６ ＡＢＣ 𠀀 𝔘 😀 no: why? yes; ok! end. , . ; : ! ? - -- ' \""
).split()
SPACES = [" ", " ", " ", " ", "  ", "\t", "\u00a0", "\u3000", " \n "]


def segment(max_words=14):
    n = rng.randint(0, max_words)
    out = ""
    for i in range(n):
        w = rng.choice(WORDS)
        if rng.random() < 0.1:
            w = w.upper()
        out += (rng.choice(SPACES) if i else "") + w
        if rng.random() < 0.15:
            out += rng.choice([".", ",", "!", "?", ":", ";", "-", "'s"])
    if rng.random() < 0.05:
        out = "   "
    if rng.random() < 0.1:
        out = out + rng.choice([" ", "\t", "  \n"])
    return out


def perturb(s):
    words = s.split(" ")
    out = []
    for w in words:
        r = rng.random()
        if r < 0.15:
            continue
        if r < 0.3:
            out.append(rng.choice(WORDS))
        elif r < 0.35:
            out.append(w)
            out.append(rng.choice(WORDS))
        else:
            out.append(w)
    if rng.random() < 0.2 and len(out) > 2:
        i = rng.randrange(len(out) - 1)
        out[i], out[i + 1] = out[i + 1], out[i]
    return " ".join(out)


datasets = {}
cases = []


def add_dataset(name, n, nrefs):
    refs = [[segment() for _ in range(n)] for _ in range(nrefs)]
    hyps = [perturb(refs[0][i]) if rng.random() < 0.9 else segment() for i in range(n)]
    datasets[name] = {"hypotheses": hyps, "references": refs}
    return hyps, refs


def add(metric, inputs, options, expected, note=None):
    case = {
        "id": f"golden/text/{metric}/{len(cases)}",
        "family": "text",
        "metric": metric,
        "ref": "sacrebleu 2.6.0",
        "inputs": inputs,
        "options": options,
        "expected": expected,
        "rtol": 1e-9,
        "atol": 1e-9,
    }
    if note:
        case["note"] = note
    cases.append(case)


for dname, n, nrefs in [("g0", 40, 1), ("g1", 40, 2), ("g2", 25, 3), ("g3", 60, 1)]:
    hyps, refs = add_dataset(dname, n, nrefs)
    for tok in ["13a", "intl", "zh", "char", "none"]:
        for lc in [False, True]:
            bleu = BLEU(tokenize=tok, lowercase=lc)
            s = bleu.corpus_score(hyps, refs)
            add("corpus_bleu", dname, {"tokenize": tok, "lowercase": lc}, s.score)
    for sm in ["exp", "floor", "add-k", "none"]:
        for eff in [False, True]:
            bleu = BLEU(smooth_method=sm, effective_order=eff)
            s = bleu.corpus_score(hyps, refs)
            add("corpus_bleu", dname, {"tokenize": "13a", "smooth_method": sm, "use_effective_order": eff}, s.score)
    bleu = BLEU(smooth_method="floor", smooth_value=0.3)
    add("corpus_bleu", dname, {"smooth_method": "floor", "smooth_value": 0.3}, bleu.corpus_score(hyps, refs).score)
    bleu = BLEU(smooth_method="add-k", smooth_value=2)
    add("corpus_bleu", dname, {"smooth_method": "add-k", "smooth_value": 2}, bleu.corpus_score(hyps, refs).score)
    bleu = BLEU()
    bleu.corpus_score(hyps, refs)
    add("bleu_signature", dname, {}, str(bleu.get_signature()), "expected is the signature string")
    for co, wo, beta, ws, lc, eps in [(6, 0, 2, False, False, False), (6, 2, 2, False, False, False), (4, 1, 1, True, False, False), (6, 2, 3, False, True, True), (3, 0, 2, True, True, False)]:
        chrf = CHRF(char_order=co, word_order=wo, beta=beta, whitespace=ws, lowercase=lc, eps_smoothing=eps)
        add("chrf", dname, {"char_order": co, "word_order": wo, "beta": beta, "whitespace": ws, "lowercase": lc, "eps_smoothing": eps}, chrf.corpus_score(hyps, refs).score)
    for norm, nop, asian, cs in [(False, False, False, False), (True, False, False, False), (False, True, False, True), (True, True, True, False), (True, False, True, True)]:
        t = TER(normalized=norm, no_punct=nop, asian_support=asian, case_sensitive=cs)
        add("ter", dname, {"normalized": norm, "no_punct": nop, "asian_support": asian, "case_sensitive": cs}, t.corpus_score(hyps, refs).score)

# Sentence-level scores (sacrebleu.sentence_bleu / sentence_chrf / sentence_ter defaults).
hyps, refs = datasets["g1"]["hypotheses"], datasets["g1"]["references"]
for i in range(len(hyps)):
    name = f"s{i}"
    datasets[name] = {"hypothesis": hyps[i], "references": [r[i] for r in refs]}
    add("sentence_bleu", name, {"tokenize": "13a"}, sacrebleu.sentence_bleu(hyps[i], [r[i] for r in refs]).score)
    add("sentence_chrf", name, {}, sacrebleu.sentence_chrf(hyps[i], [r[i] for r in refs]).score)
    add("sentence_ter", name, {}, sacrebleu.sentence_ter(hyps[i], [r[i] for r in refs]).score)

# Long, reordered segments exercise TER's shift search.
long_h, long_r = [], []
for _ in range(8):
    ref = " ".join(rng.choice(WORDS[:30]) for _ in range(rng.randint(20, 60)))
    words = ref.split()
    for _ in range(4):
        a = rng.randrange(len(words))
        b = rng.randrange(len(words))
        k = rng.randint(1, 6)
        block = words[a:a + k]
        del words[a:a + k]
        words[b:b] = block
    long_h.append(" ".join(words))
    long_r.append(ref)
datasets["g4"] = {"hypotheses": long_h, "references": [long_r]}
add("ter", "g4", {"normalized": False, "no_punct": False, "asian_support": False, "case_sensitive": False}, TER().corpus_score(long_h, [long_r]).score)
add("ter", "g4", {"normalized": True, "no_punct": False, "asian_support": False, "case_sensitive": True}, TER(normalized=True, case_sensitive=True).corpus_score(long_h, [long_r]).score)

out = {
    "split": "golden",
    "seed": 20261127,
    "versions": {"sacrebleu": "2.6.0 (mjpost/sacrebleu tag v2.6.0, run from source)", "python": "Debian python3"},
    "datasets": datasets,
    "cases": cases,
    "errors": [],
}
path = os.path.join(os.path.dirname(__file__), "..", "..", "test", "data", "golden", "text_sacrebleu.json")
with open(path, "w", encoding="utf-8") as f:
    json.dump(out, f, ensure_ascii=False, indent=1)
print(len(cases), "cases written to", path)
