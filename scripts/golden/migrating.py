"""Reference values of the rows of docs/migrating.md.

Each section of docs/migrating.md starts with a marker
  <!-- migrating: id=<id> reference=<reference> import=<plumbline subpath> tolerance=<t> -->
followed by a ```json block (the variables of both cells) and a table whose first two columns are
code cells: the reference call, the plumbline call. This script evaluates every reference cell with
the section's variables and writes test/data/golden/migrating_<id>.json; test/docs/migrating.test.ts
runs the plumbline cells against it.

Run (torchmetrics from source, see BRIEF: torchmetrics 1.9.0 and lightning-utilities unpacked):
  PYTHONPATH=/tmp/classification-torchmetrics/src:/tmp/classification-lu/src \
    /usr/bin/python3 scripts/golden/migrating.py [section id ...]
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

    namespace = {"torch": torch}
    for module in (functional, classification):
        namespace.update({k: getattr(module, k) for k in dir(module) if not k.startswith("_")})
    return f"torchmetrics {torchmetrics.__version__} (torch {torch.__version__})", namespace, torch.tensor


def sklearn_reference():
    import numpy as np
    import sklearn
    import sklearn.calibration as calibration
    import sklearn.metrics as metrics

    namespace = {"np": np, "calibration_curve": calibration.calibration_curve}
    namespace.update({k: getattr(metrics, k) for k in dir(metrics) if not k.startswith("_")})
    return f"scikit-learn {sklearn.__version__} (numpy {np.__version__})", namespace, np.asarray


REFERENCES = {"torchmetrics": torchmetrics_reference, "scikit-learn": sklearn_reference}


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
