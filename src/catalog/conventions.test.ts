/**
 * A definition carries only `meta` (id, range, direction, conventions); its catalog entry, joined
 * by id, holds the text. The signature's `ref:` reads `meta.conventions`, so they must name the
 * libraries the entry's reference implementations name, with their versions, in the same order.
 */
import { describe, expect, it } from "vitest";
import type { MetricMeta } from "../metric.js";
import { definitions } from "./definitions.js";
import type { Reference } from "./types.js";

const MODULES = [
  () => import("../metrics/classification/index.js"),
  () => import("../metrics/regression/index.js"),
  () => import("../metrics/detection/index.js"),
  () => import("../metrics/segmentation/index.js"),
  () => import("../metrics/image/index.js"),
  () => import("../metrics/depth/index.js"),
  () => import("../metrics/generative/index.js"),
  () => import("../metrics/text/index.js"),
  () => import("../metrics/retrieval/index.js"),
  () => import("../metrics/face/index.js"),
  () => import("../rag/index.js"),
];

/** The libraries a reference implementation text may name first (lowercase). */
const LIBRARIES = new Set([
  "torchmetrics",
  "scikit-learn",
  "torch",
  "torchvision",
  "jiwer",
  "scipy",
  "pycocotools",
  "sacrebleu",
  "nltk",
  "keras",
  "panopticapi",
  "py-faster-rcnn",
  "mmdetection",
  "monai",
  "matlab",
  "scikit-image",
  "monodepth2",
  "midas",
  "texygen",
  "rouge-score",
  "seqeval",
]);

/** `name-version` of each `;`-separated implementation text that starts with a library name. */
function conventionsOf(references: readonly Reference[]): string[] {
  const labels = references
    .flatMap((r) => (r.implementation ?? "").split(";"))
    .map((text) => text.trim().split(/\s+/))
    .filter(([name]) => name !== undefined && LIBRARIES.has(name.toLowerCase()))
    .map(([name, version = ""]) => (/^\d+(\.\d+)*$/.test(version) ? `${name}-${version}` : name!));
  return [...new Set(labels)];
}

/** Definitions without an entry of their own, with the entry that covers them. */
const COVERED_BY: Readonly<Record<string, string>> = {
  "regression/median_absolute_error_sketch": "regression/median_absolute_error",
};

const isMeta = (name: string, value: unknown): value is MetricMeta =>
  name.endsWith("Meta") && typeof value === "object" && value !== null && "range" in value;

describe("definition meta and catalog entries", () => {
  it("each exported meta has a catalog entry with its range, direction and conventions", async () => {
    const byId = new Map(definitions.map((entry) => [entry.id, entry]));
    const seen: string[] = [];
    for (const load of MODULES) {
      for (const [name, meta] of Object.entries(await load())) {
        if (!isMeta(name, meta)) continue;
        const entry = byId.get(COVERED_BY[meta.id] ?? meta.id);
        expect(entry, `${name}: no catalog entry ${meta.id}`).toBeDefined();
        expect([name, entry!.range, entry!.direction]).toEqual([name, meta.range, meta.direction]);
        expect([name, meta.conventions ?? []]).toEqual([name, conventionsOf(entry!.references)]);
        seen.push(meta.id);
      }
    }
    expect(seen.length).toBeGreaterThan(150);
  });

  it("a definition's meta holds no catalog text (so a browser bundle does not ship it)", async () => {
    const { binaryAurocDef } = await import("../metrics/classification/index.js");
    const { corpusBleuDef } = await import("../metrics/text/index.js");
    for (const def of [binaryAurocDef(), corpusBleuDef()])
      expect(Object.keys(def.meta).sort()).toEqual(["conventions", "direction", "id", "range"]);
  });
});
