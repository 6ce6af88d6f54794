"""Golden METEOR cases from nltk 3.8 (Debian python3-nltk) with WordNet 3.0 (Debian wordnet-base).

nltk's WordNetCorpusReader also wants a `lexnames` file, which wordnet-base lacks; one is written
to a temporary copy (its names do not affect METEOR).

  /usr/bin/python3 scripts/golden/text_meteor.py
writes test/data/golden/text_meteor.json
"""
import json
import os
import random
import shutil
import tempfile

from nltk.corpus.reader.wordnet import WordNetCorpusReader
from nltk.translate.meteor_score import meteor_score, single_meteor_score

LEXNAMES = ("adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact noun.attribute noun.body "
            "noun.cognition noun.communication noun.event noun.feeling noun.food noun.group noun.location "
            "noun.motive noun.object noun.person noun.phenomenon noun.plant noun.possession noun.process "
            "noun.quantity noun.relation noun.shape noun.state noun.substance noun.time verb.body verb.change "
            "verb.cognition verb.communication verb.competition verb.consumption verb.contact verb.creation "
            "verb.emotion verb.motion verb.perception verb.possession verb.social verb.stative verb.weather "
            "adj.ppl").split()

tmp = tempfile.mkdtemp()
for f in os.listdir("/usr/share/wordnet"):
    src = os.path.join("/usr/share/wordnet", f)
    if os.path.isfile(src):
        shutil.copy(src, tmp)
with open(os.path.join(tmp, "lexnames"), "w") as fp:
    for i, name in enumerate(LEXNAMES):
        fp.write(f"{i:02d}\t{name}\t{1 if name.startswith('noun') else 2}\n")
wn = WordNetCorpusReader(tmp, None)

rng = random.Random(99)
WORDS = ("car automobile motorcar machine big large great huge small little tiny happy glad felicitous quick fast "
         "rapid speedy run runs running ran walk walked walking dog dogs domestic_dog cat cats house houses home "
         "buy bought purchase purchased sell sold begin began start started commence end finish complete the a an "
         "of to in is was were be been children child men man women woman geese goose mice mouse better best good "
         "well ill sick unwell movie film picture show shows showing studied studies study Paris London city "
         "town , . ! ? 42 résumé naïve e-mail x-ray teacher instructor pupil student").split()


def sent(lo, hi):
    return [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]


def noisy(tokens):
    out = []
    for t in tokens:
        r = rng.random()
        if r < 0.1:
            continue
        out.append(rng.choice(WORDS) if r < 0.35 else t)
    if rng.random() < 0.3:
        rng.shuffle(out)
    return out


refs = [sent(1, 18) for _ in range(80)] + [[], ["a"], ["Car"]]
hyps = [noisy(r) for r in refs[:80]] + [["a"], [], ["automobile"]]
multi_refs = [[noisy(r) for _ in range(rng.randint(1, 3))] for r in refs[:40]]
multi_hyps = hyps[:40]

cases = []
for params in ({}, {"alpha": 0.85, "beta": 0.2, "gamma": 0.6}):
    cases.append({"id": f"golden/text/meteor/single/{len(cases)}", "family": "text", "metric": "meteor",
                  "ref": "nltk 3.8 single_meteor_score (WordNet 3.0)", "inputs": "single", "options": params,
                  "expected": [single_meteor_score(r, h, wordnet=wn, **params) for r, h in zip(refs, hyps)],
                  "rtol": 1e-9, "atol": 1e-12})
cases.append({"id": "golden/text/meteor/multi", "family": "text", "metric": "meteor",
              "ref": "nltk 3.8 meteor_score (WordNet 3.0)", "inputs": "multi", "options": {},
              "expected": [meteor_score(r, h, wordnet=wn) for r, h in zip(multi_refs, multi_hyps)],
              "rtol": 1e-9, "atol": 1e-12})
# Synonym sets as nltk computes them (union of lemma names without '_' over wordnet.synsets(word)).
probe = sorted(set(w.lower() for w in WORDS)) + ["stemmed", "generalize", "leaves", "axes", "feet", "worse", "ran"]
syn = {w: sorted({l.name() for s in wn.synsets(w) for l in s.lemmas() if "_" not in l.name()}) for w in probe}
cases.append({"id": "golden/text/meteor/synonyms", "family": "text", "metric": "wordnet_synonyms",
              "ref": "nltk 3.8 wordnet.synsets lemma_names (WordNet 3.0)", "inputs": "probe", "options": {},
              "expected": syn, "rtol": 0, "atol": 0})
datasets = {"single": {"references": refs, "hypotheses": hyps},
            "multi": {"references": multi_refs, "hypotheses": multi_hyps},
            "probe": {"words": probe}}
with open("test/data/golden/text_meteor.json", "w", encoding="utf-8") as fp:
    json.dump({"versions": {"nltk": "3.8 (Debian)", "wordnet": "3.0 (Debian wordnet-base 1:3.0-37)"},
               "datasets": datasets, "cases": cases}, fp, ensure_ascii=False, indent=1)
shutil.rmtree(tmp)
print(len(cases), "cases")
