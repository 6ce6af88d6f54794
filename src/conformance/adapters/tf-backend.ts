import { fail } from "../../core/errors.js";

/**
 * Prepares TensorFlow.js for loss cases: loads the CPU and WASM backends and registers the
 * gradients (in Node only `@tensorflow/tfjs-layers` or `@tensorflow/tfjs` registers them; the
 * core package's own `register_all_gradients` is not loadable from Node ESM), then selects the
 * backend. Development dependencies of plumbline; a user running loss conformance cases needs
 * them installed.
 */
export async function useBackend(name: "cpu" | "wasm"): Promise<typeof import("@tensorflow/tfjs-core")> {
  let tf: typeof import("@tensorflow/tfjs-core");
  try {
    tf = await import("@tensorflow/tfjs-core");
    await import("@tensorflow/tfjs-backend-cpu");
    await import("@tensorflow/tfjs-backend-wasm");
    await import("@tensorflow/tfjs-layers");
  } catch (error) {
    return fail(
      "unsupported",
      `conformance: loss cases need @tensorflow/tfjs-core, -backend-cpu, -backend-wasm and -layers installed (${(error as Error).message})`,
    );
  }
  if (tf.getBackend() !== name) {
    const ok = await tf.setBackend(name);
    if (!ok) fail("unsupported", `conformance: TensorFlow.js backend ${name} failed to initialise`);
    await tf.ready();
  }
  // The CPU backend prints a "Hi, looks like you are running TensorFlow.js in Node.js" banner on
  // its first write; plumbline's output (demo, conformance) is not the place for it.
  const cpu = tf.findBackend("cpu") as { firstUse?: boolean } | null;
  if (cpu && "firstUse" in cpu) cpu.firstUse = false;
  return tf;
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
    tensors[name] = tf.tensor(value as import("@tensorflow/tfjs-core").TensorLike, undefined, dtype);
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
