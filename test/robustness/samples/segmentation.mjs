/** Sample rows of plumbline/segmentation for the robustness suite (see index.mjs). */
const preds = [
  [
    [0, 1, 1, 2],
    [0, 1, 2, 2],
    [0, 0, 2, 2],
  ],
  [
    [1, 1, 0, 0],
    [1, 1, 0, 2],
    [0, 0, 0, 2],
  ],
];
const target = [
  [
    [0, 1, 1, 1],
    [0, 1, 2, 2],
    [0, 2, 2, 2],
  ],
  [
    [1, 1, 0, 0],
    [1, 0, 0, 2],
    [0, 0, 2, 2],
  ],
];
const maskP = [
  [
    [0, 1, 1, 0, 0],
    [0, 1, 1, 1, 0],
    [0, 0, 1, 0, 0],
  ],
];
const maskT = [
  [
    [0, 0, 1, 1, 0],
    [0, 1, 1, 1, 0],
    [0, 1, 0, 0, 0],
  ],
];
// [batch, pixels, 2] (category, instance): things 0, 1; stuffs 6, 7.
const panP = [[[0, 0], [0, 1], [6, 0], [7, 0], [0, 2], [1, 0]]];
const panT = [[[0, 1], [0, 0], [6, 0], [7, 0], [6, 0], [255, 0]]];
const panopticImages = [
  {
    preds: { ids: [1, 1, 2, 2, 0, 3], segments: [{ id: 1, categoryId: 1 }, { id: 2, categoryId: 3 }, { id: 3, categoryId: 1 }] },
    target: { ids: [1, 1, 2, 2, 2, 0], segments: [{ id: 1, categoryId: 1 }, { id: 2, categoryId: 3 }] },
  },
];
const poly = (x, y, s) => [[x, y, x + s, y, x + s, y + s, x, y + s]];
const maskImages = [
  {
    imageId: 1,
    height: 20,
    width: 20,
    groundTruth: [{ categoryId: 1, segmentation: poly(2, 2, 8) }],
    detections: [
      { categoryId: 1, score: 0.9, segmentation: poly(3, 2, 8) },
      { categoryId: 1, score: 0.3, segmentation: poly(12, 12, 5) },
    ],
  },
];

const pair = (factory, options, p = preds, t = target) => ({ factory, options, batches: [[p, t], [p.slice(0, 1), t.slice(0, 1)]] });

export const rows = [
  pair("meanIouDef", { numClasses: 3, perClass: true }),
  pair("meanIouDef", { numClasses: 3, reduction: "per-image", includeBackground: false }),
  pair("frequencyWeightedIouDef", { numClasses: 3 }),
  pair("diceScoreDef", { numClasses: 3, average: "none" }),
  pair("generalizedDiceScoreDef", { numClasses: 3, perClass: true }),
  pair("pixelAccuracyDef", { ignoreIndex: 2 }),
  pair("segmentationSuiteDef", { numClasses: 3 }),
  pair("hausdorffDistanceDef", { percentile: 95 }, maskP, maskT),
  pair("averageSurfaceDistanceDef", { emptyValue: "inf" }, maskP, maskT),
  pair("boundaryF1Def", { tolerance: 1 }, maskP, maskT),
  { factory: "panopticQualityDef", options: { things: [0, 1], stuffs: [6, 7], returnSqAndRq: true }, batches: [[panP, panT]] },
  { factory: "modifiedPanopticQualityDef", options: { things: [0, 1], stuffs: [6, 7] }, batches: [[panP, panT]] },
  pair("normalizedSurfaceDiceDef", { tolerance: 1, spacing: [1, 0.5] }, maskP, maskT),
  {
    factory: "panopticQualityCocoDef",
    options: { categories: [{ id: 1, isthing: 1 }, { id: 3, isthing: 0 }] },
    batches: [[panopticImages]],
  },
  { factory: "maskApDef", options: { maxDets: [1, 10, 100] }, batches: [[maskImages]] },
];

/** Set when every `*Def` export of the module has a row (the suite then enforces it). */
export const complete = true;
