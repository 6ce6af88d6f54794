"""Golden cases for the Dice-family losses against MONAI (Project-MONAI/MONAI, run from source):
GeneralizedDiceLoss (Sudre et al. 2017; square weights, the largest finite weight for a class
absent from the target, batch=True/False) and DiceCELoss (softmax + to_onehot_y; Dice per class
over the batch or per image and class, plus cross-entropy). Each case has `value` and
`grad_<input>` (the gradient of sum(value)) from torch autograd in float64 on float32-exact inputs.

Run: PYTHONPATH=<MONAI checkout> /usr/bin/python3 scripts/golden/losses_monai.py > test/data/golden/losses_monai.json
"""
import monai
import torch
import torch.nn.functional as F
from losses_cases import DT, CaseFile, f32
from monai.losses import DiceCELoss, GeneralizedDiceLoss

torch.manual_seed(3303)
REF = f"MONAI {monai.__version__} (torch {torch.__version__})"
golden = CaseFile("losses_monai", "golden-losses-monai", 3303, {"monai": monai.__version__, "torch": torch.__version__})
add_dataset = golden.dataset


def add_case(metric, ds, options, fn, diff, note=None):
    golden.case(metric, REF, ds, options, fn, diff, note=note)


n, c, h, w = 2, 3, 4, 5
logits = f32(torch.randn(n, c, h, w, dtype=DT) * 2)
labels = torch.randint(0, c, (n, h, w))
labels[0][labels[0] == 2] = 1  # class 2 absent from image 0 (present in image 1)
add_dataset("seg", logits=logits, probs=f32(torch.softmax(logits, 1)), labels=labels,
            onehot=F.one_hot(labels, c).permute(0, 3, 1, 2).to(DT))

for batch in (True, False):
    add_case("generalized_dice_loss", "seg", {"batch": batch, "target": "indices"},
             lambda a, b=batch: GeneralizedDiceLoss(batch=b)(a["probs"], a["onehot"]), ["probs"],
             note="class 2 is absent from image 0: per image its weight is the largest finite one")
add_case("generalized_dice_loss", "seg", {"batch": True, "target": "one-hot"},
         lambda a: GeneralizedDiceLoss(batch=True, smooth_nr=1.0, smooth_dr=1.0)(a["probs"], a["onehot"]), ["probs"],
         note="smooth 1 on both sides")
for batch in (True, False):
    add_case("dice_cross_entropy_loss", "seg", {"batch": batch},
             lambda a, b=batch: DiceCELoss(softmax=True, to_onehot_y=True, batch=b)(a["logits"], a["labels"].unsqueeze(1)),
             ["logits"], note="softmax over classes, one-hot labels, lambda_dice = lambda_ce = 1")
add_case("dice_cross_entropy_loss", "seg", {"batch": True, "lambda_dice": 0.3, "lambda_ce": 2.0},
         lambda a: DiceCELoss(softmax=True, to_onehot_y=True, batch=True, lambda_dice=0.3, lambda_ce=2.0)(a["logits"], a["labels"].unsqueeze(1)),
         ["logits"])

golden.dump()
