import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { expectError } from "../../../test/support/expect-error.js";
import { createMetric } from "../../metric.js";
import { absRelDef } from "./abs-rel.js";
import {
  absRel,
  badPixelRate,
  type DepthOptions,
  deltaAccuracy,
  depthRmse,
  depthRmseLog,
  log10Error,
  silog,
  sqRel,
  type WhdrJudgements,
  whdr,
  whdrDef,
} from "./index.js";

const golden = JSON.parse(
  readFileSync(new URL("../../../test/data/golden/depth_protocol.json", import.meta.url), "utf8"),
) as {
  reference: string;
  preds: number[][][];
  target: number[][][];
  cases: {
    crop: "garg" | "eigen" | null;
    alignment: "none" | "median" | "least-squares";
    average: "pixels" | "images";
    expected: Record<string, number>;
  }[];
  whdr: { reflectance: number[][][]; judgements: WhdrJudgements; value: number; value_delta_0_2: number };
};

const metrics: [string, (p: unknown, t: unknown, o: DepthOptions) => number][] = [
  ["abs_rel", (p, t, o) => absRel(p as number[], t as number[], o)],
  ["sq_rel", (p, t, o) => sqRel(p as number[], t as number[], o)],
  ["rmse", (p, t, o) => depthRmse(p as number[], t as number[], o)],
  ["rmse_log", (p, t, o) => depthRmseLog(p as number[], t as number[], o)],
  ["log10", (p, t, o) => log10Error(p as number[], t as number[], o)],
  ["silog", (p, t, o) => silog(p as number[], t as number[], o)],
  ["a1", (p, t, o) => deltaAccuracy(p as number[], t as number[], o)],
  [
    "a2",
    (p, t, o) => deltaAccuracy(p as number[], t as number[], { ...o, threshold: 1.25 ** 2 } as DepthOptions),
  ],
  [
    "a3",
    (p, t, o) => deltaAccuracy(p as number[], t as number[], { ...o, threshold: 1.25 ** 3 } as DepthOptions),
  ],
  ["bad_pixel_rate", (p, t, o) => badPixelRate(p as number[], t as number[], o)],
];

describe(`the depth evaluation protocol matches the papers' evaluation code (${golden.reference})`, () => {
  it.each(
    golden.cases.map(
      (c) => [`${c.crop ?? "no"} crop, ${c.alignment} alignment, averaged over ${c.average}`, c] as const,
    ),
  )("%s", (_, c) => {
    const options: DepthOptions = {
      minDepth: 1e-3,
      maxDepth: 80,
      alignment: c.alignment,
      average: c.average,
      ...(c.crop ? { crop: c.crop } : {}),
    };
    for (const [name, f] of metrics) {
      expect(f(golden.preds, golden.target, options), name).toBeCloseTo(c.expected[name]!, 11);
    }
  });

  it("streams: images split across updates and merged give the same bits", () => {
    const options: DepthOptions = {
      minDepth: 1e-3,
      maxDepth: 80,
      crop: "garg",
      alignment: "median",
      average: "images",
    };
    const a = createMetric(absRelDef(options));
    a.update([golden.preds[0]!], [golden.target[0]!]);
    const b = createMetric(absRelDef(options));
    b.update([golden.preds[1]!], [golden.target[1]!]);
    expect(Object.is(b.merge(a).compute(), absRel(golden.preds, golden.target, options))).toBe(true);
  });

  it("refuses what the protocol cannot do", () => {
    expectError(() => absRel([1, 2], [1, 2], { crop: "garg" }), "shape_mismatch");
    expectError(() => absRel([1, 2], [1, 2], { minDepth: 5, maxDepth: 1 }), "invalid_option");
    expectError(
      () => absRel([[1, 1]], [[1, 2]], { alignment: "least-squares" }),
      "invalid_value",
      "absRel: least-squares alignment needs predictions that are not all equal in an image",
    );
    // without caps a zero target is an error; with caps it is missing ground truth
    expectError(() => absRel([1, 2], [0, 2]), "invalid_value");
    expect(absRel([1, 2], [0, 2], { minDepth: 1e-3, maxDepth: 80 })).toBe(0);
  });

  it("badPixelRate counts KITTI D1 outliers: both 3 px and 5% off", () => {
    // |20 - 25| = 5 > 3 and 20% > 5%: bad; |30 - 30.5| is 0.5 px: fine; |100 - 104| = 4 > 3 but 3.8%: fine
    expect(badPixelRate([10, 20, 30, 104], [10, 25, 30.5, 100])).toBe(0.25);
  });
});

describe("whdr", () => {
  it("matches IIW's compute_whdr on random judgements (delta 0.10 and 0.2)", () => {
    const { reflectance, judgements, value, value_delta_0_2 } = golden.whdr;
    expect(whdr(reflectance, judgements)).toBeCloseTo(value, 14);
    expect(whdr(reflectance, judgements, { delta: 0.2 })).toBeCloseTo(value_delta_0_2, 14);
  });

  it("pools images by weight and is NaN without usable comparisons", () => {
    const m = createMetric(whdrDef());
    expect(m.compute()).toBeNaN();
    const points = [
      { id: 1, x: 0.1, y: 0.5, opaque: true },
      { id: 2, x: 0.9, y: 0.5, opaque: true },
    ];
    m.update([[0.2, 0.8]], {
      intrinsic_points: points,
      intrinsic_comparisons: [{ point1: 1, point2: 2, darker: "1", darker_score: 0.5 }],
    });
    m.update([[0.2, 0.8]], {
      intrinsic_points: points,
      intrinsic_comparisons: [{ point1: 1, point2: 2, darker: "2", darker_score: 1.5 }],
    });
    expect(m.compute()).toBe(0.75);
  });

  it("refuses malformed judgements", () => {
    expectError(() => whdr([[0.5]], {} as never), "invalid_value");
    expectError(
      () =>
        whdr([[0.5]], {
          intrinsic_points: [],
          intrinsic_comparisons: [{ point1: 1, point2: 2, darker: "1", darker_score: 1 }],
        }),
      "invalid_value",
      "whdr: comparison names point 1, which is not in intrinsic_points",
    );
  });
});
