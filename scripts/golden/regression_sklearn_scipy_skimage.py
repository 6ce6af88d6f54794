"""Golden cases for plumbline's regression, image and generative metrics beyond the public
conformance file: multioutput scikit-learn metrics, deviances, scipy rank correlations with heavy
ties, scikit-image SSIM defaults and PSNR, and FID through scipy.linalg.sqrtm in higher dimension.

Run with Debian's python: /usr/bin/python3 scripts/golden/regression_sklearn_scipy_skimage.py
Writes test/data/golden/regression_sklearn_scipy_skimage.json (schema of
test/data/conformance/README.md). Families: regression, image, generative.
"""
import json
import numpy as np
import scipy
import scipy.linalg
import skimage
import sklearn
from scipy import stats
from skimage.metrics import peak_signal_noise_ratio, structural_similarity
from sklearn import metrics as skm

rng = np.random.default_rng(20261127)
datasets, cases = {}, []
V_SK = f"sklearn {sklearn.__version__}"
V_SP = f"scipy {scipy.__version__}"
V_SKI = f"skimage {skimage.__version__}"


def f32(a):
    return np.asarray(np.asarray(a, dtype=np.float32), dtype=np.float64)


def add(family, metric, ref, inputs, options, expected, rtol=1e-9, atol=1e-12, note=None):
    if isinstance(expected, np.ndarray):
        expected = [float(x) for x in expected]
    elif not isinstance(expected, list):
        expected = float(expected)
    cases.append({
        "id": f"golden/{family}/{metric}/{len(cases)}", "family": family, "metric": metric, "ref": ref,
        "inputs": inputs, "options": options, "expected": expected, "rtol": rtol, "atol": atol, "note": note,
    })


# --- regression: vectors with outliers, matrices, positive data ---
y = f32(rng.normal(10, 3, 120))
p = f32(y + rng.normal(0, 1, 120))
p[:4] += f32([15, -12, 20, 9])
datasets["gv"] = {"preds": p.tolist(), "target": y.tolist()}
Y = f32(rng.normal([0, 5, 20], [1, 2, 6], (80, 3)))
P = f32(Y + rng.normal(0, [0.5, 1.5, 3], (80, 3)))
datasets["gm"] = {"preds": P.tolist(), "target": Y.tolist()}
yp = f32(rng.gamma(2.0, 2.0, 90) + 0.01)
pp = f32(yp * np.exp(rng.normal(0, 0.3, 90)))
datasets["gp"] = {"preds": pp.tolist(), "target": yp.tolist()}

for mo in ["raw_values", "uniform_average"]:
    o = {"multioutput": mo}
    add("regression", "mse", f"{V_SK} mean_squared_error", "gm", o, skm.mean_squared_error(Y, P, multioutput=mo))
    add("regression", "rmse", f"{V_SK} mean_squared_error(squared=False)", "gm", o, skm.mean_squared_error(Y, P, multioutput=mo, squared=False))
    add("regression", "mae", f"{V_SK} mean_absolute_error", "gm", o, skm.mean_absolute_error(Y, P, multioutput=mo))
    add("regression", "mape", f"{V_SK} mean_absolute_percentage_error", "gm", o, skm.mean_absolute_percentage_error(Y, P, multioutput=mo))
    add("regression", "pinball", f"{V_SK} mean_pinball_loss", "gm", {**o, "alpha": 0.25}, skm.mean_pinball_loss(Y, P, alpha=0.25, multioutput=mo))
for mo in ["raw_values", "uniform_average", "variance_weighted"]:
    o = {"multioutput": mo}
    add("regression", "r2", f"{V_SK} r2_score", "gm", o, skm.r2_score(Y, P, multioutput=mo))
    add("regression", "explained_variance", f"{V_SK} explained_variance_score", "gm", o, skm.explained_variance_score(Y, P, multioutput=mo))
for mo in ["raw_values", "uniform_average"]:
    o = {"multioutput": mo}
    add("regression", "median_absolute_error", f"{V_SK} median_absolute_error", "gm", o, skm.median_absolute_error(Y, P, multioutput=mo))
    add("regression", "d2_absolute_error", f"{V_SK} d2_absolute_error_score", "gm", o, skm.d2_absolute_error_score(Y, P, multioutput=mo))
add("regression", "spearman", f"{V_SP} spearmanr per column", "gm", {"multioutput": "raw_values"},
    [float(stats.spearmanr(P[:, j], Y[:, j])[0]) for j in range(3)])
add("regression", "kendall_tau_b", f"{V_SP} kendalltau per column", "gm", {"multioutput": "raw_values"},
    [float(stats.kendalltau(P[:, j], Y[:, j])[0]) for j in range(3)])
add("regression", "r2", f"{V_SK} r2_score", "gv", {}, skm.r2_score(y, p))
add("regression", "explained_variance", f"{V_SK} explained_variance_score", "gv", {}, skm.explained_variance_score(y, p))
add("regression", "median_absolute_error", f"{V_SK} median_absolute_error", "gv", {}, skm.median_absolute_error(y, p))
add("regression", "max_error", f"{V_SK} max_error", "gv", {}, skm.max_error(y, p))
add("regression", "d2_absolute_error", f"{V_SK} d2_absolute_error_score", "gv", {}, skm.d2_absolute_error_score(y, p))
add("regression", "msle", f"{V_SK} mean_squared_log_error", "gp", {}, skm.mean_squared_log_error(yp, pp))
add("regression", "rmsle", f"{V_SK} mean_squared_log_error ** 0.5", "gp", {}, np.sqrt(skm.mean_squared_log_error(yp, pp)))
add("regression", "poisson_deviance", f"{V_SK} mean_poisson_deviance", "gp", {}, skm.mean_poisson_deviance(yp, pp))
add("regression", "gamma_deviance", f"{V_SK} mean_gamma_deviance", "gp", {}, skm.mean_gamma_deviance(yp, pp))
for power in [-1.0, 1.2, 2.5]:
    add("regression", "tweedie_deviance", f"{V_SK} mean_tweedie_deviance", "gp", {"power": power}, skm.mean_tweedie_deviance(yp, pp, power=power))

# rank correlations with heavy ties (rounded values) and a larger sample (radix sort path)
for name, n, digits in [("gt1", 60, 0), ("gt2", 3000, 1)]:
    a = np.round(rng.normal(0, 2, n), digits)
    b = np.round(a + rng.normal(0, 2, n), digits)
    datasets[name] = {"preds": a.tolist(), "target": b.tolist()}
    add("regression", "spearman", f"{V_SP} spearmanr", name, {}, stats.spearmanr(a, b)[0], note="heavy ties")
    add("regression", "kendall_tau_b", f"{V_SP} kendalltau", name, {}, stats.kendalltau(a, b)[0], note="heavy ties")
    add("regression", "pearson", f"{V_SP} pearsonr", name, {}, stats.pearsonr(a, b)[0])

# KL divergence per row (scipy.stats.entropy normalises rows) averaged
Pd = rng.random((15, 6)) + 0.05
Qd = rng.random((15, 6)) + 0.05
datasets["gd"] = {"p": Pd.tolist(), "q": Qd.tolist()}
add("regression", "kl_divergence", f"{V_SP} stats.entropy(p, q) mean over rows", "gd", {"log_prob": False, "reduction": "mean"},
    np.mean([stats.entropy(Pd[i], Qd[i]) for i in range(15)]))
add("regression", "js_divergence", f"{V_SP} spatial.distance.jensenshannon ** 2 mean over rows", "gd", {"log_prob": False, "reduction": "mean"},
    np.mean([scipy.spatial.distance.jensenshannon(Pd[i], Qd[i]) ** 2 for i in range(15)]))

# --- image: scikit-image SSIM variants and PSNR on single-channel 2-D images ---
img = np.clip(np.cumsum(rng.normal(0, 0.05, (40, 36)), axis=1) + 0.5, 0, 1)
noisy = np.clip(img + rng.normal(0, 0.05, img.shape), 0, 1)
img, noisy = f32(img), f32(noisy)
datasets["gi"] = {"preds": noisy.tolist(), "target": img.tolist()}
add("image", "ssim", f"{V_SKI} structural_similarity", "gi", {"data_range": 1}, structural_similarity(img, noisy, data_range=1),
    note="defaults: 7x7 uniform window, sample covariance")
add("image", "ssim", f"{V_SKI} structural_similarity", "gi", {"data_range": 1, "gaussian_weights": True, "sigma": 1.5},
    structural_similarity(img, noisy, data_range=1, gaussian_weights=True, sigma=1.5), note="Gaussian window with sample covariance")
add("image", "ssim", f"{V_SKI} structural_similarity", "gi", {"data_range": 1, "win_size": 11, "use_sample_covariance": False},
    structural_similarity(img, noisy, data_range=1, win_size=11, use_sample_covariance=False))
add("image", "psnr", f"{V_SKI} peak_signal_noise_ratio", "gi", {"data_range": 1}, peak_signal_noise_ratio(img, noisy, data_range=1))

# --- generative: FID in 24 dimensions, correlated features, through scipy.linalg.sqrtm ---
d = 24
A = rng.normal(0, 1, (d, d)) / np.sqrt(d)
real = rng.normal(0, 1, (150, d)) @ A
fake = rng.normal(0.1, 1.1, (170, d)) @ (A + 0.05 * rng.normal(0, 1, (d, d)))
datasets["gf"] = {"real": real.tolist(), "fake": fake.tolist()}
mu1, mu2 = real.mean(0), fake.mean(0)
s1, s2 = np.cov(real, rowvar=False), np.cov(fake, rowvar=False)
covmean = scipy.linalg.sqrtm(s1 @ s2)
fid = float(((mu1 - mu2) ** 2).sum() + np.trace(s1) + np.trace(s2) - 2 * np.trace(covmean.real))
add("generative", "frechet_distance", f"{V_SP} linalg.sqrtm", "gf", {}, fid, rtol=1e-8, note="FID formula, unbiased covariance")

out = {
    "split": "golden", "seed": 20261127,
    "versions": {"sklearn": sklearn.__version__, "scipy": scipy.__version__, "skimage": skimage.__version__, "numpy": np.__version__},
    "datasets": datasets, "cases": cases, "errors": [],
}
with open("test/data/golden/regression_sklearn_scipy_skimage.json", "w") as f:
    json.dump(out, f)
print(f"{len(cases)} cases")
