import { describeValue, fail } from "../../core/errors.js";
import { isOrtModule, type OrtModule } from "./ort.js";

/** The exact version plumbline is tested with (an optional peer dependency). */
export const ONNX_RUNTIME_VERSION = "1.31.1";

const INSTALL_NODE = `ONNXRUNTIME_NODE_INSTALL_CUDA=skip npm install onnxruntime-node@${ONNX_RUNTIME_VERSION}`;

function isNode(): boolean {
  return (
    typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === "string"
  );
}

let loaded: Promise<OrtModule> | undefined;

/**
 * The ONNX Runtime to use when the caller passes none: `onnxruntime-node` in Node (an optional
 * peer dependency, imported on first use), nothing in a browser (pass `runtime`, for example
 * `import * as ort from "onnxruntime-web"`). The package name sits in a variable so bundlers do
 * not try to follow it into a browser build.
 */
export async function defaultRuntime(fn: string): Promise<OrtModule> {
  if (!isNode())
    fail(
      "unsupported",
      `${fn}: no ONNX Runtime given; outside Node pass \`runtime\` (for example \`import * as ort from "onnxruntime-web"\`)`,
    );
  const name = "onnxruntime-node";
  loaded ??= import(/* @vite-ignore */ name).then((m: unknown) => {
    const module = isOrtModule(m) ? m : (m as { default?: unknown }).default;
    if (!isOrtModule(module)) throw new Error("onnxruntime-node does not export InferenceSession and Tensor");
    return module;
  });
  try {
    return await loaded;
  } catch (error) {
    loaded = undefined;
    return fail(
      "unsupported",
      `${fn}: model-based metrics need onnxruntime-node (an optional peer dependency): install it with \`${INSTALL_NODE}\` (the CPU build inside the package works offline), or pass \`runtime\` (${error instanceof Error ? error.message.split("\n")[0] : describeValue(error)})`,
    );
  }
}

/** The runtime option if given (checked), else {@link defaultRuntime}. */
export async function resolveRuntime(fn: string, runtime: unknown): Promise<OrtModule> {
  if (runtime === undefined) return defaultRuntime(fn);
  if (!isOrtModule(runtime))
    fail(
      "invalid_option",
      `${fn}: option \`runtime\` must be an ONNX Runtime module (InferenceSession and Tensor), got ${describeValue(runtime)}`,
    );
  return runtime;
}
