/** One golden case, as `test/data/conformance/README.md` describes the schema. */
export interface ConformanceCase {
  readonly id: string;
  readonly family: string;
  readonly metric: string;
  readonly ref: string;
  /** A key of the file's `datasets`, or the inputs object itself (coco_cases.json). */
  readonly inputs: string | Record<string, unknown>;
  readonly options: Record<string, unknown>;
  readonly expected: unknown;
  readonly rtol: number;
  readonly atol: number;
  readonly note?: string | null;
}

export interface ConformanceFile {
  readonly split?: string;
  readonly seed?: number;
  readonly versions?: Record<string, string>;
  readonly datasets: Record<string, Record<string, unknown>>;
  readonly cases: readonly ConformanceCase[];
  readonly errors?: readonly Record<string, unknown>[];
}

/** Settings that apply to a whole run (the TensorFlow.js backend for loss cases). */
export interface AdapterContext {
  readonly backend: "cpu" | "wasm";
}

/**
 * Maps one reference `metric` (and optionally a `ref` substring, for metrics computed by
 * several references with different conventions) onto the library.
 */
export interface Adapter {
  readonly metric: string;
  /** When set, the adapter applies only to cases whose `ref` contains this text. */
  readonly ref?: string;
  run(
    inputs: Record<string, unknown>,
    options: Record<string, unknown>,
    testCase: ConformanceCase,
    context: AdapterContext,
  ): unknown;
  /** Tolerances to use instead of the case's (float32 backends); say why in the adapter. */
  tolerance?(testCase: ConformanceCase, context: AdapterContext): { rtol: number; atol: number };
}

export type CaseStatus = "pass" | "fail" | "unsupported";

export interface CaseResult {
  readonly id: string;
  readonly family: string;
  readonly metric: string;
  readonly ref: string;
  readonly status: CaseStatus;
  readonly detail?: string;
  readonly milliseconds: number;
}

export interface ConformanceReport {
  readonly results: readonly CaseResult[];
  readonly passed: number;
  readonly failed: number;
  readonly unsupported: number;
}
