import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/** Every module `plumbline/text` loads (static imports followed from its index), with its source. */
function moduleGraph(entry: string): Map<string, string> {
  const seen = new Map<string, string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const source = readFileSync(file, "utf8");
    seen.set(file, source);
    for (const match of source.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"/g)) {
      const spec = match[1]!;
      if (spec.startsWith(".")) visit(resolve(dirname(file), spec.replace(/\.js$/, ".ts")));
      else seen.set(spec, "");
    }
  };
  visit(entry);
  return seen;
}

describe("plumbline/text is browser-safe", () => {
  const graph = moduleGraph(fileURLToPath(new URL("./index.ts", import.meta.url)));

  it("imports no Node built-in (the WordNet loader lives in plumbline/text/node)", () => {
    const builtins = [...graph.keys()].filter((id) => id.startsWith("node:") || !id.startsWith("/"));
    expect(builtins).toEqual([]);
    expect([...graph.keys()].some((id) => id.endsWith("/text/node.ts"))).toBe(false);
  });

  it("reads no process, Buffer or module-relative file in the text metrics (core feature-detects Buffer)", () => {
    const offenders = [...graph.entries()]
      .filter(([id]) => id.includes("/metrics/text/"))
      .filter(([, source]) => /\bprocess\.|\bBuffer\b|import\.meta\.url|require\(/.test(source))
      .map(([id]) => id.replace(/^.*\/src\//, "src/"));
    expect(offenders).toEqual([]);
  });
});
