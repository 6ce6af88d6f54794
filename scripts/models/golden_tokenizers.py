"""Hand-built vocabularies and golden tokenizations for plumbline's WordPiece, byte-level BPE and
CLIP BPE tokenizers.

Run: /usr/bin/python3 scripts/models/golden_tokenizers.py --bert /tmp/models-bert \
       --gpt2 /tmp/models-gpt-2/src --clip /tmp/models-CLIP

Hugging Face's `transformers`/`tokenizers` cannot be installed here, so the references are the
published original implementations, run from their checkouts: Google's BERT `tokenization.py`
(BasicTokenizer, WordpieceTokenizer), OpenAI's GPT-2 `encoder.py` (bytes_to_unicode, bpe, the
pre-tokenizer pattern) and OpenAI's CLIP `simple_tokenizer.py` (with ftfy replaced by the
identity; the test texts need no fixing). The glue Hugging Face adds around them, which
bert_score and torchmetrics go through, is written below from Hugging Face's documented
behaviour: special tokens in the text kept whole, uncased BERT lowercasing one character at a time
before the basic tokenizer (so a final capital sigma becomes σ), NFC normalisation, words over 100
characters as [UNK] (Google's default is 200), RoBERTa's prefix space, truncation to the model
length, [CLS]/[SEP] and <s>/</s> around the ids.

Writes test/data/models/bert/vocab.txt, test/data/models/roberta/{vocab.json,merges.txt},
test/data/models/clip/{vocab.json,merges.txt} (vocabularies learnt from the small corpus below)
and test/data/models/tokenizers.json.
"""
import collections
import gzip
import json
import os
import sys
import tempfile

import regex

import tokenizer_references as references
from tiny_common import OUT, arguments, load_module, stub, write_json

args = arguments()
bert, gpt2 = references.configure(args.bert, args.gpt2)
sys.modules["ftfy"] = stub("ftfy", fix_text=lambda text: text)
clip = load_module("clip_simple_tokenizer", os.path.join(args.clip, "clip", "simple_tokenizer.py"))

CORPUS = [
    "The quick brown fox jumps over the lazy dog.",
    "A man is playing a guitar on the stage, and the crowd is singing along.",
    "Two dogs are running through the snow; one of them is carrying a stick.",
    "It's unbelievable how quickly the weather changed yesterday afternoon!",
    "She doesn't think they'll arrive before the meeting ends at 10:30.",
    "The café served crème brûlée and naïve visitors ordered three of them.",
    "Scientists discovered 42 new species in the rainforest during 2019.",
    "Reading, writing and counting are taught in every school of the region.",
    "He said: \"We're going to win the game tonight\" — and they did.",
    "The children were playing happily in the garden while their parents talked.",
]

TEXTS = [
    "The quick brown fox jumps over the lazy dog.",
    "  Leading and trailing   spaces\tand\ttabs\nand newlines  ",
    "UNAFFABLE playing Runners' unbelievably-quick CAFÉ",
    "naïve crème brûlée, résumé and ΟΔΟΣ",
    "I'm sure they'll say it's fine, won't they? We've done it.",
    "Numbers: 3.14159, 2019 and 1,000,000!!!",
    "中文字符 mixed with English and 日本語",
    "emoji 😀 and symbols ™ © ½ → ∞",
    "special tokens [CLS] inside [SEP] text [MASK] and <s> </s> <mask> <|endoftext|>",
    "control\u0000chars\u200band\u00adsoft\u2028line\ufeffbreaks\x85here",
    "supercalifragilisticexpialidocious" * 4,
    "",
    "   ",
    "a",
    "The children were playing happily in the garden while their parents talked " * 6,
]


def learn_merges(words, count, symbols):
    """Plain BPE training: repeatedly merge the most frequent adjacent pair (ties by first seen)."""
    vocab = collections.Counter({tuple(symbols(w)): c for w, c in words.items()})
    merges = []
    for _ in range(count):
        pairs = collections.Counter()
        for word, c in vocab.items():
            for a, b in zip(word, word[1:]):
                pairs[(a, b)] += c
        if not pairs:
            break
        best = max(pairs, key=lambda p: pairs[p])
        merges.append(best)
        merged = collections.Counter()
        for word, c in vocab.items():
            out, i = [], 0
            while i < len(word):
                if i < len(word) - 1 and (word[i], word[i + 1]) == best:
                    out.append(word[i] + word[i + 1])
                    i += 2
                else:
                    out.append(word[i])
                    i += 1
            merged[tuple(out)] += c
        vocab = merged
    return merges


def write(path, text):
    full = os.path.join(OUT, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    print(f"wrote {path} ({os.path.getsize(full)} bytes)")


# ---------------------------------------------------------------- WordPiece (BERT, uncased and cased)
def wordpiece_vocab():
    words = collections.Counter(w for line in CORPUS for w in bert.BasicTokenizer(do_lower_case=True).tokenize(line))
    chars = sorted({c for w in words for c in w} | set("abcdefghijklmnopqrstuvwxyz0123456789"))
    upper = sorted({c for line in CORPUS for c in line if c.isupper()})
    pieces = ["[PAD]", "[unused0]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    pieces += chars + upper + ["##" + c for c in chars]
    pieces += [w for w, c in words.most_common(60)]
    pieces += ["un", "##able", "##ing", "##ly", "##s", "##er", "##ers", "##ed", "##ff", "##a", "run", "play", "quick", "super", "##cal"]
    pieces += ["The", "Run", "##ner"]
    seen, out = set(), []
    for p in pieces:
        if p not in seen:
            seen.add(p)
            out.append(p)
    return out


# ---------------------------------------------------------------- byte-level BPE (RoBERTa)
byte_encoder = gpt2.bytes_to_unicode()
gpt2_pattern = regex.compile(r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+""")


def roberta_files():
    words = collections.Counter(w for line in CORPUS for w in regex.findall(gpt2_pattern, " " + line))
    merges = learn_merges(words, 220, references.byte_chars)
    vocab = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}
    for c in byte_encoder.values():
        vocab.setdefault(c, len(vocab))
    for a, b in merges:
        vocab.setdefault(a + b, len(vocab))
    vocab["<mask>"] = len(vocab)
    merges_text = "#version: 0.2\n" + "".join(f"{a} {b}\n" for a, b in merges)
    return vocab, merges, merges_text


# ---------------------------------------------------------------- CLIP BPE
def clip_files():
    pattern = regex.compile(r"""'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+""", regex.IGNORECASE)
    words = collections.Counter(w for line in CORPUS for w in regex.findall(pattern, line.lower()))

    def symbols(word):
        chars = references.byte_chars(word)
        return chars[:-1] + [chars[-1] + "</w>"]

    merges = learn_merges(words, 200, symbols)
    merges_text = "#version: 0.2\n" + "".join(f"{a} {b}\n" for a, b in merges)
    # the vocabulary exactly as CLIP's SimpleTokenizer builds it from its merges
    with tempfile.NamedTemporaryFile(suffix=".gz", delete=False) as f:
        f.write(gzip.compress(merges_text.encode("utf-8")))
        path = f.name
    reference = clip.SimpleTokenizer(bpe_path=path)
    os.unlink(path)
    return reference, merges_text


wp_lines = wordpiece_vocab()
write("bert/vocab.txt", "".join(t + "\n" for t in wp_lines))
rob_vocab, rob_merges, rob_merges_text = roberta_files()
write("roberta/vocab.json", json.dumps(rob_vocab, ensure_ascii=False))
write("roberta/merges.txt", rob_merges_text)
clip_reference, clip_merges_text = clip_files()
write("clip/vocab.json", json.dumps(clip_reference.encoder, ensure_ascii=False))
write("clip/merges.txt", clip_merges_text)

cases = []
for config in [
    {"tokenizer": "wordpiece", "lowercase": True, "maxLength": 512},
    {"tokenizer": "wordpiece", "lowercase": False, "maxLength": 512},
    {"tokenizer": "wordpiece", "lowercase": True, "maxLength": 16},
    {"tokenizer": "byte-level-bpe", "maxLength": 512},
    {"tokenizer": "byte-level-bpe", "maxLength": 16},
    {"tokenizer": "clip-bpe", "maxLength": 77},
    {"tokenizer": "clip-bpe", "maxLength": 10},
]:
    kind = config["tokenizer"]
    if kind == "wordpiece":
        ref = references.WordPieceReference(wp_lines, config["lowercase"], config["maxLength"])
        tokenize, encode = ref.tokenize, ref.encode
    elif kind == "byte-level-bpe":
        ref = references.RobertaReference(rob_vocab, rob_merges, config["maxLength"])
        tokenize, encode = ref.tokenize, ref.encode
    else:
        texts_ok = [t for t in TEXTS if "&" not in t]
        sot, eot = clip_reference.encoder["<|startoftext|>"], clip_reference.encoder["<|endoftext|>"]

        def tokenize(text):
            return [clip_reference.decoder[i] for i in clip_reference.encode(text)]

        def encode(text, n=config["maxLength"]):
            # torchmetrics' CLIPScore: the processor pads without truncating, then ids are cut to the context length
            return ([sot] + clip_reference.encode(text) + [eot])[:n]

    for text in TEXTS:
        if kind == "clip-bpe" and ("ΟΔΟΣ" in text or "\x85" in text or "\u2028" in text or "\ufeff" in text):
            continue  # ftfy/whole-string lower() paths of OpenAI's tokenizer that CLIPTokenizerFast does not take
        cases.append({**config, "text": text, "tokens": tokenize(text), "ids": encode(text)})

write_json(
    "tokenizers.json",
    {
        "reference": "Google BERT tokenization.py (BasicTokenizer, WordpieceTokenizer(max_input_chars_per_word=100)), "
        "OpenAI GPT-2 encoder.py, OpenAI CLIP simple_tokenizer.py (ftfy as identity), with Hugging Face's glue "
        "(special tokens, per-character lowercasing, NFC, prefix space, truncation) written from its documentation",
        "vocabularies": {"wordpiece": "bert/vocab.txt", "byte-level-bpe": "roberta/", "clip-bpe": "clip/"},
        "cases": cases,
    },
)
