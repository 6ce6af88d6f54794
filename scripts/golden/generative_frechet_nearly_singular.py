"""Golden cases for plumbline/generative's frechetDistance on nearly singular and rank-deficient
feature sets (issue 9: the earlier eigenvector route returned NaN on covariances with subnormal
entries), against pytorch-fid 0.3.0's `calculate_frechet_distance` formula run with scipy's
`linalg.sqrtm`: numpy mean, np.cov(rowvar=False) (unbiased), `sqrtm(sigma1 @ sigma2)`, the eps
offset retry when the product's square root is not finite, the real part, then
`|mu1 - mu2|^2 + tr(sigma1) + tr(sigma2) - 2 tr(covmean)`. The formula is transcribed (pytorch-fid
is not installed here); `fallback` records whether the eps retry ran.

Run: /usr/bin/python3 scripts/golden/generative_frechet_nearly_singular.py > test/data/golden/generative_frechet_nearly_singular.json
"""
import json

import numpy as np
import scipy
from scipy import linalg


def calculate_frechet_distance(mu1, sigma1, mu2, sigma2, eps=1e-6):
    """pytorch-fid 0.3.0 src/pytorch_fid/fid_score.py, same steps (assertions omitted)."""
    mu1, mu2 = np.atleast_1d(mu1), np.atleast_1d(mu2)
    sigma1, sigma2 = np.atleast_2d(sigma1), np.atleast_2d(sigma2)
    diff = mu1 - mu2
    covmean, _ = linalg.sqrtm(sigma1.dot(sigma2), disp=False)
    fallback = False
    if not np.isfinite(covmean).all():
        fallback = True
        offset = np.eye(sigma1.shape[0]) * eps
        covmean = linalg.sqrtm((sigma1 + offset).dot(sigma2 + offset))
    if np.iscomplexobj(covmean):
        if not np.allclose(np.diagonal(covmean).imag, 0, atol=1e-3):
            raise ValueError("Imaginary component {}".format(np.max(np.abs(covmean.imag))))
        covmean = covmean.real
    tr_covmean = np.trace(covmean)
    return float(diff.dot(diff) + np.trace(sigma1) + np.trace(sigma2) - 2 * tr_covmean), fallback


def fid_of_features(real, fake):
    real, fake = np.asarray(real, dtype=np.float64), np.asarray(fake, dtype=np.float64)
    return calculate_frechet_distance(real.mean(0), np.cov(real, rowvar=False),
                                      fake.mean(0), np.cov(fake, rowvar=False))


rng = np.random.default_rng(914)
cases = []


def add(name, real, fake, note):
    value, fallback = fid_of_features(real, fake)
    cases.append({"name": name, "real": np.asarray(real).tolist(), "fake": np.asarray(fake).tolist(),
                  "value": value, "fallback": fallback, "note": note})


# Found by a fuzz of the eigenvector route (NaN): one feature on the scale 1e-160, whose variance
# (~1e-320) is subnormal.
add("subnormal_variance_d2",
    [[1e-160, 1], [-4e-160, 2], [-3e-160, 1], [-1e-160, 2], [-3e-160, 0]],
    [[0, -4], [-4e-160, 2], [1e-160, -1], [4e-160, -3], [4e-160, 4]],
    "feature 0 has a subnormal variance; the eigenvector route gave NaN")
add("subnormal_variance_constant_feature_d3",
    [[1e-160, 1, 0], [-3e-160, -1, 0], [1e-160, -3, 0]],
    [[4e-160, 1, 0], [-4e-160, 2, 0], [2e-160, 1, 0]],
    "a constant feature (zero variance) beside a subnormal one")
add("subnormal_covariances_d3",
    [[4, -2e-160, -2e-160], [4, -1e-160, -4e-160], [-3, 1e-160, -3e-160]],
    [[-2, -2e-160, -4e-160], [0, -3e-160, -2e-160], [1, 2e-160, 0]],
    "two features with subnormal variances and covariances")
# Nearly singular (not subnormal): an almost duplicated feature, and fewer samples than features.
base = rng.normal(size=(40, 3))
real = np.column_stack([base, base[:, 0] + 1e-9 * rng.normal(size=40)])
base = rng.normal(size=(40, 3)) + 0.5
fake = np.column_stack([base, base[:, 0] + 1e-9 * rng.normal(size=40)])
add("nearly_duplicated_feature_d4", real, fake, "feature 3 = feature 0 + 1e-9 noise: condition number ~1e18")
add("full_rank_d5", rng.normal(size=(30, 5)), rng.normal(size=(30, 5)) * 1.5 + 0.2,
    "well-conditioned control case")
print(json.dumps({
    "reference": "pytorch-fid 0.3.0 calculate_frechet_distance formula (transcribed), scipy linalg.sqrtm, numpy cov",
    "versions": {"scipy": scipy.__version__, "numpy": np.__version__},
    "cases": cases,
}, indent=1))
