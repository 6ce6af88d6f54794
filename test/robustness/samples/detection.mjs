/** Sample rows of plumbline/detection for the robustness suite (see index.mjs). */
const boxImages = [
  {
    imageId: 1,
    groundTruth: [
      { categoryId: 1, bbox: [10, 10, 40, 30], area: 1200 },
      { categoryId: 2, bbox: [60, 50, 20, 20], area: 400, iscrowd: 1 },
    ],
    detections: [
      { categoryId: 1, bbox: [12, 11, 38, 30], score: 0.9 },
      { categoryId: 1, bbox: [50, 50, 10, 10], score: 0.4 },
      { categoryId: 2, bbox: [61, 50, 18, 20], score: 0.7 },
    ],
  },
  {
    imageId: 2,
    groundTruth: [{ categoryId: 2, bbox: [0, 0, 20, 20], area: 400 }],
    detections: [{ categoryId: 2, bbox: [1, 1, 19, 19], score: 0.8 }],
  },
];
const laterImage = [
  {
    imageId: 3,
    groundTruth: [{ categoryId: 1, bbox: [5, 5, 30, 30], area: 900 }],
    detections: [{ categoryId: 1, bbox: [6, 5, 30, 29], score: 0.6 }],
  },
];
const mapPreds = [
  { boxes: [[10, 10, 50, 40], [50, 50, 60, 60]], scores: [0.9, 0.4], labels: [1, 1] },
  { boxes: [[1, 1, 20, 20]], scores: [0.8], labels: [2] },
];
const mapTarget = [
  { imageId: 1, boxes: [[12, 11, 50, 41]], labels: [1] },
  { imageId: 2, boxes: [[0, 0, 20, 20]], labels: [2] },
];
const vocImages = boxImages.map((img) => ({
  imageId: img.imageId,
  groundTruth: img.groundTruth.map(({ categoryId, bbox, iscrowd }) => ({ categoryId, bbox, difficult: iscrowd ?? 0 })),
  detections: img.detections,
}));

export const rows = [
  { factory: "cocoEvalDef", options: { iouType: "bbox" }, batches: [[boxImages], [laterImage]] },
  { factory: "detectionSuiteDef", options: { classAgnostic: true }, batches: [[boxImages], [laterImage]] },
  { factory: "cocoEvalDef", options: { maxDets: [1, 5, 20], summary: "intended" }, batches: [[boxImages]] },
  { factory: "detectionMapDef", options: { boxFormat: "xyxy" }, batches: [[mapPreds, mapTarget]] },
  { factory: "vocApDef", options: { iouThreshold: 0.5, use07Metric: true }, batches: [[vocImages]] },
];

/** Set when every `*Def` export of the module has a row (the suite then enforces it). */
export const complete = true;
