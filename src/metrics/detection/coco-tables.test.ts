import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { caught } from "../../../test/support/expect-error.js";
import { cocoEvaluateImages, sortRows } from "./coco-eval.js";
import { cocoEvaluate, keypointColumnArea } from "./coco-json.js";
import { keypointBox, ObjectTable } from "./coco-objects.js";
import { readCocoResults } from "./coco-results.js";

/**
 * `cocoEvaluate` on keypoint results from `readCocoResults` fills the matcher's tables straight
 * from the columns and the ground-truth annotations; on a parsed array it builds one object per
 * annotation and result and checks them (`prepareImage`). Both must give the same bits and, on
 * any input the table path declines, the same refusal.
 */

/** Bitwise equality of two stats lists (-1, -0 included). */
const sameBits = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

/** The outcome of a run: its stats, or its error's code and message. */
function outcome(run: () => { stats: number[] }): { stats?: number[]; error?: string } {
  try {
    return { stats: run().stats };
  } catch {
    const error = caught(run);
    return { error: `${error.code}: ${error.message}` };
  }
}

/** Both paths on one results text: equal stats bits, or the same refusal. */
function expectSamePaths(gt: unknown, text: string, options: Record<string, unknown> = {}): void {
  const fromArray = outcome(() => cocoEvaluate(gt, JSON.parse(text), { iouType: "keypoints", ...options }));
  const fromColumns = outcome(() =>
    cocoEvaluate(gt, readCocoResults(text), { iouType: "keypoints", ...options }),
  );
  expect(fromColumns.error).toBe(fromArray.error);
  if (fromArray.stats) expect(sameBits(fromColumns.stats!, fromArray.stats)).toBe(true);
}

const sigmas = [0.5, 0.7, 1.1];

/** A random keypoints dataset (3 keypoints per object) and its results text, over 1 to 70 images (chunks of 32). */
const dataset = fc
  .record({
    images: fc.integer({ min: 1, max: 70 }),
    seed: fc.integer(),
    crowd: fc.double({ min: 0, max: 0.3, noNaN: true }),
    ties: fc.boolean(),
    categories: fc.integer({ min: 1, max: 3 }),
  })
  .map(({ images, seed, crowd, ties, categories }) => {
    let state = seed >>> 0 || 1;
    const rand = () => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state / 2 ** 32;
    };
    const annotations: Record<string, unknown>[] = [];
    const results: Record<string, unknown>[] = [];
    for (let img = 1; img <= images; img++) {
      const people = Math.floor(rand() * 4);
      const truths: number[][] = [];
      for (let q = 0; q < people; q++) {
        const x = rand() * 200;
        const y = rand() * 200;
        const w = 10 + rand() * 100;
        const h = 10 + rand() * 100;
        const kps: number[] = [];
        for (let k = 0; k < 3; k++) {
          const v = rand() < 0.2 ? 0 : rand() < 0.5 ? 1 : 2;
          kps.push(v ? x + rand() * w : 0, v ? y + rand() * h : 0, v);
        }
        truths.push(kps);
        annotations.push({
          id: rand() < 0.05 ? 0 : annotations.length + 1,
          image_id: img,
          category_id: 1 + Math.floor(rand() * categories),
          bbox: [x, y, w, h],
          area: rand() < 0.1 ? 0 : w * h * rand() * 1.2,
          iscrowd: rand() < crowd ? 1 : 0,
          keypoints: kps,
          num_keypoints: kps.filter((_, i) => i % 3 === 2 && kps[i]! > 0).length,
        });
      }
      const detections = Math.floor(rand() * 6);
      for (let d = 0; d < detections; d++) {
        const t = truths[d % Math.max(1, truths.length)];
        const noise = rand() < 0.5 ? 2 : 40;
        const kps: number[] = [];
        for (let k = 0; k < 3; k++)
          kps.push(
            (t ? t[3 * k]! : 100) + (rand() - 0.5) * noise,
            (t ? t[3 * k + 1]! : 100) + (rand() - 0.5) * noise,
            1,
          );
        results.push({
          image_id: img,
          category_id: 1 + Math.floor(rand() * categories),
          keypoints: kps,
          score: ties ? Math.round(rand() * 4) / 4 : rand(),
        });
      }
    }
    const gt = {
      images: Array.from({ length: images }, (_, i) => ({ id: i + 1, width: 300, height: 300 })),
      categories: Array.from({ length: categories }, (_, i) => ({ id: i + 1 })),
      annotations,
    };
    return { gt, text: JSON.stringify(results) };
  });

describe("cocoEvaluate keypoints: the table path equals the object path", () => {
  it("on random datasets, bit for bit", () => {
    fc.assert(
      fc.property(dataset, ({ gt, text }) => {
        expectSamePaths(gt, text, { keypointSigmas: sigmas });
        expectSamePaths(gt, text, { keypointSigmas: sigmas, maxDets: [2] });
        expectSamePaths(gt, text, { keypointSigmas: sigmas, useCats: false });
      }),
      { numRuns: 150 },
    );
  });

  const gt = {
    images: [1, 2, 3].map((id) => ({ id, width: 100, height: 100 })),
    categories: [{ id: 1 }, { id: 2 }],
    annotations: [1, 2, 3].map((image) => ({
      id: image,
      image_id: image,
      category_id: 1,
      bbox: [10, 10, 20, 20],
      area: 400,
      iscrowd: 0,
      keypoints: [12, 14, 2, 20, 20, 1, 25, 28, 2],
      num_keypoints: 3,
    })),
  };
  const result = (image: number, keypoints: string, extra = "") =>
    `{"image_id":${image},"category_id":1,"score":0.5,"keypoints":${keypoints}${extra}}`;
  const good = "[12,14,1,21,20,1,25,27,1]";

  it("gives the object path's numbers on plain input", () => {
    const text = `[${result(1, good)},${result(2, good)},${result(3, "[0,0,1,1,1,1,2,2,1]")}]`;
    expectSamePaths(gt, text, { keypointSigmas: sigmas });
    expect(
      cocoEvaluate(gt, readCocoResults(text), { iouType: "keypoints", keypointSigmas: sigmas }).stats[0],
    ).toBe(cocoEvaluate(gt, JSON.parse(text), { iouType: "keypoints", keypointSigmas: sigmas }).stats[0]);
  });

  it("gives the object path's refusal for every result the tables decline", () => {
    for (const bad of [
      "[]",
      "[1,2]",
      "[1,2,1,4]",
      "[1e999,2,1,3,4,1,5,6,1]",
      "[1,2,1e999,3,4,1,5,6,1]",
      "[1,2,1,3,-1e999,1,5,6,1]",
      "[1,2,1,3,4,1,5,6,-1e999]",
      "[1.7e308,2,1,-1.7e308,4,1,5,6,1]",
      '"x"',
      "null",
      "[1,2,1,3,4,1]",
    ]) {
      expectSamePaths(gt, `[${result(1, good)},${result(2, bad)}]`, { keypointSigmas: sigmas });
    }
    expectSamePaths(gt, `[${result(1, good).replace('"keypoints":', '"kp":')}]`, { keypointSigmas: sigmas });
    // A category outside the evaluated ones (option categoryIds).
    expectSamePaths(gt, `[${result(1, good).replace('"category_id":1', '"category_id":2')}]`, {
      keypointSigmas: sigmas,
      categoryIds: [1],
    });
  });

  it("gives the object path's refusal for every annotation the tables decline, in the object path's order", () => {
    const text = `[${result(1, good)},${result(3, good)}]`;
    const broken: [string, unknown][] = [
      ["iscrowd", undefined],
      ["iscrowd", true],
      ["id", "7"],
      ["id", null],
      ["area", undefined],
      ["area", Number.POSITIVE_INFINITY],
      ["bbox", undefined],
      ["bbox", [1, 2, -3, 4]],
      ["bbox", [1, 2, 3]],
      ["keypoints", [1, 2, 1, 3]],
      ["keypoints", [1, 2, "1"]],
      ["keypoints", [1, 2, 1, 3, 4, 1]],
      ["num_keypoints", undefined],
      ["num_keypoints", 0],
    ];
    for (const [key, value] of broken) {
      const annotations = gt.annotations.map((a, i) => {
        if (i !== 2) return a;
        const copy: Record<string, unknown> = { ...a };
        if (value === undefined) delete copy[key];
        else copy[key] = value;
        return copy;
      });
      expectSamePaths({ ...gt, annotations }, text, { keypointSigmas: sigmas });
    }
    // A result that fails when its image is evaluated (image 1: 2 triplets for 3 sigmas) and an
    // annotation refused when its image is read (image 3): the object path reads every image
    // of a chunk before it evaluates the first, so the annotation's refusal comes first.
    const annotations = gt.annotations.map((a, i) => (i === 2 ? { ...a, iscrowd: undefined } : a));
    delete (annotations[2] as Record<string, unknown>).iscrowd;
    expectSamePaths({ ...gt, annotations }, `[${result(1, "[1,2,1,3,4,1]")}]`, { keypointSigmas: sigmas });
  });
});

describe("ObjectTable", () => {
  it("keeps every row and its keypoints when it grows past its first capacity", () => {
    const table = new ObjectTable();
    table.clear();
    for (let r = 0; r < 5000; r++) {
      expect(table.addRow()).toBe(r);
      table.cat[r] = r % 7;
      table.score[r] = r / 5000;
      table.area[r] = r * 2;
      table.flags[r] = r % 8;
      table.box[4 * r + 2] = r;
      table.addKeypoints(r, [r, r + 1, 2], 0, 3);
    }
    for (const r of [0, 2047, 2048, 4999]) {
      expect([table.cat[r], table.score[r], table.area[r], table.flags[r], table.box[4 * r + 2]]).toEqual([
        r % 7,
        r / 5000,
        r * 2,
        r % 8,
        r,
      ]);
      expect(Array.from(table.kps.subarray(table.kpsFrom[r]!, table.kpsTo[r]!))).toEqual([r, r + 1, 2]);
    }
  });
});

describe("sortRows", () => {
  it("orders rows by (category, descending score, row) — or without categories by (descending score, category, row) — at any size", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ cat: fc.integer({ min: 1, max: 3 }), score: fc.constantFrom(0, 0.5, 1, 0.25, -0) }),
          {
            maxLength: 600,
          },
        ),
        fc.nat(5),
        fc.boolean(),
        fc.boolean(),
        (rows, from, useCats, byScore) => {
          const table = new ObjectTable();
          table.clear();
          for (let r = 0; r < from; r++) table.addRow();
          for (const { cat, score } of rows) {
            const r = table.addRow();
            table.cat[r] = cat;
            table.score[r] = score;
          }
          sortRows(table, from, table.n, useCats, byScore);
          const expected = rows
            .map((_, i) => from + i)
            .sort((x, y) => {
              const [cx, cy, sx, sy] = [table.cat[x]!, table.cat[y]!, table.score[x]!, table.score[y]!];
              if (useCats && cx !== cy) return cx - cy;
              if (byScore && sx !== sy) return sy - sx;
              if (cx !== cy) return cx - cy;
              return x - y;
            });
          expect(Array.from(table.order.subarray(0, rows.length))).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("an image with more objects than insertion sort takes (256)", () => {
  it("gives the same numbers whatever the input order (distinct scores)", () => {
    let state = 7;
    const rand = () => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state / 2 ** 32;
    };
    const groundTruth = Array.from({ length: 300 }, (_, j) => ({
      categoryId: 1 + (j % 3),
      bbox: [rand() * 500, rand() * 500, 5 + rand() * 50, 5 + rand() * 50],
    }));
    const detections = Array.from({ length: 400 }, (_, j) => {
      const g = groundTruth[j % 300]!.bbox;
      return {
        categoryId: 1 + ((j + (j % 5 === 0 ? 1 : 0)) % 3),
        score: ((j * 7919) % 400) / 400 + 1e-4,
        bbox: [g[0]! + rand() * 4, g[1]! + rand() * 4, g[2]!, g[3]!],
      };
    });
    const shuffled = detections.map((d, j) => [d, (j * 193) % 400] as const).sort((a, b) => a[1] - b[1]);
    for (const useCats of [true, false]) {
      const a = cocoEvaluateImages([{ imageId: 1, groundTruth, detections }], { useCats });
      const b = cocoEvaluateImages(
        [{ imageId: 1, groundTruth: [...groundTruth].reverse(), detections: shuffled.map(([d]) => d) }],
        { useCats },
      );
      expect(a.stats[0]).toBeGreaterThan(0);
      expect(sameBits(b.stats, a.stats)).toBe(true);
    }
  });
});

describe("keypointColumnArea (comparisons) = keypointBox (Math.min/max) on column values", () => {
  const value = fc.constantFrom(
    0,
    -0,
    1,
    -1,
    2.5,
    -2.5,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    1.7e308,
    -1.7e308,
    5e-324,
    -5e-324,
  );
  it("accepts the same results and gives the same area bits", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(value, { minLength: 3, maxLength: 18 }), { minLength: 1, maxLength: 8 }),
        (lists) => {
          // JSON.stringify writes -0 as 0 and Infinity as null: spell the values out.
          const spell = (v: number) =>
            Object.is(v, -0)
              ? "-0"
              : v === Number.POSITIVE_INFINITY
                ? "1e999"
                : v === Number.NEGATIVE_INFINITY
                  ? "-1e999"
                  : String(v);
          const text = `[${lists.map((l) => `{"image_id":1,"category_id":1,"score":1,"keypoints":[${l.map(spell).join(",")}]}`).join(",")}]`;
          const columns = readCocoResults(text);
          lists.forEach((list, i) => {
            const out = new Float64Array(5);
            keypointBox(list, 0, list.length, out);
            const accepted =
              list.length % 3 === 0 &&
              out[4]! < Number.POSITIVE_INFINITY &&
              Number.isFinite(out[2]!) &&
              Number.isFinite(out[3]!);
            const area = keypointColumnArea(
              columns.keypointValues,
              columns.keypointStart[i]!,
              columns.keypointStart[i + 1]!,
            );
            expect(area >= 0).toBe(accepted);
            if (accepted) expect(Object.is(area, out[2]! * out[3]!)).toBe(true);
          });
        },
      ),
      { numRuns: 3000 },
    );
  });
});
