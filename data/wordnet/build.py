"""Builds data/wordnet/wn30-meteor.json.gz from Debian's wordnet-base (WordNet 3.0) dict files.

Keeps only what nltk's METEOR synonym stage reads:
  - per part of speech (n, v, a, r): every index lemma -> its synset numbers (index.*),
  - per synset: its lemma names without "_" (data.*), syntactic markers such as "(a)" removed,
  - per part of speech: morphy's exception lists (*.exc), later lines overriding earlier ones.
Synsets are numbered 0.. in the order (n, v, a, r) x file offset.

Run: /usr/bin/python3 data/wordnet/build.py [/usr/share/wordnet]
"""
import gzip
import json
import re
import sys

root = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet"
files = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}

synset_names = []
offset_to_id = {}
for pos, name in files.items():
    with open(f"{root}/data.{name}", encoding="utf-8") as fp:
        for line in fp:
            if line.startswith("  "):
                continue
            fields = line.split()
            offset = int(fields[0])
            count = int(fields[3], 16)
            names = []
            for k in range(count):
                lemma = re.match(r"(.*?)(\(.*\))?$", fields[4 + 2 * k]).group(1)
                if "_" not in lemma and lemma not in names:
                    names.append(lemma)
            offset_to_id[(pos, offset)] = len(synset_names)
            synset_names.append(" ".join(names))

index = {}
for pos, name in files.items():
    rows = []
    with open(f"{root}/index.{name}", encoding="utf-8") as fp:
        for line in fp:
            if line.startswith(" "):
                continue
            fields = line.split()
            lemma = fields[0]
            n_synsets = int(fields[2])
            offsets = [int(x) for x in fields[-n_synsets:]]
            rows.append(lemma + "\t" + ",".join(format(offset_to_id[(pos, o)], "x") for o in offsets))
    index[pos] = "\n".join(rows)

exceptions = {}
for pos, name in files.items():
    table = {}
    with open(f"{root}/{name}.exc", encoding="utf-8") as fp:
        for line in fp:
            terms = line.split()
            if terms:
                table[terms[0]] = terms[1:]
    exceptions[pos] = "\n".join(k + "\t" + " ".join(v) for k, v in table.items())

out = {
    "version": "WordNet 3.0 (Debian wordnet-base 1:3.0-37), converted by data/wordnet/build.py",
    "synsets": "\n".join(synset_names),
    "index": index,
    "exceptions": exceptions,
}
with gzip.open("data/wordnet/wn30-meteor.json.gz", "wt", encoding="utf-8", compresslevel=9) as fp:
    json.dump(out, fp, ensure_ascii=False, separators=(",", ":"))
print(len(synset_names), "synsets", {p: index[p].count("\n") + 1 for p in index})
