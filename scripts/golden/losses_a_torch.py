"""Golden cases for the losses-a folders (regression, classification, detection, segmentation)
beyond the shared conformance file: PyTorch built-ins with the options the shared cases do not
cover (class weights together with ignore_index and label smoothing, [N, C, d] inputs, per-element
weights, pos_weight with weight, p = 2 margins, log targets, extreme logits of +-100) and
torchvision's sigmoid focal loss on extreme logits. Each case has `value` and `grad_<input>`
(gradient of sum(value)) from torch autograd in float64 on float32-exact inputs.

Run: /usr/bin/python3 scripts/golden/losses_a_torch.py > test/data/golden/losses_a_torch.json
"""
import torch
import torch.nn.functional as F
import torchvision
from losses_cases import DT, CaseFile, f32

torch.manual_seed(4242)
REF = f"torch {torch.__version__}"
golden = CaseFile("losses_a", "golden-losses-a", 4242, {"torch": torch.__version__, "torchvision": torchvision.__version__})
add_dataset = golden.dataset


def add_case(metric, ds, options, fn, diff, ref=REF, note=None):
    golden.case(metric, ref, ds, options, fn, diff, note=note)


# classification: [N, C] and [N, C, d] logits with ignored targets, class weights
n, c = 12, 5
logits = f32(torch.randn(n, c) * 2)
logits[0, 1] = 100.0
logits[1, 3] = -100.0
target = torch.randint(0, c, (n,))
target[2] = -100
target[7] = -100
add_dataset("ce_ignore", input=logits, target=target, weight=f32(torch.rand(c) + 0.2))
for reduction in ["mean", "sum", "none"]:
    for smoothing in [0.0, 0.25]:
        add_case("cross_entropy", "ce_ignore", {"ignore_index": -100, "label_smoothing": smoothing, "reduction": reduction},
                 lambda a, r=reduction, s=smoothing: F.cross_entropy(a["input"], a["target"], weight=a["weight"], ignore_index=-100, label_smoothing=s, reduction=r),
                 ["input"], note="class weights with ignore_index and label smoothing; weighted mean divides by the sum of target weights")
    add_case("nll_loss", "ce_ignore", {"ignore_index": -100, "reduction": reduction, "input_kind": "logits"},
             lambda a, r=reduction: F.nll_loss(F.log_softmax(a["input"], 1), a["target"], weight=a["weight"], ignore_index=-100, reduction=r),
             ["input"], note="input is log_softmax(input) of the stored logits (the adapter applies it)")

logits3 = f32(torch.randn(3, 4, 5))
target3 = torch.randint(0, 4, (3, 5))
target3[1, 2] = -100
add_dataset("ce_spatial", input=logits3, target=target3, weight=f32(torch.rand(4) + 0.5))
for reduction in ["mean", "none"]:
    add_case("cross_entropy", "ce_spatial", {"ignore_index": -100, "label_smoothing": 0.1, "reduction": reduction},
             lambda a, r=reduction: F.cross_entropy(a["input"], a["target"], weight=a["weight"], ignore_index=-100, label_smoothing=0.1, reduction=r),
             ["input"], note="[N, C, d] input, classes on axis 1")

probs_target = f32(torch.softmax(torch.randn(n, c), 1))
add_dataset("ce_probs", input=logits, target=probs_target, weight=f32(torch.rand(c) + 0.2))
add_case("cross_entropy", "ce_probs", {"label_smoothing": 0.2, "reduction": "mean", "target_kind": "probabilities"},
         lambda a: F.cross_entropy(a["input"], a["target"], weight=a["weight"], label_smoothing=0.2), ["input"],
         note="probability targets with class weights: mean divides by N")

add_dataset("kl_log", input=f32(torch.log_softmax(torch.randn(6, 4), 1)), target=f32(torch.log_softmax(torch.randn(6, 4), 1)))
for reduction in ["batchmean", "sum", "none"]:
    add_case("kl_div", "kl_log", {"reduction": reduction, "log_target": True},
             lambda a, r=reduction: F.kl_div(a["input"], a["target"], reduction=r, log_target=True), ["input"])

add_dataset("mm", input=f32(torch.randn(10, 4)), target=torch.randint(0, 4, (10,)), weight=f32(torch.rand(4) + 0.5))
add_case("multi_margin_loss", "mm", {"p": 2, "margin": 0.5, "reduction": "sum"},
         lambda a: F.multi_margin_loss(a["input"], a["target"], p=2, margin=0.5, weight=a["weight"], reduction="sum"), ["input"])
add_case("multi_margin_loss", "mm", {"p": 1, "margin": 1.0, "reduction": "none"},
         lambda a: F.multi_margin_loss(a["input"], a["target"], weight=a["weight"], reduction="none"), ["input"])

ml_input = f32(torch.randn(8, 3) * 3)
ml_input[0, 0] = 100.0
ml_input[1, 1] = -100.0
ml_target = torch.randint(0, 2, (8, 3)).to(DT)
add_dataset("ml", input=ml_input, target=ml_target, weight=f32(torch.rand(3) + 0.5), pos_weight=f32(torch.rand(3) * 3 + 0.5),
            element_weight=f32(torch.rand(8, 3)))
add_case("multilabel_soft_margin_loss", "ml", {"reduction": "none"},
         lambda a: F.multilabel_soft_margin_loss(a["input"], a["target"], weight=a["weight"], reduction="none"), ["input"])
for reduction in ["mean", "none"]:
    add_case("bce_with_logits", "ml", {"reduction": reduction},
             lambda a, r=reduction: F.binary_cross_entropy_with_logits(a["input"], a["target"], weight=a["element_weight"], pos_weight=a["pos_weight"], reduction=r),
             ["input"], note="per-element weight and pos_weight together; logits of +-100")
add_case("sigmoid_focal_loss", "ml", {"alpha": 0.25, "gamma": 2.0, "reduction": "sum"},
         lambda a: torchvision.ops.sigmoid_focal_loss(a["input"], a["target"], alpha=0.25, gamma=2.0, reduction="sum"),
         ["input"], ref=f"torchvision {torchvision.__version__}", note="logits of +-100")

add_dataset("bce", input=f32(torch.rand(8, 3) * 0.98 + 0.01), target=ml_target, element_weight=f32(torch.rand(8, 3)))
add_case("binary_cross_entropy", "bce", {"reduction": "sum"},
         lambda a: F.binary_cross_entropy(a["input"], a["target"], weight=a["element_weight"], reduction="sum"), ["input"])

add_dataset("emb", input=f32(torch.rand(9) * 3), target=torch.tensor([1, -1, 1, -1, -1, 1, 1, -1, 1]).to(DT))
add_case("hinge_embedding_loss", "emb", {"margin": 2.0, "reduction": "sum"},
         lambda a: F.hinge_embedding_loss(a["input"], a["target"], margin=2.0, reduction="sum"), ["input"])
add_dataset("cos", input1=f32(torch.randn(7, 5)), input2=f32(torch.randn(7, 5)), target=torch.tensor([1, -1, 1, -1, -1, 1, -1]).to(DT))
add_case("cosine_embedding_loss", "cos", {"margin": 0.0, "reduction": "none"},
         lambda a: F.cosine_embedding_loss(a["input1"], a["input2"], a["target"], margin=0.0, reduction="none"), ["input1", "input2"])

# regression: reductions none/sum, Poisson full with log input, Gaussian NLL with a shared variance per row
x = f32(torch.randn(10) * 3)
y = f32(torch.randn(10) * 3)
add_dataset("reg", input=x, target=y)
add_case("huber_loss", "reg", {"delta": 0.7, "reduction": "none"}, lambda a: F.huber_loss(a["input"], a["target"], delta=0.7, reduction="none"), ["input"])
add_case("smooth_l1_loss", "reg", {"beta": 1.5, "reduction": "sum"}, lambda a: F.smooth_l1_loss(a["input"], a["target"], beta=1.5, reduction="sum"), ["input"])
add_dataset("pois", input=f32(torch.randn(10)), target=torch.tensor([0, 1, 2, 5, 0, 3, 1, 7, 2, 4]).to(DT))
add_case("poisson_nll_loss", "pois", {"log_input": True, "full": True, "reduction": "sum"},
         lambda a: F.poisson_nll_loss(a["input"], a["target"], log_input=True, full=True, reduction="sum"), ["input"])
add_dataset("gauss", input=f32(torch.randn(6, 3)), target=f32(torch.randn(6, 3)), var=f32(torch.rand(6) + 0.1))
add_case("gaussian_nll_loss", "gauss", {"full": True, "eps": 1e-6, "reduction": "sum"},
         lambda a: F.gaussian_nll_loss(a["input"], a["target"], a["var"], full=True, eps=1e-6, reduction="sum"), ["input", "var"],
         note="one variance per row (var has one dimension fewer than input)")

golden.dump()
