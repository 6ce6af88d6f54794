"""Tiny CLIP image and text towers for CLIPScore, and golden cases.

Run: /usr/bin/python3 scripts/models/tiny_clip.py --clip /tmp/models-CLIP
(after golden_tokenizers.py, which writes the tiny CLIP vocabulary).

Writes into test/data/models/:
- clip/tiny-clip-image.onnx: input `pixel_values` float32 [N, 3, 224, 224], output `image_embeds`
  [N, 512] (ViT-B/32's shapes: 32 x 32 patches, a class token, one attention block, a projection);
- clip/tiny-clip-text.onnx: inputs `input_ids`, `attention_mask` int64 [N, L], output
  `text_embeds` [N, 512] (token and position embeddings, one causal attention block, the state at
  the first end-of-text token as Hugging Face's CLIPTextModel pools it, a projection);
- clip.json: images (the test pattern, several sizes) and captions, the pixel values of Hugging
  Face's CLIPImageProcessor written out below (PIL bicubic resize of the shortest side to 224 with
  the long side int(224 * long / short), centre crop with top = (h - 224) // 2, x * (1 / 255) in
  float64 then float32, (x - mean) / std in float32 with CLIP's mean and std), the ids of OpenAI's
  CLIP tokenizer padded with <|endoftext|> and cut to 77 as torchmetrics does, both towers'
  embeddings, and torchmetrics' score: 100 * cos per pair, mean, max(mean, 0).
"""
import gzip
import json
import os
import sys
import tempfile

import numpy as np
import torch
import torch.nn as nn
from PIL import Image

from tiny_common import OUT, arguments, export, float32_base64, load_module, stub, versions, write_json

args = arguments()
sys.modules["ftfy"] = stub("ftfy", fix_text=lambda text: text)
simple = load_module("clip_simple_tokenizer", os.path.join(args.clip, "clip", "simple_tokenizer.py"))
torch.manual_seed(2021)
MEAN = np.array([0.48145466, 0.4578275, 0.40821073], dtype=np.float32)
STD = np.array([0.26862954, 0.26130258, 0.27577711], dtype=np.float32)
WIDTH, HEADS, DIM, CONTEXT = 16, 2, 512, 77


class Block(nn.Module):
    """Pre-norm attention and MLP block, written out so the export needs no fused kernels."""

    def __init__(self):
        super().__init__()
        self.ln1, self.ln2 = nn.LayerNorm(WIDTH), nn.LayerNorm(WIDTH)
        self.qkv, self.out = nn.Linear(WIDTH, 3 * WIDTH), nn.Linear(WIDTH, WIDTH)
        self.mlp = nn.Sequential(nn.Linear(WIDTH, 2 * WIDTH), nn.GELU(), nn.Linear(2 * WIDTH, WIDTH))

    def forward(self, x, bias):
        n, length, _ = x.shape
        q, k, v = self.qkv(self.ln1(x)).reshape(n, length, 3, HEADS, WIDTH // HEADS).permute(2, 0, 3, 1, 4)
        scores = q @ k.transpose(-1, -2) / (WIDTH // HEADS) ** 0.5 + bias
        x = x + self.out((scores.softmax(-1) @ v).transpose(1, 2).reshape(n, length, WIDTH))
        return x + self.mlp(self.ln2(x))


class ImageTower(nn.Module):
    def __init__(self):
        super().__init__()
        self.patch = nn.Conv2d(3, WIDTH, 32, stride=32, bias=False)
        self.cls = nn.Parameter(torch.randn(WIDTH))
        self.pos = nn.Parameter(torch.randn(50, WIDTH) * 0.1)
        self.block, self.ln = Block(), nn.LayerNorm(WIDTH)
        self.proj = nn.Parameter(torch.randn(WIDTH, DIM) / WIDTH**0.5)

    def forward(self, pixel_values):
        x = self.patch(pixel_values).flatten(2).transpose(1, 2)
        x = torch.cat([self.cls.expand(x.shape[0], 1, WIDTH), x], dim=1) + self.pos
        x = self.block(x, torch.zeros(1))
        return self.ln(x[:, 0]) @ self.proj


class TextTower(nn.Module):
    def __init__(self, vocab_size):
        super().__init__()
        self.tokens = nn.Embedding(vocab_size, WIDTH)
        self.pos = nn.Parameter(torch.randn(CONTEXT, WIDTH) * 0.1)
        self.block, self.ln = Block(), nn.LayerNorm(WIDTH)
        self.proj = nn.Parameter(torch.randn(WIDTH, DIM) / WIDTH**0.5)

    def forward(self, input_ids, attention_mask):
        length = input_ids.shape[1]
        x = self.tokens(input_ids) + self.pos[:length]
        causal = torch.full((length, length), float("-inf")).triu(1)
        padding = (1.0 - attention_mask[:, None, None, :].float()) * -1e9
        x = self.ln(self.block(x, causal + padding))
        # Hugging Face's legacy pooling: the position of the largest id (the first <|endoftext|>)
        pooled = x[torch.arange(x.shape[0]), input_ids.argmax(dim=-1)]
        return pooled @ self.proj


def pattern(shape, salt):
    c, i, j = np.meshgrid(np.arange(shape[0]), np.arange(shape[1]), np.arange(shape[2]), indexing="ij")
    return ((31 * i + 17 * j + 7 * c + (i * j) % 13 + salt * (i + 3 * j + c) ** 2) % 256).astype(np.uint8)


def preprocess(image):
    """Hugging Face CLIPImageProcessor (PIL path) on an 8-bit [3, H, W] image."""
    _, h, w = image.shape
    short, long = (w, h) if w <= h else (h, w)
    new_short, new_long = 224, int(224 * long / short)
    new_h, new_w = (new_long, new_short) if w <= h else (new_short, new_long)
    resized = np.asarray(Image.fromarray(image.transpose(1, 2, 0), "RGB").resize((new_w, new_h), Image.BICUBIC))
    resized = resized.transpose(2, 0, 1)
    top, left = (new_h - 224) // 2, (new_w - 224) // 2
    cropped = resized[:, top : top + 224, left : left + 224]
    scaled = (cropped.astype(np.float64) * (1 / 255)).astype(np.float32)
    return (scaled - MEAN[:, None, None]) / STD[:, None, None]


vocab = json.load(open(os.path.join(OUT, "clip", "vocab.json"), encoding="utf-8"))
simple_merges = open(os.path.join(OUT, "clip", "merges.txt"), encoding="utf-8").read()
with tempfile.NamedTemporaryFile(suffix=".gz", delete=False) as f:
    f.write(gzip.compress(simple_merges.encode("utf-8")))
tokenizer = simple.SimpleTokenizer(bpe_path=f.name)
os.unlink(f.name)
assert tokenizer.encoder == vocab

image_tower, text_tower = ImageTower().eval(), TextTower(len(vocab)).eval()
export(image_tower, torch.zeros(1, 3, 224, 224), "clip/tiny-clip-image.onnx", ["pixel_values"], ["image_embeds"],
       {"pixel_values": {0: "batch"}, "image_embeds": {0: "batch"}})
export(text_tower, (torch.ones(2, 5, dtype=torch.long), torch.ones(2, 5, dtype=torch.long)), "clip/tiny-clip-text.onnx",
       ["input_ids", "attention_mask"], ["text_embeds"],
       {"input_ids": {0: "batch", 1: "sequence"}, "attention_mask": {0: "batch", 1: "sequence"}, "text_embeds": {0: "batch"}})

shapes = [((3, 224, 224), 1), ((3, 300, 200), 2), ((3, 64, 96), 3), ((3, 225, 500), 4), ((3, 17, 23), 5)]
captions = [
    "a photo of a dog running through the snow",
    "The quick brown fox jumps over the lazy dog.",
    "two children playing in the garden",
    " ".join(["a man is playing a guitar on the stage"] * 10),
    "",
]
sot, eot = vocab["<|startoftext|>"], vocab["<|endoftext|>"]
ids = [([sot] + tokenizer.encode(c) + [eot]) for c in captions]
longest = max(len(t) for t in ids)
input_ids = torch.tensor([t + [eot] * (longest - len(t)) for t in ids])[:, :CONTEXT]
mask = torch.tensor([[1] * len(t) + [0] * (longest - len(t)) for t in ids])[:, :CONTEXT]
pixels = torch.from_numpy(np.stack([preprocess(pattern(s, salt)) for s, salt in shapes]))
with torch.no_grad():
    image_embeds = image_tower(pixels)
    text_embeds = text_tower(input_ids, mask)
img = image_embeds / image_embeds.norm(p=2, dim=-1, keepdim=True)
txt = text_embeds / text_embeds.norm(p=2, dim=-1, keepdim=True)
scores = 100 * (img * txt).sum(axis=-1)
write_json(
    "clip.json",
    {
        "reference": "tiny random CLIP towers run by torch; Hugging Face CLIPImageProcessor (PIL) transcribed; "
        "OpenAI CLIP tokenizer; torchmetrics 1.9.0 clip_score formula",
        "versions": versions(),
        "pattern": "((31 i + 17 j + 7 c + (i j mod 13) + salt (i + 3 j + c)^2) mod 256), uint8",
        "images": [{"shape": list(s), "salt": salt} for s, salt in shapes],
        "captions": captions,
        # every 97th value of the [5, 3, 224, 224] pixel values (the embeddings depend on all of them)
        "pixel_values_stride": 97,
        "pixel_values": float32_base64(pixels.reshape(-1)[::97]),
        "input_ids": input_ids.tolist(),
        "attention_mask": mask.tolist(),
        "image_embeds": float32_base64(image_embeds),
        "text_embeds": float32_base64(text_embeds),
        "scores": [float(s) for s in scores],
        "clip_score": float(torch.max(scores.mean(0), torch.zeros_like(scores.mean(0)))),
    },
)
