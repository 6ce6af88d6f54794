"""Golden values for the loss-weighting helpers that are not single losses:

- class_weights: scikit-learn compute_class_weight("balanced"); N / n_c; the effective-number
  weights of Cui et al. 2019 as the authors' code computes them ((1 - beta) / (1 - beta^n),
  normalised to sum C); PyTorch's pos_weight recipe (negatives / positives per column)
- mgda: MinNormSolver.find_min_norm_element_FW and gradient_normalizers of the MGDA authors' code
  (isl-org/MultiObjectiveOptimization, run from source)
- pcgrad: Algorithm 1 of Yu et al. 2020 in torch with the other tasks in index order
- cov_weighting: the authors' CoVWeightingLoss (rickgroen/cov-weighting, run from source) fed
  with fixed loss sequences
- grad_norm: a torch re-implementation of GradNorm's update (Chen et al. 2018: L_grad = sum_i
  |G_i - G_mean r_i^alpha| with the targets detached, Adam on the weights, renormalised to sum T)
  on a two-task model, with the network updated by SGD on the weighted loss after each weight update

Run: PYTHONPATH=<MultiObjectiveOptimization>/multi_task:<cov-weighting> /usr/bin/python3 scripts/golden/losses_weighting.py > test/data/golden/losses_weighting.json
"""
import json
import sys
import types

import numpy as np
import sklearn
import torch
from sklearn.utils.class_weight import compute_class_weight

torch.manual_seed(77)
rng = np.random.default_rng(77)
out = {"versions": {"scikit-learn": sklearn.__version__, "torch": torch.__version__, "numpy": np.__version__}}

# --- class weights ---------------------------------------------------------------------------------
class_cases = []
for labels in ([0, 0, 0, 1, 2, 2], list(rng.integers(0, 5, 200)), [1, 1, 1, 1, 0, 3, 2, 2, 3, 3, 3, 3, 3]):
    labels = [int(v) for v in labels]
    y = np.array(labels)
    classes = np.arange(y.max() + 1)
    counts = np.bincount(y, minlength=len(classes)).astype(float)
    case = {"labels": labels,
            "balanced": compute_class_weight("balanced", classes=classes, y=y).tolist(),
            "inverse_frequency": (len(y) / counts).tolist(), "effective_number": {}}
    for beta in (0.9, 0.999, 0.9999):
        effective_num = 1.0 - np.power(beta, counts)
        weights = (1.0 - beta) / np.array(effective_num)
        case["effective_number"][str(beta)] = (weights / np.sum(weights) * len(classes)).tolist()
    class_cases.append(case)
multi = (rng.random((40, 3)) < np.array([0.1, 0.5, 0.8])).astype(int)
out["class_weights"] = {"ref": f"scikit-learn {sklearn.__version__} compute_class_weight; Cui et al. 2019 code; numpy",
                        "cases": class_cases,
                        "positive": {"target": multi.tolist(), "pos_weight": ((len(multi) - multi.sum(0)) / multi.sum(0)).tolist()}}

# --- MGDA -----------------------------------------------------------------------------------------
from min_norm_solvers import MinNormSolver, gradient_normalizers  # noqa: E402

mgda_cases = []
sets = [rng.normal(size=(2, 6)), rng.normal(size=(3, 8)), rng.normal(size=(5, 10)),
        np.array([[1.0, 0.0], [3.0, 0.5]]),  # the first gradient lies inside: the 0.999 end point
        rng.normal(size=(4, 3)) + np.array([2.0, 0.0, 0.0])]
for grads in sets:
    losses = (rng.random(len(grads)) * 2 + 0.1).tolist()
    for normalization in ("none", "l2", "loss", "loss+"):
        g = {t: [torch.tensor(grads[t])] for t in range(len(grads))}
        gn = gradient_normalizers(g, dict(enumerate(losses)), normalization)
        vecs = [[g[t][0] / float(gn[t])] for t in range(len(grads))]
        sol, nd = MinNormSolver.find_min_norm_element_FW(vecs)
        mgda_cases.append({"gradients": grads.tolist(), "losses": losses, "normalization": normalization,
                           "weights": [float(v) for v in sol], "squared_norm": float(nd)})
out["mgda"] = {"ref": "isl-org/MultiObjectiveOptimization MinNormSolver.find_min_norm_element_FW", "cases": mgda_cases}

# --- PCGrad ---------------------------------------------------------------------------------------
def pcgrad(grads, reduction):
    grads = [torch.tensor(g, dtype=torch.float64) for g in grads]
    merged = torch.zeros_like(grads[0])
    for i, gi in enumerate(grads):
        p = gi.clone()
        for j, gj in enumerate(grads):
            if j == i:
                continue
            d = torch.dot(p, gj)
            if d < 0:
                p = p - d / (gj.norm() ** 2) * gj
        merged += p
    return (merged / len(grads) if reduction == "mean" else merged).tolist()


pc_cases = []
for grads in (rng.normal(size=(2, 5)), rng.normal(size=(3, 6)), rng.normal(size=(4, 4)), np.array([[1.0, 0.0], [-1.0, 1.0]])):
    for reduction in ("sum", "mean"):
        pc_cases.append({"gradients": grads.tolist(), "reduction": reduction, "merged": pcgrad(grads, reduction)})
out["pcgrad"] = {"ref": "Yu et al. 2020 Algorithm 1 in torch, other tasks in index order", "cases": pc_cases}

# --- CoV weighting ----------------------------------------------------------------------------------
sys.modules["config"] = types.SimpleNamespace(NUM_LOSSES=3)
from losses.covweighting_loss import CoVWeightingLoss  # noqa: E402

cov_cases = []
sequence = (rng.random((8, 3)) * np.array([2.0, 0.5, 5.0]) + 0.05).tolist()
for mean_sort, decay in (("full", 1.0), ("decay", 0.7)):
    args = types.SimpleNamespace(device="cpu", mean_sort=mean_sort, mean_decay_param=decay)
    loss = CoVWeightingLoss(args)
    loss.train = True
    weights = []
    for step in sequence:
        values = [torch.tensor(v) for v in step]
        # the BaseLoss forward computes the task losses; here they are given
        loss.__class__.__bases__[0].forward = lambda self, pred, target, v=values: v
        loss.forward(None, None)
        weights.append(loss.alphas.tolist())
    cov_cases.append({"mean_sort": mean_sort, "mean_decay": decay, "losses": sequence, "weights": weights})
out["cov_weighting"] = {"ref": "rickgroen/cov-weighting CoVWeightingLoss (float32 torch tensors)", "cases": cov_cases}

# --- GradNorm -----------------------------------------------------------------------------------------
DT = torch.float64
f32 = lambda t: t.to(torch.float32).to(DT)
X = f32(torch.randn(16, 4, dtype=DT))
Y = [f32(torch.randn(16, dtype=DT)), f32(torch.randn(16, dtype=DT) * 3)]
W0 = f32(torch.randn(4, 5, dtype=DT) * 0.5)
V0 = [f32(torch.randn(5, dtype=DT) * 0.5), f32(torch.randn(5, dtype=DT) * 0.5)]


def grad_norm_run(alpha, lr, steps, sgd_lr):
    W = W0.clone().requires_grad_(True)
    V = [v.clone().requires_grad_(True) for v in V0]
    weights = torch.ones(2, dtype=DT, requires_grad=True)
    adam = torch.optim.Adam([weights], lr=lr)
    L0 = None
    history = []
    for _ in range(steps):
        L = torch.stack([((torch.tanh(X @ W) @ V[i] - Y[i]) ** 2).mean() for i in range(2)])
        if L0 is None:
            L0 = L.detach()
        G = torch.stack([weights[i] * torch.autograd.grad(L[i], W, retain_graph=True)[0].norm() for i in range(2)])
        ratios = L.detach() / L0
        target = (G.mean() * (ratios / ratios.mean()) ** alpha).detach()
        l_grad = (G - target).abs().sum()
        adam.zero_grad()
        weights.grad = torch.autograd.grad(l_grad, weights)[0]
        adam.step()
        with torch.no_grad():
            weights.clamp_(min=1e-6)
            weights.mul_(2 / weights.sum())
        history.append({"weights": weights.tolist(), "losses": L.tolist()})
        # network step with the updated weights
        total = (weights.detach() * torch.stack([((torch.tanh(X @ W) @ V[i] - Y[i]) ** 2).mean() for i in range(2)])).sum()
        gW, g1, g2 = torch.autograd.grad(total, [W, V[0], V[1]])
        with torch.no_grad():
            W -= sgd_lr * gW
            V[0] -= sgd_lr * g1
            V[1] -= sgd_lr * g2
    return history


out["grad_norm"] = {"ref": "GradNorm (Chen et al. 2018) update re-implemented in torch " + torch.__version__,
                    "x": X.tolist(), "y": [y.tolist() for y in Y], "w": W0.tolist(), "v": [v.tolist() for v in V0],
                    "cases": [{"alpha": a, "learning_rate": lr, "sgd_learning_rate": 0.1, "steps": 6,
                               "history": grad_norm_run(a, lr, 6, 0.1)} for a, lr in ((1.5, 0.025), (0.5, 0.1))]}

print(json.dumps(out))
