"""Golden cases of the Fréchet distance's linear algebra, from scipy and numpy.

Run: /usr/bin/python3 scripts/models/golden_linalg.py
Writes test/data/models/linalg.json: pairs of covariance matrices (full rank, rank-deficient as
with fewer samples than features, diagonal, zero, 1 x 1) with scipy.linalg.sqrtm(S1 @ S2).trace()
(real part, pytorch-fid's route) and numpy.linalg.eigvalsh of symmetric matrices. Matrices are
stored as base64 little-endian float64, row-major.
"""
import base64

import numpy as np
import scipy
import scipy.linalg as la

from tiny_common import write_json

rng = np.random.default_rng(1971)


def b64(a):
    return base64.b64encode(np.ascontiguousarray(a, dtype="<f8").tobytes()).decode("ascii")


def covariance(samples, n, shift=0.0):
    x = rng.standard_normal((samples, n)) @ rng.standard_normal((n, n)) + shift
    return np.cov(x, rowvar=False).reshape(n, n)


cases = []
for name, n, s1, s2 in [
    ("one", 1, np.array([[2.0]]), np.array([[8.0]])),
    ("diagonal", 4, np.diag([1.0, 4.0, 0.0, 9.0]), np.diag([4.0, 1.0, 5.0, 1.0])),
    ("zero", 3, np.zeros((3, 3)), covariance(10, 3)),
    ("full_rank_5", 5, covariance(20, 5), covariance(20, 5, 1.0)),
    ("full_rank_40", 40, covariance(200, 40), covariance(300, 40, 0.5)),
    ("rank_10_of_40", 40, covariance(11, 40), covariance(11, 40, 0.5)),
    ("full_rank_130", 130, covariance(400, 130), covariance(400, 130, 0.2)),
]:
    root, _ = la.sqrtm(s1 @ s2, disp=False)
    cases.append(
        {
            "name": name,
            "n": n,
            "s1": b64(s1),
            "s2": b64(s2),
            "trace_sqrtm": float(np.trace(root).real),
            "eigvalsh_s1": [float(v) for v in np.linalg.eigvalsh(s1)],
        }
    )

write_json(
    "linalg.json",
    {
        "reference": "scipy.linalg.sqrtm(s1 @ s2, disp=False)[0].trace().real; numpy.linalg.eigvalsh",
        "versions": {"numpy": np.__version__, "scipy": scipy.__version__},
        "cases": cases,
    },
)
