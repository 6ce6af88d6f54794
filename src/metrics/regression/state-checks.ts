import { describeValue, fail } from "../../core/errors.js";

/**
 * Structural checks for decoded states (`fromJSON`), shared by the regression, image, depth and
 * generative defs: each throws `invalid_state` naming the metric and the field.
 */
export function checkRecord(state: unknown, id: string): Record<string, unknown> {
  if (typeof state !== "object" || state === null || Array.isArray(state)) {
    fail("invalid_state", `${id}: fromJSON expects a state object, got ${describeValue(state)}`);
  }
  return state as Record<string, unknown>;
}

/** Throws unless `record[key]` is a non-negative integer. */
export function checkCount(record: Record<string, unknown>, key: string, id: string): number {
  const v = record[key];
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0) {
    fail(
      "invalid_state",
      `${id}: state field \`${key}\` must be a non-negative integer, got ${describeValue(v)}`,
    );
  }
  return v;
}

/** Throws unless `record[key]` is a Float64Array of `length` elements (any length when undefined). */
export function checkFloat64(
  record: Record<string, unknown>,
  key: string,
  id: string,
  length?: number,
): Float64Array {
  const v = record[key];
  if (!(v instanceof Float64Array) || (length !== undefined && v.length !== length)) {
    fail(
      "invalid_state",
      `${id}: state field \`${key}\` must be a Float64Array${length !== undefined ? ` of length ${length}` : ""}, got ${describeValue(v)}${v instanceof Float64Array ? ` of length ${v.length}` : ""}`,
    );
  }
  return v;
}

/** Throws unless `record[key]` is a growable buffer `{ data: Float64Array, length }` with length <= capacity. */
export function checkGrowable(record: Record<string, unknown>, key: string, id: string): void {
  const v = checkRecord(record[key], id);
  const data = checkFloat64(v, "data", id);
  const length = checkCount(v, "length", id);
  if (length > data.length)
    fail(
      "invalid_state",
      `${id}: state field \`${key}.length\` ${length} exceeds its capacity ${data.length}`,
    );
}
