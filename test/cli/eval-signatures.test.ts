/**
 * Signatures printed by `eval`, `merge` and `compare` (issue 12 §3): every printed signature
 * parses back (`parseSignature`) to a definition that recomputes the printed number, from the
 * state file the command wrote (`--emit-state`) or, for commands without one, from the same data.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type CollectionState, collectionMembers, memberStates } from "../../src/collection/index.js";
import { decodeState, encodeState } from "../../src/core/codec.js";
import { type AnyMetricDef, runOnce } from "../../src/metric.js";
import { evaluateRunGroupedMetrics, parseTrecQrels, parseTrecRun } from "../../src/metrics/retrieval/trec.js";
import { metricsFromSnapshots } from "../../src/report/results.js";
import { parseSignature } from "../../src/signature/signature.js";
import { SAMPLE_ARGS, SAMPLES } from "../support/sample-args.js";

const dir = mkdtempSync(join(tmpdir(), "plumbline-eval-signatures-"));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

// Runs the built CLI (`npm test` builds first).
function json(args: string[]): Record<string, unknown> {
  const result = spawnSync("node", ["dist/cli/main.js", ...args, "--format", "json"], { encoding: "utf8" });
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

/** JSON output writes non-finite numbers as strings. */
const number = (v: unknown): unknown =>
  typeof v === "string" && ["NaN", "Infinity", "-Infinity"].includes(v) ? Number(v) : v;

/** Every metric of a state file as { def, state }, collections expanded into their members. */
async function statesOf(path: string): Promise<{ def: AnyMetricDef; state: unknown }[]> {
  const file = JSON.parse(readFileSync(path, "utf8")) as { snapshots: never[] };
  const out: { def: AnyMetricDef; state: unknown }[] = [];
  for (const m of await metricsFromSnapshots(file.snapshots)) {
    if (collectionMembers(m.def)) out.push(...Object.values(memberStates(m.def, m.state as CollectionState)));
    else out.push({ def: m.def, state: m.state });
  }
  return out;
}

/**
 * Checks each signature: it parses to a definition of a stored metric's id whose compute on that
 * metric's state gives the printed value (`printed(name)`, compared by `view` of the result).
 */
async function recompute(
  signatures: Record<string, string>,
  states: readonly { def: AnyMetricDef; state: unknown }[],
  printed: (name: string) => unknown,
  view: (result: unknown) => unknown = (r) => r,
): Promise<void> {
  expect(Object.keys(signatures).length).toBeGreaterThan(0);
  for (const [name, text] of Object.entries(signatures)) {
    const parsed = await parseSignature(text);
    expect(parsed.sameVersion).toBe(true);
    const values = states
      .filter((s) => s.def.id === parsed.def.id)
      .flatMap((s) => {
        try {
          const state = decodeState(encodeState(s.state));
          const validate: ((x: unknown) => void) | undefined = parsed.def.validateState;
          validate?.call(parsed.def, state);
          return [view(parsed.def.compute(state))];
        } catch {
          return [];
        }
      });
    expect(values, `${name}: ${text}`).toContainEqual(number(printed(name)));
  }
}

describe("printed signatures recompute the printed numbers", () => {
  for (const task of ["binary", "multiclass"]) {
    it(`eval classification (${task}) and merge`, async () => {
      const state = join(dir, `${task}.json`);
      const args = task === "binary" ? SAMPLE_ARGS.classification : SAMPLE_ARGS.multiclass;
      const out = json([...args, "--emit-state", state]);
      const metrics = out.metrics as Record<string, number>;
      const signatures = out.signatures as Record<string, string>;
      // The binary table prints the stat scores as its four counts.
      const counts = ["tp", "fp", "tn", "fn"];
      expect(Object.keys(signatures).sort()).toEqual(
        Object.keys(metrics)
          .filter((k) => !counts.includes(k))
          .concat(task === "binary" ? ["stat_scores"] : [])
          .sort(),
      );
      await recompute(
        signatures,
        await statesOf(state),
        (name) =>
          name === "stat_scores" ? Object.fromEntries(counts.map((c) => [c, metrics[c]])) : metrics[name],
        (r) =>
          typeof r === "object" && r !== null && "tp" in r
            ? Object.fromEntries(counts.map((c) => [c, (r as Record<string, number>)[c]]))
            : r,
      );
      const merged = json(["merge", state]);
      expect(merged.signatures).toEqual(signatures);
      expect(merged.metrics).toEqual(metrics);
    }, 60_000);
  }

  it("eval regression (the suite's members)", async () => {
    const state = join(dir, "regression.json");
    const out = json([...SAMPLE_ARGS.regression, "--emit-state", state]);
    const signatures = out.signatures as Record<string, string>;
    expect(Object.keys(signatures)).toHaveLength(11);
    await recompute(signatures, await statesOf(state), (name) => out[name]);
  });

  it("eval segmentation (mean IoU over the classes present, per-class Dice)", async () => {
    const state = join(dir, "segmentation.json");
    const out = json([...SAMPLE_ARGS.segmentation, "--num-classes", "4", "--emit-state", state]);
    const perClass = out.per_class as { iou: number; dice: number }[];
    const signatures = out.signatures as Record<string, string>;
    expect(Object.keys(signatures)).toEqual([
      "pixel_accuracy",
      "mean_iou",
      "iou_per_class",
      "frequency_weighted_iou",
      "dice_per_class",
    ]);
    await recompute(signatures, await statesOf(state), (name) =>
      name === "dice_per_class"
        ? perClass.map((c) => c.dice)
        : name === "iou_per_class"
          ? perClass.map((c) => c.iou)
          : out[name],
    );
  });

  it("eval detection (the COCO summary)", async () => {
    const state = join(dir, "detection.json");
    const out = json([...SAMPLE_ARGS.detection, "--emit-state", state]);
    const stats = Object.values(out.stats as Record<string, number>);
    await recompute(
      out.signatures as Record<string, string>,
      await statesOf(state),
      () => stats,
      (r) => (r as { stats: number[] }).stats,
    );
  });

  it("eval text (from the same files: text has no state file)", async () => {
    const hyp = `${SAMPLES}/text/mt-hyp.txt`;
    const ref = `${SAMPLES}/text/mt-ref1.txt`;
    const out = json([...SAMPLE_ARGS.text]) as unknown as {
      metric: string;
      score: number;
      signature: string;
    }[];
    const lines = (p: string) => readFileSync(p, "utf8").trimEnd().split("\n");
    expect(out.map((r) => r.metric)).toEqual(["bleu", "chrf", "ter"]);
    for (const record of out) {
      const parsed = await parseSignature(record.signature);
      const result = runOnce(parsed.def as never, lines(hyp), [lines(ref)]) as { score: number };
      expect(result.score, record.metric).toBe(record.score);
    }
  });

  it("eval retrieval --convention torchmetrics (from the same run and qrels)", async () => {
    const run = `${SAMPLES}/retrieval/run.txt`;
    const qrels = `${SAMPLES}/retrieval/qrels.txt`;
    const out = json([...SAMPLE_ARGS.retrieval, "--convention", "torchmetrics"]);
    const means = out.means as Record<string, number>;
    const evaluated = evaluateRunGroupedMetrics(
      parseTrecRun(readFileSync(run, "utf8")),
      parseTrecQrels(readFileSync(qrels, "utf8")),
      Object.keys(means),
    );
    const states = evaluated.map((e) => ({ def: e.metric.def as AnyMetricDef, state: e.metric.state }));
    await recompute(out.signatures as Record<string, string>, states, (name) => means[name]);
  });

  it("compare prints one signature per metric (JSON rows, CSV column, table footer)", async () => {
    const args = [...SAMPLE_ARGS.compare, "--resamples", "20"];
    const out = json(args) as {
      rows: { metric: string; signature: string }[];
      signatures: Record<string, string>;
    };
    for (const row of out.rows) {
      expect(row.signature).toBe(out.signatures[row.metric]);
      expect((await parseSignature(row.signature)).def.id).toMatch(/^classification\//);
    }
    const table = spawnSync("node", ["dist/cli/main.js", ...args], { encoding: "utf8" }).stdout;
    for (const row of out.rows) expect(table).toContain(`signature ${row.metric}: ${row.signature}`);
  });
});
