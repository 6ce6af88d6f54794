import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sha256, sha256Bytes } from "./sha256.js";

describe("sha256", () => {
  it("matches the FIPS 180-4 test vectors", () => {
    expect(sha256("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(sha256Bytes(new TextEncoder().encode(""))).toBe(
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
  });

  it("the pure implementation agrees with Node's on any text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        expect(sha256Bytes(new TextEncoder().encode(text))).toBe(
          createHash("sha256").update(text).digest("hex"),
        );
      }),
      { numRuns: 200 },
    );
  });
});
