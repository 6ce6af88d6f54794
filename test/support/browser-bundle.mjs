/**
 * How plumbline measures a browser bundle (issue 12 §6), shared by the package test, the
 * tree-shaking test and `scripts/bundle-size.mjs`: esbuild's options for a minified ES module
 * for browsers, and the size budgets the package test holds the installed tarball to.
 */
export const BROWSER_BUNDLE_OPTIONS = Object.freeze({
  bundle: true,
  minify: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  write: false,
  logLevel: "silent",
});

/**
 * Minified bytes: `binaryAuroc` imported alone and the whole `plumbline/text` subpath.
 * `binaryAuroc` was 20 KiB until its binned curves summed non-integer weights exactly (issue 13
 * §3: `core/exact-cells.ts` and the tie sums of weighted exact curves, 20,393 -> 26,784 bytes).
 */
export const BUNDLE_BUDGETS = Object.freeze({ binaryAuroc: 28 * 1024, text: 120 * 1024 });
