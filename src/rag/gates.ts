import { describeValue, fail } from "../core/errors.js";
import { suggestName } from "../core/options.js";
import type { RagEvaluation } from "./evaluate.js";

/** A CI gate: a metric's mean (`value`) or its interval's lower bound (`lower`) must reach `threshold`. */
export interface QualityGate {
  readonly metric: string;
  readonly bound: "value" | "lower";
  readonly threshold: number;
}

/**
 * Parses `faithfulness=0.8` (the mean must be >= 0.8) and `faithfulness.lower=0.8` (the
 * interval's lower bound must be >= 0.8), several separated by commas. Names are checked against
 * `metrics` (the run's metrics), so a gate on a metric that is not computed is an error, not a
 * gate that passes vacuously.
 */
export function parseGates(text: string, metrics: readonly string[], fn = "parseGates"): QualityGate[] {
  const gates: QualityGate[] = [];
  for (const part of text.split(",").map((p) => p.trim())) {
    if (part === "") continue;
    const match = /^([A-Za-z0-9_]+)(?:\.(value|lower))?=(.+)$/.exec(part);
    const threshold = match ? Number(match[3]) : Number.NaN;
    if (!match || match[3]!.trim() === "" || !Number.isFinite(threshold))
      fail(
        "invalid_option",
        `${fn}: --fail-under takes metric=value or metric.lower=value, got ${describeValue(part)}`,
      );
    const metric = match[1]!;
    if (!metrics.includes(metric)) {
      const hint = suggestName(metric, metrics);
      fail(
        "invalid_option",
        `${fn}: --fail-under names ${JSON.stringify(metric)}, which this run does not compute${hint ? ` (${hint})` : ""}; computed: ${metrics.join(", ")}`,
      );
    }
    gates.push({ metric, bound: (match[2] as "value" | "lower" | undefined) ?? "value", threshold });
  }
  if (gates.length === 0) fail("invalid_option", `${fn}: --fail-under is empty`);
  return gates;
}

/** A gate that failed, with the value it saw (NaN when the metric has no score). */
export interface GateFailure extends QualityGate {
  readonly observed: number;
}

/** The gates `evaluation` does not meet (a NaN mean or bound fails its gate). */
export function checkGates(evaluation: RagEvaluation, gates: readonly QualityGate[]): GateFailure[] {
  return gates.flatMap((gate) => {
    const report = evaluation.metrics.find((m) => m.metric === gate.metric);
    const observed = report
      ? gate.bound === "lower"
        ? report.summary.lower
        : report.summary.mean
      : Number.NaN;
    return observed >= gate.threshold ? [] : [{ ...gate, observed }];
  });
}
