"""Export a BERT-family encoder cut to bert_score's layer to ONNX for plumbline's `bertScoreWithModel`.

Needs torch, onnx and `transformers`, and the model as a local Hugging Face folder (config.json,
weights, and vocab.txt for BERT-style WordPiece or vocab.json + merges.txt for RoBERTa-style
byte-level BPE); nothing is downloaded.

  python scripts/models/export_bertscore.py --model roberta-large/ --model-type roberta-large --out-dir bertscore-roberta-large/

writes model.onnx (`input_ids`, `attention_mask` int64 [N, L] -> `last_hidden_state` float32
[N, L, H]), the tokenizer's vocabulary files, and settings.json (the layer, tokenizer kind,
lowercasing and maximum length to pass to plumbline). As bert_score 0.3.13's `get_model`, the
encoder keeps only its first `num_layers` layers, so the output is bert_score's embedding; the
default layer is bert_score's `model2layers` for the models below (`--num-layers` for others).
Supported tokenizers: WordPiece (BERT, DistilBERT, SciBERT, multilingual BERT) and byte-level BPE
(RoBERTa, DistilRoBERTa); SentencePiece models (XLM-R, ALBERT, T5) are not.
"""
import argparse
import json
import os

import torch
import torch.nn as nn

# bert_score 0.3.13 model2layers (the layer best correlated with WMT16 human judgments)
DEFAULT_LAYERS = {
    "bert-base-uncased": 9,
    "bert-large-uncased": 18,
    "bert-base-multilingual-cased": 9,
    "roberta-base": 10,
    "roberta-large": 17,
    "roberta-large-mnli": 19,
    "distilbert-base-uncased": 5,
    "distilroberta-base": 5,
    "allenai/scibert_scivocab_uncased": 8,
}


class Encoder(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, input_ids, attention_mask):
        # as bert_score's bert_encode: model(x, attention_mask=mask), token types left at zero
        return self.model(input_ids, attention_mask=attention_mask)[0]


def cut(model, num_layers):
    """bert_score's get_model: keep the first num_layers transformer layers."""
    if hasattr(model, "encoder") and hasattr(model.encoder, "layer"):  # BERT, RoBERTa
        assert 0 <= num_layers <= len(model.encoder.layer)
        model.encoder.layer = nn.ModuleList(model.encoder.layer[:num_layers])
    elif hasattr(model, "transformer") and hasattr(model.transformer, "layer"):  # DistilBERT
        assert 0 <= num_layers <= len(model.transformer.layer)
        model.transformer.layer = nn.ModuleList(model.transformer.layer[:num_layers])
    else:
        raise SystemExit("unsupported architecture: expected encoder.layer (BERT, RoBERTa) or transformer.layer (DistilBERT)")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", required=True, help="local Hugging Face model folder")
    parser.add_argument("--model-type", help="its bert_score name, for the default layer (e.g. roberta-large)")
    parser.add_argument("--num-layers", type=int, help="layer to score with (bert_score's num_layers)")
    parser.add_argument("--out-dir", required=True)
    args = parser.parse_args()
    layers = args.num_layers if args.num_layers is not None else DEFAULT_LAYERS.get(args.model_type)
    if layers is None:
        parser.error(f"--num-layers is required for {args.model_type!r} (known defaults: {', '.join(DEFAULT_LAYERS)})")

    from transformers import AutoModel, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(args.model, use_fast=False)
    model = AutoModel.from_pretrained(args.model).eval()
    cut(model, layers)
    os.makedirs(args.out_dir, exist_ok=True)
    with torch.no_grad():
        torch.onnx.export(
            Encoder(model),
            (torch.ones(1, 6, dtype=torch.long), torch.ones(1, 6, dtype=torch.long)),
            os.path.join(args.out_dir, "model.onnx"),
            input_names=["input_ids", "attention_mask"],
            output_names=["last_hidden_state"],
            dynamic_axes={
                "input_ids": {0: "batch", 1: "sequence"},
                "attention_mask": {0: "batch", 1: "sequence"},
                "last_hidden_state": {0: "batch", 1: "sequence"},
            },
            opset_version=14,
        )
    tokenizer.save_vocabulary(args.out_dir)
    kind = "wordpiece" if os.path.exists(os.path.join(args.out_dir, "vocab.txt")) else "byte-level-bpe"
    settings = {
        "model_type": args.model_type,
        "num_layers": layers,
        "tokenizer": kind,
        "lowercase": bool(getattr(tokenizer, "do_lower_case", False)),
        "max_length": min(int(tokenizer.model_max_length), 100_000),
        "baseline": f"bert_score/rescale_baseline/<lang>/{args.model_type}.tsv, row {layers}",
    }
    with open(os.path.join(args.out_dir, "settings.json"), "w") as f:
        json.dump(settings, f, indent=2)
    print(f"wrote {args.out_dir}/model.onnx (layer {layers}), the vocabulary and settings.json")


if __name__ == "__main__":
    main()
