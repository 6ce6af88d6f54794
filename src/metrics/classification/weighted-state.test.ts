/**
 * Decoded weighted states (issue 13 §3): integer counts beside exact cells are untrusted like
 * any state. Each hostile edit of a snapshot is refused with `invalid_state` and a message that
 * names the field, and a state stored by 0.2 (float64 weighted sums) is refused.
 */
import { describe, expect, it } from "vitest";
import { expectError } from "../../../test/support/expect-error.js";
import { encodeState } from "../../core/codec.js";
import type { ExactCells } from "../../core/exact-cells.js";
import { type AnyMetricDef, createMetric } from "../../metric.js";
import * as C from "./index.js";

const preds = [0, 1, 2, 1, 0, 2];
const target = [0, 1, 1, 2, 0, 2];
const weights = [0.1, 2.5, 1e-9, 3, 0.3, 7];

/** A snapshot of `def` after one weighted batch, with `edit` applied to its decoded state, as JSON text. */
function tampered<S>(def: AnyMetricDef, args: unknown[], edit: (state: S) => void): string {
  const metric = createMetric(def).update(...(args as never[]));
  const snapshot = metric.snapshot();
  const state = structuredClone(metric.state) as S;
  edit(state);
  return JSON.stringify({ ...snapshot, state: encodeState(state) });
}

const f1 = () => C.multiclassF1Def({ numClasses: 3 });
type Confusion = { matrix: Float64Array; weighted: ExactCells };

describe("weighted confusion states are checked when decoded", () => {
  it("a snapshot round-trips with the same bits", () => {
    const metric = createMetric(f1()).update(preds, target, weights);
    const back = createMetric(f1()).fromJSON(JSON.stringify(metric.snapshot()));
    expect(Object.is(back.compute(), metric.compute())).toBe(true);
  });

  const cases: [string, (s: Confusion) => void, string][] = [
    [
      "a limb that is not an integer in [0, 2^32)",
      (s) => {
        s.weighted.limbs[0] = 2 ** 32;
      },
      "classification/multiclass_f1: state.weighted.limbs must hold integers in [0, 2^32), got 4294967296 at index 0",
    ],
    [
      "a NaN limb",
      (s) => {
        s.weighted.limbs[1] = Number.NaN;
      },
      "classification/multiclass_f1: state.weighted.limbs must hold integers in [0, 2^32), got NaN at index 1",
    ],
    [
      "a window outside the superaccumulator",
      (s) => {
        s.weighted.lo = 140;
      },
      "classification/multiclass_f1: state.weighted.lo must be an integer limb with lo + width in [0, 142], got 140 (width 4)",
    ],
    [
      "limbs that are not a whole number per cell",
      (s) => {
        s.weighted.limbs = s.weighted.limbs.subarray(1);
      },
      "classification/multiclass_f1: state.weighted.limbs must hold a whole number of limbs for each of the 9 cells, got 35 limbs",
    ],
    [
      "a non-canonical window (a bottom row of zeros)",
      (s) => {
        const l = new Float64Array(s.weighted.limbs.length + 9);
        l.set(s.weighted.limbs, 9);
        s.weighted = { lo: s.weighted.lo - 1, limbs: l };
      },
      "classification/multiclass_f1: state.weighted must be canonical: its bottom and top rows of limbs cannot be all zero",
    ],
    [
      "a cell past 2^1023",
      (s) => {
        const width = s.weighted.limbs.length / 9;
        s.weighted.lo = 105 - width;
      },
      "classification/multiclass_f1: state.weighted cell 0 sums to 2^1054 or more (at most 2^1023 allowed)",
    ],
    [
      "an integer count that is not an integer",
      (s) => {
        s.matrix[0] = 0.5;
      },
      "classification/multiclass_f1: state.matrix must hold integer counts in [0, 2^53), got 0.5 at index 0",
    ],
    [
      "an integer count at 2^53",
      (s) => {
        s.matrix[4] = 2 ** 53;
      },
      "classification/multiclass_f1: state.matrix must hold integer counts in [0, 2^53), got 9007199254740992 at index 4",
    ],
  ];
  for (const [name, edit, message] of cases)
    it(name, () => {
      const text = tampered<Confusion>(f1(), [preds, target, weights], edit);
      expectError(() => createMetric(f1()).fromJSON(text), "invalid_state", message);
    });

  it("a state stored by 0.2 (weighted sums in float64, no exact cells) is refused", () => {
    const text = tampered<Record<string, unknown>>(f1(), [preds, target, weights], (s) => {
      delete s.weighted;
      (s.matrix as Float64Array)[0] = 0.1;
    });
    expectError(
      () => createMetric(f1()).fromJSON(text),
      "invalid_state",
      "classification/multiclass_f1: state.matrix must hold integer counts in [0, 2^53), got 0.1 at index 0",
    );
  });

  it("multilabel: the NaN-score flag must be a boolean, totals must agree", () => {
    const def = () => C.multilabelF1Def({ numLabels: 2, average: "samples" });
    const ml = [
      [
        [0.9, 0.2],
        [0.3, 0.7],
        [0.6, 0.6],
      ],
      [
        [1, 0],
        [0, 1],
        [1, 1],
      ],
      [0.3, 1, 2.5],
    ];
    const flag = tampered<{ nanScores: unknown }>(def(), ml, (s) => {
      s.nanScores = 1;
    });
    expect(() => createMetric(def()).fromJSON(flag)).toThrow(/state\.nanScores/);
    const rows = tampered<{ counts: Float64Array }>(def(), ml, (s) => {
      s.counts[9] = 5;
    });
    expectError(
      () => createMetric(def()).fromJSON(rows),
      "invalid_state",
      "classification/multilabel_f1: the exact rows (8.8) exceed the rows (3.8)",
    );
  });

  it("binned curves and exact match check their exact cells", () => {
    const auroc = () => C.binaryAurocDef({ thresholds: 5 });
    const text = tampered<{ weighted: ExactCells }>(
      auroc(),
      [
        [0.1, 0.8, 0.4],
        [0, 1, 1],
        [0.5, 0.25, 3.3],
      ],
      (s) => {
        s.weighted.limbs[0] = -1;
      },
    );
    expect(() => createMetric(auroc()).fromJSON(text)).toThrow(/state\.weighted\.limbs must hold integers/);
    const em = () => C.multiclassExactMatchDef({ numClasses: 3 });
    const emText = tampered<{ counts: Float64Array }>(em(), [preds, target, weights], (s) => {
      s.counts[0] = 9;
    });
    expect(() => createMetric(em()).fromJSON(emText)).toThrow(/the correct weight \(.*\) exceeds the total/);
  });
});
