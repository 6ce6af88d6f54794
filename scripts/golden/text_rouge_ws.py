"""Golden ROUGE-W and ROUGE-S / ROUGE-SU cases from the original ROUGE-1.5.5 Perl script.

rouge-score (Google's Python ROUGE) has neither ROUGE-W nor ROUGE-S, so the reference is the
ROUGE-1.5.5.pl script itself (Lin 2004), run on each pair with `-z SPL` (one sentence per line):

    ROUGE155=/path/to/ROUGE-1.5.5 /usr/bin/python3 scripts/golden/text_rouge_ws.py

ROUGE155 is a directory with ROUGE-1.5.5.pl, its data/ (WordNet-2.0.exc.db rebuilt with
data/WordNet-2.0-Exceptions/buildExeptionDB.pl for the local Berkeley DB) and XML/DOM.pm (as
shipped in quanvuong/pyrouge tools/ROUGE-1.5.5; never committed here). The script runs from a
temporary copy whose "%7.5f" roundings are widened to "%.17g", so the numbers are the script's
definitions without its 5-decimal rounding (plumbline does not round). The inputs are
pre-tokenized with rouge-score's tokenizer (lowercase, non-alphanumerics as spaces), plumbline's
default ROUGE tokenizer, so both sides see the same tokens; no stemming. Writes
test/data/golden/text_rouge_ws.json in the conformance schema (family "text").
"""
import json
import os
import random
import re
import shutil
import subprocess
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "test", "data", "golden", "text_rouge_ws.json")
ROUGE = os.environ["ROUGE155"]
rng = random.Random(20261206)
VOCABS = [list("abcd"), ["the", "cat", "sat", "on", "a", "mat", "dog", "ran", "fast"], [f"w{i}" for i in range(25)]]


def tokenize(text):
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).split()


def sentence(vocab):
    return " ".join(rng.choice(vocab) for _ in range(rng.randint(1, 12)))


def mutate(s, vocab):
    out = []
    for w in s.split():
        r = rng.random()
        if r < 0.15:
            continue
        out += [rng.choice(vocab)] if r < 0.3 else [w, rng.choice(vocab)] if r < 0.4 else [w]
    return " ".join(out) or rng.choice(vocab)


def prepare():
    work = tempfile.mkdtemp(prefix="text-rouge155-")
    for name in ("data", "XML"):
        shutil.copytree(os.path.join(ROUGE, name), os.path.join(work, name))
    with open(os.path.join(ROUGE, "ROUGE-1.5.5.pl"), encoding="latin-1") as f:
        script = f.read()
    script = script.replace('"%7.5f"', '"%.17g"').replace('"%07.5f"', '"%.17g"')
    with open(os.path.join(work, "ROUGE-1.5.5.pl"), "w", encoding="latin-1") as f:
        f.write(script)
    return work


def run(work, peer, model, flags):
    with open(os.path.join(work, "peer.txt"), "w") as f:
        f.write("\n".join(peer) + "\n")
    with open(os.path.join(work, "model.txt"), "w") as f:
        f.write("\n".join(model) + "\n")
    with open(os.path.join(work, "cfg.txt"), "w") as f:
        f.write(f"{work}/peer.txt {work}/model.txt\n")
    out = subprocess.run(["perl", "-I.", "ROUGE-1.5.5.pl", "-e", "data", "-z", "SPL", "-x", *flags, "-a", "cfg.txt"], cwd=work, capture_output=True, text=True, check=True).stdout
    scores = {}
    for line in out.splitlines():
        m = re.match(r"X (ROUGE-\S+) Average_([RPF]): (\S+)", line)
        if m:
            scores.setdefault(m.group(1), {})[m.group(2)] = float(m.group(3))
    return scores


def main():
    work = prepare()
    datasets, cases = {}, []
    pairs = [
        # Lin 2004's ROUGE-W example (section 3.3): consecutive matches weigh more.
        (["A B C D E F G"], ["A B C D H I K"]),
        (["A B C D E F G"], ["A H B K C I D"]),
        (["the cat sat on the mat"], ["the cat sat on the mat"]),
        (["police killed the gunman"], ["the gunman killed police"]),
        (["police kill the gunman"], ["the gunman police killed"]),
        (["a"], ["a"]),
        (["a b"], ["b a"]),
    ]
    for k in range(30):
        vocab = VOCABS[k % len(VOCABS)]
        model = [sentence(vocab) for _ in range(rng.randint(1, 3))]
        peer = [mutate(s, vocab) for s in model] if rng.random() < 0.8 else [sentence(vocab) for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.3:
            peer = [" ".join(peer)]
        pairs.append((model, peer))
    for k, (model, peer) in enumerate(pairs):
        model = [" ".join(tokenize(s)) for s in model]
        peer = [" ".join(tokenize(s)) for s in peer]
        name = f"p{k}"
        datasets[name] = {"hypotheses": ["\n".join(peer)], "references": ["\n".join(model)]}
        for weight in (1.2, 1.5, 2.0):
            s = run(work, peer, model, ["-w", str(weight)])[f"ROUGE-W-{weight}"]
            cases.append((name, {"rouge_type": "rougeW", "weight_factor": weight}, s))
        for distance in (0, 1, 4, -1):
            s = run(work, peer, model, ["-2", str(distance), "-U"])
            d = "*" if distance < 0 else str(distance)
            cases.append((name, {"rouge_type": f"rougeS{d}"}, s[f"ROUGE-S{d}"]))
            cases.append((name, {"rouge_type": f"rougeSU{d}"}, s[f"ROUGE-SU{d}"]))
    shutil.rmtree(work)
    out = [
        {"id": f"golden/text/rouge_ws/{i}", "family": "text", "metric": "rouge_ws", "ref": "ROUGE-1.5.5.pl (Lin 2004), rounding widened to %.17g", "inputs": name, "options": options, "expected": {"precision": s["P"], "recall": s["R"], "fmeasure": s["F"]}, "rtol": 1e-12, "atol": 1e-12}
        for i, (name, options, s) in enumerate(cases)
    ]
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump({"split": "golden", "seed": 20261206, "versions": {"ROUGE": "1.5.5 (ROUGE-1.5.5.pl from quanvuong/pyrouge tools/ROUGE-1.5.5, run with perl 5.36)"}, "datasets": datasets, "cases": out, "errors": []}, f, ensure_ascii=False, indent=1)
    print(len(out), "cases")


main()
