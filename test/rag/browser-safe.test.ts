/**
 * Issue 12 §6: `plumbline/rag` bundles for browsers. Walks the module graph of the built entry
 * (static and dynamic imports, as a bundler would) and fails on any Node built-in; the file-backed
 * judgment store lives in the Node-only entry `plumbline/rag/node`, injected by the caller.
 */
import { readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Every module reachable from `entry` and every import specifier it holds, relative imports resolved. */
function moduleGraph(entry: string): { files: string[]; imports: { from: string; specifier: string }[] } {
  const files: string[] = [];
  const imports: { from: string; specifier: string }[] = [];
  const pending = [entry];
  const seen = new Set<string>();
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    files.push(file);
    const text = readFileSync(file, "utf8");
    const pattern = /(?:\bimport\s*\(\s*|\bfrom\s+|\bimport\s+)["']([^"']+)["']/g;
    for (const match of text.matchAll(pattern)) {
      const specifier = match[1]!;
      imports.push({ from: relative(root, file), specifier });
      if (specifier.startsWith(".")) pending.push(join(dirname(file), specifier));
    }
  }
  return { files, imports };
}

describe("plumbline/rag is browser-safe", () => {
  it("the package exports a Node-only entry for the file store", () => {
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
    expect(pkg.exports["./rag"].default).toBe("./dist/rag/index.js");
    expect(pkg.exports["./rag/node"].default).toBe("./dist/rag/node/index.js");
  });

  it("no module reachable from dist/rag/index.js imports a Node built-in", () => {
    const { files, imports } = moduleGraph(join(root, "dist/rag/index.js"));
    expect(files.length).toBeGreaterThan(10);
    const nodeImports = imports.filter((i) => builtins.has(i.specifier));
    expect(nodeImports).toEqual([]);
    // Nothing outside the package either: the entry bundles with no dependency to resolve.
    expect(imports.filter((i) => !i.specifier.startsWith(".")).map((i) => i.specifier)).toEqual([]);
  });

  it("the Node entry is where node:fs lives", () => {
    const { imports } = moduleGraph(join(root, "dist/rag/node/index.js"));
    expect(imports.some((i) => i.specifier === "node:fs/promises")).toBe(true);
  });

  it("a browser bundler (rolldown, vite's, platform browser) bundles it without a warning", async () => {
    const { build } = await import("rolldown");
    const warnings: string[] = [];
    const out = await build({
      input: join(root, "dist/rag/index.js"),
      platform: "browser",
      write: false,
      onwarn: (warning) => {
        warnings.push(warning.message);
      },
      output: { format: "esm", minify: true },
    });
    expect(warnings).toEqual([]);
    expect(out.output).toHaveLength(1);
    // 47 KB minified when written (prompts included); a budget against regressions
    expect((out.output[0] as { code: string }).code.length).toBeLessThan(80_000);
  });

  it("the browser entry runs with only what browsers have: a judge, an in-memory cache", async () => {
    const rag = await import(join(root, "dist/rag/index.js"));
    const judge = Object.assign(async () => '{"reason": "r", "verdict": 1}', { identity: "test" });
    const cache = rag.judgmentCache(rag.memoryStore());
    const samples = [{ question: "q", answer: "a", contexts: ["c"] }];
    const first = await rag.evaluateRag(samples, { metrics: ["ares_context_relevance"], judge, cache });
    expect(first.metrics[0].summary.mean).toBe(1);
    await rag.evaluateRag(samples, { metrics: ["ares_context_relevance"], judge, cache });
    expect(cache.stats().hits).toBe(1);
  });
});
