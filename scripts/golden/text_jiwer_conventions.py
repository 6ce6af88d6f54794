"""Golden cases for plumbline's jiwer conventions: jiwer 2.3.0, 3.1.0 and 4.0.0, default and
contiguous transforms, words and characters, empty references (jiwer 4).

Each jiwer version runs in its own interpreter from its public source (never committed):

    JIWER23=/tmp/text-refs/jiwer-2.3.0 LEVENSHTEIN=/tmp/text-refs/levenshtein-0.12.2 \\
    JIWER31=/tmp/text-refs/jiwer-3.1.0/src JIWER40=/tmp/text-refs/jiwer-4.0.0/src \\
    RAPIDFUZZ=/tmp/text-refs/rapidfuzz-3.10.1/src \\
    /usr/bin/python3 scripts/golden/text_jiwer_conventions.py

jiwer 2.3.0 uses python-Levenshtein 0.12.2 (its C extension built from source); jiwer 3.1.0 and
4.0.0 use rapidfuzz 3.10.1 through its pure-Python implementation (RAPIDFUZZ_IMPLEMENTATION=python,
which rapidfuzz's own tests hold equal to its C++ one). Writes
test/data/golden/text_jiwer_conventions.json in the conformance schema. Small vocabularies with
repeated words make many equal-cost alignments, which is where python-Levenshtein's and
rapidfuzz's choices of operations (and so MER, WIL, WIP) part.
"""
import json
import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "test", "data", "golden", "text_jiwer_conventions.json")
VOCABS = [list("ab"), list("abc"), ["the", "a", "cat", "sat", "mat", "on"], ["héllo", "wörld", "東京", "😀", "a"]]
KEYS = ["wer", "mer", "wil", "wip", "hits", "substitutions", "deletions", "insertions"]


def datasets():
    rng = random.Random(20261206)

    def sentence(vocab, lo, hi):
        n = rng.randint(lo, hi)
        return "".join((rng.choice([" ", " ", "  ", " \t "]) if i else "") + rng.choice(vocab) for i in range(n))

    def mutate(s, vocab):
        out = []
        for w in s.split():
            r = rng.random()
            if r < 0.2:
                continue
            out += [rng.choice(vocab)] if r < 0.4 else [w, rng.choice(vocab)] if r < 0.5 else [w]
        return " ".join(out)

    data = {}
    for k in range(40):
        vocab = VOCABS[k % len(VOCABS)]
        n = rng.randint(1, 4)
        refs = [sentence(vocab, 1, 10) for _ in range(n)]
        hyps = [mutate(r, vocab) if rng.random() < 0.85 else sentence(vocab, 0, 8) for r in refs]
        data[f"c{k}"] = {"hypotheses": hyps, "references": refs}
    # jiwer 4: empty and whitespace-only references are scored.
    data["empty1"] = {"hypotheses": ["a b", "", "c"], "references": ["", "", "c d"]}
    data["empty2"] = {"hypotheses": ["x y z"], "references": [""]}
    data["empty3"] = {"hypotheses": [""], "references": ["   "]}
    data["empty4"] = {"hypotheses": ["a", "b a"], "references": ["  ", "a b"]}
    # contiguous: different numbers of hypotheses and references.
    data["uneven1"] = {"hypotheses": ["the cat", "sat on the", "mat"], "references": ["the cat sat", "on a mat"]}
    data["uneven2"] = {"hypotheses": ["a b a", "", "b"], "references": ["a a b b", "  ", "a"]}
    return data


def worker(version):
    import jiwer

    data = json.loads(sys.stdin.read())
    out = {}
    for name, d in data.items():
        refs, hyps = d["references"], d["hypotheses"]
        for contiguous in (False, True):
            if not contiguous and len(refs) != len(hyps):
                continue
            for unit in ("word", "char"):
                key = f"{name}|{unit}|{int(contiguous)}"
                try:
                    if version == "2.3.0":
                        if unit == "word":
                            t = jiwer.transformations.wer_contiguous if contiguous else jiwer.transformations.wer_default
                            m = jiwer.compute_measures(refs, hyps, truth_transform=t, hypothesis_transform=t)
                            out[key] = {k: m[k] for k in KEYS}
                        else:
                            if contiguous:
                                import jiwer.transforms as tr

                                t = tr.Compose([tr.Strip(), tr.ReduceToSingleSentence(), tr.ReduceToListOfListOfChars()])
                                c = jiwer.cer(refs, hyps, truth_transform=t, hypothesis_transform=t, return_dict=True)
                            else:
                                c = jiwer.cer(refs, hyps, return_dict=True)
                            out[key] = {"wer": c["cer"], **{k: c[k] for k in KEYS[4:]}}
                    else:
                        if unit == "word":
                            t = jiwer.wer_contiguous if contiguous else jiwer.wer_default
                            o = jiwer.process_words(refs, hyps, reference_transform=t, hypothesis_transform=t)
                            out[key] = {k: getattr(o, k) for k in KEYS}
                        else:
                            t = jiwer.cer_contiguous if contiguous else jiwer.cer_default
                            o = jiwer.process_characters(refs, hyps, reference_transform=t, hypothesis_transform=t)
                            out[key] = {"wer": o.cer, **{k: getattr(o, k) for k in KEYS[4:]}}
                except ValueError as error:
                    out[key] = {"error": str(error)}
    print(json.dumps(out))


def run(version, path, extra_env):
    env = {**os.environ, "PYTHONPATH": path, **extra_env}
    data = json.dumps(datasets())
    p = subprocess.run([sys.executable, __file__, "--worker", version], input=data, capture_output=True, text=True, env=env, check=True)
    return json.loads(p.stdout)


def main():
    rf = os.environ["RAPIDFUZZ"]
    results = {
        "jiwer": run("2.3.0", f"{os.environ['JIWER23']}:{os.environ['LEVENSHTEIN']}", {}),
        "jiwer3": run("3.1.0", f"{os.environ['JIWER31']}:{rf}", {"RAPIDFUZZ_IMPLEMENTATION": "python"}),
        "jiwer4": run("4.0.0", f"{os.environ['JIWER40']}:{rf}", {"RAPIDFUZZ_IMPLEMENTATION": "python"}),
    }
    refs = {"jiwer": "jiwer 2.3.0 compute_measures / cer(return_dict=True)", "jiwer3": "jiwer 3.1.0 process_words / process_characters", "jiwer4": "jiwer 4.0.0 process_words / process_characters"}
    cases = []
    for convention, table in results.items():
        for key, expected in table.items():
            name, unit, contiguous = key.split("|")
            case = {
                "id": f"golden/text/jiwer_conventions/{len(cases)}",
                "family": "text",
                "metric": "jiwer_measures",
                "ref": refs[convention],
                "inputs": name,
                "options": {"convention": convention, "unit": unit, "contiguous": contiguous == "1"},
                "rtol": 1e-12,
                "atol": 1e-12,
            }
            if "error" in expected:
                case["expected"] = None
                case["note"] = f"the reference raises ValueError: {expected['error']}"
            else:
                case["expected"] = expected
            cases.append(case)
    versions = {"jiwer": "2.3.0, 3.1.0, 4.0.0 (jitsi/jiwer tags, run from source)", "python-Levenshtein": "0.12.2 (built from source)", "rapidfuzz": "3.10.1 (pure-Python implementation)"}
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump({"split": "golden", "seed": 20261206, "versions": versions, "datasets": datasets(), "cases": cases, "errors": []}, f, ensure_ascii=False, indent=1)
    print(len(cases), "cases")


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--worker":
        worker(sys.argv[2])
    else:
        main()
