/**
 * The builders of the curve concepts with one result per binary problem (ROC and
 * precision-recall curves, equal error rate, the operating points; internal): binary gives one
 * result, multiclass one per class (one vs rest) or one pooled ("micro") or averaged ("macro")
 * where the concept has it, multilabel one per label. A concept file states its
 * {@link PerProblemCurveSpec} and builds each export with its own call (marked
 * `/* @__PURE__ *\/`, so a bundle keeps only the variants it uses): def factories take the
 * catalog entry, one-shot functions compute on the steps alone.
 */
import type { MetricDef, MetricMeta } from "../../metric.js";
import {
  BINARY_CURVE_OPTIONS,
  type BinaryCurveReading,
  binaryCurveMetricDef,
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
import {
  type MulticlassCurveState,
  type MultilabelCurveState,
  multiclassMicroSource,
  multiclassSources,
  multilabelSources,
} from "./multiclass-curve-state.js";
import type { LabelInput, NdInput } from "./ndarray.js";
import { optOneOf } from "./options.js";
import type { ScoresKind } from "./preds-kind.js";
import type { BinaryArgs, MulticlassArgs, MultilabelArgs } from "./stat-defs.js";
import { named, optClassNames } from "./stat-metric.js";
import { multiclassStepsOneShot, stepsOneShot } from "./steps.js";

/**
 * What a curve concept with one result per binary problem states (ROC curve, precision-recall
 * curve): `P` its parsed options, `R` one problem's result, `B`, `M` and `L` the option types of
 * its variants (types only).
 */
export interface PerProblemCurveSpec<P, R, B = unknown, M = unknown, L = unknown> {
  /** Types only, never set: the option types of the variants, which the builders take from here. */
  optionTypes?: { binary: B; multiclass: M; multilabel: L };
  /** snake_case concept: ids are `classification/<binary|multiclass|multilabel>_<concept>`. */
  concept: string;
  /** PascalCase concept: function names are `<binary|multiclass|multilabel><Name>`. */
  name: string;
  /** The names of the concept's own options, besides the shared ones of each variant. */
  options: readonly string[];
  /** Parses the concept's own options. */
  parse(options: Record<string, unknown>, fn: string): P;
  /** The default `predsKind` under the parsed options (sklearn's convention: "scores"). Default "auto". */
  defaultKind?(parsed: P): ScoresKind;
  /** The result of one binary problem. */
  value(source: CurveSource, parsed: P): R;
  /**
   * Multiclass `average` (torchmetrics' curves): "micro" is `value` of the pooled one-hot
   * problem, "macro" this reduction of the per-class problems. Absent: no `average` option.
   */
  macro?(sources: CurveSource[], parsed: P): R;
}

/** A result per class or label: a list, or a record under option `classNames`. */
export type PerProblem<R, N> = N extends readonly string[] ? Record<N[number], R> : R[];

/** `average` of a per-class curve: "none" (default, one per class), "micro" or "macro" (one curve). */
export type CurveReduction = "none" | "micro" | "macro";
/** The result under `average`: one per class, or one. */
export type Reduced<R, A, N> = A extends "micro" | "macro" ? R : PerProblem<R, N>;

type Weight = NdInput | undefined;

/** The six exports of a per-problem curve concept (their types): binary gives one result, multiclass/multilabel one per class/label. */
export interface PerProblemCurve<B, M, L, R> {
  binaryDef(options?: B): MetricDef<BinaryCurveState, BinaryArgs, R>;
  binary(preds: LabelInput, target: LabelInput, options?: B): R;
  binary(preds: LabelInput, target: LabelInput, sampleWeight: Weight, options?: B): R;
  multiclassDef<N = undefined, A extends CurveReduction = "none">(
    options: M & { classNames?: N; average?: A },
  ): MetricDef<MulticlassCurveState, MulticlassArgs, Reduced<R, A, N>>;
  multiclass<N = undefined, A extends CurveReduction = "none">(
    preds: NdInput,
    target: LabelInput,
    options: M & { classNames?: N; average?: A },
  ): Reduced<R, A, N>;
  multilabelDef<N = undefined>(
    options: L & { classNames?: N },
  ): MetricDef<MultilabelCurveState, MultilabelArgs, PerProblem<R, N>>;
  multilabel<N = undefined>(
    preds: NdInput,
    target: NdInput,
    options: L & { classNames?: N },
  ): PerProblem<R, N>;
}

type Variant = "binary" | "multiclass" | "multilabel";

const names = (spec: { concept: string; name: string }, variant: Variant) => ({
  id: `classification/${variant}_${spec.concept}`,
  fn: `${variant}${spec.name}`,
});

/** Reads a concept's options for `fn` (the shared ones, the concept's and `own`): as read, parsed, and `predsKind`. */
function readProblem<P, R>(
  spec: PerProblemCurveSpec<P, R>,
  fn: string,
  options: unknown,
  shared: readonly string[],
  own: readonly string[] = [],
) {
  const o = readCurveOptions(fn, options, shared, [...spec.options, ...own]);
  const parsed = spec.parse(o, fn);
  return { o, parsed, kind: readCurveKind(fn, o, spec.defaultKind?.(parsed) ?? "auto") };
}

/** Reads the binary variant's options (its def and its one-shot share the reading). */
function readProblemBinary<P, R>(spec: PerProblemCurveSpec<P, R>, options: unknown): BinaryCurveReading<R> {
  const { fn } = names(spec, "binary");
  const { o, parsed, kind } = readProblem(spec, fn, options, BINARY_CURVE_OPTIONS);
  return readBinaryCurve(fn, o, kind, (s) => spec.value(s, parsed));
}

/** The binary def factory of a per-problem curve concept. */
export function perProblemBinaryDef<B, R, P>(
  spec: PerProblemCurveSpec<P, R, B>,
  meta: MetricMeta,
): PerProblemCurve<B, never, never, R>["binaryDef"] {
  const { id } = names(spec, "binary");
  return ((options: unknown) =>
    binaryCurveMetricDef(id, meta, readProblemBinary(spec, options))) as PerProblemCurve<
    B,
    never,
    never,
    R
  >["binaryDef"];
}

/** The binary one-shot function of a per-problem curve concept (computed on the validated batch). */
export function perProblemBinary<B, R, P>(
  spec: PerProblemCurveSpec<P, R, B>,
): PerProblemCurve<B, never, never, R>["binary"] {
  const read = (options: unknown) => readProblemBinary(spec, options);
  return ((preds: unknown, target: unknown, third?: unknown, fourth?: unknown) =>
    runBinaryCurve(read, preds, target, third, fourth)) as PerProblemCurve<B, never, never, R>["binary"];
}

/** Reads the multiclass variant's options: as read, `predsKind` and the compute (per class, "micro" or "macro"). */
function readProblemMulticlass<P, R>(spec: PerProblemCurveSpec<P, R>, options: unknown) {
  const { fn } = names(spec, "multiclass");
  const own = spec.macro ? ["classNames", "average"] : ["classNames"];
  const { o, parsed, kind } = readProblem(spec, fn, options, MULTICLASS_CURVE_OPTIONS, own);
  const average = optOneOf(
    fn,
    "average",
    o.average === null ? undefined : o.average,
    ["none", "micro", "macro"],
    "none",
  );
  const classNames = optClassNames(fn, o.classNames, readCurveClasses(fn, o, undefined).classes);
  const compute = ({ state, thresholds, classes }: CurveContext<MulticlassCurveState>) => {
    if (average === "micro") return spec.value(multiclassMicroSource(state, thresholds, classes), parsed);
    const sources = multiclassSources(state, thresholds, classes);
    if (average === "macro") return spec.macro!(sources, parsed);
    return named(
      sources.map((s) => spec.value(s, parsed)),
      classNames,
    );
  };
  return { fn, o, kind, compute };
}

/** The multiclass def factory of a per-problem curve concept (one vs rest). */
export function perProblemMulticlassDef<M, R, P>(
  spec: PerProblemCurveSpec<P, R, unknown, M>,
  meta: MetricMeta,
): PerProblemCurve<never, M, never, R>["multiclassDef"] {
  const { id } = names(spec, "multiclass");
  return ((options: unknown) => {
    const { fn, o, kind, compute } = readProblemMulticlass(spec, options);
    return multiclassCurveDef({ id, meta, fn, compute }, o, kind);
  }) as PerProblemCurve<never, M, never, R>["multiclassDef"];
}

/** The multiclass one-shot function of a per-problem curve concept (string labels found as sklearn finds them). */
export function perProblemMulticlass<M, R, P>(
  spec: PerProblemCurveSpec<P, R, unknown, M>,
): PerProblemCurve<never, M, never, R>["multiclass"] {
  return multiclassStepsOneShot(names(spec, "multiclass").fn, (options) => {
    const { fn, o, kind, compute } = readProblemMulticlass(spec, options);
    return multiclassCurveSteps({ fn, compute }, o, kind).steps;
  });
}

/**
 * Reads the multilabel variant's options and builds what `build` makes of them (its steps or its
 * def), with the compute per label; `classNames` is read after the curve's own options, as the
 * label count it checks against comes from them.
 */
function buildProblemMultilabel<P, R, T>(
  spec: PerProblemCurveSpec<P, R>,
  options: unknown,
  build: (
    fn: string,
    o: Record<string, unknown>,
    kind: ScoresKind,
    compute: (ctx: CurveContext<MultilabelCurveState>) => unknown,
  ) => T,
): T {
  const { fn } = names(spec, "multilabel");
  const { o, parsed, kind } = readProblem(spec, fn, options, MULTILABEL_CURVE_OPTIONS, ["classNames"]);
  const built = build(fn, o, kind, ({ state, thresholds, classes }) =>
    named(
      multilabelSources(state, thresholds, classes).map((s) => spec.value(s, parsed)),
      classNames,
    ),
  );
  const classNames = optClassNames(fn, o.classNames, o.numLabels as number);
  return built;
}

/** The multilabel def factory of a per-problem curve concept (one result per label). */
export function perProblemMultilabelDef<L, R, P>(
  spec: PerProblemCurveSpec<P, R, unknown, unknown, L>,
  meta: MetricMeta,
): PerProblemCurve<never, never, L, R>["multilabelDef"] {
  const { id } = names(spec, "multilabel");
  return ((options: unknown) =>
    buildProblemMultilabel(spec, options, (fn, o, kind, compute) =>
      multilabelCurveDef({ id, meta, fn, compute }, o, kind),
    )) as PerProblemCurve<never, never, L, R>["multilabelDef"];
}

/** The multilabel one-shot function of a per-problem curve concept. */
export function perProblemMultilabel<L, R, P>(
  spec: PerProblemCurveSpec<P, R, unknown, unknown, L>,
): PerProblemCurve<never, never, L, R>["multilabel"] {
  return stepsOneShot((options) =>
    buildProblemMultilabel(
      spec,
      options,
      (fn, o, kind, compute) => multilabelCurveSteps({ fn, compute }, o, kind).steps,
    ),
  );
}
