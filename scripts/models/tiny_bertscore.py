"""Tiny BERT and RoBERTa encoders for BERTScore, and golden cases from bert_score itself.

Run: /usr/bin/python3 scripts/models/tiny_bertscore.py --bert-score /tmp/models-bert_score \
       --bert /tmp/models-bert --gpt2 /tmp/models-gpt-2/src
(after golden_tokenizers.py, which writes the tiny vocabularies).

bert_score 0.3.13's `score` runs from its checkout with `transformers` replaced by a stub whose
AutoModel returns the tiny encoder below (a BERT/RoBERTa-shaped module with `encoder.layer`, so
bert_score's own `get_model` truncates it to `num_layers`) and whose AutoTokenizer returns the
reference tokenizers of tokenizer_references.py. `batch_size=1`, so no sentence is padded in
bert_score's greedy matching (with padding, bert_score multiplies the similarities of padded
positions by 0 and a token whose best cosine is negative then scores 0 instead).

Writes into test/data/models/:
- bertscore/tiny-bert-L2.onnx: inputs `input_ids`, `attention_mask`, `token_type_ids` int64
  [N, L], output `last_hidden_state` float32 [N, L, 32] (the encoder cut to 2 of its 3 layers,
  as bert_score cuts bert-base-uncased to 9);
- bertscore/tiny-roberta-L3.onnx: inputs `input_ids`, `attention_mask`, output
  `last_hidden_state` (RoBERTa's position ids from the padding mask);
- bertscore/baseline-*.tsv: rescale baselines in bert_score's format (LAYER,P,R,F);
- bertscore.json: candidates, references and bert_score's P, R, F per candidate for several
  settings (idf, baseline rescaling, several references per candidate, empty sentences).
"""
import json
import os
import sys

import torch
import torch.nn as nn

import tokenizer_references as references
from tiny_common import OUT, arguments, export, stub, versions, write_json

args = arguments()
references.configure(args.bert, args.gpt2)
torch.manual_seed(1905)
HIDDEN, HEADS, LAYERS = 32, 4, 3


class Layer(nn.Module):
    """A post-LayerNorm transformer layer as BERT's (attention, add & norm, GELU MLP, add & norm)."""

    def __init__(self):
        super().__init__()
        self.qkv, self.out = nn.Linear(HIDDEN, 3 * HIDDEN), nn.Linear(HIDDEN, HIDDEN)
        self.ln1, self.ln2 = nn.LayerNorm(HIDDEN, eps=1e-12), nn.LayerNorm(HIDDEN, eps=1e-12)
        self.mlp = nn.Sequential(nn.Linear(HIDDEN, 4 * HIDDEN), nn.GELU(), nn.Linear(4 * HIDDEN, HIDDEN))

    def forward(self, x, bias):
        n, length, _ = x.shape
        q, k, v = self.qkv(x).reshape(n, length, 3, HEADS, HIDDEN // HEADS).permute(2, 0, 3, 1, 4)
        scores = q @ k.transpose(-1, -2) / (HIDDEN // HEADS) ** 0.5 + bias
        x = self.ln1(x + self.out((scores.softmax(-1) @ v).transpose(1, 2).reshape(n, length, HIDDEN)))
        return self.ln2(x + self.mlp(x))


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.layer = nn.ModuleList([Layer() for _ in range(LAYERS)])


class TinyEncoder(nn.Module):
    """Embeddings (word, position, token type), LayerNorm, `encoder.layer`; returns (last_hidden_state,)."""

    def __init__(self, vocab_size, roberta_padding=None):
        super().__init__()
        self.words = nn.Embedding(vocab_size, HIDDEN)
        self.positions = nn.Embedding(512 + 2, HIDDEN)
        self.types = nn.Embedding(2, HIDDEN)
        self.ln = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.encoder = Encoder()
        self.roberta_padding = roberta_padding

    def forward(self, input_ids, attention_mask=None, token_type_ids=None, output_hidden_states=False):
        if attention_mask is None:
            attention_mask = torch.ones_like(input_ids)
        if token_type_ids is None:
            token_type_ids = torch.zeros_like(input_ids)
        if self.roberta_padding is None:
            positions = torch.arange(input_ids.shape[1])[None].expand_as(input_ids)
        else:
            # Hugging Face RoBERTa: positions count non-padding tokens from padding_idx + 1
            mask = input_ids.ne(self.roberta_padding).long()
            positions = torch.cumsum(mask, dim=1) * mask + self.roberta_padding
        x = self.ln(self.words(input_ids) + self.positions(positions) + self.types(token_type_ids))
        bias = (1.0 - attention_mask[:, None, None, :].float()) * -10000.0
        for layer in self.encoder.layer:
            x = layer(x, bias)
        return (x,)


class Exported(nn.Module):
    def __init__(self, model, types):
        super().__init__()
        self.model, self.types = model, types

    def forward(self, input_ids, attention_mask, token_type_ids=None):
        return self.model(input_ids, attention_mask, token_type_ids)[0]


# --- bert_score from its checkout, with a stub transformers
current = {}


class StubTokenizerBase:
    pass


class GPT2Tokenizer(StubTokenizerBase):
    pass


class RobertaTokenizer(GPT2Tokenizer):
    pass


class AutoModel:
    @staticmethod
    def from_pretrained(name):
        return current["model"]


class AutoTokenizer:
    @staticmethod
    def from_pretrained(name, use_fast=False):
        return current["tokenizer"]


sys.modules["transformers"] = stub(
    "transformers",
    __version__="4.30.0",
    AutoModel=AutoModel,
    AutoTokenizer=AutoTokenizer,
    BertConfig=object,
    XLNetConfig=object,
    XLMConfig=object,
    RobertaConfig=object,
    GPT2Tokenizer=GPT2Tokenizer,
    RobertaTokenizer=RobertaTokenizer,
)
sys.path.insert(0, args.bert_score)
import bert_score  # noqa: E402


class BertTokenizerForScore(StubTokenizerBase):
    """The reference WordPiece tokenizer with the attributes bert_score reads."""

    def __init__(self, vocab_lines):
        self.ref = references.WordPieceReference(vocab_lines, True, 512)
        self.vocab = self.ref.vocab
        self.model_max_length = 512
        self.cls_token_id, self.sep_token_id, self.pad_token_id = self.vocab["[CLS]"], self.vocab["[SEP]"], self.vocab["[PAD]"]

    def build_inputs_with_special_tokens(self, ids):
        return [self.cls_token_id] + ids + [self.sep_token_id]

    def encode(self, text, add_special_tokens=True, max_length=None, truncation=False):
        return self.ref.encode(text)


class RobertaTokenizerForScore(RobertaTokenizer):
    def __init__(self, vocab, merges):
        self.ref = references.RobertaReference(vocab, merges, 512)
        self.model_max_length = 512
        self.cls_token_id, self.sep_token_id, self.pad_token_id = vocab["<s>"], vocab["</s>"], vocab["<pad>"]

    def build_inputs_with_special_tokens(self, ids):
        return [self.cls_token_id] + ids + [self.sep_token_id]

    def encode(self, text, add_special_tokens=True, add_prefix_space=False, max_length=None, truncation=False):
        assert add_prefix_space
        return self.ref.encode(text)


def write_baseline(name, rows):
    path = os.path.join(OUT, "bertscore", name)
    with open(path, "w") as f:
        f.write("LAYER,P,R,F\n" + "".join(f"{i},{p},{r},{fv}\n" for i, (p, r, fv) in enumerate(rows)))
    return path


vocab_lines = open(os.path.join(OUT, "bert", "vocab.txt"), encoding="utf-8").read().split("\n")[:-1]
roberta_vocab = json.load(open(os.path.join(OUT, "roberta", "vocab.json"), encoding="utf-8"))
roberta_merges = [tuple(m.split()) for m in open(os.path.join(OUT, "roberta", "merges.txt"), encoding="utf-8").read().split("\n")[1:-1]]

os.makedirs(os.path.join(OUT, "bertscore"), exist_ok=True)
bert_baseline = write_baseline("baseline-bert.tsv", [(0.1 * i, 0.11 * i + 0.01, 0.09 * i + 0.02) for i in range(LAYERS + 1)])
roberta_baseline = write_baseline("baseline-roberta.tsv", [(0.3 + 0.05 * i, 0.31 + 0.05 * i, 0.305 + 0.05 * i) for i in range(LAYERS + 1)])

CANDIDATES = [
    "The quick brown fox jumps over the lazy dog.",
    "A man is playing a guitar on the stage.",
    "Two dogs are running through the snow!",
    "",
    "It's unbelievable how quickly the weather changed.",
    "naïve visitors ordered crème brûlée at the café",
]
REFERENCES = [
    "A quick brown dog jumps over the lazy fox.",
    "The crowd is singing along while a man plays guitar.",
    "One of them is carrying a stick in the snow.",
    "Nothing was said.",
    "The weather changed quickly yesterday afternoon.",
    "The café served crème brûlée to naïve visitors.",
]
MULTI = [[r, CANDIDATES[(i + 1) % len(CANDIDATES)] or "Empty."] for i, r in enumerate(REFERENCES)]

cases = []
for name, model, tokenizer, layers, baseline in [
    ("bert", TinyEncoder(len(vocab_lines)), BertTokenizerForScore(vocab_lines), 2, bert_baseline),
    ("roberta", TinyEncoder(len(roberta_vocab), roberta_padding=roberta_vocab["<pad>"]), RobertaTokenizerForScore(roberta_vocab, roberta_merges), 3, roberta_baseline),
]:
    model.eval()
    current["model"], current["tokenizer"] = model, tokenizer
    for idf in [False, True]:
        for rescale in [False, True]:
            for refs in [REFERENCES, MULTI]:
                p, r, f = bert_score.score(
                    CANDIDATES,
                    refs,
                    model_type=f"tiny-{name}",
                    num_layers=layers,
                    idf=idf,
                    batch_size=1,
                    nthreads=0,
                    device="cpu",
                    lang="en",
                    rescale_with_baseline=rescale,
                    baseline_path=baseline if rescale else None,
                )
                cases.append(
                    {
                        "model": name,
                        "idf": idf,
                        "baseline": os.path.basename(baseline) if rescale else None,
                        "layer": layers,
                        "references": refs,
                        "precision": [float(x) for x in p],
                        "recall": [float(x) for x in r],
                        "f1": [float(x) for x in f],
                    }
                )
    # bert_score's get_model cut model.encoder.layer to `layers`; export what it ran
    types = name == "bert"
    dummy = (torch.ones(1, 4, dtype=torch.long), torch.ones(1, 4, dtype=torch.long))
    if types:
        dummy = dummy + (torch.zeros(1, 4, dtype=torch.long),)
    inputs = ["input_ids", "attention_mask"] + (["token_type_ids"] if types else [])
    export(
        Exported(model, types),
        dummy,
        f"bertscore/tiny-{name}-L{layers}.onnx",
        inputs,
        ["last_hidden_state"],
        {**{k: {0: "batch", 1: "sequence"} for k in inputs}, "last_hidden_state": {0: "batch", 1: "sequence"}},
    )

write_json(
    "bertscore.json",
    {
        "reference": "bert_score 0.3.13 score() with batch_size=1 on tiny random BERT/RoBERTa encoders and the reference tokenizers",
        "versions": versions(),
        "candidates": CANDIDATES,
        "cases": cases,
    },
)
