import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectError } from "../../test/support/expect-error.js";
import { createMetric, runOnce } from "../metric.js";
import * as C from "../metrics/classification/index.js";
import { findDefinition } from "../metrics/registry.js";
import { collectionMembers, computeGroups, memberStates, metricCollection } from "./index.js";

const preds = [0.1, 0.8, 0.4, 0.65, 0.3, 0.9, 0.55, 0.2];
const target = [0, 1, 0, 1, 1, 0, 1, 0];

const binarySuite = () =>
  metricCollection({
    f1: C.binaryF1Def(),
    precision: C.binaryPrecisionDef(),
    mcc: C.binaryMatthewsCorrcoefDef(),
    auroc: C.binaryAurocDef(),
    ap: C.binaryAveragePrecisionDef(),
    f1At03: C.binaryF1Def({ threshold: 0.3 }),
    logLoss: C.binaryLogLossDef(),
  });

describe("metricCollection", () => {
  it("computes every member as its own def would", () => {
    const result = runOnce(binarySuite(), preds, target);
    expect(result).toEqual({
      f1: C.binaryF1(preds, target),
      precision: C.binaryPrecision(preds, target),
      mcc: C.binaryMatthewsCorrcoef(preds, target),
      auroc: C.binaryAuroc(preds, target),
      ap: C.binaryAveragePrecision(preds, target),
      f1At03: C.binaryF1(preds, target, { threshold: 0.3 }),
      logLoss: C.binaryLogLoss(preds, target),
    });
  });

  it("keeps one state per compute group (the stat-score family, the curve family)", () => {
    const def = binarySuite();
    expect(computeGroups(def)).toEqual([
      ["f1", "precision", "mcc"],
      ["auroc", "ap"],
      ["f1At03"],
      ["logLoss"],
    ]);
    expect(Object.keys(def.init())).toEqual(["f1", "auroc", "f1At03", "logLoss"]);
    const metric = createMetric(def).update(preds, target);
    const members = memberStates(def, metric.state);
    expect(members.precision!.state).toBe(members.f1!.state);
    expect(members.ap!.state).toBe(members.auroc!.state);
  });

  it("merges exactly, and round-trips through a snapshot", () => {
    const def = binarySuite();
    const a = createMetric(def).update(preds.slice(0, 3), target.slice(0, 3));
    const b = createMetric(def).update(preds.slice(3), target.slice(3));
    const restored = createMetric(def).fromJSON(JSON.parse(JSON.stringify(b.snapshot({ label: "b" }))));
    expect(a.merge(restored).compute()).toEqual(runOnce(def, preds, target));
  });

  it("a batch any member refuses leaves every state as it was", () => {
    // The multiclass curve group refuses sampleWeight after the stat group took the batch.
    const def = metricCollection({
      f1: C.multiclassF1Def({ numClasses: 2 }),
      auroc: C.multiclassAurocDef({ numClasses: 2 }),
    });
    const metric = createMetric(def).update(
      [
        [0.2, 0.8],
        [0.7, 0.3],
      ],
      [1, 0],
    );
    const before = JSON.stringify(metric.snapshot());
    expectError(
      () => metric.update([[0.4, 0.6]], [1], [2]),
      "unsupported",
      "multiclassAuroc: `sampleWeight` is supported by the binary curve metrics only",
    );
    expect(JSON.stringify(metric.snapshot())).toBe(before);
  });

  it("is rebuilt by the registry from its id and options (plumbline merge, workers)", async () => {
    const def = binarySuite();
    const rebuilt = await findDefinition(def.id, JSON.parse(JSON.stringify(def.options)));
    expect(rebuilt.options).toEqual(def.options);
    const snapshot = JSON.parse(JSON.stringify(createMetric(def).update(preds, target).snapshot()));
    expect(createMetric(rebuilt).fromJSON(snapshot).compute()).toEqual(runOnce(def, preds, target));
    await expect(
      findDefinition("collection/metrics", { metrics: { x: { id: "classification/nope", options: {} } } }),
    ).rejects.toThrow("no metric definition of classification produces id");
    await expect(findDefinition("collection/metrics", { metrics: [] })).rejects.toThrow("options must be");
  });

  it("runs in worker threads", async () => {
    // Worker threads run compiled JavaScript, so this test uses the build (`npm test` builds first).
    const { evaluateInWorkers } = await import("../../dist/parallel/index.js");
    const built = await import("../../dist/collection/index.js");
    const B = await import("../../dist/metrics/classification/index.js");
    const def = built.metricCollection({
      f1: B.binaryF1Def(),
      auroc: B.binaryAurocDef(),
      logLoss: B.binaryLogLossDef(),
    });
    const batches = [0, 2, 4, 6].map(
      (i) => [preds.slice(i, i + 2), target.slice(i, i + 2)] as [number[], number[]],
    );
    expect(await evaluateInWorkers(def, batches, { workers: 2 })).toEqual(runOnce(def, preds, target));
  });

  it("merges from state files with `plumbline merge` (the CLI rebuilds it through the registry)", () => {
    const dir = mkdtempSync(join(tmpdir(), "plumbline-collection-"));
    try {
      const def = binarySuite();
      const files = [0, 4].map((start, k) => {
        const metric = createMetric(def).update(
          preds.slice(start, start + 4),
          target.slice(start, start + 4),
        );
        const path = join(dir, `shard${k}.json`);
        writeFileSync(
          path,
          JSON.stringify({ plumblineStates: 1, snapshots: [metric.snapshot({ label: `shard${k}` })] }),
        );
        return path;
      });
      const run = spawnSync(process.execPath, ["dist/cli/main.js", "merge", ...files, "--format", "json"], {
        encoding: "utf8",
      });
      expect(run.stderr).toBe("");
      // One record per member, named, with the member's own id and signature.
      const merged = JSON.parse(run.stdout) as {
        name: string;
        id: string;
        result: number;
        signature: string;
      }[];
      const expected = runOnce(def, preds, target) as Record<string, number>;
      expect(merged.map((r) => r.name)).toEqual(Object.keys(expected));
      for (const record of merged) {
        expect(record.id).toBe(collectionMembers(def)![record.name]!.id);
        expect(record.signature.startsWith(`${record.id}|`)).toBe(true);
        expect(record.result).toBeCloseTo(expected[record.name]!, 12);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses bad members", () => {
    expectError(() => metricCollection({}), "invalid_option", "metricCollection: needs at least one member");
    expectError(() => metricCollection({ ["__proto__" as string]: C.binaryF1Def() }), "invalid_option");
    expectError(() => metricCollection({ f1: 3 as never }), "invalid_option");
    expectError(
      () => createMetric(binarySuite()).fromJSON({ id: "collection/metrics", state: { f1: {} } }),
      "invalid_state",
    );
  });
});

describe("classificationSuite", () => {
  it("is the CLI's suite as a public collection: one update, the members' values", () => {
    const values = C.classificationSuite(preds, target, { task: "binary" });
    expect(values.f1).toBe(C.binaryF1(preds, target));
    expect(values.auroc).toBe(C.binaryAuroc(preds, target));
    expect(values.ece).toBe(C.binaryCalibrationError(preds, target));
    const groups = computeGroups(C.classificationSuiteDef({ task: "binary" }))!;
    expect(groups[0]).toEqual([
      "stat_scores",
      "accuracy",
      "precision",
      "recall",
      "f1",
      "specificity",
      "balanced_accuracy",
      "mcc",
      "cohen_kappa",
    ]);
    expect(groups[1]).toEqual(["auroc", "average_precision"]);
  });

  it("reads logits as torchmetrics and rounded probability rows as probabilities", () => {
    const rows = [
      [0.333333, 0.333333, 0.333334],
      [0.1, 0.2, 0.7],
    ];
    const values = C.classificationSuite(rows, [2, 2], { task: "multiclass", numClasses: 3 });
    expect(values.log_loss).toBeCloseTo(C.multiclassLogLoss(rows, [2, 2], { numClasses: 3 }), 14);
    expect(values.log_loss).toBeCloseTo((-Math.log(0.333334) - Math.log(0.7)) / 2, 6);
    expectError(() => C.classificationSuiteDef({ task: "multiclass" }), "invalid_option");
    expectError(() => C.classificationSuiteDef({ task: "binary", numLabels: 3 }), "invalid_option");
  });
});
