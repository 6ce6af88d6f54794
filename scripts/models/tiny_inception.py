"""Tiny Inception-v3 stand-ins for the generative metrics, and their golden cases.

Run: /usr/bin/python3 scripts/models/tiny_inception.py --pytorch-fid /tmp/models-pytorch-fid/src \
       --torch-fidelity /tmp/models-torch-fidelity

Writes into test/data/models/:
- inception/tiny-inception.onnx: input `images` [N, 3, 299, 299] float32, outputs `pool3`
  [N, 2048] (non-negative, as the real average pool after ReLU) and `logits_unbiased` [N, 1008]
  (`pool3 @ W.T`, no bias, as torch-fidelity), random weights, ~0.3 MB;
- inception/tiny-inception-d6.onnx: the same with 6 features and 10 classes, so that a dozen
  images give full-rank covariances and the FID reference routes agree to rounding;
- images/real/*.png, images/fake/*.png: 12 + 12 small random RGB images of several sizes;
- inception.json: per image (all images or the first `head`), the features torch computes with pytorch-fid's preprocessing
  (PIL convert("RGB"), ToTensor, F.interpolate(299, bilinear, align_corners=False), 2x - 1) and
  with torch-fidelity's (uint8, interpolate_bilinear_2d_like_tensorflow1x, (x - 128) / 128, run
  from the torch-fidelity checkout), and the metrics on them: FID by pytorch-fid's
  calculate_frechet_distance (scipy sqrtm, float64 mean and np.cov), KID, IS and improved
  precision/recall by torchmetrics' formulas (transcribed below, float64).
"""
import os

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image

from tiny_common import OUT, arguments, export, float32_base64, load_module, versions, write_json

args = arguments()
torch.manual_seed(2015)
rng = np.random.default_rng(1205)


class TinyInception(nn.Module):
    """A few strided convolutions, a global average pool and two linear maps."""

    def __init__(self, features, classes, hidden=24, rank=4):
        super().__init__()
        self.trunk = nn.Sequential(
            nn.Conv2d(3, 8, 3, stride=2),
            nn.ReLU(),
            nn.Conv2d(8, 16, 3, stride=2),
            nn.ReLU(),
            nn.MaxPool2d(3, stride=2),
            nn.Conv2d(16, hidden, 3, stride=2),
            nn.ReLU(),
            nn.AdaptiveAvgPool2d(1),
            nn.Flatten(),
        )
        # eval-mode batch norm whose statistics calibrate() sets from the test images, so that the
        # random features vary across images as much as real Inception features do
        self.norm = nn.BatchNorm1d(hidden)
        self.to_pool = nn.Linear(hidden, features)
        # logits_unbiased = pool3 @ W.T with a low-rank W (rank x features, classes x rank) to stay small
        self.w_in = nn.Parameter(torch.randn(rank, features) / features**0.5)
        self.w_out = nn.Parameter(torch.randn(classes, rank) * 3)

    def calibrate(self, images):
        with torch.no_grad():
            h = torch.cat([self.trunk(x) for x in images])
            self.norm.running_mean.copy_(h.mean(0))
            self.norm.running_var.copy_(h.var(0) + 1e-6)

    def forward(self, images):
        pool3 = F.relu(self.to_pool(self.norm(self.trunk(images))))
        logits_unbiased = (pool3 @ self.w_in.T) @ self.w_out.T
        return pool3, logits_unbiased


def make_images(folder, count):
    os.makedirs(os.path.join(OUT, "images", folder), exist_ok=True)
    sizes = [(32, 32), (40, 28), (17, 23), (64, 48), (24, 36), (50, 50)]
    paths = []
    for i in range(count):
        # one image already 299 x 299 (no resize), smooth so that its PNG stays small
        h, w = (299, 299) if i == 2 else sizes[i % len(sizes)]
        coarse = rng.integers(0, 256, size=(3, 4, 4)).astype(np.float64)
        smooth = np.stack([np.kron(c, np.ones((h // 4 + 1, w // 4 + 1)))[:h, :w] for c in coarse])
        noise = rng.normal(0, 1 if h == 299 else 30 if folder == "fake" else 12, size=(3, h, w))
        pixels = np.clip(smooth + noise, 0, 255).astype(np.uint8).transpose(1, 2, 0)
        path = os.path.join(OUT, "images", folder, f"{i:03d}.png")
        Image.fromarray(pixels, "RGB").save(path, optimize=True)
        paths.append(path)
    return paths


fidelity = load_module(
    "tf1_interpolate", os.path.join(args.torch_fidelity, "torch_fidelity", "interpolate_compat_tensorflow.py")
)
fid_score = None
if args.pytorch_fid:
    import sys

    sys.path.insert(0, args.pytorch_fid)
    from pytorch_fid import fid_score  # noqa: E402


def pytorch_fid_input(path):
    image = Image.open(path).convert("RGB")
    x = torch.from_numpy(np.asarray(image).copy()).permute(2, 0, 1).float().div(255).unsqueeze(0)
    x = F.interpolate(x, size=(299, 299), mode="bilinear", align_corners=False)
    return 2 * x - 1


def torch_fidelity_input(path):
    image = Image.open(path).convert("RGB")
    x = torch.from_numpy(np.asarray(image).copy()).permute(2, 0, 1).unsqueeze(0).to(torch.float32)
    x = fidelity.interpolate_bilinear_2d_like_tensorflow1x(x, size=(299, 299), align_corners=False)
    return (x - 128) / 128


def features(model, paths, preprocess):
    with torch.no_grad():
        outs = [model(preprocess(p)) for p in paths]
    return torch.cat([o[0] for o in outs]), torch.cat([o[1] for o in outs])


def kid(real, fake):
    """torchmetrics 1.9 poly_mmd (degree 3, gamma 1/d, coef 1) on all samples, float64."""
    d = real.shape[1]
    k = lambda a, b: (a @ b.T / d + 1.0) ** 3  # noqa: E731
    kxx, kyy, kxy = k(real, real), k(fake, fake), k(real, fake)
    m = real.shape[0]
    value = ((kxx.sum() - np.trace(kxx)) + (kyy.sum() - np.trace(kyy))) / (m * (m - 1))
    return float(value - 2 * kxy.sum() / m**2)


def inception_score(logits, splits):
    """torchmetrics 1.9 InceptionScore.compute without its random permutation, float64."""
    x = torch.from_numpy(logits)
    prob, log_prob = x.softmax(dim=1), x.log_softmax(dim=1)
    scores = []
    for p, lp in zip(prob.chunk(splits, dim=0), log_prob.chunk(splits, dim=0)):
        m = p.mean(dim=0, keepdim=True)
        scores.append((p * (lp - m.log())).sum(dim=1).mean().exp())
    s = torch.stack(scores)
    return {"mean": float(s.mean()), "std": float(s.std()) if len(scores) > 1 else None}


def precision_recall(real, fake, k=3):
    """Kynkäänniemi et al. 2019: fraction of each set inside the other's k-NN balls."""

    def radii(x):
        d = ((x[:, None, :] - x[None, :, :]) ** 2).sum(-1)
        return np.sort(d, axis=1)[:, k]

    def inside(q, ref, r):
        d = ((q[:, None, :] - ref[None, :, :]) ** 2).sum(-1)
        return float((d <= r[None, :]).any(axis=1).mean())

    return {"precision": inside(fake, real, radii(real)), "recall": inside(real, fake, radii(fake))}


def frechet(real, fake):
    mu1, mu2 = real.mean(axis=0), fake.mean(axis=0)
    s1, s2 = np.cov(real, rowvar=False), np.cov(fake, rowvar=False)
    value = fid_score.calculate_frechet_distance(mu1, s1, mu2, s2)
    # torchmetrics 1.9 _compute_fid: eigenvalues of sigma1 @ sigma2
    eig = np.linalg.eigvals(s1 @ s2).astype(complex)
    torchmetrics = float(((mu1 - mu2) ** 2).sum() + np.trace(s1) + np.trace(s2) - 2 * np.sqrt(eig).real.sum())
    return {"pytorch_fid": float(value), "torchmetrics": torchmetrics}


HEAD = 4
real_paths = make_images("real", 12)
fake_paths = make_images("fake", 12)
golden = {
    "reference": "tiny random Inception stand-ins run by torch; pytorch-fid 0.3.0 preprocessing and "
    "calculate_frechet_distance; torch-fidelity 0.4 interpolate_bilinear_2d_like_tensorflow1x; "
    "torchmetrics 1.9.0 KID/IS formulas",
    "versions": versions(),
    "images": {
        "real": [os.path.relpath(p, OUT) for p in real_paths],
        "fake": [os.path.relpath(p, OUT) for p in fake_paths],
    },
    "models": {},
}
for name, dims, classes in [("tiny-inception", 2048, 1008), ("tiny-inception-d6", 6, 10)]:
    model = TinyInception(dims, classes)
    model.eval()
    model.calibrate([pytorch_fid_input(p) for p in real_paths + fake_paths])
    export(
        model,
        torch.zeros(1, 3, 299, 299),
        f"inception/{name}.onnx",
        ["images"],
        ["pool3", "logits_unbiased"],
        {"images": {0: "batch"}, "pool3": {0: "batch"}, "logits_unbiased": {0: "batch"}},
    )
    entry = {"features": dims, "classes": classes, "head": HEAD}
    for preprocess, fn in [("pytorch-fid", pytorch_fid_input), ("torch-fidelity", torch_fidelity_input)]:
        rp, rl = features(model, real_paths, fn)
        fp, fl = features(model, fake_paths, fn)
        r64, f64 = rp.double().numpy(), fp.double().numpy()
        # features as little-endian float32 (base64): all rows for the small model and for pool3 with
        # pytorch-fid's preprocessing (the FID cases), else the first HEAD rows (the metrics use all)
        rows = None if dims == 6 else HEAD
        pool_rows = None if dims == 6 or preprocess == "pytorch-fid" else HEAD
        entry[preprocess] = {
            "real_pool3": float32_base64(rp[:pool_rows]),
            "fake_pool3": float32_base64(fp[:pool_rows]),
            "real_logits_unbiased": float32_base64(rl[:rows]),
            "fake_logits_unbiased": float32_base64(fl[:rows]),
            "fid": frechet(r64, f64),
            "kid": kid(r64, f64),
            "inception_score": {
                "splits_1": inception_score(fl.double().numpy(), 1),
                "splits_3": inception_score(fl.double().numpy(), 3),
            },
            "precision_recall": precision_recall(r64, f64),
        }
    golden["models"][name] = entry
    if name == "tiny-inception-d6":
        # two models that do not fit the contract, for the error tests: a fixed batch size, other names
        export(model, torch.zeros(2, 3, 299, 299), "inception/fixed-batch.onnx", ["images"], ["pool3", "logits_unbiased"], {})
        export(
            model,
            torch.zeros(1, 3, 299, 299),
            "inception/other-names.onnx",
            ["input.1"],
            ["features", "logits"],
            {"input.1": {0: "n"}, "features": {0: "n"}, "logits": {0: "n"}},
        )
write_json("inception.json", golden)
