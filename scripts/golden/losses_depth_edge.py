"""Golden cases for the edge loss (survey section 8.1.9) against DenseDepth's `l_edges`
(Alhashim & Wonka 2018, ialhashim/DenseDepth loss.py `depth_loss_function`):
`K.mean(K.abs(dy_pred - dy_true) + K.abs(dx_pred - dx_true), axis=-1)` over
`tf.image.image_gradients` (forward differences, zero on the last row and column), then Keras'
mean over the batch. Transcribed to torch (TensorFlow is not installed here) with the same
padding; value and gradient (of the sum of the value) by torch autograd in float64 on
float32-exact inputs. `reduction: "none"` keeps one value per image.

Run: /usr/bin/python3 scripts/golden/losses_depth_edge.py > test/data/golden/losses_depth_edge.json
"""
import torch
import torch.nn.functional as F
from losses_cases import DT, CaseFile, f32

torch.manual_seed(819)
REF = f"DenseDepth l_edges (tf.image.image_gradients) transcribed to torch {torch.__version__}"
golden = CaseFile("losses_depth_edge", "golden-losses-depth-edge", 819, {"torch": torch.__version__})


def image_gradients(t):
    """tf.image.image_gradients on NHWC: dy[i] = t[i + 1] - t[i], dx[j] = t[j + 1] - t[j], zero last row/column."""
    dy = F.pad(t[:, 1:] - t[:, :-1], (0, 0, 0, 0, 0, 1))
    dx = F.pad(t[:, :, 1:] - t[:, :, :-1], (0, 0, 0, 1))
    return dy, dx


def l_edges(a, reduction):
    y_pred, y_true = a["input"], a["target"]
    if y_pred.dim() == 3:
        y_pred, y_true = y_pred.unsqueeze(3), y_true.unsqueeze(3)
    dy_true, dx_true = image_gradients(y_true)
    dy_pred, dx_pred = image_gradients(y_pred)
    per_pixel = ((dy_pred - dy_true).abs() + (dx_pred - dx_true).abs()).mean(-1)  # K.mean(axis=-1)
    per_image = per_pixel.mean((1, 2))
    if reduction == "none":
        return per_image
    return per_image.sum() if reduction == "sum" else per_image.mean()


def depth(*shape, lo=0.5, hi=10.0):
    return f32(lo + (hi - lo) * torch.rand(*shape, dtype=DT))


# NHW depth maps with a step edge in the ground truth that the prediction blurs
true = depth(2, 6, 7)
true[:, :, 4:] += 3.0
pred = f32(true + 0.3 * torch.randn(2, 6, 7, dtype=DT))
pred[:, :, 3:5] = f32(true[:, :, 3:5].mean())
golden.dataset("nhw", input=pred, target=true)
golden.dataset("nhwc", input=depth(2, 5, 4, 3), target=depth(2, 5, 4, 3))
golden.dataset("one_row", input=depth(3, 1, 6), target=depth(3, 1, 6))
golden.dataset("one_column", input=depth(1, 5, 1, 1), target=depth(1, 5, 1, 1))
golden.dataset("one_pixel", input=depth(2, 1, 1), target=depth(2, 1, 1))
# equal edges, shifted by a constant: the loss is 0 (quarter values, so the shift is exact in float32)
base = torch.round(depth(1, 4, 4) * 4) / 4
golden.dataset("offset", input=f32(base + 2.0), target=base)

for ds in ["nhw", "nhwc"]:
    for reduction in ["mean", "none", "sum"]:
        golden.case("edge_loss", REF, ds, {"reduction": reduction}, lambda a, r=reduction: l_edges(a, r), ["input", "target"])
for ds in ["one_row", "one_column", "one_pixel", "offset"]:
    golden.case("edge_loss", REF, ds, {"reduction": "mean"}, lambda a: l_edges(a, "mean"), ["input", "target"])
golden.dump()
