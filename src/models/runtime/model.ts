import { describeValue, fail, isPlumblineError } from "../../core/errors.js";
import { optInteger, optionNames, readOptions } from "../../core/options.js";
import { checkContract, type ModelContract, type ModelSizes } from "./contract.js";
import { resolveRuntime } from "./default-runtime.js";
import type { OrtElementType, OrtModule, OrtSession, OrtTensor, OrtValueMetadata } from "./ort.js";

/** A loaded ONNX model: its session, the runtime that made it and a label for messages. */
export interface OnnxModel {
  /** The file path (or `"<bytes>"`) it was loaded from, for messages. */
  readonly label: string;
  readonly session: OrtSession;
  readonly runtime: OrtModule;
  /** Frees the session's native memory; the model cannot run afterwards. */
  release(): Promise<void>;
}

/** Where a model comes from: a file path (a URL with onnxruntime-web), the file's bytes, or a loaded model. */
export type ModelSource = string | Uint8Array | OnnxModel;

/** Options of {@link loadModel}. */
export interface LoadModelOptions {
  /** ONNX Runtime module; default `onnxruntime-node` in Node (pass `onnxruntime-web` in a browser). */
  readonly runtime?: OrtModule;
  /** Threads ONNX Runtime may use inside one operator (`intraOpNumThreads`); default its own choice. */
  readonly threads?: number;
}

const LOAD_MODEL_OPTIONS = optionNames<LoadModelOptions>()("runtime", "threads");

/** True when `value` is a model returned by {@link loadModel}. */
export function isOnnxModel(value: unknown): value is OnnxModel {
  const v = value as Partial<OnnxModel> | null;
  return (
    typeof v === "object" && v !== null && typeof v.label === "string" && typeof v.session?.run === "function"
  );
}

function labelOf(source: string | Uint8Array): string {
  return typeof source === "string" ? JSON.stringify(source) : `<${source.length} bytes>`;
}

/** Loads a model with the given runtime; every failure is an `io_error` naming the file. */
export async function createModel(
  fn: string,
  source: string | Uint8Array,
  runtime: OrtModule,
  threads: number | undefined,
): Promise<OnnxModel> {
  const label = labelOf(source);
  if (typeof source === "string" && source.length === 0)
    fail("invalid_option", `${fn}: the model path is empty`);
  let session: OrtSession;
  try {
    session = await runtime.InferenceSession.create(
      source,
      threads === undefined ? {} : { intraOpNumThreads: threads, interOpNumThreads: 1 },
    );
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/\s+/g, " ").trim() : describeValue(error);
    return fail(
      "io_error",
      `${fn}: could not load the ONNX model ${label}: ${reason} (the user supplies the model file; see docs/models.md)`,
    );
  }
  return { label, session, runtime, release: () => session.release() };
}

/**
 * Loads an ONNX model file (or its bytes) once, to pass to several metric calls as `model`.
 * Missing or unreadable files are `io_error`; whether the model fits a metric is checked by the
 * metric. Release it with `model.release()` when done.
 *
 * @example const inception = await loadModel("pt_inception-2015-12-05.onnx", { threads: 4 });
 */
export async function loadModel(source: string | Uint8Array, options?: LoadModelOptions): Promise<OnnxModel> {
  const fn = "loadModel";
  const o = readOptions<LoadModelOptions>(fn, options, LOAD_MODEL_OPTIONS);
  if (typeof source !== "string" && !(source instanceof Uint8Array))
    fail(
      "invalid_value",
      `${fn}: \`source\` must be a file path or the model's bytes, got ${describeValue(source)}`,
    );
  const threads =
    o.threads === undefined
      ? undefined
      : optInteger(fn, "threads", o.threads, undefined, { min: 1, max: 1024 });
  return createModel(fn, source, await resolveRuntime(fn, o.runtime), threads);
}

function metadata(session: OrtSession, kind: "input" | "output"): OrtValueMetadata[] {
  const names = kind === "input" ? session.inputNames : session.outputNames;
  const stated = kind === "input" ? session.inputMetadata : session.outputMetadata;
  // Runtimes before 1.21 state no metadata: names only, shapes checked by ONNX Runtime at run time.
  return names.map((name, i) => stated?.[i] ?? { name, isTensor: true });
}

/** A model opened for one metric: checked against its contract, with the sizes the model states. */
export interface OpenedModel {
  readonly model: OnnxModel;
  readonly sizes: ModelSizes;
  /** Releases the session when this call loaded it (not when the caller passed a loaded model). */
  close(): Promise<void>;
}

/**
 * Opens the `model` option of a metric: loads it when it is a path or bytes (released by
 * `close`), then checks it against the metric's contract.
 */
export async function openModel(
  fn: string,
  source: unknown,
  contract: ModelContract,
  options: { runtime?: unknown; threads?: number | undefined },
): Promise<OpenedModel> {
  if (source === undefined)
    fail("invalid_option", `${fn}: option \`model\` is required: the ${contract.title} (${contract.howTo})`);
  let model: OnnxModel;
  let owned = false;
  if (isOnnxModel(source)) model = source;
  else if (typeof source === "string" || source instanceof Uint8Array) {
    model = await createModel(fn, source, await resolveRuntime(fn, options.runtime), options.threads);
    owned = true;
  } else
    return fail(
      "invalid_option",
      `${fn}: option \`model\` must be a file path, the model's bytes or a model from loadModel, got ${describeValue(source)}`,
    );
  const close = async () => {
    if (owned) await model.session.release();
  };
  try {
    const sizes = checkContract(
      fn,
      model.label,
      contract,
      metadata(model.session, "input"),
      metadata(model.session, "output"),
    );
    return { model, sizes, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** A tensor to feed: element type, data and dimensions. */
export interface Feed {
  readonly type: OrtElementType;
  readonly data: Float32Array | BigInt64Array;
  readonly dims: readonly number[];
}

/** An output read back as float32 data with its dimensions. */
export interface Fetched {
  readonly data: Float32Array;
  readonly dims: readonly number[];
}

/**
 * Runs one batch: feeds the contract's inputs and the optional inputs the model has (zeros when
 * `feeds` has none for them),
 * fetches the named outputs as float32 and checks their dimensions against the contract (the
 * batch axis must equal `batch`). A failure inside ONNX Runtime is `unsupported`, naming the model
 * and the batch's shapes.
 */
export async function runModel(
  fn: string,
  opened: OpenedModel,
  contract: ModelContract,
  feeds: Readonly<Record<string, Feed>>,
  fetch: readonly string[],
  batch: number,
): Promise<Record<string, Fetched>> {
  const { model } = opened;
  const tensors: Record<string, OrtTensor> = {};
  const accepts = new Set(model.session.inputNames);
  for (const [name, feed] of Object.entries(feeds)) {
    if (Object.hasOwn(contract.optionalInputs ?? {}, name) && !accepts.has(name)) continue;
    tensors[name] = new model.runtime.Tensor(feed.type, feed.data, feed.dims);
  }
  const reference = Object.values(feeds)[0];
  for (const [name, spec] of Object.entries(contract.optionalInputs ?? {})) {
    if (!accepts.has(name) || tensors[name] !== undefined || reference === undefined) continue;
    const size = reference.dims.reduce((a, b) => a * b, 1);
    const data = spec.type === "int64" ? new BigInt64Array(size) : new Float32Array(size);
    tensors[name] = new model.runtime.Tensor(spec.type, data, reference.dims);
  }
  let results: Record<string, OrtTensor>;
  try {
    results = await model.session.run(tensors, fetch);
  } catch (error) {
    if (isPlumblineError(error)) throw error;
    const shapes = Object.entries(feeds)
      .map(([name, f]) => `${name} [${f.dims.join(", ")}]`)
      .join(", ");
    const reason = error instanceof Error ? error.message.replace(/\s+/g, " ").trim() : describeValue(error);
    return fail("unsupported", `${fn}: model ${model.label} failed on a batch (${shapes}): ${reason}`);
  }
  const out: Record<string, Fetched> = {};
  for (const name of fetch) {
    const tensor = results[name];
    const spec = contract.outputs[name];
    if (tensor === undefined || spec === undefined)
      fail("unsupported", `${fn}: model ${model.label} returned no output \`${name}\``);
    const dims = [...tensor.dims];
    const fits =
      dims.length === spec.dims.length &&
      spec.dims.every((want, axis) => {
        const got = dims[axis]!;
        if (want === "batch") return got === batch;
        if (typeof want === "number") return got === want;
        const stated = opened.sizes[want];
        return stated === undefined || got === stated;
      });
    if (!fits || !(tensor.data instanceof Float32Array))
      fail(
        "unsupported",
        `${fn}: model ${model.label} returned \`${name}\` as ${tensor.type} [${dims.join(", ")}], expected float32 [${spec.dims.map((d) => (d === "batch" ? batch : d)).join(", ")}]`,
      );
    out[name] = { data: tensor.data, dims };
  }
  return out;
}
