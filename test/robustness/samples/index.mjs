/**
 * The sample metrics of the robustness suite, one file per task module: each row names a `*Def`
 * factory of the module, its options and a few valid batches. The suite checks that every `*Def`
 * export of a listed module has a row (so a new metric cannot skip the fuzzing), then fuzzes each
 * row's snapshot and checks unknown options.
 *
 * A row: `{ factory: "binaryAurocDef", options: {}, batches: [[preds, target], ...] }`.
 */

/** The task modules whose every definition is fuzzed (module name → sample file). */
export const areas = {
  classification: () => import("./classification.mjs"),
  detection: () => import("./detection.mjs"),
  segmentation: () => import("./segmentation.mjs"),
  face: () => import("./face.mjs"),
  regression: () => import("./regression.mjs"),
  image: () => import("./image.mjs"),
  depth: () => import("./depth.mjs"),
  generative: () => import("./generative.mjs"),
  retrieval: () => import("./retrieval.mjs"),
  text: () => import("./text.mjs"),
};

/** The rows of one area, with the module they come from. */
export async function loadArea(area) {
  const { rows } = await areas[area]();
  const module = await import(`../../../dist/metrics/${area}/index.js`);
  return { rows, module };
}

/** One row, with its def built. */
export async function loadSample(area, index) {
  const { rows, module } = await loadArea(area);
  const row = rows[index];
  const factory = module[row.factory];
  return { ...row, def: factory(row.options) };
}
