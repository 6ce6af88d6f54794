import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ExactPartials } from "../../core/partials.js";
import { identity, sortDescendingWith } from "../../core/sort.js";
import { createMetric } from "../../metric.js";
import { binarySource, walkExact } from "./curve-state.js";
import { binaryAurocDef, binaryRocCurve, multiclassRocCurve } from "./index.js";

/** Every visit (threshold, tps, fps) of a walk, thresholds compared with Object.is (-0 is not 0). */
type Visits = [number, number, number][];

/** The visits of an exact binary state's compute (scores as given): the bucket walk of curve-state.ts. */
function bucketVisits(scores: ArrayLike<number>, target: number[], weights?: number[]): Visits {
  const metric = createMetric(binaryAurocDef({ predsKind: "scores" }));
  metric.update(scores as number[], target, weights);
  const visits: Visits = [];
  const source = binarySource(metric.state as never, undefined);
  walkExact(source, (v, tps, fps) => visits.push([v, tps, fps]));
  return visits;
}

/**
 * The visits of a full stable sort of the same samples (core/sort.ts, descending, ties in input
 * order; the zeros' threshold the first zero's in input order): each distinct score with the
 * cumulative positive and negative weight down to it, a tie's weights summed exactly and rounded
 * once per label (counts without weights).
 */
function sortedVisits(scores: ArrayLike<number>, target: number[], weights?: number[]): Visits {
  const values = Float64Array.from(scores);
  const { payload: order, sorted } = sortDescendingWith(values, identity(values.length));
  sorted[sorted.indexOf(0)] = values[values.indexOf(0)]!;
  const ties = [new ExactPartials(), new ExactPartials()];
  const visits: Visits = [];
  let tps = 0;
  let fps = 0;
  for (let i = 0; i < sorted.length; ) {
    const v = sorted[i]!;
    for (; i < sorted.length && sorted[i] === v; i++)
      ties[target[order[i]!]!]!.add(weights ? weights[order[i]!]! : 1);
    tps += ties[1]!.take();
    fps += ties[0]!.take();
    visits.push([v, tps, fps]);
  }
  return visits;
}

/** Scores that make every kind of bucket: kinds picked per sample, so they mix within one input. */
const score = fc.oneof(
  // few distinct float64 values a float32 cannot hold, many ties: large counted buckets
  fc.integer({ min: 0, max: 40 }).map((k) => k / 41),
  // distinct doubles that share a float32 rounding (rests differ within a key): sorted buckets
  fc
    .tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 3 }))
    .map(([k, r]) => k / 8 + r * 2 ** -40),
  // float32 values, ±0, subnormals of both widths
  fc.float({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, 5e-324, -1e-320, 1e-45, 2 ** -149),
  // past the float32 range (roundings to ±Infinity) and near its edge
  fc.constantFrom(1e300, -1e300, 3.4028235677973366e38, 3.4028234663852886e38, -3.5e38, Number.MAX_VALUE),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

describe("the bucket walk of exact curves", () => {
  it("visits the thresholds and sums of a full stable sort, bit for bit, with and without weights", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(score, fc.integer({ min: 0, max: 1 })), { minLength: 1, maxLength: 6000 }),
        fc.constantFrom("none", "ones", "integers", "wide"),
        fc.boolean(),
        (rows, weighting, float32) => {
          // (A Float32Array holds no score past its range: those read as 0.5 there.)
          const scores = float32
            ? Float32Array.from(rows, (r) => (Number.isFinite(Math.fround(r[0])) ? r[0] : 0.5))
            : Float64Array.from(rows, (r) => r[0]);
          const target = rows.map((r) => r[1]);
          const weights =
            weighting === "none"
              ? undefined
              : rows.map((_, i) =>
                  weighting === "ones"
                    ? 1
                    : weighting === "integers"
                      ? i % 5
                      : 2 ** (((i * 7) % 61) - 30) * 1.1,
                );
          const ours = bucketVisits(scores, target, weights);
          const reference = sortedVisits(scores, target, weights);
          expect(ours.length).toBe(reference.length);
          // Without weights, scores that are all float32 values (in either array type) are
          // walked without rests, which has always given the zeros +0; elsewhere the first
          // zero's sign in input order, as the stable sort.
          const float32Valued = Array.from(scores).every((x) => Math.fround(x) === x);
          for (let i = 0; i < ours.length; i++) {
            const [v, tps, fps] = reference[i]!;
            const zero = float32Valued && !weights && v === 0;
            expect([zero ? 0 : v, tps, fps]).toEqual(ours[i]);
          }
        },
      ),
      {
        numRuns: 60,
        examples: [
          [[[-0, 0]], "none", false],
          [
            [
              [-0, 1],
              [0, 0],
              [0.1, 1],
            ],
            "none",
            false,
          ],
          [
            [
              [-0, 0],
              [0, 1],
            ],
            "ones",
            true,
          ],
        ],
      },
    );
  });

  it("walks large buckets with many distinct rests, counted and sorted, as a full sort does", () => {
    // 20,000 samples in a few high-digit buckets: a rest per key in some, several in others.
    let seed = 17;
    const rand = () => {
      seed = (Math.imul(seed, 48271) % 2147483647) >>> 0;
      return seed / 2147483647;
    };
    for (const spread of [0, 3, 1000]) {
      const n = 20_000;
      const scores = Float64Array.from(
        { length: n },
        () => 0.5 + Math.floor(rand() * 3000) * 2 ** -20 + Math.floor(rand() * (spread + 1)) * 2 ** -45,
      );
      const target = Array.from({ length: n }, () => (rand() < 0.4 ? 1 : 0));
      const weights = Array.from({ length: n }, () => rand() * 3);
      expect(bucketVisits(scores, target)).toEqual(sortedVisits(scores, target));
      expect(bucketVisits(scores, target, weights)).toEqual(sortedVisits(scores, target, weights));
    }
  });

  it("gives each class of a multiclass curve its binary curve, bit for bit (±0 thresholds included)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.array(score, { minLength: 3, maxLength: 3 }), fc.integer({ min: 0, max: 2 })), {
          minLength: 1,
          maxLength: 400,
        }),
        (rows) => {
          const preds = rows.map((r) => r[0]);
          const labels = rows.map((r) => r[1]);
          const perClass = multiclassRocCurve(preds, labels, { numClasses: 3, predsKind: "scores" });
          for (let c = 0; c < 3; c++) {
            const binary = binaryRocCurve(
              preds.map((p) => p[c]!),
              labels.map((l) => (l === c ? 1 : 0)),
              { predsKind: "scores" },
            );
            expect(perClass[c]).toEqual(binary);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
