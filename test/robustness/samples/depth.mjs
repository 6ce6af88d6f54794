/** Sample rows of plumbline/depth for the robustness suite (see index.mjs). */
const preds = [1.2, 2.4, 3.1, 0.9, 5.5, 7.2];
const target = [1, 2.5, 3, 1.1, 5, 8];

/** Two 8 x 10 depth maps with missing ground truth (zeros) and depths past 80 m. */
const maps = Array.from({ length: 2 }, (_, n) =>
  Array.from({ length: 8 }, (_, r) => Array.from({ length: 10 }, (_, c) => 1 + ((n * 31 + r * 7 + c * 3) % 90))),
);
const mapsTarget = maps.map((image, n) =>
  image.map((row, r) => row.map((v, c) => ((n + r + c) % 5 === 0 ? 0 : v * (1 + (((r * c) % 7) - 3) / 20)))),
);

const pair = (factory, options = {}) => ({
  factory,
  options,
  batches: [
    [preds, target],
    [preds.slice(2), target.slice(2)],
  ],
});

export const rows = [
  pair("absRelDef"),
  pair("sqRelDef"),
  pair("depthRmseDef"),
  pair("depthRmseLogDef"),
  pair("log10ErrorDef"),
  pair("silogDef", { lambda: 1 }),
  pair("deltaAccuracyDef", { threshold: 1.25 ** 2 }),
  pair("badPixelRateDef", { absThreshold: 0.2, relThreshold: 0.05 }),
  {
    factory: "absRelDef",
    options: { minDepth: 1e-3, maxDepth: 80, crop: "garg", alignment: "median", average: "images" },
    batches: [[maps, mapsTarget]],
  },
  {
    factory: "whdrDef",
    options: { delta: 0.1 },
    batches: [
      [
        [
          [0.2, 0.8],
          [0.5, 0.4],
        ],
        {
          intrinsic_points: [
            { id: 1, x: 0.1, y: 0.2, opaque: true },
            { id: 2, x: 0.9, y: 0.7, opaque: true },
          ],
          intrinsic_comparisons: [{ point1: 1, point2: 2, darker: "1", darker_score: 0.8 }],
        },
      ],
    ],
  },
];

/** Set when every `*Def` export of the module has a row (the suite then enforces it). */
export const complete = true;
