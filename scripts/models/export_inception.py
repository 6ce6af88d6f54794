"""Export the FID Inception-v3 to ONNX for plumbline's FID, KID, Inception Score and precision/recall.

Needs torch, torchvision, onnx and the package of the chosen flavour (`pip install pytorch-fid`
or `pip install torch-fidelity`), and the weights file, which this script never downloads:

  pytorch-fid:     pt_inception-2015-12-05-6726825d.pth
                   https://github.com/mseitzer/pytorch-fid/releases/download/fid_weights/pt_inception-2015-12-05-6726825d.pth
  torch-fidelity:  weights-inception-2015-12-05-6726825d.pth
                   https://github.com/toshas/torch-fidelity/releases/download/v0.2.0/weights-inception-2015-12-05-6726825d.pth

Both are the TensorFlow FID graph (inception-2015-12-05) ported to PyTorch; only these reproduce
TensorFlow's FID numbers (torchvision's ImageNet Inception does not).

  python scripts/models/export_inception.py --flavour pytorch-fid \
      --weights pt_inception-2015-12-05-6726825d.pth --out pt_inception-2015-12-05.onnx

The model takes `images` float32 [N, 3, 299, 299] already resized and scaled (plumbline does the
flavour's resize and scaling, see docs/models.md) and returns `pool3` [N, 2048] (the final average
pool) and `logits_unbiased` [N, 1008] (`pool3 @ fc.weight.T`, torch-fidelity's Inception Score
feature). `--random-weights` skips the weights file (to check the export only).
"""
import argparse

import torch
import torch.nn as nn


class PytorchFid(nn.Module):
    """pytorch-fid's own InceptionV3 blocks (resize and scaling off) plus the classifier weights."""

    def __init__(self, weights):
        super().__init__()
        from pytorch_fid import inception

        state = None if weights is None else torch.load(weights, map_location="cpu")
        if state is None:
            # the FID architecture with its random initial weights (fid_inception_v3 without the download)
            inception.load_state_dict_from_url = lambda *a, **k: inception._inception_v3(
                num_classes=1008, aux_logits=False, weights=None
            ).state_dict()
        else:
            inception.load_state_dict_from_url = lambda *a, **k: state
        self.blocks = inception.InceptionV3([3], resize_input=False, normalize_input=False, use_fid_inception=True)
        fc = (state or {}).get("fc.weight")
        self.fc_weight = nn.Parameter(torch.randn(1008, 2048) * 0.01 if fc is None else fc)

    def forward(self, images):
        pool3 = self.blocks(images)[0].flatten(1)
        return pool3, pool3 @ self.fc_weight.T


class TorchFidelity(nn.Module):
    """torch-fidelity's FeatureExtractorInceptionV3 layers after its resize and scaling."""

    LAYERS = [
        "Conv2d_1a_3x3", "Conv2d_2a_3x3", "Conv2d_2b_3x3", "MaxPool_1", "Conv2d_3b_1x1", "Conv2d_4a_3x3",
        "MaxPool_2", "Mixed_5b", "Mixed_5c", "Mixed_5d", "Mixed_6a", "Mixed_6b", "Mixed_6c", "Mixed_6d",
        "Mixed_6e", "Mixed_7a", "Mixed_7b", "Mixed_7c", "AvgPool",
    ]  # fmt: skip

    def __init__(self, weights):
        super().__init__()
        from torch_fidelity import feature_extractor_inceptionv3 as module

        if weights is None:  # keep the random initial weights (no download, no loading)
            module.load_state_dict_from_url = lambda *a, **k: {}
            module.FeatureExtractorInceptionV3.load_state_dict = lambda self, state: None
        self.net = module.FeatureExtractorInceptionV3(
            "inception-v3-compat", ["2048", "logits_unbiased"], feature_extractor_weights_path=weights
        )

    def forward(self, images):
        x = images
        for name in self.LAYERS:
            x = getattr(self.net, name)(x)
        pool3 = torch.flatten(x, 1)
        return pool3, pool3 @ self.net.fc.weight.T


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--flavour", choices=["pytorch-fid", "torch-fidelity"], required=True)
    parser.add_argument("--weights", help="the flavour's .pth weights file")
    parser.add_argument("--out", required=True)
    parser.add_argument("--random-weights", action="store_true", help="export random weights (a check of the export)")
    args = parser.parse_args()
    if args.weights is None and not args.random_weights:
        parser.error("--weights is required (or --random-weights to check the export)")
    model = (PytorchFid if args.flavour == "pytorch-fid" else TorchFidelity)(None if args.random_weights else args.weights)
    model.eval()
    with torch.no_grad():
        torch.onnx.export(
            model,
            torch.zeros(1, 3, 299, 299),
            args.out,
            input_names=["images"],
            output_names=["pool3", "logits_unbiased"],
            dynamic_axes={"images": {0: "batch"}, "pool3": {0: "batch"}, "logits_unbiased": {0: "batch"}},
            opset_version=14,
        )
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
