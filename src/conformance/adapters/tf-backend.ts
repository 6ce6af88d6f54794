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
  return tf;
}
