"""Golden cases for plumbline's COCO evaluation and RLE codec, computed by pycocotools.

Needs pycocotools importable by /usr/bin/python3 (it is not in Debian; build cocoapi's
PythonAPI yourself outside the repository and put it on PYTHONPATH). Nothing here builds it.
Writes test/data/golden/detection_coco.json in the conformance schema.
Covers what the shared conformance files do not: keypoints (OKS), custom iouThrs / recThrs /
areaRng / maxDets, full precision and recall arrays, RLE results without boxes, score ties
across images, and the RLE codec (encode, frPyObjects polygons and boxes, area, toBbox, merge, iou).
"""
import contextlib
import copy
import io
import json

import numpy as np
from pycocotools import mask as mask_utils
from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval

rng = np.random.default_rng(7)
W, H = 96, 80


def make_coco(gt):
    coco = COCO()
    coco.dataset = copy.deepcopy(gt)
    with contextlib.redirect_stdout(io.StringIO()):
        coco.createIndex()
    return coco


def run_eval(gt, dets, iou_type, params=None):
    with contextlib.redirect_stdout(io.StringIO()):
        coco = make_coco(gt)
        dt = coco.loadRes(copy.deepcopy(dets))
        ev = COCOeval(coco, dt, iou_type)
        for k, v in (params or {}).items():
            setattr(ev.params, k, np.array(v) if k in ("iouThrs", "recThrs") else v)
        ev.evaluate()
        ev.accumulate()
        ev.summarize()
    return ev


def box_set(n_images, n_cats, tie=False):
    images = [{"id": i + 1, "width": W, "height": H} for i in range(n_images)]
    cats = [{"id": 2 * c + 1, "name": f"c{c}"} for c in range(n_cats)]
    anns, dets = [], []
    aid = 1
    for img in images:
        for _ in range(rng.integers(0, 5)):
            w, h = float(rng.uniform(3, 50)), float(rng.uniform(3, 50))
            x, y = float(rng.uniform(0, W - w)), float(rng.uniform(0, H - h))
            cat = cats[rng.integers(0, n_cats)]["id"]
            crowd = int(rng.random() < 0.1)
            anns.append({"id": aid, "image_id": img["id"], "category_id": cat, "bbox": [round(x, 2), round(y, 2), round(w, 2), round(h, 2)], "area": round(w * h * float(rng.uniform(0.6, 1.0)), 3), "iscrowd": crowd})
            aid += 1
            for _ in range(rng.integers(0, 3)):
                jit = rng.normal(0, 4, 4)
                dets.append({"image_id": img["id"], "category_id": cat, "bbox": [round(x + jit[0], 2), round(y + jit[1], 2), round(max(1, w + jit[2]), 2), round(max(1, h + jit[3]), 2)], "score": round(float(rng.random()), 1 if tie else 4)})
        for _ in range(rng.integers(0, 3)):
            w, h = float(rng.uniform(3, 40)), float(rng.uniform(3, 40))
            dets.append({"image_id": img["id"], "category_id": cats[rng.integers(0, n_cats)]["id"], "bbox": [round(float(rng.uniform(0, W - w)), 2), round(float(rng.uniform(0, H - h)), 2), round(w, 2), round(h, 2)], "score": round(float(rng.random()), 1 if tie else 4)})
    return {"images": images, "annotations": anns, "categories": cats}, dets


def kp_set(n_images):
    images = [{"id": i + 1, "width": W, "height": H} for i in range(n_images)]
    cats = [{"id": 1, "name": "person"}]
    anns, dets = [], []
    for img in images:
        for _ in range(rng.integers(0, 4)):
            w, h = float(rng.uniform(10, 60)), float(rng.uniform(10, 70))
            x, y = float(rng.uniform(0, W - w)), float(rng.uniform(0, H - h))
            kps = []
            for _k in range(17):
                v = int(rng.choice([0, 1, 2], p=[0.2, 0.3, 0.5]))
                kps += [round(x + float(rng.uniform(0, w)), 2), round(y + float(rng.uniform(0, h)), 2), v] if v else [0, 0, 0]
            if rng.random() < 0.1:
                kps = [0] * 51
            nk = sum(1 for i in range(2, 51, 3) if kps[i] > 0)
            anns.append({"id": len(anns) + 1, "image_id": img["id"], "category_id": 1, "bbox": [round(x, 2), round(y, 2), round(w, 2), round(h, 2)], "area": round(w * h * 0.7, 3), "iscrowd": int(rng.random() < 0.08), "keypoints": kps, "num_keypoints": nk})
            for _ in range(rng.integers(0, 3)):
                d = []
                for k in range(17):
                    gx, gy = (kps[3 * k], kps[3 * k + 1]) if kps[3 * k + 2] else (x + w / 2, y + h / 2)
                    d += [round(gx + float(rng.normal(0, 3)), 2), round(gy + float(rng.normal(0, 3)), 2), 1]
                dets.append({"image_id": img["id"], "category_id": 1, "keypoints": d, "score": round(float(rng.random()), 4)})
    return {"images": images, "annotations": anns, "categories": cats}, dets


def rle_json(r):
    return {"size": [int(r["size"][0]), int(r["size"][1])], "counts": r["counts"].decode("ascii") if isinstance(r["counts"], bytes) else r["counts"]}


def segm_rle_set(n_images):
    images = [{"id": i + 1, "width": W, "height": H} for i in range(n_images)]
    cats = [{"id": 1, "name": "a"}, {"id": 2, "name": "b"}]
    anns, dets = [], []
    yy, xx = np.mgrid[:H, :W]
    for img in images:
        for _ in range(rng.integers(1, 4)):
            cy, cx, ry, rx = rng.uniform(5, H - 5), rng.uniform(5, W - 5), rng.uniform(2, 20), rng.uniform(2, 20)
            m = (((yy - cy) / ry) ** 2 + ((xx - cx) / rx) ** 2 <= 1).astype(np.uint8)
            r = mask_utils.encode(np.asfortranarray(m))
            cat = int(rng.integers(1, 3))
            anns.append({"id": len(anns) + 1, "image_id": img["id"], "category_id": cat, "segmentation": rle_json(r), "area": float(mask_utils.area(r)), "bbox": [float(v) for v in mask_utils.toBbox(r)], "iscrowd": int(rng.random() < 0.1)})
            for _ in range(rng.integers(0, 3)):
                m2 = (((yy - cy - rng.normal(0, 2)) / (ry * rng.uniform(0.7, 1.3))) ** 2 + ((xx - cx - rng.normal(0, 2)) / (rx * rng.uniform(0.7, 1.3))) ** 2 <= 1).astype(np.uint8)
                r2 = mask_utils.encode(np.asfortranarray(m2))
                dets.append({"image_id": img["id"], "category_id": cat, "segmentation": rle_json(r2), "score": round(float(rng.random()), 4)})
    return {"images": images, "annotations": anns, "categories": cats}, dets


def result(ev, full=False):
    p = ev.params
    out = {"stats": [float(s) for s in ev.stats]}
    if full:
        out["precision"] = ev.eval["precision"].ravel().tolist()
        out["recall"] = ev.eval["recall"].ravel().tolist()
    return out


datasets, cases = {}, []


def add(name, gt, dets, iou_type, options, params=None, full=False, note=None):
    datasets.setdefault(name, {"ground_truth": gt, "detections": dets})
    ev = run_eval(gt, dets, iou_type, params)
    cases.append({"metric": "coco_map", "inputs": name, "options": {"iou_type": iou_type, **options}, "expected": result(ev, full), "note": note})


gt, dets = box_set(15, 3)
add("boxes", gt, dets, "bbox", {}, full=True, note="full precision [T,R,K,A,M] and recall [T,K,A,M] arrays")
add("boxes", gt, dets, "bbox", {"iou_thrs": [0.3, 0.5, 0.7], "rec_thrs": [0.0, 0.25, 0.5, 0.75, 1.0]}, {"iouThrs": [0.3, 0.5, 0.7], "recThrs": [0.0, 0.25, 0.5, 0.75, 1.0]}, full=True)
add("boxes", gt, dets, "bbox", {"max_dets": [2, 4, 100]}, {"maxDets": [2, 4, 100]})
add("boxes", gt, dets, "bbox", {"area_rng": [[0, 1e10], [0, 400], [400, 1600], [1600, 1e10]]}, {"areaRng": [[0, 1e10], [0, 400], [400, 1600], [1600, 1e10]]})
gt2, dets2 = box_set(12, 2, tie=True)
add("ties", gt2, dets2, "bbox", {}, full=True, note="scores rounded to 0.1: many ties across and within images")
add("ties", gt2, dets2, "bbox", {"use_cats": False}, {"useCats": 0})
gt3, dets3 = kp_set(14)
add("keypoints", gt3, dets3, "keypoints", {}, full=True, note="OKS with COCO's 17 sigmas; num_keypoints 0 and iscrowd ground truth ignored")
gt4, dets4 = segm_rle_set(10)
add("rle", gt4, dets4, "segm", {}, full=True, note="compressed RLE ground truth and results without bbox (area = mask area)")

# RLE codec cases
rle_cases = []
for i in range(6):
    h, w = int(rng.integers(5, 30)), int(rng.integers(5, 30))
    m = (rng.random((h, w)) < 0.4).astype(np.uint8)
    r = mask_utils.encode(np.asfortranarray(m))
    poly = [float(v) for v in rng.uniform(-2, max(h, w) + 2, 2 * int(rng.integers(3, 8)))]
    rp = mask_utils.frPyObjects([poly], h, w)[0]
    box = [float(rng.uniform(-1, w)), float(rng.uniform(-1, h)), float(rng.uniform(0, w)), float(rng.uniform(0, h))]
    rb = mask_utils.frPyObjects(np.array([box], dtype=np.double), h, w)[0]
    merged = mask_utils.merge([r, rp])
    inter = mask_utils.merge([r, rp], intersect=True)
    rle_cases.append({
        "mask": m.tolist(),
        "polygon": poly,
        "box": box,
        "expected": {
            "encode": rle_json(r)["counts"],
            "area": int(mask_utils.area(r)),
            "to_bbox": [float(v) for v in mask_utils.toBbox(r)],
            "polygon": rle_json(rp)["counts"],
            "polygon_area": int(mask_utils.area(rp)),
            "polygon_bbox": [float(v) for v in mask_utils.toBbox(rp)],
            "box": rle_json(rb)["counts"],
            "merge": rle_json(merged)["counts"],
            "intersect": rle_json(inter)["counts"],
            "iou": mask_utils.iou([r], [rp], [0]).tolist(),
            "iou_crowd": mask_utils.iou([r], [rp], [1]).tolist(),
        },
    })

out = {
    "split": "golden",
    "seed": 7,
    "versions": {"pycocotools": "cocoapi master", "numpy": np.__version__},
    "datasets": datasets,
    "cases": [{"id": f"golden/detection/coco_map/{n}", "family": "detection", "ref": "pycocotools COCOeval (cocoapi master)", "rtol": 1e-9, "atol": 1e-12, **c} for n, c in enumerate(cases)],
    "rle": rle_cases,
    "errors": [],
}
with open("test/data/golden/detection_coco.json", "w") as f:
    json.dump(out, f)
print(len(cases), "coco cases,", len(rle_cases), "rle cases")
