/**
 * The builders of the curve metrics that reduce each binary problem to one number and average
 * it over classes or labels (average precision, log AUC; internal): a concept file states its
 * {@link AveragedCurveSpec} and builds each export with its own call (marked
 * `/* @__PURE__ *\/`, so a bundle keeps only the variants it uses): the binary, multiclass
 * (one-vs-rest) and multilabel def factories, which take the catalog entry, and one-shot
 * functions, which compute on the steps alone (the binary one on the validated batch).
 */
import type { MetricDef, MetricMeta } from "../../metric.js";
import {
  averagedCurve,
  BINARY_CURVE_OPTIONS,
  type BinaryCurveReading,
  binaryCurveMetricDef,
  type CurveAverage,
  type CurveContext,
  MULTICLASS_CURVE_OPTIONS,
  MULTILABEL_CURVE_OPTIONS,
  multiclassCurveDef,
  multiclassCurveSteps,
  multilabelCurveDef,
  multilabelCurveSteps,
  readBinaryCurve,
  readCurveClasses,
  readCurveKind,
  readCurveOptions,
  runBinaryCurve,
} from "./curve-defs.js";
import type { BinaryCurveState, CurveSource } from "./curve-state.js";
import type { MulticlassCurveState, MultilabelCurveState } from "./multiclass-curve-state.js";
import type { LabelInput, NdInput } from "./ndarray.js";
import { optOneOf } from "./options.js";
import type { ScoresKind } from "./preds-kind.js";
import type { BinaryArgs, MulticlassArgs, MultilabelArgs } from "./stat-defs.js";
import { type Averaged, named, optClassNames } from "./stat-metric.js";
import { multiclassStepsOneShot, stepsOneShot } from "./steps.js";

type Variant = "binary" | "multiclass" | "multilabel";
type Weight = NdInput | undefined;

/**
 * What an averaged curve concept states; the builders below make its exports. `P` is its parsed
 * options, `B`, `M` and `L` the option types of its variants (types only).
 */
export interface AveragedCurveSpec<P, B = unknown, M = unknown, L = unknown> {
  /** Types only, never set: the option types of the variants, which the builders take from here. */
  optionTypes?: { binary: B; multiclass: M; multilabel: L };
  /** snake_case concept: ids are `classification/<binary|multiclass|multilabel>_<concept>`. */
  concept: string;
  /** PascalCase concept: function names are `<binary|multiclass|multilabel><Name>`. */
  name: string;
  /** The concept's own option names (every variant). */
  options: readonly string[];
  parse(options: Record<string, unknown>, fn: string): P;
  /** The averages multiclass and multilabel accept (default: the first). */
  averages: readonly CurveAverage[];
  /** The value of one binary problem (of each class or label for the others). */
  value(source: CurveSource, parsed: P, variant: Variant): number;
  /** The value of the pooled one-hot problem for "micro" (default `value`). */
  micro?(source: CurveSource, parsed: P): number;
  /** The default `predsKind` (default "auto"). */
  defaultKind?(parsed: P): ScoresKind;
}

/** The exports of an averaged curve concept (their types). */
export interface AveragedCurveMetric<B, M, L> {
  binaryDef(options?: B): MetricDef<BinaryCurveState, BinaryArgs, number>;
  binary(preds: LabelInput, target: LabelInput, options?: B): number;
  binary(preds: LabelInput, target: LabelInput, sampleWeight: Weight, options?: B): number;
  multiclassDef<A extends CurveAverage = "macro", N = undefined>(
    options: M & { average?: A; classNames?: N },
  ): MetricDef<MulticlassCurveState, MulticlassArgs, Averaged<A, N>>;
  multiclass<A extends CurveAverage = "macro", N = undefined>(
    preds: NdInput,
    target: LabelInput,
    options: M & { average?: A; classNames?: N },
  ): Averaged<A, N>;
  multilabelDef<A extends CurveAverage = "macro", N = undefined>(
    options: L & { average?: A; classNames?: N },
  ): MetricDef<MultilabelCurveState, MultilabelArgs, Averaged<A, N>>;
  multilabel<A extends CurveAverage = "macro", N = undefined>(
    preds: NdInput,
    target: NdInput,
    options: L & { average?: A; classNames?: N },
  ): Averaged<A, N>;
}

const names = (spec: { concept: string; name: string }, variant: Variant) => ({
  id: `classification/${variant}_${spec.concept}`,
  fn: `${variant}${spec.name}`,
});

/** Reads a concept's options for `fn` (the shared ones and `own`): as read, parsed, and `predsKind`. */
function readAveraged<P>(
  spec: AveragedCurveSpec<P>,
  fn: string,
  options: unknown,
  shared: readonly string[],
  own: readonly string[],
) {
  const o = readCurveOptions(fn, options, shared, own);
  const parsed = spec.parse(o, fn);
  return { o, parsed, kind: readCurveKind(fn, o, spec.defaultKind?.(parsed) ?? "auto") };
}

/** Reads the binary variant's options (its def and its one-shot share the reading). */
function readAveragedBinary<P>(spec: AveragedCurveSpec<P>, options: unknown): BinaryCurveReading<number> {
  const { fn } = names(spec, "binary");
  const { o, parsed, kind } = readAveraged(spec, fn, options, BINARY_CURVE_OPTIONS, spec.options);
  return readBinaryCurve(fn, o, kind, (s) => spec.value(s, parsed, "binary"));
}

/** The binary def factory of an averaged curve concept. */
export function averagedBinaryDef<B, P>(
  spec: AveragedCurveSpec<P, B>,
  meta: MetricMeta,
): AveragedCurveMetric<B, never, never>["binaryDef"] {
  const { id } = names(spec, "binary");
  return ((options: unknown) =>
    binaryCurveMetricDef(id, meta, readAveragedBinary(spec, options))) as AveragedCurveMetric<
    B,
    never,
    never
  >["binaryDef"];
}

/** The binary one-shot function of an averaged curve concept (computed on the validated batch). */
export function averagedBinary<B, P>(
  spec: AveragedCurveSpec<P, B>,
): AveragedCurveMetric<B, never, never>["binary"] {
  const read = (options: unknown) => readAveragedBinary(spec, options);
  return ((preds: unknown, target: unknown, third?: unknown, fourth?: unknown) =>
    runBinaryCurve(read, preds, target, third, fourth)) as AveragedCurveMetric<B, never, never>["binary"];
}

/** Reads a multiclass or multilabel variant's options: as read, `predsKind` and the compute. */
function readAveragedProblems<P>(
  spec: AveragedCurveSpec<P>,
  variant: "multiclass" | "multilabel",
  options: unknown,
) {
  const multiclass = variant === "multiclass";
  const { fn } = names(spec, variant);
  const shared = multiclass ? MULTICLASS_CURVE_OPTIONS : MULTILABEL_CURVE_OPTIONS;
  const { o, parsed, kind } = readAveraged(spec, fn, options, shared, [
    ...spec.options,
    "average",
    "classNames",
  ]);
  const average = optOneOf(fn, "average", o.average, spec.averages, spec.averages[0]!);
  const count = multiclass ? readCurveClasses(fn, o, undefined).classes : (o.numLabels as number);
  const classNames = optClassNames(fn, o.classNames, count);
  const compute = (context: CurveContext<MulticlassCurveState> | CurveContext<MultilabelCurveState>) =>
    named(
      averagedCurve(context, variant, average, (s) => spec.value(s, parsed, variant), {
        microValue: (s) => (spec.micro ?? spec.value)(s, parsed, variant),
      }),
      classNames,
    );
  return { fn, o, kind, compute };
}

/** The multiclass (one-vs-rest) def factory of an averaged curve concept. */
export function averagedMulticlassDef<M, P>(
  spec: AveragedCurveSpec<P, unknown, M>,
  meta: MetricMeta,
): AveragedCurveMetric<never, M, never>["multiclassDef"] {
  const { id } = names(spec, "multiclass");
  return ((options: unknown) => {
    const { fn, o, kind, compute } = readAveragedProblems(spec, "multiclass", options);
    return multiclassCurveDef({ id, meta, fn, compute }, o, kind);
  }) as AveragedCurveMetric<never, M, never>["multiclassDef"];
}

/** The multiclass one-shot function of an averaged curve concept (string labels found as sklearn finds them). */
export function averagedMulticlass<M, P>(
  spec: AveragedCurveSpec<P, unknown, M>,
): AveragedCurveMetric<never, M, never>["multiclass"] {
  return multiclassStepsOneShot(names(spec, "multiclass").fn, (options) => {
    const { fn, o, kind, compute } = readAveragedProblems(spec, "multiclass", options);
    return multiclassCurveSteps({ fn, compute }, o, kind).steps;
  });
}

/** The multilabel def factory of an averaged curve concept. */
export function averagedMultilabelDef<L, P>(
  spec: AveragedCurveSpec<P, unknown, unknown, L>,
  meta: MetricMeta,
): AveragedCurveMetric<never, never, L>["multilabelDef"] {
  const { id } = names(spec, "multilabel");
  return ((options: unknown) => {
    const { fn, o, kind, compute } = readAveragedProblems(spec, "multilabel", options);
    return multilabelCurveDef({ id, meta, fn, compute }, o, kind);
  }) as AveragedCurveMetric<never, never, L>["multilabelDef"];
}

/** The multilabel one-shot function of an averaged curve concept. */
export function averagedMultilabel<L, P>(
  spec: AveragedCurveSpec<P, unknown, unknown, L>,
): AveragedCurveMetric<never, never, L>["multilabel"] {
  return stepsOneShot((options) => {
    const { fn, o, kind, compute } = readAveragedProblems(spec, "multilabel", options);
    return multilabelCurveSteps({ fn, compute }, o, kind).steps;
  });
}
