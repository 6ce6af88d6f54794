import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { groupCodes } from "./coco-eval.js";
import { CROWD, ID_ZERO, IGNORE, ObjectTable } from "./coco-objects.js";

/**
 * The matcher looks only at each detection's candidates (ground truth whose IoU is not below the
 * smallest threshold). It must give the codes of pycocotools' `evaluateImg` loop, which scans
 * every ground truth, on any group: ties, NaN IoUs, crowd regions, ignored ground truth, id-0
 * ground truth, detections and ground truth outside the area range.
 */

interface Group {
  ious: number[][];
  gtArea: number[];
  gtFlags: number[];
  dtArea: number[];
}

/** The naive matcher: every ground truth scanned per detection, with the rules of pycocotools `evaluateImg` (cocoapi master) restated; codes per (detection, area range, threshold). */
function reference(
  group: Group,
  areas: [number, number][],
  thresholds: number[],
): { codes: number[]; counts: number[] } {
  const D = group.dtArea.length;
  const G = group.gtArea.length;
  const A = areas.length;
  const T = thresholds.length;
  const codes = new Array<number>(D * A * T).fill(-1);
  const counts: number[] = [];
  areas.forEach(([lo, hi], a) => {
    const gtIg = group.gtArea.map((area, g) =>
      group.gtFlags[g]! & IGNORE || area < lo || area > hi ? 1 : 0,
    );
    // gtind = np.argsort(gtIg, kind="mergesort"): non-ignored first, stable.
    const gtind = [...gtIg.keys()].sort((x, y) => gtIg[x]! - gtIg[y]! || x - y);
    const crowd = (g: number) => (group.gtFlags[g]! & CROWD) !== 0;
    counts.push(gtIg.filter((v) => v === 0).length);
    for (let t = 0; t < T; t++) {
      const gtm = new Array<boolean>(G).fill(false);
      for (let d = 0; d < D; d++) {
        let iou = thresholds[t]!;
        let m = -1;
        for (const g of gtind) {
          if (gtm[g] && !crowd(g)) continue;
          if (m > -1 && gtIg[m] === 0 && gtIg[g] === 1) break;
          // Python's `ious[dind, gind] < iou` is False for NaN: a NaN IoU is taken.
          if (group.ious[d]![g]! < iou) continue;
          iou = group.ious[d]![g]!;
          m = g;
        }
        let dtIg = false;
        let dtm = 0;
        if (m > -1) {
          dtIg = gtIg[m] === 1;
          dtm = group.gtFlags[m]! & ID_ZERO ? 0 : 1;
          gtm[m] = true;
        }
        const outside = group.dtArea[d]! < lo || group.dtArea[d]! > hi;
        if (dtm === 0 && outside) dtIg = true;
        codes[d * A * T + a * T + t] = dtIg ? 2 : dtm > 0 ? 1 : 0;
      }
    }
  });
  return { codes, counts };
}

const iou = fc.oneof(
  fc.constantFrom(0, 0.3, 0.5, 0.5, 0.55, 0.75, 0.75, 0.9, 0.95, 1, Number.NaN),
  fc.double({ min: 0, max: 1, noNaN: true }),
);

const groups = fc
  .record({ D: fc.integer({ min: 0, max: 8 }), G: fc.integer({ min: 0, max: 6 }) })
  .chain(({ D, G }) =>
    fc.record({
      ious: fc.array(fc.array(iou, { minLength: G, maxLength: G }), { minLength: D, maxLength: D }),
      gtArea: fc.array(fc.constantFrom(0, 500, 1024, 5000, 9216, 20000), { minLength: G, maxLength: G }),
      gtFlags: fc.array(fc.constantFrom(0, 0, 0, CROWD | IGNORE, IGNORE, ID_ZERO, CROWD), {
        minLength: G,
        maxLength: G,
      }),
      dtArea: fc.array(fc.constantFrom(0, 500, 1024, 5000, 9216, 20000), { minLength: D, maxLength: D }),
    }),
  );

function tables(group: Group): { dts: ObjectTable; gts: ObjectTable } {
  const dts = new ObjectTable();
  const gts = new ObjectTable();
  for (const area of group.dtArea) dts.area[dts.addRow()] = area;
  group.gtArea.forEach((area, g) => {
    const r = gts.addRow();
    gts.area[r] = area;
    gts.flags[r] = group.gtFlags[g]!;
  });
  return { dts, gts };
}

describe("COCO matcher (candidates only) = pycocotools evaluateImg's full scan", () => {
  const areas: [number, number][] = [
    [0, 1e10],
    [1024, 9216],
    [9216, 1e10],
  ];
  const thresholds = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 1 - 1e-10];

  it("gives the same codes and counts on random groups", () => {
    fc.assert(
      fc.property(groups, (group) => {
        const D = group.dtArea.length;
        const G = group.gtArea.length;
        const { dts, gts } = tables(group);
        const ious = Float64Array.from(group.ious.flat());
        const ours = groupCodes(
          dts,
          D,
          gts,
          G,
          ious,
          areas.map((range, i) => ({ label: `a${i}`, range })),
          thresholds,
        );
        const theirs = reference(group, areas, thresholds);
        expect(Array.from(ours.codes)).toEqual(theirs.codes);
        expect(ours.counts).toEqual(theirs.counts);
      }),
      { numRuns: 2000 },
    );
  });

  it("takes the last of equal IoUs, and a non-ignored match before any ignored one", () => {
    // Two free ground truths at IoU 0.8: pycocotools keeps the later one; an ignored one at 0.9
    // is not looked at once a non-ignored one matched.
    const group: Group = {
      ious: [[0.8, 0.8, 0.9]],
      gtArea: [5000, 5000, 5000],
      gtFlags: [0, ID_ZERO, IGNORE],
      dtArea: [5000],
    };
    const { dts, gts } = tables(group);
    const ours = groupCodes(
      dts,
      1,
      gts,
      3,
      Float64Array.from(group.ious.flat()),
      [{ label: "all", range: [0, 1e10] }],
      [0.5, 0.85],
    );
    // At 0.5 the id-0 ground truth (the later of the two at 0.8) matches: no true positive, not ignored.
    // At 0.85 only the ignored one reaches the threshold: ignored.
    expect(Array.from(ours.codes)).toEqual([0, 2]);
  });
});
