/**
 * The part of ONNX Runtime's JavaScript API plumbline uses, typed structurally so that both
 * `onnxruntime-node` and `onnxruntime-web` (1.20 and later) fit and neither is a hard dependency.
 */

/** Element types plumbline feeds or reads. */
export type OrtElementType = "float32" | "int64";

/** A tensor as ONNX Runtime returns it. */
export interface OrtTensor {
  readonly type: string;
  readonly dims: readonly number[];
  readonly data: unknown;
}

/** The metadata ONNX Runtime reports for one input or output (shape entries are numbers or symbolic names). */
export interface OrtValueMetadata {
  readonly name: string;
  readonly isTensor: boolean;
  readonly type?: string;
  readonly shape?: readonly (number | string)[];
}

/** An inference session. */
export interface OrtSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly inputMetadata?: readonly OrtValueMetadata[];
  readonly outputMetadata?: readonly OrtValueMetadata[];
  run(feeds: Record<string, OrtTensor>, fetches?: readonly string[]): Promise<Record<string, OrtTensor>>;
  release(): Promise<void>;
}

/** Session options plumbline sets. */
export interface OrtSessionOptions {
  intraOpNumThreads?: number;
  interOpNumThreads?: number;
}

/** The ONNX Runtime module: `await import("onnxruntime-node")` or `import * as ort from "onnxruntime-web"`. */
export interface OrtModule {
  readonly InferenceSession: {
    create(model: string | Uint8Array, options?: OrtSessionOptions): Promise<OrtSession>;
  };
  readonly Tensor: new (
    type: OrtElementType,
    data: Float32Array | BigInt64Array,
    dims: readonly number[],
  ) => OrtTensor;
}

/** True when `value` looks like an ONNX Runtime module. */
export function isOrtModule(value: unknown): value is OrtModule {
  const v = value as { InferenceSession?: { create?: unknown }; Tensor?: unknown } | null;
  return (
    typeof v === "object" &&
    v !== null &&
    typeof v.InferenceSession?.create === "function" &&
    typeof v.Tensor === "function"
  );
}
