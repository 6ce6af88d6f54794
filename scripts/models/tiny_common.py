"""Shared helpers of the tiny-model generators (scripts/models/tiny_*.py).

The generators build models with the input/output shapes of the real ones (Inception-v3 for
FID, LPIPS, CLIP, BERT/RoBERTa for BERTScore) but random weights and a few thousand parameters,
export them with Debian's torch (`torch.onnx.export`, opset 14) into test/data/models/, and write
golden JSON computed by the reference implementations on the same models and inputs, so the tests
need neither Python nor any download.

Reference sources are read from checkouts given on the command line (never committed):
  --pytorch-fid DIR     mseitzer/pytorch-fid (its src/ folder)
  --torch-fidelity DIR  toshas/torch-fidelity
  --lpips DIR           richzhang/PerceptualSimilarity
  --bert-score DIR      Tiiiger/bert_score
  --bert DIR            google-research/bert (tokenization.py)
  --gpt2 DIR            openai/gpt-2 (src/encoder.py)
  --clip DIR            openai/CLIP
"""
import argparse
import base64
import importlib.util
import json
import os
import sys
import types

import numpy as np
import torch

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "test", "data", "models")
MAX_MODEL_BYTES = 2 * 1024 * 1024


def arguments():
    parser = argparse.ArgumentParser(description=__doc__)
    for name in ["pytorch-fid", "torch-fidelity", "lpips", "bert-score", "bert", "gpt2", "clip"]:
        parser.add_argument(f"--{name}", default=None)
    return parser.parse_args()


def load_module(name, path, stubs=None):
    """Imports one reference file by path (optionally with stub modules for its imports)."""
    for stub_name, stub in (stubs or {}).items():
        sys.modules.setdefault(stub_name, stub)
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def stub(name, **attributes):
    module = types.ModuleType(name)
    for key, value in attributes.items():
        setattr(module, key, value)
    return module


def export(model, args, path, input_names, output_names, dynamic_axes):
    """Exports `model` to test/data/models/<path> (opset 14) and checks its size."""
    model.eval()
    full = os.path.join(OUT, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with torch.no_grad():
        torch.onnx.export(
            model,
            args,
            full,
            input_names=input_names,
            output_names=output_names,
            dynamic_axes=dynamic_axes,
            opset_version=14,
            do_constant_folding=True,
        )
    size = os.path.getsize(full)
    assert size < MAX_MODEL_BYTES, f"{path} is {size} bytes"
    print(f"wrote {path} ({size} bytes)")


def floats(t):
    """A tensor or array as a flat list of Python floats (float32 values are exact in JSON)."""
    a = t.detach().cpu().numpy() if isinstance(t, torch.Tensor) else np.asarray(t)
    return [float(x) for x in a.reshape(-1)]


def float32_base64(t):
    """A tensor's values as little-endian float32 bytes in base64 (exact and compact)."""
    a = t.detach().cpu().numpy() if isinstance(t, torch.Tensor) else np.asarray(t)
    return base64.b64encode(np.ascontiguousarray(a, dtype="<f4").tobytes()).decode("ascii")


def write_json(name, payload):
    full = os.path.join(OUT, name)
    with open(full, "w") as f:
        json.dump(payload, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {name} ({os.path.getsize(full)} bytes)")


def versions():
    import PIL
    import scipy

    return {"torch": torch.__version__, "numpy": np.__version__, "scipy": scipy.__version__, "pillow": PIL.__version__}
