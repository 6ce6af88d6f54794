"""Golden cases of the image pipeline: resizes and PNG decoding, from the references themselves.

Run: /usr/bin/python3 scripts/models/golden_images.py --torch-fidelity /tmp/models-torch-fidelity

Writes test/data/models/images.json:
- torch_bilinear: torch.nn.functional.interpolate(x, size, mode="bilinear", align_corners=False)
  on float32 planes (pytorch-fid's resize);
- tf1_bilinear: torch-fidelity's interpolate_bilinear_2d_like_tensorflow1x(x, size,
  align_corners=False) (method "slow"), run from the torch-fidelity checkout;
- pil_bicubic: PIL.Image.resize(size, Image.BICUBIC) of 8-bit RGB images (CLIP's processor);
- png: PNG files of every colour type and bit depth (written byte by byte below) and what
  PIL.Image.open(f).convert("RGB") reads from them (pytorch-fid's loader).
Inputs are the integer pattern `pattern(c, i, j)` below (divided by 256 for float planes, so exact
in float32, which the tests rebuild); outputs are base64 of little-endian float32 or uint8,
channels-first, keeping every `stride`-th value of large ones.
"""
import base64
import io
import os
import struct
import zlib

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

from tiny_common import arguments, load_module, versions, write_json

args = arguments()
rng = np.random.default_rng(299)
fidelity = load_module(
    "tf1_interpolate", os.path.join(args.torch_fidelity, "torch_fidelity", "interpolate_compat_tensorflow.py")
)


def b64(a, dtype):
    return base64.b64encode(np.ascontiguousarray(a, dtype=dtype).tobytes()).decode("ascii")


def pattern(shape):
    """A deterministic 0..255 integer test pattern of shape (3, h, w): ((31 i + 17 j + 7 c + (i j mod 13)) mod 256)."""
    c, i, j = np.meshgrid(np.arange(shape[0]), np.arange(shape[1]), np.arange(shape[2]), indexing="ij")
    return (31 * i + 17 * j + 7 * c + (i * j) % 13) % 256


def strided(y):
    flat = y.reshape(-1)
    stride = max(1, flat.size // 4000)
    return stride, flat[::stride]


def resize_cases(resize, value_range):
    cases = []
    shapes = [
        ((5, 7), (299, 299)),
        ((32, 32), (299, 299)),
        ((310, 302), (299, 299)),
        ((299, 299), (299, 299)),
        ((1, 1), (3, 4)),
        ((17, 23), (11, 5)),
        ((9, 4), (37, 41)),
        ((64, 48), (64, 64)),
        ((3, 300), (2, 299)),
    ]
    for (h, w), (oh, ow) in shapes:
        x = pattern((3, h, w)).astype(np.float32)[None] * np.float32(value_range / 256)
        stride, y = strided(resize(torch.from_numpy(x), (oh, ow)).numpy())
        cases.append(
            {"in_shape": [3, h, w], "out_shape": [3, oh, ow], "scale": value_range / 256, "stride": stride, "output": b64(y, "<f4")}
        )
    return cases


def pil_cases():
    cases = []
    for (h, w), (oh, ow) in [
        ((30, 40), (23, 17)),
        ((200, 300), (33, 50)),
        ((15, 20), (48, 64)),
        ((300, 224), (298, 224)),
        ((224, 224), (224, 224)),
        ((7, 300), (224, 600)),
        ((5, 5), (1, 1)),
    ]:
        x = pattern((3, h, w)).astype(np.uint8)
        y = np.asarray(Image.fromarray(x.transpose(1, 2, 0), "RGB").resize((ow, oh), Image.BICUBIC))
        stride, flat = strided(y.transpose(2, 0, 1))
        cases.append({"in_shape": [3, h, w], "out_shape": [3, oh, ow], "stride": stride, "output": b64(flat, "u1")})
    return cases


def png_bytes(w, h, colour_type, depth, rows, palette=None, transparency=None):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    out = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, colour_type, 0, 0, 0))
    if palette is not None:
        out += chunk(b"PLTE", palette)
    if transparency is not None:
        out += chunk(b"tRNS", transparency)
    out += chunk(b"IDAT", zlib.compress(b"".join(b"\x00" + r for r in rows))) + chunk(b"IEND", b"")
    return out


def pack(values, depth):
    bits = "".join(format(v, f"0{depth}b") for v in values)
    bits += "0" * (-len(bits) % 8)
    return bytes(int(bits[i : i + 8], 2) for i in range(0, len(bits), 8))


def png_cases():
    w, h = 5, 3
    cases = {}
    for depth in [1, 2, 4, 8]:
        cases[f"grey{depth}"] = png_bytes(
            w, h, 0, depth, [pack(rng.integers(0, 2**depth, w), depth) for _ in range(h)]
        )
        cases[f"palette{depth}"] = png_bytes(
            w,
            h,
            3,
            depth,
            [pack(rng.integers(0, min(2**depth, 6), w), depth) for _ in range(h)],
            palette=bytes(rng.integers(0, 256, 18).tolist()),
            transparency=bytes([0, 128]),
        )
    cases["grey_alpha8"] = png_bytes(w, h, 4, 8, [bytes(rng.integers(0, 256, 2 * w).tolist()) for _ in range(h)])
    cases["rgb8"] = png_bytes(w, h, 2, 8, [bytes(rng.integers(0, 256, 3 * w).tolist()) for _ in range(h)])
    cases["rgba8"] = png_bytes(w, h, 6, 8, [bytes(rng.integers(0, 256, 4 * w).tolist()) for _ in range(h)])
    cases["rgb16"] = png_bytes(w, h, 2, 16, [struct.pack(">15H", *rng.integers(0, 65536, 3 * w)) for _ in range(h)])
    cases["rgba16"] = png_bytes(w, h, 6, 16, [struct.pack(">20H", *rng.integers(0, 65536, 4 * w)) for _ in range(h)])
    cases["grey_alpha16"] = png_bytes(
        w, h, 4, 16, [struct.pack(">10H", *rng.integers(0, 65536, 2 * w)) for _ in range(h)]
    )
    buffer = io.BytesIO()
    Image.fromarray(rng.integers(0, 256, (h, w, 3), dtype=np.uint8), "RGB").save(buffer, "PNG", optimize=True)
    cases["pil_written_rgb"] = buffer.getvalue()
    out = []
    for name, data in cases.items():
        rgb = np.asarray(Image.open(io.BytesIO(data)).convert("RGB")).transpose(2, 0, 1)
        out.append({"name": name, "png": base64.b64encode(data).decode("ascii"), "rgb": b64(rgb, "u1")})
    return out


write_json(
    "images.json",
    {
        "reference": "torch.nn.functional.interpolate (bilinear, align_corners=False); torch-fidelity 0.4 "
        "interpolate_bilinear_2d_like_tensorflow1x; PIL Image.resize(BICUBIC) and Image.open().convert('RGB')",
        "versions": versions(),
        "torch_bilinear": resize_cases(
            lambda x, size: F.interpolate(x, size=size, mode="bilinear", align_corners=False), 1.0
        ),
        "pattern": "(31 i + 17 j + 7 c + (i j mod 13)) mod 256, times `scale` for float planes",
        "tf1_bilinear": resize_cases(
            lambda x, size: fidelity.interpolate_bilinear_2d_like_tensorflow1x(x, size=size, align_corners=False), 256
        ),
        "pil_bicubic": pil_cases(),
        "png": png_cases(),
        # Pillow opens 16-bit grey as 32-bit integers and clips them to 255 in convert("RGB"); plumbline refuses it
        "png_grey16": base64.b64encode(
            png_bytes(2, 1, 0, 16, [struct.pack(">HH", 300, 65535)])
        ).decode("ascii"),
    },
)
