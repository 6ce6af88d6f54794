import { describe, expect, it } from "vitest";
import { expectError } from "../../test/support/expect-error.js";
import { assertAllocation, formatBytes, getLimits, parseByteSize, setLimits } from "./limits.js";

describe("allocation limits", () => {
  it("parse human sizes", () => {
    expect(parseByteSize("8GiB")).toBe(8 * 2 ** 30);
    expect(parseByteSize("512 MB")).toBe(512e6);
    expect(parseByteSize("1e9")).toBe(1e9);
    expect(parseByteSize("lots")).toBeUndefined();
    expect(parseByteSize("-5")).toBeUndefined();
  });

  it("format sizes for messages", () => {
    expect(formatBytes(2 ** 30)).toBe("1 GiB");
    expect(formatBytes(8e9)).toBe("7.45 GiB");
    expect(formatBytes(100)).toBe("100 bytes");
  });

  it("refuse what exceeds the budget with the code asked for", () => {
    expect(getLimits().maxAllocationBytes).toBe(2 ** 30);
    assertAllocation("f", "x", 2 ** 30);
    expectError(() => assertAllocation("f", "state.scores", 2 ** 31, "invalid_state"), "invalid_state");
  });

  it("setLimits validates and returns the previous limits", () => {
    expectError(() => setLimits({ maxAllocationBytes: -1 }), "invalid_option");
    const previous = setLimits({ maxNestingDepth: 8 });
    expect(getLimits().maxNestingDepth).toBe(8);
    setLimits(previous);
    expect(getLimits().maxNestingDepth).toBe(64);
  });
});
