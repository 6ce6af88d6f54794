import { describeValue, fail } from "../core/errors.js";
import { readOptions } from "../core/options.js";
import { spearmanCorrelation } from "../metrics/regression/spearman-correlation.js";
import { type AdviceReport, type Finding, percent, report } from "./report.js";
import { moments, quantileSorted, sorted, tukeyOutliers } from "./stats.js";
import { THRESHOLDS } from "./thresholds.js";

/** Options of {@link adviseRegression}. */
export interface AdviseRegressionOptions {
  /** The model's predictions, to examine the residuals. */
  readonly preds?: ArrayLike<number>;
}

const OPTIONS = ["preds"] as const;
const FN = "adviseRegression";

function numbers(name: string, values: unknown): Float64Array {
  if (
    values === null ||
    typeof values !== "object" ||
    typeof (values as ArrayLike<unknown>).length !== "number"
  )
    fail("invalid_value", `${FN}: \`${name}\` must be an array of numbers, got ${describeValue(values)}`);
  const array = values as ArrayLike<unknown>;
  const out = new Float64Array(array.length);
  for (let i = 0; i < array.length; i++) {
    const v = array[i];
    if (typeof v !== "number" || !Number.isFinite(v))
      fail(
        "invalid_value",
        `${FN}: \`${name}\` must hold finite numbers, got ${describeValue(v)} at index ${i}`,
      );
    out[i] = v;
  }
  return out;
}

function targetFindings(y: Float64Array): Finding[] {
  const n = y.length;
  const findings: Finding[] = [];
  const s = sorted(y);
  const { skewness, excessKurtosis } = moments(y);
  findings.push({
    measure: "target quartiles (min, Q1, median, Q3, max)",
    value: [0, 0.25, 0.5, 0.75, 1].map((q) => Number(quantileSorted(s, q).toPrecision(4))).join(", "),
    note: `${n} targets.`,
  });
  findings.push({
    measure: "target skewness",
    value: skewness,
    ...(Math.abs(skewness) > THRESHOLDS.skewness ? { trait: "skewed" } : {}),
    note:
      Math.abs(skewness) > THRESHOLDS.skewness
        ? "The target is skewed: the mean is pulled by the long tail; median-based losses and metrics describe it better."
        : "The target is roughly symmetric.",
  });
  const far = tukeyOutliers(y, THRESHOLDS.tukeyFence);
  const heavy = excessKurtosis > THRESHOLDS.excessKurtosis;
  findings.push({
    measure: `targets beyond Tukey's far fences (${THRESHOLDS.tukeyFence}·IQR); excess kurtosis`,
    value: `${far.count}; ${excessKurtosis.toFixed(2)}`,
    ...(far.count > 0 || heavy ? { trait: "outliers" } : {}),
    note:
      far.count > 0 || heavy
        ? `Heavy tails (${far.count} far-out targets): squared errors will be dominated by a few samples.`
        : "No far-out targets.",
  });
  const absMedian = quantileSorted(sorted(y.map(Math.abs)), 0.5);
  const zeros = y.filter((v) => v === 0).length;
  const nearZero = y.filter((v) => Math.abs(v) < THRESHOLDS.nearZeroShare * absMedian).length;
  if (nearZero > 0) {
    findings.push({
      measure: "targets at or near zero",
      value: `${zeros} exactly zero, ${nearZero} below ${THRESHOLDS.nearZeroShare} × median |y|`,
      trait: "zeros",
      note: "MAPE divides by the target: it is undefined at zero and explodes near it.",
    });
  }
  const positive = s[0]! > 0;
  if (positive && s[n - 1]! / s[0]! >= THRESHOLDS.dynamicRange) {
    findings.push({
      measure: "range of positive targets (max / min)",
      value: s[n - 1]! / s[0]!,
      trait: "relative-error",
      note: "Targets span orders of magnitude: absolute errors are dominated by the largest targets; relative or log errors weigh all alike.",
    });
  }
  const counts = y.every((v) => v >= 0 && Number.isInteger(v));
  if (counts && s[n - 1]! > 1) {
    findings.push({
      measure: "target values",
      value: "non-negative integers",
      trait: "counts",
      note: "Count data: a Poisson likelihood matches it, and its variance grows with the mean.",
    });
  }
  return findings;
}

function residualFindings(y: Float64Array, p: Float64Array): Finding[] {
  const n = y.length;
  const residuals = y.map((v, i) => v - p[i]!);
  const findings: Finding[] = [];
  const far = tukeyOutliers(residuals, THRESHOLDS.tukeyFence);
  let squared = 0;
  let share = 0;
  const sq = residuals.map((r) => r * r);
  for (const v of sq) squared += v;
  if (far.count > 0 && squared > 0) {
    for (let i = 0; i < n; i++) if (residuals[i]! < far.low || residuals[i]! > far.high) share += sq[i]!;
    share /= squared;
  }
  findings.push({
    measure: `residuals beyond Tukey's far fences (${THRESHOLDS.tukeyFence}·IQR)`,
    value: far.count,
    ...(far.count > 0 ? { trait: "outliers" } : {}),
    note:
      far.count > 0
        ? `${far.count} residuals (${percent(far.count / n)} of the samples) carry ${percent(share)} of the squared error: MSE and RMSE mostly measure them.`
        : "No far-out residuals.",
  });
  if (n >= THRESHOLDS.heteroscedasticMinSamples) {
    const rho = spearmanCorrelation(
      Float64Array.from(residuals, Math.abs),
      Float64Array.from(p, Math.abs),
    ) as number;
    if (Number.isFinite(rho))
      findings.push({
        measure: "Spearman correlation of |residual| with |prediction|",
        value: rho,
        ...(rho >= THRESHOLDS.heteroscedasticRho ? { trait: "heteroscedastic" } : {}),
        note:
          rho >= THRESHOLDS.heteroscedasticRho
            ? "Errors grow with the predicted value: the noise is not constant."
            : "No sign that the error size depends on the prediction.",
      });
  }
  return findings;
}

/**
 * Measures a regression target (and optionally the residuals of predictions): skewness, heavy
 * tails and far-out values, zeros, range over orders of magnitude, counts, heteroscedasticity;
 * then recommends from the traits found.
 *
 * @example
 * adviseRegression([0, 1, 2, 3, 250]).traits // ["skewed", "outliers", "zeros", "counts"]
 */
export function adviseRegression(target: ArrayLike<number>, options?: AdviseRegressionOptions): AdviceReport {
  const opts = readOptions<AdviseRegressionOptions>(FN, options, OPTIONS);
  const y = numbers("target", target);
  if (y.length < 2) fail("empty_input", `${FN}: \`target\` needs at least 2 values, got ${y.length}`);
  const findings = targetFindings(y);
  if (opts.preds !== undefined) {
    const p = numbers("preds", opts.preds);
    if (p.length !== y.length)
      fail("shape_mismatch", `${FN}: \`preds\` has ${p.length} values but \`target\` has ${y.length}`);
    findings.push(...residualFindings(y, p));
  }
  return report("regression", y.length, "samples", findings);
}
