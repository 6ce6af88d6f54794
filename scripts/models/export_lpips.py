"""Export LPIPS (AlexNet or VGG trunk with its linear heads) to ONNX for plumbline's `lpips`.

Needs torch, torchvision, onnx and the lpips package (`pip install lpips`, version 0.1.4), whose
linear heads ship inside it (lpips/weights/v0.1/alex.pth, vgg.pth), and torchvision's ImageNet
trunk weights as a local file, which this script never downloads:

  alex: alexnet-owt-7be5be79.pth  https://download.pytorch.org/models/alexnet-owt-7be5be79.pth
  vgg:  vgg16-397923af.pth        https://download.pytorch.org/models/vgg16-397923af.pth

  python scripts/models/export_lpips.py --net alex --trunk-weights alexnet-owt-7be5be79.pth --out lpips-alex.onnx

The model is lpips' whole `LPIPS(net=..., version="0.1")` forward: inputs `in0`, `in1` float32
[N, 3, H, W] in [-1, 1] (plumbline maps 8-bit and [0, 1] images as lpips does), output
`distance` [N, 1, 1, 1]; batch, height and width are dynamic. `--random-trunk` keeps a random
trunk (to check the export only).
"""
import argparse
import re

import torch
import torch.nn as nn


class Exported(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, in0, in1):
        return self.model(in0, in1)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--net", choices=["alex", "vgg"], required=True)
    parser.add_argument("--trunk-weights", help="torchvision's alexnet or vgg16 .pth file")
    parser.add_argument("--linear-weights", help="lpips' v0.1 heads (default: the lpips package's own)")
    parser.add_argument("--out", required=True)
    parser.add_argument("--random-trunk", action="store_true", help="keep a random trunk (a check of the export)")
    args = parser.parse_args()
    if args.trunk_weights is None and not args.random_trunk:
        parser.error("--trunk-weights is required (or --random-trunk to check the export)")
    import lpips

    # pnet_rand=True builds the trunk without torchvision's download; its weights are loaded below
    model = lpips.LPIPS(net=args.net, version="0.1", pretrained=True, pnet_rand=True, model_path=args.linear_weights, verbose=False)
    if not args.random_trunk:
        features = torch.load(args.trunk_weights, map_location="cpu")
        state = {}
        for name in model.net.state_dict():
            # lpips names trunk layers slice<k>.<index in torchvision's `features`>.<param>
            index, param = re.match(r"slice\d+\.(\d+)\.(\w+)$", name).groups()
            state[name] = features[f"features.{index}.{param}"]
        model.net.load_state_dict(state)
    model.eval()
    with torch.no_grad():
        torch.onnx.export(
            Exported(model),
            (torch.zeros(1, 3, 64, 64), torch.zeros(1, 3, 64, 64)),
            args.out,
            input_names=["in0", "in1"],
            output_names=["distance"],
            dynamic_axes={
                "in0": {0: "batch", 2: "height", 3: "width"},
                "in1": {0: "batch", 2: "height", 3: "width"},
                "distance": {0: "batch"},
            },
            opset_version=14,
        )
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
