import { describe, expect, it } from "vitest";
import { expectError } from "../../test/support/expect-error.js";
import {
  adviseClassification,
  adviseDetection,
  advisePanoptic,
  adviseRag,
  adviseRegression,
  adviseRetrieval,
  adviseSegmentation,
  adviseText,
  THRESHOLDS,
} from "./index.js";

const repeat = <T>(value: T, n: number): T[] => Array.from({ length: n }, () => value);
const finding = (
  report: { findings: readonly { measure: string; value: number | string }[] },
  measure: string,
) => report.findings.find((f) => f.measure.startsWith(measure))?.value;

describe("adviseClassification", () => {
  it("flags imbalance at the stated ratio and quotes the majority-class accuracy", () => {
    // 40 : 10 is exactly the threshold ratio 4.
    const imbalanced = adviseClassification([...repeat(0, 40), ...repeat(1, 10)]);
    expect(imbalanced.traits).toEqual(["imbalanced"]);
    expect(finding(imbalanced, "imbalance ratio")).toBe(4);
    expect(finding(imbalanced, "prevalence of the minority class")).toBe(0.2);
    expect(imbalanced.findings.find((f) => f.trait === "imbalanced")!.note).toContain("accuracy 0.800");
    expect(imbalanced.recommendation.avoid.map((a) => a.id)).toContain("classification/accuracy");

    const balanced = adviseClassification([...repeat(0, 39), ...repeat(1, 11)]);
    expect(balanced.traits).toEqual([]);
    expect(balanced.recommendation.metrics[0]!.id).toBe("classification/accuracy");
  });

  it("names rare classes, reads string labels, and flags many classes", () => {
    const rare = adviseClassification([...repeat("cat", 50), ...repeat("dog", 45), ...repeat("emu", 3)]);
    expect(finding(rare, "rare classes")).toBe("emu (3)");
    expect(finding(rare, "class counts")).toBe("cat: 50, dog: 45, emu: 3");
    const many = adviseClassification(Array.from({ length: 1000 }, (_, i) => i % THRESHOLDS.manyClasses));
    expect(many.traits).toContain("many-classes");
  });

  it("reads multilabel rows: cardinality, per-label prevalence and label imbalance", () => {
    const rows = [...repeat([1, 0, 0], 18), [1, 1, 0], [0, 0, 1]];
    const report = adviseClassification(rows);
    expect(report.traits).toEqual(["multilabel", "imbalanced"]);
    expect(finding(report, "labels per sample")).toBeCloseTo(21 / 20, 12);
    expect(finding(report, "prevalence per label")).toBe("0.950, 0.050, 0.050");
  });

  it("compares predictions with the majority-class baseline", () => {
    const target = [...repeat(0, 9), 1];
    const trivial = adviseClassification(target, { preds: repeat(0.1, 10) });
    expect(finding(trivial, "predictions")).toBe("scores in [0, 1] (probabilities of the positive class)");
    expect(trivial.findings.at(-1)!.note).toMatch(/No better than always predicting the majority class/);
    const rows = adviseClassification([0, 1, 2], {
      preds: [
        [0.8, 0.1, 0.1],
        [0.1, 0.8, 0.1],
        [0.1, 0.1, 0.8],
      ],
    });
    expect(finding(rows, "predictions")).toBe("class probabilities (rows sum to 1)");
    expect(finding(rows, "accuracy of the predictions")).toBe(1);
  });

  it("rejects bad input with one-line errors", () => {
    expectError(() => adviseClassification([]), "empty_input", "adviseClassification: `target` is empty");
    expectError(
      () => adviseClassification([0, null as never]),
      "invalid_value",
      "adviseClassification: `target` must hold class labels (numbers or strings), got null at index 1",
    );
    expectError(() => adviseClassification([0, 1], { preds: [0.5] }), "shape_mismatch");
    expectError(() => adviseClassification([0, 1], { pred: [0, 1] } as never), "invalid_option");
    expectError(() => adviseClassification([[0, 2]]), "invalid_value");
  });
});

describe("adviseRegression", () => {
  it("finds zeros (MAPE undefined), counts, skew and far-out values", () => {
    const report = adviseRegression([0, 1, 2, 3, 2, 1, 2, 250]);
    expect(report.traits).toEqual(["skewed", "outliers", "zeros", "counts"]);
    expect(report.recommendation.avoid.map((a) => a.id)).toContain(
      "regression/mean_absolute_percentage_error",
    );
  });

  it("finds targets over orders of magnitude", () => {
    const report = adviseRegression([0.5, 2, 8, 30, 120, 500]);
    expect(report.traits).toContain("relative-error");
    expect(finding(report, "range of positive targets")).toBe(1000);
  });

  it("finds residual outliers and the share of squared error they carry", () => {
    const target = Array.from({ length: 40 }, (_, i) => 10.5 + i);
    const preds = target.map((y, i) => y + (i % 2 === 0 ? 0.5 : -0.5) + (i === 7 ? 30 : 0));
    const report = adviseRegression(target, { preds });
    expect(report.traits).toEqual(["outliers"]);
    expect(report.findings.find((f) => f.trait === "outliers")!.note).toMatch(
      /^1 residuals \(2\.5% of the samples\) carry 9\d\.\d% of the squared error/,
    );
  });

  it("finds heteroscedastic errors", () => {
    const target = Array.from({ length: 60 }, (_, i) => 1 + i);
    const preds = target.map((y, i) => y * (1 + (i % 2 === 0 ? 0.2 : -0.2)));
    expect(adviseRegression(target, { preds }).traits).toContain("heteroscedastic");
  });

  it("rejects non-numbers and mismatched lengths", () => {
    expectError(
      () => adviseRegression([1, "2" as never]),
      "invalid_value",
      'adviseRegression: `target` must hold finite numbers, got "2" at index 1',
    );
    expectError(() => adviseRegression([1, 2], { preds: [1] }), "shape_mismatch");
    expectError(() => adviseRegression([1]), "empty_input");
  });
});

describe("adviseDetection", () => {
  const coco = (
    boxes: [number, number, number, number][],
    options: { categories?: number[]; crowd?: boolean } = {},
  ) => ({
    images: [{ id: 1 }, { id: 2 }],
    categories: [{ id: 1 }, { id: 2 }],
    annotations: boxes.map((bbox, i) => ({
      id: i + 1,
      image_id: (i % 2) + 1,
      category_id: options.categories?.[i] ?? 1,
      bbox,
      area: bbox[2] * bbox[3],
      iscrowd: options.crowd && i === 0 ? 1 : 0,
    })),
  });

  it("splits objects by COCO size and flags small objects and scale spread", () => {
    const boxes: [number, number, number, number][] = [
      [0, 0, 10, 10],
      [0, 0, 20, 20],
      [100, 100, 40, 40],
      [0, 0, 200, 200],
    ];
    const report = adviseDetection(coco(boxes));
    expect(finding(report, "objects by COCO size")).toBe("2 small, 1 medium, 1 large");
    expect(report.traits).toEqual(["small-objects", "scale-variation"]);
    expect(report.recommendation.avoid.map((a) => a.id)).toContain("detection/smooth_l1_loss");
  });

  it("flags crowded scenes from overlaps and imbalanced categories", () => {
    const boxes = repeat([0, 0, 50, 50] as [number, number, number, number], 12);
    const report = adviseDetection(coco(boxes, { categories: [2, ...repeat(1, 11)] }));
    expect(report.traits).toEqual(["crowded", "imbalanced"]);
  });

  it("bounds the overlap check: 60 images of 1000 boxes each end quickly", () => {
    const images = Array.from({ length: 60 }, (_, i) => ({ id: i + 1 }));
    const annotations = images.flatMap((img) =>
      Array.from({ length: 1000 }, (_, k) => ({
        id: img.id * 1000 + k,
        image_id: img.id,
        category_id: 1,
        bbox: [k, 0, 10, 10],
        area: 100,
      })),
    );
    const start = performance.now();
    const report = adviseDetection({ images, categories: [{ id: 1 }], annotations });
    expect(performance.now() - start).toBeLessThan(5000);
    expect(String(finding(report, "objects per image"))).toMatch(/\(of 20000 boxes checked\)/);
  });

  it("refuses a dict that is not COCO", () => {
    expectError(() => adviseDetection({ images: [] }), "invalid_value");
  });
});

describe("adviseSegmentation", () => {
  it("measures foreground share, rare classes and small regions", () => {
    // 20 × 20 image: background 0, one 2 × 2 square of class 1 and one pixel of class 2.
    const data = new Array<number>(400).fill(0);
    for (const p of [21, 22, 41, 42]) data[p] = 1;
    data[300] = 2;
    data[399] = 255;
    const report = adviseSegmentation([{ data, shape: [1, 20, 20] }]);
    expect(report.traits).toEqual(["imbalanced", "small-structures"]);
    expect(finding(report, "foreground share")).toBeCloseTo(5 / 399, 12);
    expect(finding(report, "ignored pixels")).toBe(1 / 400);
    // The 2 × 2 square is exactly 1% of the image, not below it; the single pixel is.
    expect(finding(report, "foreground regions smaller")).toBe("1 of 2");
    expect(report.recommendation.avoid.map((a) => a.id)).toContain("segmentation/pixel_accuracy");
  });

  it("treats 255 as a class when asked, and rejects non-integer labels", () => {
    const report = adviseSegmentation([{ data: [0, 255, 255, 0], shape: [1, 2, 2] }], { ignoreIndex: null });
    expect(finding(report, "pixel share per class")).toBe("0: 50.0%, 255: 50.0%");
    expectError(() => adviseSegmentation([{ data: [0, 1.5], shape: [1, 1, 2] }]), "invalid_value");
    expectError(() => adviseSegmentation([{ data: [0, 1], shape: [1, 2, 2] }]), "shape_mismatch");
  });

  it("reads panoptic maps: thing instances and stuff regions", () => {
    const target = [
      [
        [
          [1, 1],
          [1, 2],
          [10, 0],
          [10, 0],
        ],
      ],
    ];
    const report = advisePanoptic({ things: [1], stuffs: [10], target });
    expect(finding(report, "segments")).toBe("2, 1");
    expect(report.traits).toEqual(["panoptic", "instances"]);
  });
});

describe("adviseRetrieval, adviseText, adviseRag", () => {
  it("retrieval: graded relevance, single answers, run depth and unjudged results", () => {
    const qrels = [
      { query: "q1", doc: "a", relevance: 2 },
      { query: "q1", doc: "b", relevance: 0 },
      { query: "q2", doc: "c", relevance: 1 },
    ];
    const report = adviseRetrieval(qrels, {
      run: [
        { query: "q1", doc: "a" },
        { query: "q1", doc: "z" },
      ],
    });
    expect(report.traits).toEqual(["graded-relevance", "single-answer", "top-k"]);
    expect(finding(report, "retrieved documents without a judgement")).toBe(1);
    expect(report.recommendation.metrics[0]!.id).toBe("retrieval/ndcg");
  });

  it("text: few segments, one reference, transcripts", () => {
    const report = adviseText([["hello world", "good morning"]], { hypotheses: ["hello", "good morning"] });
    expect(report.traits).toEqual(["sentence-level", "speech"]);
    expect(finding(report, "hypothesis / reference length")).toBe(0.75);
    const mt = adviseText([["The cat sat.", "It rained."]]);
    expect(mt.traits).toEqual(["sentence-level", "paraphrase"]);
    expectError(() => adviseText([["a"], ["b", "c"]]), "shape_mismatch");
  });

  it("rag: which fields are present decides the traits", () => {
    expect(adviseRag([{ question: "q", answer: "a", contexts: ["c"] }]).traits).toEqual([
      "no-reference",
      "faithfulness",
    ]);
    const full = adviseRag([
      { question: "q", answer: "a", ground_truth: "g", contexts: ["c"], human: { x: 1 } },
    ]);
    expect(full.traits).toEqual(["answer-quality", "faithfulness", "confidence-intervals"]);
    expectError(() => adviseRag([]), "empty_input");
  });
});

describe("advise: strict options", () => {
  it("every advise function rejects an unknown option", () => {
    const calls: [string, () => unknown][] = [
      ["adviseClassification", () => adviseClassification([0, 1], { zzUnknown: 1 } as never)],
      ["adviseRegression", () => adviseRegression([0, 1], { zzUnknown: 1 } as never)],
      [
        "adviseSegmentation",
        () => adviseSegmentation([{ data: [0], shape: [1, 1, 1] }], { zzUnknown: 1 } as never),
      ],
      [
        "adviseRetrieval",
        () => adviseRetrieval([{ query: "q", doc: "d", relevance: 1 }], { zzUnknown: 1 } as never),
      ],
      ["adviseText", () => adviseText([["a"]], { zzUnknown: 1 } as never)],
    ];
    for (const [name, call] of calls)
      expectError(
        call,
        "invalid_option",
        `${name}: unknown option \`zzUnknown\`; known: ${name === "adviseSegmentation" ? "`background`, `ignoreIndex`" : name === "adviseRetrieval" ? "`run`" : name === "adviseText" ? "`hypotheses`" : "`preds`"}`,
      );
  });
});
