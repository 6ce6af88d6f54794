import { fail } from "../../core/errors.js";
import type { OrtElementType, OrtValueMetadata } from "./ort.js";

/**
 * One dimension a metric expects: a number the model must have (or leave symbolic), `"batch"` for
 * the batch axis (must be dynamic, so any batch size runs), or any other name for a size the
 * model decides (read from the model when it states it).
 */
export type ExpectedDimension = number | string;

/** An input or output a metric expects: element type and dimensions. */
export interface TensorContract {
  readonly type: OrtElementType;
  readonly dims: readonly ExpectedDimension[];
}

/**
 * What a metric needs from a user-supplied model file: the input and output names with their
 * types and shapes, the inputs it feeds only when the model has them (BERT's `token_type_ids`,
 * as zeros; the attention mask of a CLIP text tower exported without one), and where to read how
 * to export such a model.
 */
export interface ModelContract {
  /** What the model is, in words: "Inception-v3 feature extractor (pytorch-fid)". */
  readonly title: string;
  readonly inputs: Readonly<Record<string, TensorContract>>;
  /** Inputs fed only when the model has them: with the metric's data when it has some, else zeros. */
  readonly optionalInputs?: Readonly<Record<string, TensorContract>>;
  readonly outputs: Readonly<Record<string, TensorContract>>;
  /** How to obtain a fitting model ("export it with scripts/models/export_inception.py; see docs/models.md"). */
  readonly howTo: string;
}

/** The sizes a contract leaves to the model, as the model states them (`undefined` when symbolic). */
export type ModelSizes = Readonly<Record<string, number | undefined>>;

function formatDims(dims: readonly (number | string)[] | undefined): string {
  return dims === undefined ? "[?]" : `[${dims.join(", ")}]`;
}

function formatValues(values: readonly OrtValueMetadata[]): string {
  if (values.length === 0) return "none";
  return values
    .map((v) =>
      v.isTensor ? `\`${v.name}\` ${v.type ?? "?"} ${formatDims(v.shape)}` : `\`${v.name}\` (not a tensor)`,
    )
    .join(", ");
}

function formatContract(kind: string, values: Readonly<Record<string, TensorContract>>): string {
  return Object.entries(values)
    .map(([name, c]) => `${kind} \`${name}\` ${c.type} ${formatDims(c.dims)}`)
    .join(", ");
}

/**
 * Checks the inputs and outputs a model declares against a contract and returns the sizes the
 * contract leaves to the model. Fails with `invalid_option` naming what was expected, what the
 * model has and how to obtain a fitting model: a missing name, another element type, another
 * rank, a fixed size that differs, or a fixed batch size. Inputs the contract does not know are
 * refused (the metric could not feed them).
 */
export function checkContract(
  fn: string,
  label: string,
  contract: ModelContract,
  inputs: readonly OrtValueMetadata[],
  outputs: readonly OrtValueMetadata[],
): ModelSizes {
  const sizes: Record<string, number | undefined> = {};
  const refuse: (problem: string) => never = (problem) =>
    fail(
      "invalid_option",
      `${fn}: model ${label} does not fit the ${contract.title}: ${problem}; expected ${formatContract("input", contract.inputs)}, ${formatContract("output", contract.outputs)}; the model has inputs ${formatValues(inputs)} and outputs ${formatValues(outputs)} (${contract.howTo})`,
    );
  const check = (
    kind: string,
    name: string,
    expected: TensorContract,
    actual: OrtValueMetadata | undefined,
  ) => {
    if (actual === undefined) refuse(`it has no ${kind} \`${name}\``);
    if (!actual.isTensor) refuse(`its ${kind} \`${name}\` is not a tensor`);
    if (actual.type !== undefined && actual.type !== expected.type)
      refuse(`its ${kind} \`${name}\` is ${actual.type}, not ${expected.type}`);
    const shape = actual.shape;
    if (shape === undefined || shape.length === 0) return; // shape not stated: ONNX Runtime checks at run time
    if (shape.length !== expected.dims.length)
      refuse(`its ${kind} \`${name}\` has rank ${shape.length}, not ${expected.dims.length}`);
    expected.dims.forEach((want, axis) => {
      const got = shape[axis];
      const fixed = typeof got === "number" && got >= 0 ? got : undefined;
      if (typeof want === "number") {
        if (fixed !== undefined && fixed !== want)
          refuse(`its ${kind} \`${name}\` has size ${fixed} on axis ${axis}, not ${want}`);
      } else if (want === "batch") {
        if (fixed !== undefined)
          refuse(
            `its ${kind} \`${name}\` has a fixed batch size ${fixed} (export it with a dynamic batch axis)`,
          );
      } else {
        const previous = sizes[want];
        if (fixed !== undefined && previous !== undefined && previous !== fixed)
          refuse(`its ${kind} \`${name}\` has ${want} = ${fixed} where another tensor has ${previous}`);
        sizes[want] = fixed ?? previous;
      }
    });
  };
  const inputByName = new Map(inputs.map((v) => [v.name, v]));
  const outputByName = new Map(outputs.map((v) => [v.name, v]));
  for (const [name, expected] of Object.entries(contract.inputs))
    check("input", name, expected, inputByName.get(name));
  for (const [name, expected] of Object.entries(contract.optionalInputs ?? {})) {
    const actual = inputByName.get(name);
    if (actual !== undefined) check("input", name, expected, actual);
  }
  for (const v of inputs) {
    if (!Object.hasOwn(contract.inputs, v.name) && !Object.hasOwn(contract.optionalInputs ?? {}, v.name))
      refuse(`it takes an input \`${v.name}\` that this metric does not provide`);
  }
  for (const [name, expected] of Object.entries(contract.outputs))
    check("output", name, expected, outputByName.get(name));
  return sizes;
}
