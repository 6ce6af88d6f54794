import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type * as tfTypes from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { runCase } from "../conformance/runner.js";
import type { ConformanceFile } from "../conformance/types.js";
import * as lossesB from "./index-b.js";

const file = JSON.parse(
  readFileSync(fileURLToPath(new URL("../../test/data/golden/losses_b_torch.json", import.meta.url)), "utf8"),
) as ConformanceFile;

for (const backend of ["cpu", "wasm"] as const) {
  describe(`losses-b golden cases (torch, ${backend})`, () => {
    for (const testCase of file.cases) {
      it(`${testCase.id} ${testCase.metric} ${JSON.stringify(testCase.options)} matches ${testCase.ref}`, async () => {
        const result = await runCase(file, testCase, { backend });
        expect(result.status, result.detail).toBe("pass");
      });
    }
  });
}

describe("losses-b barrel", () => {
  it("exports a direct function for every catalog entry", () => {
    const entries = [
      lossesB.arcFaceLossEntry,
      lossesB.ctcLossEntry,
      lossesB.berHuLossEntry,
      lossesB.vaeKlLossEntry,
    ];
    for (const entry of entries)
      for (const name of entry.exports)
        expect(typeof (lossesB as Record<string, unknown>)[name], name).toBe("function");
  });
});

describe("losses-b gradients on the WASM backend (kernels it lacks are avoided)", () => {
  it("computes finite gradients for the losses the golden cases do not cover", async () => {
    const tf = await import("@tensorflow/tfjs-core");
    const { useBackend } = await import("../conformance/adapters/tf-backend.js");
    await useBackend("wasm");
    const x = tf.randomUniform([2, 12, 12, 1], 0.5, 1.5, "float32", 1);
    const y = tf.randomUniform([2, 12, 12, 1], 0.5, 1.5, "float32", 2);
    const cases: Record<string, () => tfTypes.Tensor[]> = {
      gaussianSsim: () =>
        tf.grads((a: tfTypes.Tensor) => lossesB.ssimLoss(a, y, { window: "gaussian", windowSize: 5 }))([x]),
      silogWithoutMask: () =>
        tf.grads((a: tfTypes.Tensor) => lossesB.scaleInvariantLogLoss(a, y, { sqrt: true }))([x]),
      midasWithoutMask: () => tf.grads((a: tfTypes.Tensor) => lossesB.scaleShiftInvariantLoss(a, y))([x]),
      perceptual: () =>
        tf.grads((a: tfTypes.Tensor) => lossesB.perceptualLoss(a, y, (v) => [tf.relu(v), tf.sigmoid(v)]))([
          x,
        ]),
      tripletP3: () =>
        tf.grads((a: tfTypes.Tensor) =>
          lossesB.tripletMarginLoss(a, tf.ones([2, 3]), tf.zeros([2, 3]), { p: 3, swap: true }),
        )([
          tf.tensor2d([
            [0.1, 0.2, 0.3],
            [0.5, 0.1, 0.2],
          ]),
        ]),
      centers: () =>
        tf.grads((c: tfTypes.Tensor) => lossesB.centerLoss(tf.ones([2, 3]), [0, 1], c))([tf.zeros([2, 3])]),
      gradientPenalty: () => {
        const w = tf.variable(tf.tensor2d([[0.3], [0.4]]));
        const { grads } = tf.variableGrads(
          () =>
            lossesB.gradientPenalty(
              (v) => tf.tanh(tf.matMul(v, w)),
              tf.tensor2d([[1, 2]]),
              tf.tensor2d([[0, 1]]),
              { seed: 3 },
            ) as tfTypes.Scalar,
          [w],
        );
        return Object.values(grads);
      },
    };
    for (const [name, run] of Object.entries(cases)) {
      const grads = run();
      expect(
        grads.every((g) => Array.from(g.dataSync()).every(Number.isFinite)),
        name,
      ).toBe(true);
    }
  });
});
