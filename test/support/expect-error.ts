import { expect } from "vitest";
import { isPlumblineError, type PlumblineError, type PlumblineErrorCode } from "../../src/core/errors.js";

/** Test helper: the PlumblineError that `run` throws; fails the test when it returns or throws anything else. */
export function caught(run: () => unknown): PlumblineError {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  if (thrown === undefined) throw new Error("expected a PlumblineError, but nothing was thrown");
  expect(isPlumblineError(thrown), String(thrown)).toBe(true);
  return thrown as PlumblineError;
}

/**
 * Test helper: asserts `run` throws a PlumblineError with `code` and (when given) exactly
 * `message`; returns the error for further assertions.
 */
export function expectError(run: () => unknown, code: PlumblineErrorCode, message?: string): PlumblineError {
  const error = caught(run);
  expect(error.code).toBe(code);
  if (message !== undefined) expect(error.message).toBe(message);
  return error;
}

/** Test helper: the `"code: message"` of the PlumblineError that `run` throws. */
export function messageOf(run: () => unknown): string {
  const error = caught(run);
  return `${error.code}: ${error.message}`;
}

/** Test helper: what `run` throws, or undefined when it returns. */
export function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}
