import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import * as node from "./index.js";
import * as web from "./web.js";

/** Every module the file imports statically (relative paths resolved, `.js` read as `.ts`), recursively. */
function moduleGraph(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const source = readFileSync(entry, "utf8");
  for (const match of source.matchAll(/^(?:import|export)[^;]*?from\s+"([^"]+)"/gms)) {
    const spec = match[1]!;
    if (spec.startsWith(".")) moduleGraph(resolve(dirname(entry), spec.replace(/\.js$/, ".ts")), seen);
    else seen.add(spec);
  }
  return seen;
}

describe("plumbline/models entries", () => {
  it("the web entry's module graph has no Node built-in and no CLI module", () => {
    const graph = [...moduleGraph(join(import.meta.dirname, "web.ts"))];
    expect(graph.filter((m) => m.startsWith("node:") || m.includes("/cli/"))).toEqual([]);
    expect(graph.filter((m) => !m.startsWith("/") && !m.startsWith("node:"))).toEqual(["fast-png"]);
  });

  it("the Node entry adds only the file helpers", () => {
    const extra = Object.keys(node).filter((k) => !(k in web));
    expect(extra.sort()).toEqual([
      "compareCodePoints",
      "loadBertScoreBaseline",
      "loadByteLevelBpeTokenizer",
      "loadClipTokenizer",
      "loadWordPieceTokenizer",
      "pngFiles",
      "pngFolder",
    ]);
  });
});
