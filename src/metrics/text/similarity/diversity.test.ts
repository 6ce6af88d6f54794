import { describe, expect, it } from "vitest";
import { createMetric } from "../../../metric.js";
import { distinctN, distinctNDef, selfBleu } from "./diversity.js";

describe("distinctN", () => {
  it("matches the hand-worked ratio", () => {
    // "a b a b": bigrams ab, ba, ab -> 2 distinct / 3.
    expect(distinctN(["a b a b"])).toBeCloseTo(2 / 3, 15);
    expect(distinctN(["a b", "a b"], { n: 1 })).toBe(0.5);
  });

  it("takes the union of n-gram sets when merging", () => {
    const def = distinctNDef({ n: 1 });
    const a = createMetric(def).update(["a b"]);
    const b = createMetric(def).fromJSON(a.toJSON()).update(["b c"]);
    expect(b.compute()).toBe(distinctN(["a b", "b c"], { n: 1 }));
    expect(distinctN([""])).toBe(0);
  });
});

describe("selfBleu", () => {
  it("is 1 for identical texts and needs two texts", () => {
    expect(selfBleu(["a b c d", "a b c d"])).toBe(1);
    expect(() => selfBleu(["a"])).toThrow("selfBleu: needs at least 2 texts, got 1");
  });
});
