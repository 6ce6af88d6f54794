// Module resolution hooks of without-tfjs.mjs: "@tensorflow/..." cannot be found.
export async function resolve(specifier, context, nextResolve) {
  if (specifier.startsWith("@tensorflow/")) {
    const error = new Error(`Cannot find package '${specifier}' imported from ${context.parentURL}`);
    error.code = "ERR_MODULE_NOT_FOUND";
    throw error;
  }
  return nextResolve(specifier, context);
}
