/** Sample rows of plumbline/image for the robustness suite (see index.mjs). */
const side = 16;

/** A seeded N x C x side x side image batch with values in [0, 1]. */
function images(n, c, seed) {
  let s = seed;
  const next = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  return Array.from({ length: n }, () =>
    Array.from({ length: c }, () => Array.from({ length: side }, () => Array.from({ length: side }, next))),
  );
}

const preds = images(2, 3, 7);
const target = images(2, 3, 11);

const pair = (factory, options = {}) => ({ factory, options, batches: [[preds, target]] });

export const rows = [
  pair("psnrDef", { dataRange: 1 }),
  pair("ssimDef", { dataRange: 1 }),
  pair("ssimDef", { convention: "skimage", dataRange: 1 }),
  pair("msSsimDef", { dataRange: 1, betas: [0.5, 0.5] }),
  pair("uqiDef"),
  pair("ergasDef"),
  pair("spectralAngleMapperDef"),
  { factory: "totalVariationDef", options: {}, batches: [[preds]] },
];

/** Set when every `*Def` export of the module has a row (the suite then enforces it). */
export const complete = true;
