/**
 * Minified browser-bundle sizes from `dist/` (run `npx tsc --build` first), with the esbuild
 * options of test/package/package.test.ts but without packing the tarball: the whole
 * `plumbline/text` subpath and `binaryAuroc` alone. `--inputs N` also lists the N largest inputs
 * of each (bytes each contributes).
 *
 *   node scripts/bundle-size.mjs [--inputs 30]
 */
import { resolve } from "node:path";
import { build } from "esbuild";
import { BROWSER_BUNDLE_OPTIONS, BUNDLE_BUDGETS as BUDGETS } from "../test/support/browser-bundle.mjs";

const dist = resolve("dist");

async function bundle(contents) {
  const result = await build({
    ...BROWSER_BUNDLE_OPTIONS,
    stdin: { contents, resolveDir: dist, loader: "js" },
    metafile: true,
  });
  return { size: result.outputFiles[0].text.length, metafile: result.metafile };
}

const text = await bundle(
  `import * as M from "./metrics/text/index.js"; globalThis.__result = Object.keys(M).length;`,
);
const auroc = await bundle(
  `import { binaryAuroc } from "./metrics/classification/index.js"; globalThis.__result = binaryAuroc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]);`,
);
console.log(
  `plumbline/text: ${text.size} bytes (budget ${BUDGETS.text}); binaryAuroc: ${auroc.size} bytes (budget ${BUDGETS.binaryAuroc})`,
);
const at = process.argv.indexOf("--inputs");
if (at >= 0) {
  for (const [name, { metafile }] of [
    ["plumbline/text", text],
    ["binaryAuroc", auroc],
  ]) {
    console.log(`\n${name}, largest inputs (bytes each contributes):`);
    const inputs = Object.values(metafile.outputs)[0].inputs;
    const rows = Object.entries(inputs).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput);
    for (const [file, { bytesInOutput }] of rows.slice(0, Number(process.argv[at + 1] ?? 30)))
      console.log(`${String(bytesInOutput).padStart(7)}  ${file.replace(/^.*?dist\//, "dist/")}`);
  }
}
