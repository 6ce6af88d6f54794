import { expect } from "vitest";
import { isPlumblineError, type PlumblineError, type PlumblineErrorCode } from "../../src/core/errors.js";

/**
 * Test helper: awaits `run` and returns the PlumblineError it rejects with, asserting its `code`
 * and (when given) its exact `message` or a pattern the message must match; fails the test when it
 * resolves or rejects with anything else.
 */
export async function expectRejection(
  run: () => Promise<unknown>,
  code: PlumblineErrorCode,
  message?: string | RegExp,
): Promise<PlumblineError> {
  let thrown: unknown;
  try {
    await run();
  } catch (error) {
    thrown = error;
  }
  if (thrown === undefined) throw new Error("expected a PlumblineError, but the promise resolved");
  expect(isPlumblineError(thrown), String(thrown)).toBe(true);
  const error = thrown as PlumblineError;
  expect(error.code, error.message).toBe(code);
  if (typeof message === "string") expect(error.message).toBe(message);
  else if (message !== undefined) expect(error.message).toMatch(message);
  return error;
}
