import { describe, expect, it } from "vitest";
import { catalog, describe as describeEntry, recommend } from "./index.js";

/** Every public module, to check that each catalog entry names real exports (no drift). */
async function publicExports(): Promise<Set<string>> {
  const modules = await Promise.all([
    import("../metrics/classification/index.js"),
    import("../metrics/regression/index.js"),
    import("../metrics/detection/index.js"),
    import("../metrics/segmentation/index.js"),
    import("../metrics/image/index.js"),
    import("../metrics/depth/index.js"),
    import("../metrics/generative/index.js"),
    import("../metrics/text/index.js"),
    import("../metrics/retrieval/index.js"),
    import("../metrics/face/index.js"),
    import("../rag/index.js"),
    import("../losses/index.js"),
  ]);
  return new Set(modules.flatMap((m) => Object.keys(m)));
}

describe("catalog", () => {
  it("has unique, well-formed ids", () => {
    const ids = catalog.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9_-]+\/[a-z0-9_]+$/);
  });

  it("every entry has a formula, a valid range, a reference and at least one export", () => {
    for (const e of catalog) {
      expect(e.formula.length, e.id).toBeGreaterThan(0);
      expect(e.range[0] <= e.range[1], e.id).toBe(true);
      expect(e.references.length, e.id).toBeGreaterThan(0);
      expect(e.exports.length, e.id).toBeGreaterThan(0);
    }
  });

  it("names only exports that exist in the public modules", async () => {
    const exported = await publicExports();
    const missing = catalog.flatMap((e) =>
      e.exports.filter((name) => !exported.has(name)).map((name) => `${e.id}: ${name}`),
    );
    expect(missing).toEqual([]);
  });

  it("pairs losses only with metrics that exist", () => {
    const dangling = catalog.flatMap((e) =>
      (e.pairsWith ?? [])
        .filter((id) => describeEntry(id)?.kind !== "metric")
        .map((id) => `${e.id} -> ${id}`),
    );
    expect(dangling).toEqual([]);
  });

  it("recommend ranks entries by the traits they carry", () => {
    const recs = recommend({ task: "classification", kind: "loss", traits: ["imbalanced"] });
    for (const r of recs) expect(r.matchedTraits).toContain("imbalanced");
    for (let k = 1; k < recs.length; k++)
      expect(recs[k - 1]!.matchedTraits.length).toBeGreaterThanOrEqual(recs[k]!.matchedTraits.length);
  });
});
