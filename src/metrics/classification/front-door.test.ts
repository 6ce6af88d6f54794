/**
 * The front door (issue 10 §1-§4) against its references: every case of
 * test/data/golden/classification_front_door.json (torchmetrics 1.9.0 and scikit-learn 1.2.1,
 * written by scripts/golden/classification_front_door.py) is a public call whose result must
 * match: task wrappers and their defaults, logits, extra dimensions, one-vs-rest EER and
 * operating points, one-vs-all hinge, sklearn labels, sample weights and reports.
 */
import { describe, expect, it } from "vitest";
import { loadGoldenCalls, mismatch } from "../../../test/support/golden-calls.js";
import * as C from "./index.js";

const { reference, cases } = loadGoldenCalls("classification_front_door.json");

describe(`classification front door against torchmetrics ${reference.torchmetrics} and sklearn ${reference.sklearn}`, () => {
  for (const c of cases) {
    it(`${c.id} ${c.call}(${JSON.stringify(c.options)}) matches ${c.ref}${c.note ? ` (${c.note})` : ""}`, () => {
      const fn = (C as unknown as Record<string, (...args: unknown[]) => unknown>)[c.call];
      expect(fn, `no export ${c.call}`).toBeTypeOf("function");
      const result = fn!(...c.args, c.options);
      expect(mismatch(result, c.expected, c.rtol, c.atol)).toBeUndefined();
    });
  }
});
