"""Golden cases for the survey items of issue 11 (section 4) and the reference tests of losses that
had only hand-worked tests: each case has `value` and `grad_<input>` (the gradient of sum(value))
from torch autograd in float64 on float32-exact inputs, computed by the reference code the case
names, transcribed to torch where the reference is TensorFlow or a paper:

- left_right_consistency_loss: monodepth's lr_loss (Godard et al. 2017, mrharicot/monodepth,
  bilinear_sampler_1d_h in 'border' mode: one pixel of zero padding, clipped coordinates)
- minimum_reprojection_loss: monodepth2's compute_losses at one scale (nianticlabs/monodepth2,
  SSIM layer, min over reprojection and identity errors; tie-breaking noise 0)
- contrastive_divergence: CD-k of a Bernoulli RBM (Hinton 2002) with a mean-field chain
- triplet_mining_loss (semi-hard): TensorFlow Addons' triplet_semihard_loss, op for op
- yolo_v1_loss: Redmon et al. 2016, eq. 3 (responsible box by IoU, confidence target the IoU)
- squared_hinge_loss: Keras' squared_hinge, -1/+1 and 0/1 labels
- iou_loss: 1 - IoU with torchvision's _loss_inter_union and eps 1e-7
- yolo_loss: YOLOv5-style parts with torchvision's complete_box_iou_loss and BCE with logits
- perceptual_loss: a two-layer feature extractor, MSE and L1 distances, layer weights
- gradient_penalty: WGAN-GP of a two-layer critic (gradient with respect to the critic's weights
  through the inner gradient, create_graph=True)
- reinforce_loss: -(r - mean r) log p of sampled token sequences under a softmax policy, gradient
  with respect to the policy's logits
- uncertainty_weighting: Kendall et al. 2018, sum_i c_i exp(-s_i) L_i + s_i / 2

Run: /usr/bin/python3 scripts/golden/losses_survey_torch.py > test/data/golden/losses_survey_torch.json
"""
import torch
import torch.nn.functional as F
import torchvision
from losses_cases import DT, CaseFile, f32

torch.manual_seed(1107)
TORCH = f"torch {torch.__version__}"
golden = CaseFile("losses_survey", "golden-losses-survey", 1107,
                  {"torch": torch.__version__, "torchvision": torchvision.__version__})
add_dataset, add_case = golden.dataset, golden.case


# --- left-right disparity consistency (monodepth) ------------------------------------------------
def bilinear_sampler_1d_h(im, x_offset):
    """monodepth's bilinear_sampler_1d_h, wrap mode 'border': im [N, H, W, C], x_offset [N, H, W]
    in fractions of the width."""
    n, h, w, c = im.shape
    im = F.pad(im, (0, 0, 1, 1, 1, 1))  # one zero pixel on each side of H and W
    x_t = torch.arange(w, dtype=DT).view(1, 1, w).expand(n, h, w)
    x = x_t + x_offset * w + 1
    x = torch.clamp(x, 0.0, w - 1 + 2)
    x0_f = torch.floor(x)
    x1_f = x0_f + 1
    x0 = x0_f.long()
    x1 = torch.clamp(x1_f, max=w - 1 + 2).long()
    rows = im[:, 1:h + 1]  # the padded rows are never read (y is an integer row)
    pix_l = torch.gather(rows, 2, x0.unsqueeze(3).expand(n, h, w, c))
    pix_r = torch.gather(rows, 2, x1.unsqueeze(3).expand(n, h, w, c))
    return (x1_f - x).unsqueeze(3) * pix_l + (x - x0_f).unsqueeze(3) * pix_r


def lr_loss(a, units, reduction):
    dl, dr = a["disp_left"], a["disp_right"]
    scale = 1.0 if units == "width" else 1.0 / dl.shape[2]
    r2l = bilinear_sampler_1d_h(dr.unsqueeze(3), -dl * scale).squeeze(3)
    l2r = bilinear_sampler_1d_h(dl.unsqueeze(3), dr * scale).squeeze(3)
    left, right = (r2l - dl).abs(), (l2r - dr).abs()
    if reduction == "none":
        return left + right
    if reduction == "sum":
        return left.sum() + right.sum()
    return left.mean() + right.mean()


add_dataset("lr_width", disp_left=f32(torch.rand(2, 5, 9, dtype=DT) * 0.3), disp_right=f32(torch.rand(2, 5, 9, dtype=DT) * 0.3))
add_dataset("lr_pixels", disp_left=f32(torch.rand(1, 4, 12, dtype=DT) * 5 - 1), disp_right=f32(torch.rand(1, 4, 12, dtype=DT) * 5 - 1))
for red in ("mean", "none"):
    add_case("left_right_consistency_loss", "monodepth lr_loss (Godard et al. 2017) transcribed to " + TORCH, "lr_width",
             {"units": "width", "reduction": red}, lambda a, red=red: lr_loss(a, "width", red), ["disp_left", "disp_right"],
             note="disparities as fractions of the width; offsets past the border sample the zero padding", rtol=1e-5)
add_case("left_right_consistency_loss", "monodepth lr_loss (Godard et al. 2017) transcribed to " + TORCH, "lr_pixels",
         {"units": "pixels", "reduction": "sum"}, lambda a: lr_loss(a, "pixels", "sum"), ["disp_left", "disp_right"],
         note="disparities in pixels, some negative and past the borders", rtol=1e-5)


# --- minimum reprojection with auto-masking (monodepth2) ------------------------------------------
def ssim_loss_map(x, y):
    """monodepth2's SSIM layer on NCHW: reflection pad 1, 3x3 average pool, clamp((1 - SSIM) / 2)."""
    pad = torch.nn.ReflectionPad2d(1)
    pool = torch.nn.AvgPool2d(3, 1)
    x, y = pad(x), pad(y)
    mu_x, mu_y = pool(x), pool(y)
    sigma_x = pool(x ** 2) - mu_x ** 2
    sigma_y = pool(y ** 2) - mu_y ** 2
    sigma_xy = pool(x * y) - mu_x * mu_y
    c1, c2 = 0.01 ** 2, 0.03 ** 2
    n = (2 * mu_x * mu_y + c1) * (2 * sigma_xy + c2)
    d = (mu_x ** 2 + mu_y ** 2 + c1) * (sigma_x + sigma_y + c2)
    return torch.clamp((1 - n / d) / 2, 0, 1)


def reprojection_error(pred, target, alpha):
    """monodepth2 compute_reprojection_loss (alpha = 0.85 there; 0 is no_ssim), NCHW -> [N, 1, H, W]."""
    l1 = (target - pred).abs().mean(1, True)
    if alpha == 0:
        return l1
    return alpha * ssim_loss_map(pred, target).mean(1, True) + (1 - alpha) * l1


def min_reprojection(a, n_src, automask, combine, alpha):
    nchw = lambda t: t.permute(0, 3, 1, 2)
    target = nchw(a["target"])
    errors = torch.cat([reprojection_error(nchw(a[f"warped{k}"]), target, alpha) for k in range(n_src)], 1)
    if combine == "mean":
        errors = errors.mean(1, keepdim=True)
    if automask:
        identity = torch.cat([reprojection_error(nchw(a[f"source{k}"]), target, alpha) for k in range(n_src)], 1)
        if combine == "mean":
            identity = identity.mean(1, keepdim=True)
        errors = torch.cat((identity, errors), 1)
    to_optimise = errors if errors.shape[1] == 1 else torch.min(errors, dim=1)[0]
    return to_optimise.mean()


tgt = f32(torch.rand(2, 6, 7, 3, dtype=DT))
frames = {}
for k in range(2):
    frames[f"source{k}"] = f32(torch.rand(2, 6, 7, 3, dtype=DT))
    frames[f"warped{k}"] = f32((tgt + 0.2 * torch.randn(2, 6, 7, 3, dtype=DT)).clamp(0, 1))
frames["source1"][:, :3] = tgt[:, :3]  # a static region: the identity error wins there
add_dataset("reproj", target=tgt, **frames)
MD2 = "monodepth2 compute_losses (Godard et al. 2019), one scale, tie-breaking noise 0, " + TORCH
for automask, combine, alpha in ((True, "min", 0.85), (False, "min", 0.85), (True, "mean", 0.85), (True, "min", 0.0)):
    add_case("minimum_reprojection_loss", MD2, "reproj",
             {"automask": automask, "combine": combine, "alpha": alpha},
             lambda a, am=automask, cb=combine, al=alpha: min_reprojection(a, 2, am, cb, al),
             ["warped0", "warped1"], note="NHWC inputs permuted to NCHW for the reference", rtol=1e-5, atol=1e-8)


# --- contrastive divergence (RBM) ------------------------------------------------------------------
def free_energy(v, w, b, c):
    return -(v @ b) - F.softplus(v @ w + c).sum(1)


def cd_loss(a, k):
    w, b, c = a["weight"], a["visible_bias"], a["hidden_bias"]
    v = a["visible"]
    chain = v
    with torch.no_grad():
        for _ in range(k):
            h = torch.sigmoid(chain @ w + c)
            chain = torch.sigmoid(h @ w.t() + b)
    return (free_energy(v, w, b, c) - free_energy(chain, w, b, c)).mean()


add_dataset("rbm", visible=(torch.rand(6, 5) < 0.5).to(DT), weight=f32(torch.randn(5, 3, dtype=DT) * 0.5),
            visible_bias=f32(torch.randn(5, dtype=DT) * 0.1), hidden_bias=f32(torch.randn(3, dtype=DT) * 0.1))
for k in (1, 3):
    add_case("contrastive_divergence", "CD-k (Hinton 2002), mean-field chain, " + TORCH, "rbm",
             {"steps": k, "sampling": "mean-field"}, lambda a, k=k: cd_loss(a, k),
             ["weight", "visible_bias", "hidden_bias"], note="the chain is a constant (no_grad), as in CD")


# --- semi-hard triplet mining (TensorFlow Addons) --------------------------------------------------
def pairwise(e, squared):
    sq = (e * e).sum(1, keepdim=True)
    d2 = torch.clamp(sq + sq.t() - 2 * e @ e.t(), min=0.0)
    d2 = d2 * (1 - torch.eye(e.shape[0], dtype=DT))
    return d2 if squared else torch.sqrt(d2 + (d2 == 0).to(DT) * 1e-300) * (d2 > 0).to(DT)


def masked_maximum(data, mask, dim=1):
    axis_minimums = data.min(dim, keepdim=True)[0]
    return ((data - axis_minimums) * mask).max(dim, keepdim=True)[0] + axis_minimums


def masked_minimum(data, mask, dim=1):
    axis_maximums = data.max(dim, keepdim=True)[0]
    return ((data - axis_maximums) * mask).min(dim, keepdim=True)[0] + axis_maximums


def triplet_semihard(a, margin, squared):
    labels = torch.as_tensor(a["labels"]).view(-1, 1)
    pdist = pairwise(a["emb"], squared)
    b = labels.shape[0]
    adjacency = labels == labels.t()
    adjacency_not = ~adjacency
    pdist_tile = pdist.repeat(b, 1)
    mask = adjacency_not.repeat(b, 1) & (pdist_tile > pdist.t().reshape(-1, 1))
    mask_final = (mask.to(DT).sum(1, keepdim=True) > 0).view(b, b).t()
    negatives_outside = masked_minimum(pdist_tile, mask.to(DT)).view(b, b).t()
    negatives_inside = masked_maximum(pdist, adjacency_not.to(DT)).repeat(1, b)
    semi = torch.where(mask_final, negatives_outside, negatives_inside)
    loss_mat = margin + pdist - semi
    mask_positives = adjacency.to(DT) - torch.eye(b, dtype=DT)
    return torch.clamp(loss_mat * mask_positives, min=0).sum() / mask_positives.sum()


add_dataset("semihard", emb=f32(F.normalize(torch.randn(10, 4, dtype=DT), dim=1)), labels=[0, 1, 0, 2, 1, 2, 0, 1, 3, 3])
TFA = "tensorflow_addons 0.20 triplet_semihard_loss transcribed to " + TORCH
add_case("triplet_mining_loss", TFA, "semihard", {"mining": "semi-hard", "margin": 1.0, "squared": True},
         lambda a: triplet_semihard(a, 1.0, True), ["emb"], note="TFA's distance_metric 'L_2' (squared distances)")
add_case("triplet_mining_loss", TFA, "semihard", {"mining": "semi-hard", "margin": 0.3, "squared": False},
         lambda a: triplet_semihard(a, 0.3, False), ["emb"], note="Euclidean distances, a small margin")


# --- YOLOv1 sum-squared loss ----------------------------------------------------------------------
def yolo_v1(a, B, lambda_coord, lambda_noobj, conf_target, reduction):
    pred, target = a["predictions"], a["target"]
    n, s = pred.shape[0], pred.shape[1]
    boxes = pred[..., :B * 5].reshape(n, s, s, B, 5)
    x, y, w, h, conf = boxes.unbind(4)
    probs = pred[..., B * 5:]
    tx, ty, tw, th = [target[..., k].unsqueeze(3) for k in range(4)]
    obj = target[..., 4]
    tcls = target[..., 5:]
    col = torch.arange(s, dtype=DT).view(1, 1, s, 1)
    row = torch.arange(s, dtype=DT).view(1, s, 1, 1)
    with torch.no_grad():
        def corners(cx, cy, bw, bh):
            cx, cy = (cx + col) / s, (cy + row) / s
            return cx - bw / 2, cy - bh / 2, cx + bw / 2, cy + bh / 2
        ax1, ay1, ax2, ay2 = corners(x, y, w, h)
        bx1, by1, bx2, by2 = corners(tx, ty, tw, th)
        iw = (torch.min(ax2, bx2) - torch.max(ax1, bx1)).clamp(min=0)
        ih = (torch.min(ay2, by2) - torch.max(ay1, by1)).clamp(min=0)
        inter = iw * ih
        iou = inter / torch.clamp(w * h + tw * th - inter, min=1e-12)
        best = torch.zeros_like(iou)
        best.scatter_(3, iou.argmax(3, keepdim=True), 1.0)
        resp = best * obj.unsqueeze(3)
    noobj = 1 - resp
    coord = lambda_coord * (resp * ((x - tx) ** 2 + (y - ty) ** 2 + (w.sqrt() - tw.sqrt()) ** 2 + (h.sqrt() - th.sqrt()) ** 2)).sum()
    goal = iou if conf_target == "iou" else torch.ones_like(iou)
    confidence = (resp * (conf - goal) ** 2).sum() + lambda_noobj * (noobj * conf ** 2).sum()
    classification = (obj.unsqueeze(3) * (probs - tcls) ** 2).sum()
    total = coord + confidence + classification
    return total / n if reduction == "mean" else total


S, B, C = 3, 2, 4
pred = torch.rand(2, S, S, B * 5 + C, dtype=DT) * 0.8 + 0.1
tgt = torch.zeros(2, S, S, 5 + C, dtype=DT)
for img, cells in ((0, [(0, 1), (2, 2)]), (1, [(1, 1)])):
    for (r, cc) in cells:
        tgt[img, r, cc, :4] = torch.rand(4, dtype=DT) * 0.6 + 0.2
        tgt[img, r, cc, 4] = 1
        tgt[img, r, cc, 5 + torch.randint(0, C, (1,)).item()] = 1
add_dataset("yolo_v1", predictions=f32(pred), target=f32(tgt))
YV1 = "YOLOv1 eq. 3 (Redmon et al. 2016) re-implemented in " + TORCH
add_case("yolo_v1_loss", YV1, "yolo_v1", {"num_boxes": 2, "confidence_target": "iou", "reduction": "sum"},
         lambda a: yolo_v1(a, 2, 5.0, 0.5, "iou", "sum"), ["predictions"], note="lambda_coord 5, lambda_noobj 0.5", rtol=1e-5)
add_case("yolo_v1_loss", YV1, "yolo_v1", {"num_boxes": 2, "confidence_target": "one", "reduction": "mean", "lambda_coord": 2.0, "lambda_no_object": 1.0},
         lambda a: yolo_v1(a, 2, 2.0, 1.0, "one", "mean"), ["predictions"], note="confidence target 1, mean over the batch", rtol=1e-5)


# --- squared hinge (Keras) ------------------------------------------------------------------------
add_dataset("hinge", input=f32(torch.randn(4, 5, dtype=DT)), signed=(torch.randint(0, 2, (4, 5)) * 2 - 1).to(DT),
            binary=torch.randint(0, 2, (4, 5)).to(DT))
KERAS = "Keras 3 squared_hinge formula (mean of max(0, 1 - y x)^2) in " + TORCH
add_case("squared_hinge_loss", KERAS, "hinge", {"labels": "signed"},
         lambda a: torch.clamp(1 - a["signed"] * a["input"], min=0).pow(2).mean(), ["input"])
add_case("squared_hinge_loss", KERAS, "hinge", {"labels": "binary"},
         lambda a: torch.clamp(1 - (2 * a["binary"] - 1) * a["input"], min=0).pow(2).mean(), ["input"],
         note="0/1 labels mapped to -1/+1 as Keras does")


# --- IoU loss and the YOLOv5-style composite --------------------------------------------------------
from torchvision.ops._utils import _loss_inter_union  # noqa: E402

p1 = torch.rand(6, 2, dtype=DT) * 5
b1 = torch.cat([p1, p1 + torch.rand(6, 2, dtype=DT) * 4 + 0.5], 1)
p2 = p1 + torch.randn(6, 2, dtype=DT)
b2 = torch.cat([p2, p2 + torch.rand(6, 2, dtype=DT) * 4 + 0.5], 1)
b2[5] = torch.tensor([20.0, 20.0, 22.0, 23.0], dtype=DT)  # no overlap: loss 1, zero gradient
add_dataset("iou", pred=f32(b1), target=f32(b2))


def iou_loss(a, reduction):
    inter, union = _loss_inter_union(a["pred"], a["target"])
    loss = 1 - inter / (union + 1e-7)
    return loss if reduction == "none" else (loss.sum() if reduction == "sum" else loss.mean())


for red in ("none", "mean"):
    add_case("iou_loss", "1 - IoU with torchvision 0.14 _loss_inter_union, eps 1e-7, " + TORCH, "iou", {"reduction": red},
             lambda a, red=red: iou_loss(a, red), ["pred"])

obj_logits = f32(torch.randn(2, 3, 4, dtype=DT) * 2)
obj_target = torch.zeros(2, 3, 4, dtype=DT)
obj_target[0, 1, 2] = 0.8
obj_target[1, 0, 3] = 1.0
add_dataset("yolo_v5", pred_boxes=f32(b1[:4]), target_boxes=f32(b2[:4]), objectness_logits=obj_logits,
            objectness_target=f32(obj_target), class_logits=f32(torch.randn(4, 3, dtype=DT)), class_target=[2, 0, 1, 1])


def yolo_v5(a, box_weight, obj_weight, cls_weight):
    box = torchvision.ops.complete_box_iou_loss(a["pred_boxes"], a["target_boxes"], reduction="mean", eps=1e-7)
    obj = F.binary_cross_entropy_with_logits(a["objectness_logits"], a["objectness_target"])
    onehot = F.one_hot(torch.as_tensor(a["class_target"]), 3).to(DT)
    cls = F.binary_cross_entropy_with_logits(a["class_logits"], onehot)
    return box_weight * box + obj_weight * obj + cls_weight * cls


add_case("yolo_loss", "YOLOv5 ComputeLoss parts: torchvision 0.14 complete_box_iou_loss + BCE with logits, " + TORCH, "yolo_v5",
         {"box_weight": 0.05, "objectness_weight": 1.0, "class_weight": 0.5}, lambda a: yolo_v5(a, 0.05, 1.0, 0.5),
         ["pred_boxes", "objectness_logits", "class_logits"], note="total = 0.05 box + 1 objectness + 0.5 class", rtol=1e-5)


# --- perceptual loss and gradient penalty ------------------------------------------------------------
def features(x, w1, w2):
    f1 = torch.tanh(x @ w1)
    return [f1, torch.relu(f1 @ w2)]


add_dataset("perceptual", input=f32(torch.randn(3, 6, dtype=DT)), target=f32(torch.randn(3, 6, dtype=DT)),
            w1=f32(torch.randn(6, 5, dtype=DT) * 0.5), w2=f32(torch.randn(5, 4, dtype=DT) * 0.5))


def perceptual(a, distance, weights, reduction):
    fx = features(a["input"], a["w1"], a["w2"])
    fy = [t.detach() for t in features(a["target"], a["w1"], a["w2"])]
    total = 0
    for j, (p, q) in enumerate(zip(fx, fy)):
        d = (p - q) ** 2 if distance == "mse" else (p - q).abs()
        term = d.mean(1) if reduction == "none" else (d.sum() if reduction == "sum" else d.mean())
        total = total + weights[j] * term
    return total


PERC = "perceptual loss (Johnson et al. 2016) with a tanh/relu feature extractor, target features detached, " + TORCH
add_case("perceptual_loss", PERC, "perceptual", {"distance": "mse", "layer_weights": [1.0, 0.5], "reduction": "mean"},
         lambda a: perceptual(a, "mse", [1.0, 0.5], "mean"), ["input", "w1", "w2"], note="gradients reach the extractor through the input's features only")
add_case("perceptual_loss", PERC, "perceptual", {"distance": "l1", "layer_weights": [0.3, 2.0], "reduction": "none"},
         lambda a: perceptual(a, "l1", [0.3, 2.0], "none"), ["input"])

add_dataset("critic", real=f32(torch.randn(4, 3, dtype=DT)), fake=f32(torch.randn(4, 3, dtype=DT)),
            epsilon=f32(torch.rand(4, dtype=DT)), w1=f32(torch.randn(3, 5, dtype=DT) * 0.7), w2=f32(torch.randn(5, 1, dtype=DT) * 0.7))


def gradient_penalty(a, lam, target, critic):
    eps = a["epsilon"].view(-1, 1)
    x = (eps * a["real"] + (1 - eps) * a["fake"]).detach().requires_grad_(True)
    hidden = x @ a["w1"]
    hidden = F.leaky_relu(hidden, 0.2) if critic == "leaky_relu" else hidden ** 2
    scores = hidden @ a["w2"]
    g, = torch.autograd.grad(scores.sum(), x, create_graph=True)
    return lam * ((g.pow(2).sum(1).sqrt() - target) ** 2).mean()


# Critics whose ops' gradients read their inputs (leaky ReLU, square, matMul): TensorFlow.js
# differentiates those twice correctly, but not tanh or sigmoid, whose gradients read the saved
# output (see gradient-penalty.ts).
add_case("gradient_penalty", "WGAN-GP (Gulrajani et al. 2017), critic leaky_relu(x W1, 0.2) W2, " + TORCH, "critic",
         {"lambda": 10.0, "target": 1.0, "critic": "leaky_relu"}, lambda a: gradient_penalty(a, 10.0, 1.0, "leaky_relu"), ["w1", "w2"],
         note="the penalty's gradient with respect to the critic's weights goes through the inner gradient (double backward)")
add_case("gradient_penalty", "WGAN-GP (Gulrajani et al. 2017), critic (x W1)^2 W2, " + TORCH, "critic",
         {"lambda": 2.0, "target": 0.5, "critic": "square"}, lambda a: gradient_penalty(a, 2.0, 0.5, "square"), ["w1", "w2"],
         note="a smooth critic: the inner gradient depends on W1 through x W1 as well")


# --- REINFORCE ----------------------------------------------------------------------------------------
samples = [[1, 2, 3], [1, 1, 0], [3, 2, 2], [0, 1, 3]]
references = [[1, 2, 3], [1, 0, 1], [3, 0, 2], [2, 2, 2]]
add_dataset("reinforce", logits=f32(torch.randn(4, 3, 4, dtype=DT)), samples=samples, references=references)


def reinforce(a, baseline):
    logp = F.log_softmax(a["logits"], -1).gather(2, torch.as_tensor(a["samples"]).unsqueeze(2)).squeeze(2).sum(1)
    rewards = torch.tensor([sum(s == r for s, r in zip(sa, re)) / 3 for sa, re in zip(a["samples"], a["references"])], dtype=DT)
    b = rewards.mean() if baseline == "mean" else 0.0
    return (-(rewards - b) * logp).mean()


for baseline in ("mean", "none"):
    add_case("reinforce_loss", "REINFORCE (Williams 1992) with reward = token accuracy, " + TORCH, "reinforce",
             {"baseline": baseline}, lambda a, b=baseline: reinforce(a, b), ["logits"],
             note="log p(y) = sum of the sampled tokens' log-softmax; gradient with respect to the policy's logits")


# --- uncertainty weighting (Kendall et al. 2018) ---------------------------------------------------------
add_dataset("uncertainty", losses=f32(torch.rand(3, dtype=DT) * 3), log_variances=f32(torch.randn(3, dtype=DT) * 0.5))
for types in (["regression", "classification", "regression"], ["regression", "regression", "regression"]):
    scales = torch.tensor([1.0 if t == "classification" else 0.5 for t in types], dtype=DT)
    add_case("uncertainty_weighting", "Kendall, Gal & Cipolla 2018, eq. 7 and 10, " + TORCH, "uncertainty",
             {"task_types": types}, lambda a, sc=scales: (sc * torch.exp(-a["log_variances"]) * a["losses"] + 0.5 * a["log_variances"]).sum(),
             ["losses", "log_variances"], note="c_i = 1/2 (regression) or 1 (classification)")


golden.dump()
