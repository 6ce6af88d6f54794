import { describe, expect, it } from "vitest";
import { catalog } from "../catalog/index.js";
import { useBackend } from "../conformance/adapters/tf-backend.js";
import { entries as classification } from "./classification/catalog.js";
import { entries as depth } from "./depth/catalog.js";
import { entries as detection } from "./detection/catalog.js";
import { entries as face } from "./face/catalog.js";
import { entries as generation } from "./generation/catalog.js";
import * as losses from "./index.js";
import { entries as regression } from "./regression/catalog.js";
import { entries as segmentation } from "./segmentation/catalog.js";
import { entries as sequence } from "./sequence/catalog.js";
import { entries as weighting } from "./weighting/catalog.js";

await useBackend("cpu");

const all = [
  ...regression,
  ...classification,
  ...detection,
  ...segmentation,
  ...face,
  ...depth,
  ...generation,
  ...sequence,
  ...weighting,
];

describe("losses catalog (every folder)", () => {
  it("has unique ids prefixed by their folder", () => {
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    for (const e of regression) expect(e.id.startsWith("regression/")).toBe(true);
    for (const e of weighting) expect(e.kind).toBe("weighting");
  });

  it("names only exports that the public barrel provides", () => {
    const names = new Set(Object.keys(losses));
    for (const entry of all) {
      for (const name of entry.exports) expect(names.has(name), `${entry.id}: ${name}`).toBe(true);
    }
  });

  it("pairs only with metric ids the catalog knows", () => {
    const ids = new Set(catalog.map((e) => e.id));
    const missing = all.flatMap((e) =>
      (e.pairsWith ?? []).filter((id) => !ids.has(id)).map((id) => `${e.id} -> ${id}`),
    );
    expect(missing).toEqual([]);
  });

  it("gives every loss a formula, references, robustness notes and metrics to pair with", () => {
    for (const entry of all) {
      expect(entry.formula.length, entry.id).toBeGreaterThan(3);
      expect(entry.references.length, entry.id).toBeGreaterThan(0);
      expect(entry.robustness?.length ?? 0, entry.id).toBeGreaterThan(0);
      if (entry.kind === "loss") expect(entry.pairsWith?.length ?? 0, entry.id).toBeGreaterThan(0);
    }
  });
});
