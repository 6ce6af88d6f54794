"""Tiny LPIPS stand-ins (AlexNet-like and VGG-like trunks with linear heads), and golden cases.

Run: /usr/bin/python3 scripts/models/tiny_lpips.py --lpips /tmp/models-PerceptualSimilarity

The lpips package's own `LPIPS` module (v0.1: ScalingLayer, per-layer channel normalisation
`normalize_tensor`, squared differences, 1x1 linear heads, spatial average, sum over layers) is
built from the checkout with random weights; its trunk is replaced by a few-channel network with
the same layer structure and strides (AlexNet: 5 ReLU outputs after convolutions with strides
4/1/1/1/1 and two max pools; VGG: 5 blocks of 3x3 convolutions separated by max pools) and its
linear heads by heads of matching width with non-negative weights (as trained LPIPS heads are).
Writes into test/data/models/:
- lpips/tiny-lpips-alex.onnx, lpips/tiny-lpips-vgg.onnx: inputs `in0`, `in1` float32
  [N, 3, H, W] in [-1, 1], output `distance` [N, 1, 1, 1] (`LPIPS.forward(in0, in1)`);
- lpips.json: image pairs (8-bit, given as the test pattern below) and the distances lpips
  computes, with 8-bit images mapped as lpips.im2tensor (x / 127.5 - 1) and float images in
  [0, 1] as `forward(..., normalize=True)` (2x - 1).
"""
import sys

import numpy as np
import torch
import torch.nn as nn

from export_lpips import Exported
from tiny_common import arguments, export, versions, write_json

args = arguments()
sys.path.insert(0, args.lpips)
import lpips  # noqa: E402

torch.manual_seed(1801)


class TinyAlex(nn.Module):
    """AlexNet's feature layers (kernels 11/5/3/3/3, stride 4, two max pools) with few channels."""

    chns = [4, 6, 8, 6, 6]

    def __init__(self):
        super().__init__()
        c = self.chns
        self.slice1 = nn.Sequential(nn.Conv2d(3, c[0], 11, stride=4, padding=2), nn.ReLU())
        self.slice2 = nn.Sequential(nn.MaxPool2d(3, 2), nn.Conv2d(c[0], c[1], 5, padding=2), nn.ReLU())
        self.slice3 = nn.Sequential(nn.MaxPool2d(3, 2), nn.Conv2d(c[1], c[2], 3, padding=1), nn.ReLU())
        self.slice4 = nn.Sequential(nn.Conv2d(c[2], c[3], 3, padding=1), nn.ReLU())
        self.slice5 = nn.Sequential(nn.Conv2d(c[3], c[4], 3, padding=1), nn.ReLU())

    def forward(self, x):
        h1 = self.slice1(x)
        h2 = self.slice2(h1)
        h3 = self.slice3(h2)
        h4 = self.slice4(h3)
        return [h1, h2, h3, h4, self.slice5(h4)]


class TinyVgg(nn.Module):
    """VGG16's five blocks of 3x3 convolutions (outputs relu1_2 ... relu5_3) with few channels."""

    chns = [4, 4, 6, 6, 6]

    def __init__(self):
        super().__init__()
        c = self.chns

        def block(cin, cout, pool):
            layers = [nn.MaxPool2d(2, 2)] if pool else []
            return nn.Sequential(*layers, nn.Conv2d(cin, cout, 3, padding=1), nn.ReLU(), nn.Conv2d(cout, cout, 3, padding=1), nn.ReLU())

        self.blocks = nn.ModuleList([block(3, c[0], False)] + [block(c[i - 1], c[i], True) for i in range(1, 5)])

    def forward(self, x):
        outs = []
        for b in self.blocks:
            x = b(x)
            outs.append(x)
        return outs


def tiny_lpips(trunk):
    model = lpips.LPIPS(pretrained=False, net="alex", pnet_rand=True, verbose=False)
    model.net = trunk
    model.lins = nn.ModuleList([lpips.NetLinLayer(c, use_dropout=True) for c in trunk.chns])
    for lin in model.lins:
        conv = lin.model[-1]
        conv.weight.data = conv.weight.data.abs()
    model.eval()
    return model


def pattern(shape, salt):
    c, i, j = np.meshgrid(np.arange(shape[0]), np.arange(shape[1]), np.arange(shape[2]), indexing="ij")
    return ((31 * i + 17 * j + 7 * c + (i * j) % 13 + salt * (i + 3 * j + c) ** 2) % 256).astype(np.uint8)


pairs = [((3, 64, 64), 0, 1), ((3, 64, 64), 2, 3), ((3, 48, 80), 4, 5), ((3, 64, 64), 6, 6)]
golden = {
    "reference": "lpips 0.1.4 (richzhang/PerceptualSimilarity) LPIPS.forward with tiny random trunks and heads",
    "versions": versions(),
    "pattern": "((31 i + 17 j + 7 c + (i j mod 13) + salt (i + 3 j + c)^2) mod 256), uint8",
    "pairs": [{"shape": list(shape), "salt0": a, "salt1": b} for shape, a, b in pairs],
    "models": {},
}
for name, trunk in [("alex", TinyAlex()), ("vgg", TinyVgg())]:
    model = tiny_lpips(trunk)
    export(
        Exported(model),
        (torch.zeros(1, 3, 64, 64), torch.zeros(1, 3, 64, 64)),
        f"lpips/tiny-lpips-{name}.onnx",
        ["in0", "in1"],
        ["distance"],
        {"in0": {0: "batch", 2: "height", 3: "width"}, "in1": {0: "batch", 2: "height", 3: "width"}, "distance": {0: "batch"}},
    )
    uint8, unit = [], []
    with torch.no_grad():
        for shape, a, b in pairs:
            x0, x1 = pattern(shape, a), pattern(shape, b)
            # 8-bit images as lpips.im2tensor: x / (255 / 2) - 1 in float64, then float32
            t0 = torch.Tensor((x0 / (255.0 / 2.0) - 1.0)[None])
            t1 = torch.Tensor((x1 / (255.0 / 2.0) - 1.0)[None])
            uint8.append(float(model(t0, t1)))
            # float images in [0, 1] (x / 256 exactly) with normalize=True
            f0 = torch.from_numpy((x0 / 256.0).astype(np.float32))[None]
            f1 = torch.from_numpy((x1 / 256.0).astype(np.float32))[None]
            unit.append(float(model(f0, f1, normalize=True)))
    golden["models"][name] = {"uint8": uint8, "unit_float": unit}
write_json("lpips.json", golden)
