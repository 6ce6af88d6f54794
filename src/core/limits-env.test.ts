import { afterEach, describe, expect, it } from "vitest";
import { expectError } from "../../test/support/expect-error.js";
import { limitsFromEnvironment as browserLimits } from "./limits-env.browser.js";
import { limitsFromEnvironment } from "./limits-env.js";

describe("limits from the environment", () => {
  const saved = process.env.PLUMBLINE_MAX_ALLOCATION;
  afterEach(() => {
    if (saved === undefined) delete process.env.PLUMBLINE_MAX_ALLOCATION;
    else process.env.PLUMBLINE_MAX_ALLOCATION = saved;
  });

  it("reads PLUMBLINE_MAX_ALLOCATION in Node, and refuses a value that is not a size", () => {
    process.env.PLUMBLINE_MAX_ALLOCATION = "8GiB";
    expect(limitsFromEnvironment()).toEqual({ maxAllocationBytes: 8 * 2 ** 30 });
    delete process.env.PLUMBLINE_MAX_ALLOCATION;
    expect(limitsFromEnvironment()).toEqual({});
    process.env.PLUMBLINE_MAX_ALLOCATION = "lots";
    expectError(
      () => limitsFromEnvironment(),
      "invalid_option",
      'PLUMBLINE_MAX_ALLOCATION must be a size such as "8GiB" or "512MB", got "lots"',
    );
  });

  it("the browser build reads no environment", () => {
    process.env.PLUMBLINE_MAX_ALLOCATION = "8GiB";
    expect(browserLimits()).toEqual({});
  });
});
