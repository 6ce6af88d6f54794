export declare const BROWSER_BUNDLE_OPTIONS: Readonly<{
  bundle: true;
  minify: true;
  format: "esm";
  platform: "browser";
  target: "es2022";
  write: false;
  logLevel: "silent";
}>;
export declare const BUNDLE_BUDGETS: Readonly<{ binaryAuroc: number; text: number }>;
