import { fail } from "../../core/errors.js";

/** The TensorFlow.js packages plumbline's own loss cases, benches and demo load. */
const PACKAGES = {
  cpu: ["@tensorflow/tfjs-core", "@tensorflow/tfjs-backend-cpu", "@tensorflow/tfjs-layers"],
  wasm: ["@tensorflow/tfjs-core", "@tensorflow/tfjs-backend-wasm", "@tensorflow/tfjs-layers"],
} as const;

/** The one line that says how to install the TensorFlow.js packages a backend needs. */
export function installHint(name: "cpu" | "wasm"): string {
  return `npm install ${PACKAGES[name].map((p) => `${p}@4`).join(" ")}`;
}

/**
 * The CPU backend prints "Hi, looks like you are running TensorFlow.js in Node.js. To speed
 * things up dramatically, install our node backend ..." to the console the first time it stores
 * a tensor (its `firstUse` flag). plumbline's own output (tests, benches, the demo, conformance
 * runs) uses the CPU backend on purpose, as the reference for float32 results, so the banner is
 * noise there: clear the flag before the first tensor is stored. TensorFlow.js programs that
 * use plumbline as a library keep their own backend and its messages.
 */
function quietCpuBackend(tf: typeof import("@tensorflow/tfjs-core")): void {
  const cpu = tf.findBackend("cpu") as unknown as { firstUse?: boolean } | null;
  if (cpu && typeof cpu.firstUse === "boolean") cpu.firstUse = false;
}

/**
 * Prepares TensorFlow.js for plumbline's own loss runs (conformance cases, tests, benches, the
 * demo): loads the core, the requested backend and `@tensorflow/tfjs-layers` (in Node only
 * `@tensorflow/tfjs-layers` or `@tensorflow/tfjs` registers the gradients; the core package's own
 * `register_all_gradients` is not loadable from Node ESM), silences the CPU backend's banner,
 * then selects the backend. Without the packages: `unsupported`, one line naming what to install
 * (`who` names the caller in it).
 */
export async function useBackend(
  name: "cpu" | "wasm",
  who = "conformance",
): Promise<typeof import("@tensorflow/tfjs-core")> {
  let tf: typeof import("@tensorflow/tfjs-core");
  try {
    tf = await import("@tensorflow/tfjs-core");
    await (name === "cpu" ? import("@tensorflow/tfjs-backend-cpu") : import("@tensorflow/tfjs-backend-wasm"));
    await import("@tensorflow/tfjs-layers");
  } catch (error) {
    const missing = /Cannot find (?:package|module) '([^']+)'/.exec((error as Error).message)?.[1];
    return fail(
      "unsupported",
      `${who}: TensorFlow.js is not installed${missing ? ` (${missing} is missing)` : ""}; \`${installHint(name)}\` enables it`,
    );
  }
  quietCpuBackend(tf);
  if (tf.getBackend() !== name) {
    const ok = await tf.setBackend(name);
    if (!ok) fail("unsupported", `${who}: TensorFlow.js backend ${name} failed to initialise`);
    await tf.ready();
  }
  return tf;
}

/** The case schema spells non-finite inputs as the strings "NaN", "Infinity" and "-Infinity". */
function ieeeNumbers(value: unknown): unknown {
  if (value === "NaN") return Number.NaN;
  if (value === "Infinity") return Number.POSITIVE_INFINITY;
  if (value === "-Infinity") return Number.NEGATIVE_INFINITY;
  return Array.isArray(value) ? value.map(ieeeNumbers) : value;
}

/** How {@link lossValueAndGrads} reads a case: `grads` maps each gradient key of the case to the input it differentiates. */
export interface LossCaseSpec {
  /** Case gradient key -> input name, e.g. `{ grad_input: "input" }`. */
  readonly grads: Readonly<Record<string, string>>;
  /** Further inputs passed as constant tensors (null or absent ones are skipped). */
  readonly constants?: readonly string[];
  /** Inputs (among grads' and constants') made int32 instead of float32. */
  readonly integer?: readonly string[];
}

/**
 * The loss-case harness shared by the loss adapters: selects the backend, makes tensors of the
 * differentiable and constant inputs, runs `loss` once for its value (a number, or a nested
 * array when unreduced) and once under `tf.grads` for the gradient of sum(value) with respect to
 * each differentiable input, as the golden cases store them: `{ value, grad_x: ... }`. Every
 * tensor it makes is disposed.
 */
export async function lossValueAndGrads(
  backend: "cpu" | "wasm",
  inputs: Readonly<Record<string, unknown>>,
  spec: LossCaseSpec,
  loss: (
    tensors: Record<string, import("@tensorflow/tfjs-core").Tensor>,
  ) => import("@tensorflow/tfjs-core").Tensor,
): Promise<Record<string, unknown>> {
  type Tensor = import("@tensorflow/tfjs-core").Tensor;
  const tf = await useBackend(backend);
  const gradKeys = Object.keys(spec.grads);
  const names = gradKeys.map((key) => spec.grads[key]!);
  const tensors: Record<string, Tensor> = {};
  for (const name of [...names, ...(spec.constants ?? [])]) {
    const value = inputs[name];
    if (value === null || value === undefined || name in tensors) continue;
    const dtype = spec.integer?.includes(name) ? "int32" : "float32";
    tensors[name] = tf.tensor(
      ieeeNumbers(value) as import("@tensorflow/tfjs-core").TensorLike,
      undefined,
      dtype,
    );
  }
  const withInputs = (xs: Tensor[]): Record<string, Tensor> => {
    const replaced = { ...tensors };
    names.forEach((name, i) => {
      replaced[name] = xs[i]!;
    });
    return replaced;
  };
  try {
    const value = tf.tidy(() => loss(tensors));
    const result: Record<string, unknown> = { value: value.arraySync() };
    value.dispose();
    if (names.length > 0) {
      const grads = tf.grads((...xs: Tensor[]) => tf.sum(loss(withInputs(xs))))(
        names.map((n) => tensors[n]!),
      );
      gradKeys.forEach((key, i) => {
        result[key] = grads[i]!.arraySync();
      });
      tf.dispose(grads);
    }
    return result;
  } finally {
    tf.dispose(Object.values(tensors));
  }
}
