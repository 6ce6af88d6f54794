"""Reference values of the rows of docs/migrating.md.

Each section of docs/migrating.md starts with a marker
  <!-- migrating: id=<id> reference=<reference> import=<plumbline subpath> tolerance=<t> -->
followed by a ```json block (the variables of both cells) and a table whose first two columns are
code cells: the reference call, the plumbline call. This script evaluates every reference cell with
the section's variables and writes test/data/golden/migrating_<id>.json; test/docs/migrating.test.ts
runs the plumbline cells against it.

Run (every reference from its public source, unpacked outside the repository, never committed):
  RAPIDFUZZ_IMPLEMENTATION=python PYTHONPATH=$TM/src:$LU/src:$REFS:$REFS/stubs:$JIWER/src:$RAPIDFUZZ/src \
    /usr/bin/python3 scripts/golden/migrating.py [section id ...]
with TM = torchmetrics 1.9.0 and LU = lightning-utilities (see BRIEF); REFS holding sacrebleu/
(mjpost/sacrebleu tag v2.6.0, plus a version.py with __version__ = "2.6.0", which its build
writes), seqeval/ (chakki-works/seqeval tag v1.2.2) and rouge/ (google-research rouge/ at
61ce9f0: rouge_scorer.py, scoring.py, tokenize.py, tokenizers.py, the source of rouge-score
0.1.2); REFS/stubs holding empty stand-ins for what those import but never use for a score
(portalocker, tabulate, colorama: sacrebleu's downloads and tables; absl.logging: rouge's log
line); JIWER = jitsi/jiwer tag v4.0.0 and RAPIDFUZZ = rapidfuzz/RapidFuzz tag v3.10.1 (its
pure-Python implementation, which its own tests hold equal to the C++ one). scikit-learn 1.2.1
and nltk 3.8 are Debian's.
Without ids every section is regenerated. Another reference joins by adding an entry to
REFERENCES: a function returning (version, namespace, variable converter).
"""

import json
import math
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "migrating.md"
OUT = ROOT / "test" / "data" / "golden"

MARKER = re.compile(r"^<!--\s*migrating:(.*?)-->", re.M)
JSON_BLOCK = re.compile(r"```json\n(.*?)\n```", re.S)


def torchmetrics_reference():
    import torch
    import torchmetrics
    import torchmetrics.functional as functional
    import torchmetrics.functional.classification as classification
    import torchmetrics.functional.retrieval as functional_retrieval
    import torchmetrics.functional.text as text
    import torchmetrics.retrieval as retrieval

    namespace = {"torch": torch}
    for module in (functional, classification, text, functional_retrieval, retrieval):
        namespace.update({k: getattr(module, k) for k in dir(module) if not k.startswith("_")})

    def convert(value):
        # Text stays text (lists of strings); numbers become tensors.
        return value if _holds_strings(value) else torch.tensor(value)

    return f"torchmetrics {torchmetrics.__version__} (torch {torch.__version__})", namespace, convert


def _holds_strings(value):
    if isinstance(value, str):
        return True
    return isinstance(value, list) and any(_holds_strings(v) for v in value)


def sklearn_reference():
    import numpy as np
    import sklearn
    import sklearn.calibration as calibration
    import sklearn.metrics as metrics

    namespace = {"np": np, "calibration_curve": calibration.calibration_curve}
    namespace.update({k: getattr(metrics, k) for k in dir(metrics) if not k.startswith("_")})
    return f"scikit-learn {sklearn.__version__} (numpy {np.__version__})", namespace, np.asarray


def sacrebleu_reference():
    import sacrebleu

    namespace = {k: getattr(sacrebleu, k) for k in dir(sacrebleu) if not k.startswith("_")}
    return f"sacrebleu {sacrebleu.__version__}", namespace, same


def jiwer_reference():

    import jiwer
    import rapidfuzz

    namespace = {k: getattr(jiwer, k) for k in dir(jiwer) if not k.startswith("_")}
    version = getattr(jiwer, "__version__", None) or "4.0.0 (source tag v4.0.0)"
    return f"jiwer {version} (rapidfuzz {rapidfuzz.__version__}, pure Python)", namespace, same


def rouge_reference():
    from rouge import rouge_scorer

    return "rouge-score 0.1.2 (google-research rouge/ source)", {"rouge_scorer": rouge_scorer}, same


def seqeval_reference():
    import seqeval.metrics as metrics
    import seqeval.scheme as scheme

    namespace = {k: getattr(metrics, k) for k in dir(metrics) if not k.startswith("_")}
    namespace.update({k: getattr(scheme, k) for k in ("IOB1", "IOB2", "IOE1", "IOE2", "IOBES", "BILOU")})
    return "seqeval 1.2.2", namespace, same


def nltk_reference():
    import nltk
    from nltk.translate import bleu_score

    namespace = {
        "corpus_bleu": bleu_score.corpus_bleu,
        "sentence_bleu": bleu_score.sentence_bleu,
        "SmoothingFunction": bleu_score.SmoothingFunction,
    }
    return f"nltk {nltk.__version__}", namespace, same


def same(value):
    return value


REFERENCES = {
    "torchmetrics": torchmetrics_reference,
    "scikit-learn": sklearn_reference,
    "sacrebleu": sacrebleu_reference,
    "jiwer": jiwer_reference,
    "rouge-score": rouge_reference,
    "seqeval": seqeval_reference,
    "nltk": nltk_reference,
}


def code(cell):
    cell = cell.strip()
    if not (cell.startswith("`") and cell.endswith("`")):
        raise ValueError(f"not a code cell: {cell!r}")
    return cell.strip("`").strip()


def sections(text):
    """(attributes, variables, [(reference cell, plumbline cell)]) per marker, as the test reads them."""
    markers = list(MARKER.finditer(text))
    for i, marker in enumerate(markers):
        body = text[marker.end() : markers[i + 1].start() if i + 1 < len(markers) else len(text)]
        attributes = dict(pair.split("=", 1) for pair in marker.group(1).split())
        variables = json.loads(JSON_BLOCK.search(body).group(1))
        rows = []
        table = [line for line in body.splitlines() if line.startswith("|")]
        for line in table[2:]:
            cells = [c for c in re.split(r"(?<!\\)\|", line)[1:-1]]
            rows.append((code(cells[0]), code(cells[1])))
        yield attributes, variables, rows


def plain(value):
    """A reference result as JSON: tensors and arrays as lists, tuples as lists, NaN/Inf as strings."""
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        value = float(value) if isinstance(value, float) else int(value)
        if isinstance(value, float) and not math.isfinite(value):
            return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
        return value
    raise TypeError(f"cannot store a {type(value).__name__}")


def main(wanted):
    text = DOC.read_text()
    for attributes, variables, rows in sections(text):
        if wanted and attributes["id"] not in wanted:
            continue
        version, namespace, convert = REFERENCES[attributes["reference"]]()
        scope = dict(namespace)
        scope.update({name: convert(value) for name, value in variables.items()})
        cases = {}
        for reference, _ in rows:
            cases[reference] = plain(eval(reference, scope))  # noqa: S307 - the doc's own cells
        out = {
            "reference": version,
            "generator": "scripts/golden/migrating.py",
            "source": "docs/migrating.md",
            "id": attributes["id"],
            "variables": variables,
            "cases": cases,
        }
        path = OUT / f"migrating_{attributes['id']}.json"
        path.write_text(json.dumps(out, indent=1) + "\n")
        print(f"{path.relative_to(ROOT)}: {len(cases)} cases ({version})")


if __name__ == "__main__":
    main(set(sys.argv[1:]))
