import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  rleArea,
  rleDecode,
  rleEncode,
  rleFromBbox,
  rleFromPolygon,
  rleFromString,
  rleIou,
  rleMerge,
  rleToBbox,
  rleToString,
  sortAscending,
  toRle,
} from "./rle.js";

const golden = JSON.parse(
  readFileSync(
    fileURLToPath(new URL("../../../test/data/golden/detection_coco.json", import.meta.url)),
    "utf8",
  ),
) as {
  rle: { mask: number[][]; polygon: number[]; box: number[]; expected: Record<string, unknown> }[];
};

describe("RLE matches pycocotools mask utilities (golden cases)", () => {
  golden.rle.forEach((c, n) => {
    it(`case ${n}: encode, area, toBbox, polygon, box, merge, iou`, () => {
      const h = c.mask.length;
      const w = c.mask[0]!.length;
      const r = rleEncode({ data: c.mask.flat(), height: h, width: w });
      const e = c.expected;
      expect(rleToString(r)).toBe(e.encode);
      expect(rleArea(r)).toBe(e.area);
      expect(rleToBbox(r)).toEqual(e.to_bbox);
      const rp = rleFromPolygon(c.polygon, h, w);
      expect(rleToString(rp)).toBe(e.polygon);
      expect(rleArea(rp)).toBe(e.polygon_area);
      expect(rleToBbox(rp)).toEqual(e.polygon_bbox);
      expect(rleToString(rleFromBbox(c.box, h, w))).toBe(e.box);
      expect(rleToString(rleMerge([r, rp]))).toBe(e.merge);
      expect(rleToString(rleMerge([r, rp], true))).toBe(e.intersect);
      const iou = rleIou([r], [rp], [0]);
      const crowd = rleIou([r], [rp], [1]);
      expect(iou[0]![0]).toBeCloseTo((e.iou as number[][])[0]![0]!, 15);
      expect(crowd[0]![0]).toBeCloseTo((e.iou_crowd as number[][])[0]![0]!, 15);
      // The compressed string decodes back to the same counts.
      expect(Array.from(rleFromString(e.encode as string, h, w).counts)).toEqual(Array.from(r.counts));
    });
  });
});

describe("RLE round trips", () => {
  it("decode(encode(mask)) is the mask, and the string codec round-trips", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 81, maxLength: 81 }),
        (h, w, bits) => {
          const data = bits.slice(0, h * w);
          const r = rleEncode({ data, height: h, width: w });
          expect(Array.from(rleDecode(r))).toEqual(data);
          expect(rleArea(r)).toBe(data.reduce((a, b) => a + b, 0));
          expect(Array.from(rleFromString(rleToString(r), h, w).counts)).toEqual(Array.from(r.counts));
        },
      ),
      { numRuns: 100 },
    );
  });
  it("hand-worked: a 2x2 mask [[1,0],[1,1]] reads column-major as 1,1,0,1 → counts [0, 2, 1, 1]", () => {
    const r = rleEncode({ data: [1, 0, 1, 1], height: 2, width: 2 });
    expect(Array.from(r.counts)).toEqual([0, 2, 1, 1]);
  });
  it("reads uncompressed COCO RLE and rejects malformed ones", () => {
    expect(rleArea(toRle({ size: [2, 2], counts: [1, 2, 1] }, 2, 2))).toBe(2);
    expect(() => toRle({ size: [2, 2], counts: [1, -2] }, 2, 2)).toThrow(
      "toRle: `segmentation.counts` must contain non-negative integers, got -2 at index 1",
    );
    expect(() => toRle(5, 2, 2)).toThrow(expect.objectContaining({ code: "invalid_value" }));
    expect(() => rleFromString("{", 2, 2)).toThrow(expect.objectContaining({ code: "invalid_value" }));
  });
});

describe("rleFromPolygon on 300 random polygons (pycocotools frPyObjects golden)", () => {
  const golden = JSON.parse(
    readFileSync(new URL("../../../test/data/golden/detection_rle_polygons.json", import.meta.url), "utf8"),
  ) as { cases: { polygon: number[]; height: number; width: number; counts: string }[] };
  it("gives pycocotools' compressed RLE for every one", () => {
    const differing = golden.cases.filter(
      (c) => rleToString(rleFromPolygon(c.polygon, c.height, c.width)) !== c.counts,
    );
    expect(differing).toEqual([]);
  });
});

describe("sortAscending (the polygon crossings' merge sort)", () => {
  it("sorts any uint32 prefix as a numeric sort does, runs up, down or mixed", () => {
    const runs = fc.array(
      fc.record({ start: fc.nat(2 ** 32 - 1), step: fc.integer({ min: -5, max: 5 }), length: fc.nat(12) }),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(runs, fc.nat(3), (parts, spare) => {
        const values: number[] = [];
        for (const { start, step, length } of parts)
          for (let i = 0; i < length; i++) values.push(Math.min(2 ** 32 - 1, Math.max(0, start + i * step)));
        const a = new Uint32Array(values.length + spare).fill(7);
        a.set(values);
        sortAscending(a, values.length);
        expect(Array.from(a.subarray(0, values.length))).toEqual(values.slice().sort((x, y) => x - y));
        expect(Array.from(a.subarray(values.length))).toEqual(new Array(spare).fill(7));
      }),
    );
  });
});
