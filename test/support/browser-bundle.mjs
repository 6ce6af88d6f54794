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

/** Minified bytes: `binaryAuroc` imported alone and the whole `plumbline/text` subpath. */
export const BUNDLE_BUDGETS = Object.freeze({ binaryAuroc: 20 * 1024, text: 120 * 1024 });
