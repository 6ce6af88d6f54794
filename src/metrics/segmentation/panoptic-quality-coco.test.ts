import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createMetric } from "../../metric.js";
import {
  type PanopticImage,
  panopticQualityCoco,
  panopticQualityCocoDef,
  rgbToPanopticId,
} from "./panoptic-quality-coco.js";

const golden = JSON.parse(
  readFileSync(
    fileURLToPath(new URL("../../../test/data/golden/segmentation_panopticapi.json", import.meta.url)),
    "utf8",
  ),
) as {
  datasets: { pan: { images: PanopticImage[]; categories: { id: number; isthing: number }[] } };
  cases: {
    expected: Record<string, { pq: number; sq: number; rq: number; n?: number }> & {
      per_class: Record<string, { pq: number; sq: number; rq: number }>;
    };
  }[];
};

describe("panopticQualityCoco matches panopticapi pq_compute", () => {
  const { images, categories } = golden.datasets.pan;
  const expected = golden.cases[0]!.expected;
  it("All, Things and Stuff rows and per-class values", () => {
    const r = panopticQualityCoco(images, { categories });
    for (const [row, got] of [
      ["all", r.all],
      ["things", r.things],
      ["stuff", r.stuff],
    ] as const) {
      expect(got.pq).toBeCloseTo(expected[row]!.pq, 12);
      expect(got.sq).toBeCloseTo(expected[row]!.sq, 12);
      expect(got.rq).toBeCloseTo(expected[row]!.rq, 12);
      expect(got.n).toBe(expected[row]!.n);
    }
    for (const c of r.perClass) expect(c.pq).toBeCloseTo(expected.per_class[String(c.categoryId)]!.pq, 12);
  });
  it("merging per-image states equals one update", () => {
    const def = panopticQualityCocoDef({ categories });
    const a = createMetric(def).update(images.slice(0, 2));
    const b = createMetric(def).update(images.slice(2));
    const merged = b.merge(a).compute();
    const whole = createMetric(def).update(images).compute();
    // IoU sums are float sums: another merge order may differ in the last bits.
    expect(merged.all.pq).toBeCloseTo(whole.all.pq, 14);
    expect(merged.perClass.map((c) => [c.tp, c.fp, c.fn])).toEqual(
      whole.perClass.map((c) => [c.tp, c.fp, c.fn]),
    );
  });
  it("reads RGB-encoded ids (id = R + 256 G + 256² B) and rejects unknown segments", () => {
    expect(Array.from(rgbToPanopticId([1, 2, 3, 0, 0, 0]))).toEqual([1 + 512 + 3 * 65536, 0]);
    const bad: PanopticImage = { preds: { ids: [5], segments: [] }, target: { ids: [0], segments: [] } };
    expect(() => panopticQualityCoco([bad], { categories })).toThrow(
      "panopticQualityCoco: images[0].preds has pixels of segment 5, which is not in its segments",
    );
  });
});
