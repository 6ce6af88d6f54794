import { afterEach, describe, expect, it } from "vitest";
import { expectError } from "../../test/support/expect-error.js";
import { append, concatGrowable, filled, growableFloat64, growableUint8 } from "./buffer.js";
import { getLimits, setLimits } from "./limits.js";

describe("growable buffers", () => {
  const defaults = getLimits();
  afterEach(() => {
    setLimits(defaults);
  });

  it("grow by doubling, but never past the allocation budget", () => {
    setLimits({ maxAllocationBytes: 1000 });
    const b = growableFloat64();
    append(b, new Float64Array(70));
    append(b, new Float64Array(50)); // doubling would ask for 128 values (1,024 bytes)
    expect(b.data.length).toBe(125);
    expect(filled(b).length).toBe(120);
    append(b, new Float64Array(5));
    expect(b.length).toBe(125);
  });

  it("refuse values past the budget with invalid_value, leaving the buffer as it was", () => {
    setLimits({ maxAllocationBytes: 1000 });
    const b = growableUint8();
    append(b, new Uint8Array(990));
    expectError(
      () => append(b, new Uint8Array(20)),
      "invalid_value",
      "metric state: a buffer of 1010 values would need 1010 bytes, above the 1000 bytes allocation limit; raise it deliberately with setLimits({ maxAllocationBytes }) or PLUMBLINE_MAX_ALLOCATION=8GiB",
    );
    expect(b.length).toBe(990);
    expectError(() => concatGrowable(b, b), "invalid_value");
  });
});
