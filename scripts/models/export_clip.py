"""Export CLIP's image and text towers to ONNX (and its vocabulary) for plumbline's `clipScore`.

Needs torch and onnx, and one of the two sources of the weights as local files (nothing is
downloaded):

  --hf DIR       a Hugging Face CLIP folder (config.json, pytorch_model.bin or model.safetensors,
                 vocab.json, merges.txt), e.g. a local copy of openai/clip-vit-base-patch32 or
                 openai/clip-vit-large-patch14 (torchmetrics' default); needs `transformers`
  --openai FILE  an OpenAI CLIP checkpoint (ViT-B-32.pt, ViT-L-14.pt); needs the `clip` package
                 (pip install git+https://github.com/openai/CLIP), whose tokenizer vocabulary is
                 converted to vocab.json and merges.txt

  python scripts/models/export_clip.py --hf clip-vit-base-patch32/ --out-dir clip-b32/

writes clip-b32/image.onnx (`pixel_values` float32 [N, 3, S, S] -> `image_embeds` [N, D]),
clip-b32/text.onnx (`input_ids` and, from Hugging Face, `attention_mask` int64 [N, L] ->
`text_embeds` [N, D]; from OpenAI, L is fixed to the 77-token context and plumbline pads to it) and the tokenizer's vocab.json and merges.txt. Both sources give the same
embeddings (Hugging Face's weights are OpenAI's, converted).
"""
import argparse
import gzip
import json
import os
import shutil

import torch
import torch.nn as nn


class HfImage(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, pixel_values):
        return self.model.get_image_features(pixel_values=pixel_values)


class HfText(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, input_ids, attention_mask):
        return self.model.get_text_features(input_ids=input_ids, attention_mask=attention_mask)


class OpenAiImage(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, pixel_values):
        return self.model.encode_image(pixel_values)


class OpenAiText(nn.Module):
    """OpenAI's text tower is causal and pools at the end token (the largest id): it takes no mask,
    and its positional embedding fixes the length to the context (77), so plumbline pads to it."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, input_ids):
        return self.model.encode_text(input_ids)


def export_towers(image, text, size, text_inputs, out_dir, fixed_length=None):
    os.makedirs(out_dir, exist_ok=True)
    with torch.no_grad():
        torch.onnx.export(
            image.eval(),
            torch.zeros(1, 3, size, size),
            os.path.join(out_dir, "image.onnx"),
            input_names=["pixel_values"],
            output_names=["image_embeds"],
            dynamic_axes={"pixel_values": {0: "batch"}, "image_embeds": {0: "batch"}},
            opset_version=14,
        )
        dummy = tuple(torch.ones(2, fixed_length or 7, dtype=torch.long) for _ in text_inputs)
        text_axes = {0: "batch"} if fixed_length else {0: "batch", 1: "sequence"}
        torch.onnx.export(
            text.eval(),
            dummy,
            os.path.join(out_dir, "text.onnx"),
            input_names=list(text_inputs),
            output_names=["text_embeds"],
            dynamic_axes={**{k: text_axes for k in text_inputs}, "text_embeds": {0: "batch"}},
            opset_version=14,
        )


def openai_vocabulary(bpe_gz, out_dir):
    """vocab.json and merges.txt exactly as OpenAI's SimpleTokenizer builds its vocabulary."""
    from clip.simple_tokenizer import bytes_to_unicode

    merges = gzip.open(bpe_gz).read().decode("utf-8").split("\n")[1 : 49152 - 256 - 2 + 1]
    vocab = list(bytes_to_unicode().values())
    vocab = vocab + [v + "</w>" for v in vocab] + ["".join(m.split()) for m in merges]
    vocab += ["<|startoftext|>", "<|endoftext|>"]
    with open(os.path.join(out_dir, "vocab.json"), "w", encoding="utf-8") as f:
        json.dump({token: i for i, token in enumerate(vocab)}, f, ensure_ascii=False)
    with open(os.path.join(out_dir, "merges.txt"), "w", encoding="utf-8") as f:
        f.write("#version: 0.2\n" + "\n".join(merges) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--hf", help="a local Hugging Face CLIP folder")
    source.add_argument("--openai", help="a local OpenAI CLIP checkpoint (.pt)")
    parser.add_argument("--out-dir", required=True)
    args = parser.parse_args()
    if args.hf:
        from transformers import CLIPModel

        model = CLIPModel.from_pretrained(args.hf).eval()
        size = model.config.vision_config.image_size
        export_towers(HfImage(model), HfText(model), size, ["input_ids", "attention_mask"], args.out_dir)
        for name in ["vocab.json", "merges.txt"]:
            shutil.copy(os.path.join(args.hf, name), os.path.join(args.out_dir, name))
    else:
        import clip
        from clip.model import build_model

        state = torch.jit.load(args.openai, map_location="cpu").state_dict()
        model = build_model(state).float().eval()
        size = model.visual.input_resolution
        export_towers(OpenAiImage(model), OpenAiText(model), size, ["input_ids"], args.out_dir, model.context_length)
        openai_vocabulary(os.path.join(os.path.dirname(clip.__file__), "bpe_simple_vocab_16e6.txt.gz"), args.out_dir)
    print(f"wrote {args.out_dir}/image.onnx, text.onnx, vocab.json, merges.txt")


if __name__ == "__main__":
    main()
