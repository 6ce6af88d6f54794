/**
 * The builder of the curve metrics that reduce each binary problem to one number and average
 * it over classes or labels (average precision, log AUC; internal): binary, multiclass
 * (one-vs-rest) and multilabel defs, their one-shots and the task-dispatching pair.
 */
import type { CatalogEntry } from "../../catalog/types.js";
import type { MetricDef } from "../../metric.js";
import {
  averagedCurve,
  BINARY_CURVE_OPTIONS,
  binaryCurveDef,
  type CurveAverage,
  MULTICLASS_CURVE_OPTIONS,
  MULTILABEL_CURVE_OPTIONS,
  multiclassCurveDef,
  multilabelCurveDef,
  readCurveClasses,
  readCurveKind,
  readCurveOptions,
} from "./curve-defs.js";
import type {
  BinaryCurveState,
  CurveSource,
  MulticlassCurveState,
  MultilabelCurveState,
} from "./curve-state.js";
import type { LabelInput, NdInput } from "./ndarray.js";
import { runMulticlassOneShot, runOneShot } from "./one-shot.js";
import { optOneOf } from "./options.js";
import type { ScoresKind } from "./preds-kind.js";
import type { BinaryArgs, MulticlassArgs, MultilabelArgs } from "./stat-defs.js";
import { type Averaged, named, optClassNames } from "./stat-metric.js";
import { type AveragedTask, type AveragedTaskDef, taskDispatch } from "./task.js";

type Variant = "binary" | "multiclass" | "multilabel";
type Weight = NdInput | undefined;

/** What an averaged curve concept states; {@link averagedCurveMetric} builds the rest. */
export interface AveragedCurveSpec<P> {
  /** snake_case concept: ids are `classification/<binary|multiclass|multilabel>_<concept>`. */
  concept: string;
  /** PascalCase concept: function names are `<binary|multiclass|multilabel><Name>`. */
  name: string;
  meta: CatalogEntry;
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
  /** The `average` of torchmetrics' task wrapper when it differs from the explicit functions' (log AUC: "none"). */
  taskAverage?: CurveAverage;
}

/** The exports of an averaged curve concept. */
export interface AveragedCurveMetric<B, M, L, D extends CurveAverage = "macro"> {
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
  task: AveragedTask<B, M, L, D>;
  taskDef: AveragedTaskDef<B, M, L, D>;
}

/** Builds an averaged curve concept (multiclass one-vs-rest, multilabel per label; NaN classes left out of averages). */
export function averagedCurveMetric<B, M, L, P, D extends CurveAverage = "macro">(
  spec: AveragedCurveSpec<P>,
): AveragedCurveMetric<B, M, L, D> {
  const names = (variant: Variant) => ({
    id: `classification/${variant}_${spec.concept}`,
    fn: `${variant}${spec.name}`,
    meta: spec.meta,
  });
  const own = [...spec.options, "average", "classNames"];
  const read = (fn: string, options: unknown, shared: readonly string[], extra: readonly string[]) => {
    const o = readCurveOptions(fn, options, shared, extra);
    const parsed = spec.parse(o, fn);
    return { o, parsed, kind: readCurveKind(fn, o, spec.defaultKind?.(parsed) ?? "auto") };
  };
  const built = {
    binaryDef(options: unknown) {
      const n = names("binary");
      const { o, parsed, kind } = read(n.fn, options, BINARY_CURVE_OPTIONS, spec.options);
      return binaryCurveDef({ ...n, compute: (s) => spec.value(s, parsed, "binary") }, o, kind);
    },
    binary: (preds: unknown, target: unknown, third?: unknown, fourth?: unknown) =>
      runOneShot(built.binaryDef, preds, target, third, fourth),
    multiclassDef(options: unknown) {
      const n = names("multiclass");
      const { o, parsed, kind } = read(n.fn, options, MULTICLASS_CURVE_OPTIONS, own);
      const average = optOneOf(n.fn, "average", o.average, spec.averages, spec.averages[0]!);
      const classNames = optClassNames(n.fn, o.classNames, readCurveClasses(n.fn, o, undefined).classes);
      const compute = (context: Parameters<Parameters<typeof multiclassCurveDef>[0]["compute"]>[0]) =>
        named(
          averagedCurve(context, "multiclass", average, (s) => spec.value(s, parsed, "multiclass"), {
            microValue: (s) => (spec.micro ?? spec.value)(s, parsed, "multiclass"),
          }),
          classNames,
        );
      return multiclassCurveDef({ ...n, compute }, o, kind);
    },
    multiclass: (preds: unknown, target: unknown, third?: unknown, fourth?: unknown) =>
      runMulticlassOneShot(built.multiclassDef, names("multiclass").fn, preds, target, third, fourth),
    multilabelDef(options: unknown) {
      const n = names("multilabel");
      const { o, parsed, kind } = read(n.fn, options, MULTILABEL_CURVE_OPTIONS, own);
      const average = optOneOf(n.fn, "average", o.average, spec.averages, spec.averages[0]!);
      const classNames = optClassNames(n.fn, o.classNames, o.numLabels as number);
      const compute = (context: Parameters<Parameters<typeof multilabelCurveDef>[0]["compute"]>[0]) =>
        named(
          averagedCurve(context, "multilabel", average, (s) => spec.value(s, parsed, "multilabel"), {
            microValue: (s) => (spec.micro ?? spec.value)(s, parsed, "multilabel"),
          }),
          classNames,
        );
      return multilabelCurveDef({ ...n, compute }, o, kind);
    },
    multilabel: (preds: unknown, target: unknown, third?: unknown, fourth?: unknown) =>
      runOneShot(built.multilabelDef, preds, target, third, fourth),
  };
  const average = spec.taskAverage ? { average: spec.taskAverage } : {};
  const dispatch = taskDispatch(
    spec.name[0]!.toLowerCase() + spec.name.slice(1),
    {
      binary: { def: built.binaryDef, fn: built.binary },
      multiclass: { def: built.multiclassDef, fn: built.multiclass },
      multilabel: { def: built.multilabelDef, fn: built.multilabel },
    },
    { multiclass: average, multilabel: average },
  );
  return { ...built, task: dispatch.fn, taskDef: dispatch.def } as unknown as AveragedCurveMetric<B, M, L, D>;
}
