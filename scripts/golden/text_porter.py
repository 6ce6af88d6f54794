"""Golden Porter stems from nltk 3.8 PorterStemmer() (NLTK_EXTENSIONS): a seeded sample of
WordNet 3.0 lemmas and exception forms (Debian wordnet-base) plus edge cases.

  /usr/bin/python3 scripts/golden/text_porter.py
writes test/data/golden/text_porter.json
"""
import json
import random

from nltk.stem.porter import PorterStemmer

words = set()
for pos in ("noun", "verb", "adj", "adv"):
    with open(f"/usr/share/wordnet/index.{pos}") as fp:
        for line in fp:
            if not line.startswith(" "):
                words.update(p for p in line.split()[0].replace("-", "_").split("_") if p)
    with open(f"/usr/share/wordnet/{pos}.exc") as fp:
        for line in fp:
            words.update(line.split())
sample = sorted(random.Random(5).sample(sorted(words), 6000))
sample += ["Skies", "SKY", "dying", "ies", "fies", "tied", "died", "feed", "agreed", "yy", "y", "a", "ab",
           "controll", "roll", "logi", "apologi", "résumé", "naïve", "ÉTUDES", "\U0001d4b3runs", "\U0001d4b3\U0001d4b3s"]
ps = PorterStemmer()
with open("test/data/golden/text_porter.json", "w", encoding="utf-8") as fp:
    json.dump({"versions": {"nltk": "3.8 (Debian)"}, "stems": {w: ps.stem(w) for w in sample}}, fp, ensure_ascii=False)
print(len(sample))
