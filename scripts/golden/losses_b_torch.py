"""Golden cases for the losses-b folder (face, depth, generation, sequence) beyond the shared
conformance file: PyTorch built-ins (ctc_loss options, cross_entropy with ignore_index and
label smoothing, mse/l1/bce) and formulas from the papers evaluated with torch autograd in
float64. Inputs are float32 values stored as float64. Images are stored NHWC (TensorFlow.js
layout) and permuted to NCHW for torch.

Run: /usr/bin/python3 scripts/golden/losses_b_torch.py > test/data/golden/losses_b_torch.json
"""
import math

import torch
import torch.nn.functional as F
from losses_cases import DT, CaseFile, f32

torch.manual_seed(2026)
golden = CaseFile("losses", "golden-losses-b", 2026, {"torch": torch.__version__})
add_dataset, add_case = golden.dataset, golden.case


TORCH = f"torch {torch.__version__}"
FORMULA = f"formula via torch {torch.__version__} autograd"

# --- CTC: options the shared file does not cover -------------------------------------------
T, N, C = 30, 4, 6
lp = f32(torch.randn(T, N, C, dtype=DT).log_softmax(2))
tg = torch.tensor([[1, 2, 2, 3, 0], [4, 4, 4, 4, 4], [5, 1, 0, 0, 0], [2, 3, 4, 5, 1]])
add_dataset("ctc_a", log_probs=lp, targets=tg, input_lengths=[30, 5, 20, 30], target_lengths=[4, 5, 0, 5])
for red in ("mean", "sum", "none"):
    for zi in (False, True):
        if not zi and red != "none":
            continue
        add_case("ctc_loss", TORCH, "ctc_a", {"blank": 0, "reduction": red, "zero_infinity": zi},
                 lambda a, red=red, zi=zi: F.ctc_loss(a["log_probs"], torch.as_tensor(a["targets"]), torch.as_tensor(a["input_lengths"]), torch.as_tensor(a["target_lengths"]), blank=0, reduction=red, zero_infinity=zi),
                 ["log_probs"], note="sample 1 has no valid alignment (5 repeated labels in 5 frames); sample 2 has an empty target", rtol=1e-5)
lp2 = f32(torch.randn(12, 2, 4, dtype=DT).log_softmax(2))
add_dataset("ctc_b", log_probs=lp2, targets=[0, 1, 1, 2, 0, 2], input_lengths=[12, 9], target_lengths=[4, 2])
add_case("ctc_loss", TORCH, "ctc_b", {"blank": 3, "reduction": "mean", "zero_infinity": False},
         lambda a: F.ctc_loss(a["log_probs"], torch.as_tensor(a["targets"]), torch.as_tensor(a["input_lengths"]), torch.as_tensor(a["target_lengths"]), blank=3, reduction="mean"),
         ["log_probs"], note="concatenated 1-D targets, blank is the last class", rtol=1e-5)

# --- token-level cross-entropy -------------------------------------------------------------
logits = f32(torch.randn(3, 5, 7, dtype=DT) * 3)
targets = torch.randint(0, 7, (3, 5))
targets[0, 3:] = -100
targets[2, 1:] = -100
add_dataset("tok_a", logits=logits, targets=targets.tolist())
for red in ("mean", "sum", "none"):
    for ls in (0.0, 0.1):
        add_case("token_cross_entropy", TORCH, "tok_a", {"ignore_index": -100, "label_smoothing": ls, "reduction": red},
                 lambda a, red=red, ls=ls: (lambda v: v.reshape(3, 5) if red == "none" else v)(F.cross_entropy(a["logits"].reshape(-1, 7), torch.as_tensor(a["targets"]).reshape(-1), ignore_index=-100, label_smoothing=ls, reduction=red)),
                 ["logits"], note="F.cross_entropy over the flattened (batch*time, vocab) logits")

# --- reconstruction --------------------------------------------------------------------------
x = f32(torch.randn(4, 6, dtype=DT))
y = f32(torch.rand(4, 6, dtype=DT))
p = f32(torch.rand(4, 6, dtype=DT) * 0.98 + 0.01)
add_dataset("rec_a", input=x, target=y, probs=p)
add_case("reconstruction_loss", TORCH, "rec_a", {"kind": "mse", "reduction": "mean"}, lambda a: F.mse_loss(a["input"], a["target"]), ["input"])
add_case("reconstruction_loss", TORCH, "rec_a", {"kind": "l1", "reduction": "sum"}, lambda a: F.l1_loss(a["input"], a["target"], reduction="sum"), ["input"])
add_case("reconstruction_loss", TORCH, "rec_a", {"kind": "bce_logits", "reduction": "mean"}, lambda a: F.binary_cross_entropy_with_logits(a["input"], a["target"]), ["input"])
add_case("reconstruction_loss", TORCH, "rec_a", {"kind": "bce", "reduction": "batchmean"}, lambda a: F.binary_cross_entropy(a["probs"], a["target"], reduction="sum") / 4, ["probs"], note="input is `probs`")

# --- ELBO and flow NLL -----------------------------------------------------------------------
mu = f32(torch.randn(4, 3, dtype=DT))
lv = f32(torch.randn(4, 3, dtype=DT) * 0.5)
add_dataset("elbo_a", input=x, target=y, mu=mu, logvar=lv)
add_case("elbo_loss", FORMULA, "elbo_a", {"reconstruction": "bce_logits", "beta": 2.0},
         lambda a: (F.binary_cross_entropy_with_logits(a["input"], a["target"], reduction="none").sum(1) + 2.0 * (-0.5 * (1 + a["logvar"] - a["mu"] ** 2 - a["logvar"].exp()).sum(1))).mean(),
         ["input", "mu", "logvar"], note="per-sample BCE summed over elements + beta*KL, mean over the batch")
z = f32(torch.randn(5, 2, 3, dtype=DT))
ld = f32(torch.randn(5, dtype=DT))
add_dataset("flow_a", z=z, log_det=ld)
add_case("flow_nll_loss", FORMULA, "flow_a", {"bits_per_dim": False},
         lambda a: (0.5 * (a["z"] ** 2).sum((1, 2)) + 3 * math.log(2 * math.pi) - a["log_det"]).mean(), ["z", "log_det"], note="standard normal prior, D = 6")
add_case("flow_nll_loss", FORMULA, "flow_a", {"bits_per_dim": True, "quantization_bins": 256},
         lambda a: ((0.5 * (a["z"] ** 2).sum((1, 2)) + 3 * math.log(2 * math.pi) + 6 * math.log(256) - a["log_det"]) / (6 * math.log(2))).mean(), ["z", "log_det"], note="bits per dimension with the 8-bit dequantisation term")

# --- GAN kinds not in the shared file --------------------------------------------------------
r = f32(torch.randn(8, dtype=DT) * 2)
fk = f32(torch.randn(8, dtype=DT) * 2)
add_dataset("gan_a", real_logits=r, fake_logits=fk)
gen = {
    "minimax": lambda f: -F.softplus(f).mean(),
    "hinge": lambda f: -f.mean(),
    "least_squares": lambda f: 0.5 * ((f - 1) ** 2).mean(),
    "wasserstein": lambda f: -f.mean(),
}
for kind, fn in gen.items():
    add_case("gan_generator_loss", FORMULA, "gan_a", {"kind": kind}, lambda a, fn=fn: fn(a["fake_logits"]), ["fake_logits"])

# --- depth -------------------------------------------------------------------------------------
pred = f32(torch.rand(2, 5, 6, dtype=DT) * 4 + 0.5)
gt = f32(torch.rand(2, 5, 6, dtype=DT) * 4 + 0.5)
mask = (torch.rand(2, 5, 6) > 0.2).to(DT)
add_dataset("depth_a", input=pred, target=gt, mask=mask)


def silog(a, lam, per_image=True):
    d = (a["input"].log() - a["target"].log()) * a["mask"]
    n = a["mask"].sum((1, 2))
    v = (d ** 2).sum((1, 2)) / n - lam * (d.sum((1, 2)) / n) ** 2
    return v.mean()


add_case("scale_invariant_log_loss", FORMULA, "depth_a", {"lambda": 0.5}, lambda a: silog(a, 0.5), ["input"], note="Eigen et al. 2014 per image over the masked pixels, mean over images")
add_case("scale_invariant_log_loss", FORMULA, "depth_a", {"lambda": 0.85, "sqrt": True, "scale": 10.0, "granularity": "batch"},
         lambda a: 10 * torch.sqrt(((((a["input"].log() - a["target"].log())[a["mask"] > 0]) ** 2).mean() - 0.85 * (((a["input"].log() - a["target"].log())[a["mask"] > 0]).mean()) ** 2)),
         ["input"], note="BTS silog_loss: one D over the batch's valid pixels, sqrt, times 10")


def ssi(a, alpha=0.5, scales=4, batch_based=True):
    p, t, m = a["input"], a["target"], a["mask"]
    a00 = (m * p * p).sum((1, 2)); a01 = (m * p).sum((1, 2)); a11 = m.sum((1, 2))
    b0 = (m * p * t).sum((1, 2)); b1 = (m * t).sum((1, 2))
    det = a00 * a11 - a01 * a01
    s = (a11 * b0 - a01 * b1) / det
    sh = (-a01 * b0 + a00 * b1) / det
    al = s.view(-1, 1, 1) * p + sh.view(-1, 1, 1)

    def red(img, div):
        return img.sum() / div.sum() if batch_based else (img / div).mean()

    total = red((m * (al - t) ** 2).sum((1, 2)), 2 * a11)
    for k in range(scales):
        st = 2 ** k
        pk, tk, mk = al[:, ::st, ::st], t[:, ::st, ::st], m[:, ::st, ::st]
        diff = mk * (pk - tk)
        gx = (diff[:, :, 1:] - diff[:, :, :-1]).abs() * mk[:, :, 1:] * mk[:, :, :-1]
        gy = (diff[:, 1:, :] - diff[:, :-1, :]).abs() * mk[:, 1:, :] * mk[:, :-1, :]
        total = total + alpha * red(gx.sum((1, 2)) + gy.sum((1, 2)), mk.sum((1, 2)))
    return total


add_case("scale_shift_invariant_loss", FORMULA, "depth_a", {"alpha": 0.5, "scales": 4, "reduction": "mean"}, lambda a: ssi(a), ["input"],
         note="Ranftl et al. (MiDaS): least-squares scale and shift, MSE/2 + 0.5 * 4-scale gradient matching, batch-based reduction per term", rtol=1e-5)
add_case("scale_shift_invariant_loss", FORMULA, "depth_a", {"alpha": 0.5, "scales": 2, "reduction": "image"}, lambda a: ssi(a, scales=2, batch_based=False), ["input"],
         note="image-based reduction: each image by its own valid count, then the mean", rtol=1e-5)

img_a = f32(torch.rand(2, 6, 7, 3, dtype=DT))
img_b = f32((img_a + 0.2 * torch.randn(2, 6, 7, 3, dtype=DT)).clamp(0, 1))
disp = f32(torch.rand(2, 6, 7, 1, dtype=DT) + 0.1)
add_dataset("img_a", input=img_a, target=img_b, disparity=disp)


def ssim_map(x, y):  # NCHW, monodepth2 form: reflect pad 1, 3x3 box, C1 = 0.01^2, C2 = 0.03^2
    pad = lambda v: F.pad(v, (1, 1, 1, 1), mode="reflect")
    pool = lambda v: F.avg_pool2d(pad(v), 3, 1)
    mx, my = pool(x), pool(y)
    sx = pool(x * x) - mx ** 2
    sy = pool(y * y) - my ** 2
    sxy = pool(x * y) - mx * my
    c1, c2 = 0.01 ** 2, 0.03 ** 2
    return ((2 * mx * my + c1) * (2 * sxy + c2)) / ((mx ** 2 + my ** 2 + c1) * (sx + sy + c2))


nchw = lambda v: v.permute(0, 3, 1, 2)
add_case("ssim_loss", FORMULA, "img_a", {"window": "uniform", "window_size": 3}, lambda a: (1 - ssim_map(nchw(a["input"]), nchw(a["target"]))).mean(), ["input"],
         note="1 - SSIM with monodepth2's 3x3 reflect-padded box window, mean over pixels and channels")
add_case("photometric_loss", FORMULA, "img_a", {"alpha": 0.85},
         lambda a: (0.85 * ((1 - ssim_map(nchw(a["input"]), nchw(a["target"]))) / 2).clamp(0, 1).mean(1) + 0.15 * (nchw(a["input"]) - nchw(a["target"])).abs().mean(1)).mean(), ["input"],
         note="monodepth2 compute_reprojection_loss, mean over pixels")


def ssim_gauss(x, y, size=5, sigma=1.5):  # NCHW, Wang et al. form: Gaussian window, valid positions
    g = torch.exp(-((torch.arange(size, dtype=DT) - (size - 1) / 2) ** 2) / (2 * sigma ** 2))
    g = g / g.sum()
    k = (g[:, None] * g[None, :]).expand(x.shape[1], 1, size, size)
    pool = lambda v: F.conv2d(v, k, groups=x.shape[1])
    mx, my = pool(x), pool(y)
    sx = pool(x * x) - mx ** 2
    sy = pool(y * y) - my ** 2
    sxy = pool(x * y) - mx * my
    c1, c2 = 0.01 ** 2, 0.03 ** 2
    return ((2 * mx * my + c1) * (2 * sxy + c2)) / ((mx ** 2 + my ** 2 + c1) * (sx + sy + c2))


add_case("ssim_loss", FORMULA, "img_a", {"window": "gaussian", "window_size": 5, "sigma": 1.5}, lambda a: (1 - ssim_gauss(nchw(a["input"]), nchw(a["target"]))).mean(), ["input"],
         note="1 - SSIM with a 5x5 Gaussian window (sigma 1.5), valid positions, population statistics")


def smooth(a):
    d = nchw(a["disparity"])
    d = d / (d.mean((2, 3), keepdim=True) + 1e-7)
    im = nchw(a["target"])
    gdx = (d[:, :, :, :-1] - d[:, :, :, 1:]).abs()
    gdy = (d[:, :, :-1, :] - d[:, :, 1:, :]).abs()
    gix = (im[:, :, :, :-1] - im[:, :, :, 1:]).abs().mean(1, keepdim=True)
    giy = (im[:, :, :-1, :] - im[:, :, 1:, :]).abs().mean(1, keepdim=True)
    return (gdx * torch.exp(-gix)).mean() + (gdy * torch.exp(-giy)).mean()


add_case("edge_aware_smoothness_loss", FORMULA, "img_a", {"normalize": True}, smooth, ["disparity"], note="monodepth2 get_smooth_loss on mean-normalised disparity; image is `target`")

# --- face / metric learning beyond the shared file --------------------------------------------
emb = f32(torch.randn(8, 4, dtype=DT))
lab = [0, 0, 1, 1, 2, 2, 0, 1]
add_dataset("metric_a", emb=emb, labels=lab, emb2=f32(torch.randn(8, 4, dtype=DT)), pred1=f32(torch.randn(8, 4, dtype=DT)), pred2=f32(torch.randn(8, 4, dtype=DT)))


def pdist(e):
    d2 = ((e[:, None, :] - e[None, :, :]) ** 2).sum(-1)
    eye = torch.eye(len(e), dtype=torch.bool)
    return torch.where(eye, torch.zeros_like(d2), torch.sqrt(torch.where(eye, torch.ones_like(d2), d2)))


def batch_hard(a, margin):
    e = a["emb"]; y = torch.tensor(lab)
    d = pdist(e)
    same = y[:, None] == y[None, :]
    pos = same & ~torch.eye(len(y), dtype=torch.bool)
    hp = torch.where(pos, d, torch.zeros_like(d)).max(1).values
    hn = torch.where(~same, d, torch.full_like(d, 1e9)).min(1).values
    return F.relu(hp - hn + margin).mean()


def batch_all(a, margin):
    e = a["emb"]; y = torch.tensor(lab)
    d = pdist(e)
    same = y[:, None] == y[None, :]
    pos = same & ~torch.eye(len(y), dtype=torch.bool)
    valid = pos[:, :, None] & (~same)[:, None, :]
    t = F.relu(d[:, :, None] - d[:, None, :] + margin) * valid
    return t.sum() / (t > 1e-16).sum().clamp(min=1)


add_case("triplet_mining_loss", FORMULA, "metric_a", {"mining": "batch-hard", "margin": 0.5}, lambda a: batch_hard(a, 0.5), ["emb"], note="Hermans et al. 2017 batch-hard, Euclidean distances")
add_case("triplet_mining_loss", FORMULA, "metric_a", {"mining": "batch-all", "margin": 0.5}, lambda a: batch_all(a, 0.5), ["emb"], note="batch-all averaged over triplets with positive loss")


def circle(a, m, g):
    z = F.normalize(a["emb"], dim=1); y = torch.tensor(lab)
    s = z @ z.T
    same = y[:, None] == y[None, :]
    pos = same & ~torch.eye(len(y), dtype=torch.bool)
    ap = (1 + m - s).clamp(min=0).detach(); an = (s + m).clamp(min=0).detach()
    lp_ = torch.where(pos, -g * ap * (s - (1 - m)), torch.full_like(s, -1e9))
    ln_ = torch.where(~same, g * an * (s - m), torch.full_like(s, -1e9))
    return F.softplus(torch.logsumexp(lp_, 1) + torch.logsumexp(ln_, 1)).mean()


add_case("circle_loss", FORMULA, "metric_a", {"margin": 0.25, "gamma": 32.0}, lambda a: circle(a, 0.25, 32.0), ["emb"], note="Sun et al. 2020 pair form per anchor, alphas detached", rtol=1e-5)


def barlow(a, lam):
    bn = lambda v: (v - v.mean(0)) / torch.sqrt(v.var(0, unbiased=False) + 1e-5)
    c = bn(a["emb"]).T @ bn(a["emb2"]) / a["emb"].shape[0]
    on = ((1 - torch.diagonal(c)) ** 2).sum()
    off = (c ** 2).sum() - (torch.diagonal(c) ** 2).sum()
    return on + lam * off


add_case("barlow_twins_loss", FORMULA, "metric_a", {"lambda": 0.005}, lambda a: barlow(a, 0.005), ["emb", "emb2"], note="Zbontar et al. 2021; BatchNorm1d(affine=False) standardisation")
add_case("simsiam_loss", FORMULA, "metric_a", {},
         lambda a: (-(F.normalize(a["pred1"], dim=1) * F.normalize(a["emb2"].detach(), dim=1)).sum(1) * 0.5 - (F.normalize(a["pred2"], dim=1) * F.normalize(a["emb"].detach(), dim=1)).sum(1) * 0.5).mean(),
         ["pred1", "pred2"], note="Chen & He 2021: p1 = pred1, p2 = pred2, z1 = emb, z2 = emb2")

# --- margin-softmax variants beyond the shared file ------------------------------------------
femb = f32(torch.randn(6, 4, dtype=DT))
fw = f32(torch.randn(4, 5, dtype=DT))
flab = [0, 3, 1, 4, 2, 3]
add_dataset("margin_a", emb=femb, weight=fw, labels=flab, bias=f32(torch.randn(5, dtype=DT)))


def cosines(a):
    return (F.normalize(a["emb"], dim=1) @ F.normalize(a["weight"], dim=0)).clamp(-1 + 1e-7, 1 - 1e-7)


def arc_variant(a, s, m, easy, fallback):
    cos = cosines(a)
    phi = torch.cos(torch.acos(cos) + m)
    if easy:
        phi = torch.where(cos > 0, phi, cos)
    elif fallback:
        phi = torch.where(cos > math.cos(math.pi - m), phi, cos - math.sin(math.pi - m) * m)
    oh = F.one_hot(torch.as_tensor(flab), 5).to(DT)
    return F.cross_entropy(s * (oh * phi + (1 - oh) * cos), torch.as_tensor(flab))


add_case("arcface_loss", FORMULA, "margin_a", {"scale": 16.0, "margin": 0.5, "easy_margin": True}, lambda a: arc_variant(a, 16.0, 0.5, True, False), ["emb", "weight"],
         note="insightface easy_margin: cos(theta+m) only where cos > 0", rtol=1e-5)
add_case("arcface_loss", FORMULA, "margin_a", {"scale": 16.0, "margin": 0.5, "easy_margin": False, "threshold_fallback": True}, lambda a: arc_variant(a, 16.0, 0.5, False, True), ["emb", "weight"],
         note="insightface fallback: cos - m*sin(pi - m) where cos <= cos(pi - m)", rtol=1e-5)


def sphere(a, m, lam):
    cos = cosines(a)
    theta = torch.acos(cos)
    k = torch.floor(m * theta / math.pi).detach()
    psi = (-1) ** k * torch.cos(m * theta) - 2 * k
    tgt = (lam * cos + psi) / (1 + lam)
    norm = a["emb"].norm(dim=1, keepdim=True)
    oh = F.one_hot(torch.as_tensor(flab), 5).to(DT)
    return F.cross_entropy(norm * (oh * tgt + (1 - oh) * cos), torch.as_tensor(flab))


add_case("sphereface_loss", FORMULA, "margin_a", {"margin": 4, "lambda": 0.0}, lambda a: sphere(a, 4, 0.0), ["emb", "weight"], note="Liu et al. 2017 A-softmax, psi(theta) = (-1)^k cos(m theta) - 2k, k detached", rtol=1e-5)
add_case("sphereface_loss", FORMULA, "margin_a", {"margin": 2, "lambda": 5.0}, lambda a: sphere(a, 2, 5.0), ["emb", "weight"], note="annealed target (lambda cos + psi)/(1 + lambda)", rtol=1e-5)
add_case("softmax_loss", TORCH, "margin_a", {}, lambda a: F.cross_entropy(a["emb"] @ a["weight"] + a["bias"], torch.as_tensor(flab)), ["emb", "weight"], note="F.cross_entropy of emb @ weight + bias")


# --- CTC with NaN log-probabilities (issue 9): NaN propagates, zero_infinity does not hide it --
gen = torch.Generator().manual_seed(909)
lp3 = f32(torch.randn(6, 3, 4, generator=gen, dtype=DT).log_softmax(2))
lp3[2, 0, 1] = float("nan")  # a target class of sample 0, inside its frames: loss and gradient NaN
lp3[1, 1, 3] = float("nan")  # a class sample 1 never emits: finite loss, NaN in that gradient entry
lp3[5, 2, 1] = float("nan")  # past sample 2's input length: never read
add_dataset("ctc_nan", log_probs=lp3, targets=[[1, 2], [1, 2], [1, 2]], input_lengths=[6, 6, 4], target_lengths=[2, 2, 2])
for red in ("none", "mean"):
    for zi in (False, True):
        add_case("ctc_loss", TORCH, "ctc_nan", {"blank": 0, "reduction": red, "zero_infinity": zi},
                 lambda a, red=red, zi=zi: F.ctc_loss(a["log_probs"], torch.as_tensor(a["targets"]), torch.as_tensor(a["input_lengths"]), torch.as_tensor(a["target_lengths"]), blank=0, reduction=red, zero_infinity=zi),
                 ["log_probs"], note="NaN log-probabilities: NaN loss and gradients where a path reads them, also with zero_infinity", rtol=1e-5)


golden.dump()
