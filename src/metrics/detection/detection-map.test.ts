import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  type DetectionPrediction,
  type DetectionTarget,
  detectionMap,
  torchLinspaceFloat32,
  toTorchmetricsDict,
} from "./detection-map.js";

interface GoldenCase {
  name: string;
  iou_type?: "bbox" | "segm";
  preds?: { boxes?: number[][]; masks?: number[][][]; scores: number[]; labels: number[] }[];
  target?: { boxes?: number[][]; masks?: number[][][]; labels: number[] }[];
  expected?: Record<string, number>;
  iou_thresholds?: number[];
  rec_thresholds?: number[];
}

const golden = JSON.parse(
  readFileSync(new URL("../../../test/data/golden/detection_torchmetrics_map.json", import.meta.url), "utf8"),
) as { versions: Record<string, string>; cases: GoldenCase[] };

const masks = (list: number[][][] | undefined) =>
  list?.map((m) => ({ data: m.flat(), height: m.length, width: m[0]!.length }));

function toInputs(c: GoldenCase): [DetectionPrediction[], DetectionTarget[]] {
  const preds = c.preds!.map((p) => ({
    scores: p.scores,
    labels: p.labels,
    ...(p.boxes ? { boxes: p.boxes } : {}),
    ...(p.masks ? { masks: masks(p.masks)! } : {}),
  }));
  const target = c.target!.map((t, i) => ({
    imageId: i,
    labels: t.labels,
    ...(t.boxes ? { boxes: t.boxes } : {}),
    ...(t.masks ? { masks: masks(t.masks)! } : {}),
  }));
  return [preds, target];
}

describe("detectionMap under the torchmetrics convention (torchmetrics 1.9.0 golden cases)", () => {
  it("uses the float32 thresholds torch.linspace gives torchmetrics", () => {
    const lists = golden.cases[0]!;
    expect(torchLinspaceFloat32(0.5, 0.95, 10)).toEqual(lists.iou_thresholds);
    expect(torchLinspaceFloat32(0, 1, 101)).toEqual(lists.rec_thresholds);
  });

  for (const c of golden.cases.filter((g) => g.expected)) {
    it(`matches MeanAveragePrecision: ${c.name}`, () => {
      const [preds, target] = toInputs(c);
      const ours = toTorchmetricsDict(detectionMap(preds, target, { iouType: c.iou_type! }));
      // torchmetrics returns float32 tensors of pycocotools' float64 numbers: compare after the same cast.
      for (const [key, value] of Object.entries(c.expected!))
        expect(Math.fround(ours[key as keyof typeof ours] as number), key).toBe(value);
    });
  }

  it("the segm doctest: IoU exactly 0.6 misses t = 0.6000000238 (0.2), but not under pycocotools' thresholds (0.3)", () => {
    const c = golden.cases.find((g) => g.name === "doctest segm")!;
    const [preds, target] = toInputs(c);
    expect(detectionMap(preds, target, { iouType: "segm" }).stats[0]).toBeCloseTo(0.2, 15);
    expect(detectionMap(preds, target, { iouType: "segm", convention: "pycocotools" }).stats[0]).toBeCloseTo(
      0.3,
      15,
    );
  });
});
