/**
 * The one error type plumbline throws for caller mistakes.
 *
 * Every error carries a stable `code` and a message that names the function, the argument,
 * what was expected and what arrived:
 * ``binaryAuroc: `target` must contain only 0 and 1, got 2 at index 17``.
 */
export type PlumblineErrorCode =
  | "shape_mismatch"
  | "invalid_value"
  | "invalid_option"
  | "empty_input"
  | "unsupported"
  | "invalid_state"
  | "io_error"
  | "judge_error";

export class PlumblineError extends Error {
  override readonly name = "PlumblineError";
  readonly code: PlumblineErrorCode;

  constructor(code: PlumblineErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** Throws a {@link PlumblineError}; returns `never` so it works in expressions. */
export function fail(code: PlumblineErrorCode, message: string): never {
  throw new PlumblineError(code, message);
}

/**
 * {@link fail} with its code fixed, one per common code: the same error, in a call that
 * minifies to a few bytes (the text metrics throw from about a hundred places).
 */
export function invalidValue(message: string): never {
  return fail("invalid_value", message);
}
export function invalidOption(message: string): never {
  return fail("invalid_option", message);
}
export function invalidState(message: string): never {
  return fail("invalid_state", message);
}
export function shapeMismatch(message: string): never {
  return fail("shape_mismatch", message);
}
export function emptyInput(message: string): never {
  return fail("empty_input", message);
}

/** True when `value` is a {@link PlumblineError}, optionally with the given code. */
export function isPlumblineError(value: unknown, code?: PlumblineErrorCode): value is PlumblineError {
  return value instanceof PlumblineError && (code === undefined || value.code === code);
}

/** A short, printable description of an arbitrary value for error messages. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : String(value);
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "bigint" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  if (typeof value === "function") return "a function";
  return `an object (${Object.prototype.toString.call(value).slice(8, -1)})`;
}
