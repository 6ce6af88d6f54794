/**
 * What a shard job evaluates, by name: the generic `metrics` runner (any registered metric
 * definitions fed (preds, target) per batch) and the CLI suites (`eval classification`, `eval
 * regression`), loaded lazily so a worker loads only what its job needs. The same runners serve
 * worker threads (`--workers`) and BullMQ workers (`--redis`).
 */
import { decodeState } from "../core/codec.js";
import { describeValue, fail } from "../core/errors.js";
import { rowMajor } from "../io/table.js";
import { createMetric, type Metric } from "../metric.js";
import { findDefinition } from "../metrics/registry.js";
import type { ShardBatch } from "./shard-reader.js";

/** A suite being evaluated on one shard: its metrics, and how a batch feeds them. */
export interface SuiteRun {
  readonly metrics: readonly Metric<unknown, unknown[], unknown>[];
  update(batch: ShardBatch): void;
  /** What the run learnt besides metric states (a scan's profile of the values), if anything. */
  summary?(): unknown;
}

/** Starts a run of a suite from its JSON-safe configuration. */
export type SuiteStarter = (config: unknown) => SuiteRun | Promise<SuiteRun>;

/** Configuration of the `metrics` runner: the definitions by id and (encoded) options. */
export interface MetricsRunnerConfig {
  readonly metrics: readonly { readonly id: string; readonly options: unknown }[];
}

/** Columns as the metrics take them: one column as a vector, several as a row-major matrix. */
export function columnsArgument(columns: readonly Float64Array[], rows: number): unknown {
  return columns.length === 1 ? columns[0]! : { data: rowMajor(columns, rows), rows, cols: columns.length };
}

const metricsRunner: SuiteStarter = async (config) => {
  const list = (config as Partial<MetricsRunnerConfig> | null)?.metrics;
  if (!Array.isArray(list) || list.length === 0)
    fail(
      "invalid_option",
      `shard job: the metrics runner needs { metrics: [{ id, options }] }, got ${describeValue(config)}`,
    );
  const metrics = await Promise.all(
    list.map(
      async (m) =>
        createMetric(await findDefinition(m.id, decodeState(m.options))) as Metric<
          unknown,
          unknown[],
          unknown
        >,
    ),
  );
  return {
    metrics,
    update(batch) {
      const preds = columnsArgument(batch.preds, batch.rows);
      const target = columnsArgument(batch.target, batch.rows);
      for (const metric of metrics) metric.update(preds, target);
    },
  };
};

const RUNNERS: Readonly<Record<string, () => Promise<SuiteStarter>>> = {
  metrics: async () => metricsRunner,
  "eval classification": async () => (await import("../cli/eval/classification.js")).classificationRunner,
  "eval classification scan": async () =>
    (await import("../cli/eval/classification.js")).classificationScanRunner,
  "eval regression": async () => (await import("../cli/eval/regression.js")).regressionRunner,
};

/** The names of the runners. */
export const RUNNER_NAMES = Object.keys(RUNNERS);

/** The starter of `runner`, its modules loaded; an unknown runner is `invalid_option`. */
export async function loadRunner(runner: string): Promise<SuiteStarter> {
  const load = Object.hasOwn(RUNNERS, runner) ? RUNNERS[runner] : undefined;
  if (load === undefined)
    return fail(
      "invalid_option",
      `shard job: unknown runner ${describeValue(runner)} (runners: ${RUNNER_NAMES.join(", ")})`,
    );
  return load();
}

/** Starts `runner` with `config`; an unknown runner is `invalid_option`. */
export async function startRun(runner: string, config: unknown): Promise<SuiteRun> {
  return (await loadRunner(runner))(config);
}
