"""Reference tokenizers for the golden generators: the published originals (Google's BERT
`tokenization.py`, OpenAI's GPT-2 `encoder.py`) wrapped in the glue Hugging Face's slow
tokenizers add (see golden_tokenizers.py), with the interface bert_score calls.
"""
import os
import sys
import unicodedata

import regex

from tiny_common import load_module, stub


def load_references(bert_dir, gpt2_dir):
    """Imports the two reference modules from their checkouts (TensorFlow stubbed for BERT's)."""
    sys.modules["tensorflow"] = stub("tensorflow", gfile=stub("gfile", GFile=open))
    bert = load_module("bert_tokenization", os.path.join(bert_dir, "tokenization.py"))
    gpt2 = load_module("gpt2_encoder", os.path.join(gpt2_dir, "encoder.py"))
    return bert, gpt2


def hf_special_split(text, specials):
    """Hugging Face's added-tokens split: leftmost occurrence, longest special at that place."""
    pieces = []
    while True:
        hits = [(text.find(s), -len(s), s) for s in specials if s in text]
        if not hits:
            break
        at, _, s = min(hits)
        if at > 0:
            pieces.append(text[:at])
        pieces.append(s)
        text = text[at + len(s) :]
    if text:
        pieces.append(text)
    return pieces


BERT = GPT2 = None


def configure(bert_dir, gpt2_dir):
    global BERT, GPT2
    BERT, GPT2 = load_references(bert_dir, gpt2_dir)
    return BERT, GPT2


class WordPieceReference:
    SPECIALS = ["[UNK]", "[SEP]", "[PAD]", "[CLS]", "[MASK]"]

    def __init__(self, vocab_lines, lowercase, max_length):
        self.vocab = {t: i for i, t in enumerate(vocab_lines)}
        self.lowercase = lowercase
        self.max_length = max_length
        self.basic = BERT.BasicTokenizer(do_lower_case=lowercase)
        self.wordpiece = BERT.WordpieceTokenizer(self.vocab, unk_token="[UNK]", max_input_chars_per_word=100)

    def tokenize(self, text):
        out = []
        for piece in hf_special_split(text, self.SPECIALS):
            if piece in self.SPECIALS:
                out.append(piece)
                continue
            if self.lowercase:
                piece = "".join(c.lower() for c in piece)
            for word in self.basic.tokenize(unicodedata.normalize("NFC", piece)):
                out.extend(self.wordpiece.tokenize(word))
        return out

    def encode(self, text):
        ids = [self.vocab.get(t, self.vocab["[UNK]"]) for t in self.tokenize(text.strip())]
        return [self.vocab["[CLS]"]] + ids[: self.max_length - 2] + [self.vocab["[SEP]"]]



def byte_chars(word):
    return [GPT2.bytes_to_unicode()[b] for b in word.encode("utf-8")]


class RobertaReference:
    SPECIALS = ["<s>", "</s>", "<unk>", "<pad>", "<mask>"]

    def __init__(self, vocab, merges, max_length, prefix_space=True):
        self.encoder = GPT2.Encoder(encoder=vocab, bpe_merges=merges)
        self.vocab = vocab
        self.max_length = max_length
        self.prefix_space = prefix_space

    def tokenize(self, text):
        if self.prefix_space and text and not text[0].isspace():
            text = " " + text
        out = []
        for piece in hf_special_split(text, self.SPECIALS):
            if piece in self.SPECIALS:
                out.append(piece)
                continue
            for token in regex.findall(self.encoder.pat, piece):
                out.extend(self.encoder.bpe("".join(byte_chars(token))).split(" "))
        return out

    def encode(self, text):
        ids = [self.vocab.get(t, self.vocab["<unk>"]) for t in self.tokenize(text.strip())]
        return [self.vocab["<s>"]] + ids[: self.max_length - 2] + [self.vocab["</s>"]]


